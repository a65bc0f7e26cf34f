"""Published monthly briefings in the API, with their items and their PDF editions."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from reports.briefings.models import BriefingItem, MonthlyBriefing
from reports.editions.models import BriefingPDF, published_editions
from workstation.api.filters import Instant
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet


class BriefingItemSerializer(BilingualSerializer):
    class Meta:
        model = BriefingItem
        bilingual = ("headline", "summary")
        rich_text = ("summary",)
        fields = ["id", "section", "position", "item_date", "source_url"]


class EditionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Where the PDF is downloaded."))

    class Meta:
        model = BriefingPDF
        fields = ["id", "language", "sha256", "size", "generated_at", "url"]

    def get_url(self, edition: BriefingPDF) -> str:
        path = reverse(
            "reports:edition_download", kwargs={"pk": edition.briefing_id, "pdf_pk": edition.pk}
        )
        return self.context["request"].build_absolute_uri(path)


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
    ordering_fields = ["year", "month", "published_at", "id"]
    ordering = ["-year", "-month"]

    def rows(self, queryset):
        return queryset.published().prefetch_related(
            Prefetch("items", BriefingItem.objects.order_by("section", "position", "pk")),
            published_editions(),
        )
