"""The base of every API endpoint: read only, rows through the model's ``visible_to``."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from workstation.api.models import ApiToken
from workstation.api.services import record_read
from workstation.translated import LANGUAGE_CODES

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(LANGUAGE_CODES),
    description=_(
        "zh-hans or en: the language of `title`-like fields and of messages (else Accept-Language)."
    ),
)


def requested_language(request) -> str | None:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGE_CODES else None


class InRequestedLanguage:
    """A view answering in the language of ``?lang=`` (else of Accept-Language, as the locale
    middleware chose): fields, labels and error messages alike."""

    def dispatch(self, request, *args, **kwargs):
        language = requested_language(request)
        if language is None:
            return super().dispatch(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = super().dispatch(request, *args, **kwargs)
            response["Content-Language"] = language
            return response


@extend_schema(parameters=[LANG_PARAMETER])
class ReadOnlyViewSet(InRequestedLanguage, viewsets.ReadOnlyModelViewSet):
    """``model.objects.visible_to(user)`` is where visibility is decided, for the API as for the
    pages; a subclass adds ``select_related``/``prefetch_related`` in ``rows()``.

    ``personal_data`` names what a read hands out (e.g. "talent profile"): every such read is
    audited with the token's name and the ids read.
    """

    model = None
    personal_data = ""
    file_actions: tuple[str, ...] = ()

    def rows(self, queryset):
        return queryset

    def perform_content_negotiation(self, request, force=False):
        # An action in ``file_actions`` answers with its file (a PDF, a zip) whatever Accept asks
        # for; its errors come as JSON.
        force = force or self.action in self.file_actions
        return super().perform_content_negotiation(request, force=force)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema is made without a reader (also by `check --deploy`, before any table
            # exists): it needs the model, not who may see which rows.
            return self.model.objects.none()
        return self.rows(self.model.objects.visible_to(self.request.user))

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.audit_read([row["id"] for row in response.data["results"]])
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self.audit_read([response.data["id"]])
        return response

    def audit_read(self, ids) -> None:
        if self.personal_data and ids:
            token = self.request.auth if isinstance(self.request.auth, ApiToken) else None
            record_read(reader=self.request.user, token=token, what=self.personal_data, ids=ids)
