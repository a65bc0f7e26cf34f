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
