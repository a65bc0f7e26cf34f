"""Filters every list shares: ``updated_since`` is how the bureau pulls what changed, and the
ordering."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework.filters import OrderingFilter


class UpdatedSince(django_filters.FilterSet):
    """For models with ``updated_at``: rows changed at or after the given ISO 8601 time."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Changed at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )


class Ordering(OrderingFilter):
    """``?ordering=`` among the view's ``ordering_fields``, listed in the schema as the values it
    takes (``field`` or ``-field`` for descending, several separated by commas)."""

    ordering_description = _(
        "Sort by these fields, separated by commas; a minus sign before a field sorts newest or "
        "largest first."
    )

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
