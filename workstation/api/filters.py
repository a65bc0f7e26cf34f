"""Filters every list shares: ``updated_since`` is how the bureau pulls what changed, and the
ordering."""

from __future__ import annotations

from datetime import UTC

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from rest_framework import exceptions
from rest_framework.filters import OrderingFilter


class InstantField(IsoDateTimeField):
    """An ISO 8601 time, handed to the database in UTC: Python accepts offsets up to ±23:59 that
    PostgreSQL refuses (beyond ±15:59), which would be a server error instead of a named 400."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:  # e.g. 0001-01-01T00:00+14:00 is before year 1 in UTC
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class Instant(django_filters.IsoDateTimeFilter):
    field_class = InstantField


class UpdatedSince(django_filters.FilterSet):
    """For models with ``updated_at``: rows changed at or after the given ISO 8601 time."""

    updated_since = Instant(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )


class StartsBetween(UpdatedSince):
    """``starts_after``/``starts_before``: the rows of a period, by when they start
    (``starts_field``, e.g. an event's ``starts_at`` or a meeting's ``event__starts_at``)."""

    starts_field = "starts_at"

    starts_after = Instant(
        method="start_at_or_after",
        label=_("Starting at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )
    starts_before = Instant(
        method="start_before",
        label=_("Starting before (ISO 8601, e.g. 2027-01-01T00:00:00Z)"),
    )

    def start_at_or_after(self, queryset, name, value):
        return queryset.filter(**{f"{self.starts_field}__gte": value})

    def start_before(self, queryset, name, value):
        return queryset.filter(**{f"{self.starts_field}__lt": value})


class Ordering(OrderingFilter):
    """``?ordering=`` among the view's ``ordering_fields``, listed in the schema as the values it
    takes (``field`` or ``-field`` for descending, several separated by commas)."""

    ordering_description = _(
        "Sort by these fields, separated by commas; a minus sign before a field sorts newest or "
        "largest first."
    )

    def get_ordering(self, request, queryset, view):
        # An unknown field is refused (400, named) rather than dropped: a reader who pulls
        # changes page by page must not get another order than the one asked for without knowing.
        asked = request.query_params.get(self.ordering_param, "")
        terms = [term.strip() for term in asked.split(",") if term.strip()]
        fields = self.get_valid_fields(queryset, view, {"request": request})
        valid = {name for name, _label in fields}
        unknown = [term for term in terms if term.removeprefix("-") not in valid]
        if unknown:
            raise exceptions.ValidationError(
                {
                    self.ordering_param: [
                        _("Unknown: %(unknown)s. Sort by: %(valid)s.")
                        % {"unknown": ", ".join(unknown), "valid": ", ".join(sorted(valid))}
                    ]
                }
            )
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        (parameter,) = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None) or []
        if fields != "__all__":
            values = [value for field in fields for value in (field, f"-{field}")]
            parameter.update(
                schema={"type": "array", "items": {"type": "string", "enum": values}},
                style="form",
                explode=False,
            )
        return [parameter]
