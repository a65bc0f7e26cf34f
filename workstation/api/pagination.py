"""Lists come a page at a time, by cursor: ``next`` and ``previous`` are links that hold the place.

A cursor, unlike a page number, costs the same at the 500th page as at the first (the database
seeks to the place instead of counting past every row before it) and no row is skipped or read
twice when rows are added while a reader pulls. There is no total: counting 100,000 profiles
costs more than the page itself.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination


class InvalidCursor(NotFound):
    default_detail = _("This link to a page is not valid: start again from the first page.")
    default_code = "invalid_cursor"


class Pages(CursorPagination):
    """100 rows a page by default, ``?page_size=`` up to 500, in the view's ordering (or the
    ``?ordering=`` asked for; the views offer only fields that are never empty, so every row has
    a place)."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    cursor_query_description = _(
        "Where the page starts: give the `next` or `previous` link of the page before as it is."
    )
    page_size_query_description = _("Rows a page: 100 unless given, at most 500.")

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:  # DRF's own refusal of a cursor it cannot read
            raise InvalidCursor() from None
        except (ValidationError, ValueError, OverflowError, DataError):
            # A cursor is ours only when it comes from a ``next`` link; one made by hand may hold
            # a place the column cannot take (a date that is not a date).
            raise InvalidCursor() from None

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        # Rows tied on the first field are told apart by the offset in the cursor; ``id`` last
        # keeps their order the same from page to page.
        if not any(field.removeprefix("-") in {"id", "pk"} for field in ordering):
            ordering = (*ordering, "-id" if ordering[0].startswith("-") else "id")
        return tuple(ordering)

    def _get_position_from_instance(self, instance, ordering):
        # ``event__starts_at``: the place of a row may be a field of a related row.
        value = instance
        for name in ordering[0].removeprefix("-").split("__"):
            value = value[name] if isinstance(value, dict) else getattr(value, name)
        return None if value is None else str(value)

    def get_schema_operation_parameters(self, view):
        cursor, page_size = super().get_schema_operation_parameters(view)
        page_size["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return [cursor, page_size]
