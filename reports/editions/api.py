"""Published monthly briefings in the API, with their items and their PDF editions."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.reverse import reverse as api_reverse

from reports.briefings.models import BriefingItem, MonthlyBriefing
from reports.editions.models import BriefingPDF, published_editions
from workstation.api.filters import Instant
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.pdfs.views import download_response
from workstation.translated import BILINGUAL, LANGUAGE_CODES

EDITION_LANGUAGES = (*LANGUAGE_CODES, BILINGUAL)


class BriefingItemSerializer(BilingualSerializer):
    class Meta:
        model = BriefingItem
        bilingual = ("headline", "summary")
        rich_text = ("summary",)
        fields = ["id", "section", "position", "item_date", "source_url"]


class EditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The PDF on the portal (signed in)."))
    download_url = serializers.SerializerMethodField(
        help_text=_("The PDF through the API (with a personal token).")
    )

    class Meta:
        model = BriefingPDF
        fields = ["id", "language", "sha256", "size", "generated_at", "url", "download_url"]

    def get_url(self, edition: BriefingPDF) -> str:
        path = reverse(
            "reports:edition_download", kwargs={"pk": edition.briefing_id, "pdf_pk": edition.pk}
        )
        return self.context["request"].build_absolute_uri(path)

    def get_download_url(self, edition: BriefingPDF) -> str:
        return api_reverse(
            "api:briefing-edition",
            kwargs={"pk": edition.briefing_id, "language": edition.language},
            request=self.context["request"],
        )


class BriefingSerializer(serializers.ModelSerializer):
    items = BriefingItemSerializer(many=True, read_only=True)
    editions = EditionSerializer(source="published_editions", many=True, read_only=True)

    class Meta:
        model = MonthlyBriefing
        fields = ["id", "year", "month", "published_at", "meeting", "items", "editions"]


class BriefingFilter(django_filters.FilterSet):
    published_since = Instant(
        field_name="published_at",
        lookup_expr="gte",
        label=_("Published at or after (ISO 8601, e.g. 2026-12-01T00:00:00Z)"),
    )

    class Meta:
        model = MonthlyBriefing
        fields = ["year", "month"]


class BriefingViewSet(ReadOnlyViewSet):
    """Published monthly briefings only, newest month first, each with its items in both
    languages and its final PDF editions (language, SHA-256, size, download link). A briefing
    being written or reviewed is never given here, to staff or officials: read it on its page."""

    model = MonthlyBriefing
    serializer_class = BriefingSerializer
    filterset_class = BriefingFilter
    ordering_fields = ["year", "month", "id"]
    ordering = ["-year", "-month"]
    file_actions = ("edition",)

    def rows(self, queryset):
        return queryset.published().prefetch_related(
            Prefetch("items", BriefingItem.objects.order_by("section", "position", "pk")),
            published_editions(),
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "language", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(EDITION_LANGUAGES)
            )
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The final edition's PDF."
            )
        },
    )
    @action(detail=True, url_path=r"editions/(?P<language>[a-z-]+)")
    def edition(self, request, *args, language: str = "", **kwargs):
        """A final edition's PDF in ``language`` (zh-hans, en or bilingual), as on the page."""
        briefing = self.get_object()
        edition = next((e for e in briefing.published_editions if e.language == language), None)
        if edition is None:
            raise NotFound
        return download_response(edition)
