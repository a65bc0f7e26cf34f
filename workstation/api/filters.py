"""Filters every list shares: ``updated_since`` is how the bureau pulls what changed."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _


class UpdatedSince(django_filters.FilterSet):
    """For models with ``updated_at``: rows changed at or after the given ISO 8601 time."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )


class StartsBetween(UpdatedSince):
    """``starts_after``/``starts_before``: the rows of a period, by when they start
    (``starts_field``, e.g. an event's ``starts_at`` or a meeting's ``event__starts_at``)."""

    starts_field = "starts_at"

    starts_after = django_filters.IsoDateTimeFilter(
        method="start_at_or_after",
        label=_("Starting at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )
    starts_before = django_filters.IsoDateTimeFilter(
        method="start_before",
        label=_("Starting before (ISO 8601, e.g. 2027-01-01T00:00:00Z)"),
    )

    def start_at_or_after(self, queryset, name, value):
        return queryset.filter(**{f"{self.starts_field}__gte": value})

    def start_before(self, queryset, name, value):
        return queryset.filter(**{f"{self.starts_field}__lt": value})
