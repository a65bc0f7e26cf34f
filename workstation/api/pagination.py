from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """100 rows a page by default, ``?page_size=`` up to 500."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    page_query_description = _("A page number, from 1 (or “last”).")
    page_size_query_description = _("Rows a page: 100 unless given, at most 500.")

    def get_page_number(self, request, paginator):
        # A page that is not a number is the reader's mistake (400, named); a number past the last
        # page is a page that does not exist (404), as DRF answers.
        page_number = super().get_page_number(request, paginator)
        if isinstance(page_number, int):  # the first page, or "last"
            return page_number
        try:
            valid = int(page_number) >= 1
        except ValueError:
            valid = False
        if not valid:
            raise ValidationError({self.page_query_param: [_("Give a whole number from 1.")]})
        return page_number

    def get_schema_operation_parameters(self, view):
        page, page_size = super().get_schema_operation_parameters(view)
        page["schema"] = {"type": "integer", "minimum": 1}
        page_size["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return [page, page_size]
