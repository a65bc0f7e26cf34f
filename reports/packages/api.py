"""The monthly data packages in the API, for staff and officials: the list (with each package's
SHA-256, size and download link) and the zip itself. A download hands out project contacts, so it
is audited like any API read of personal data."""

from __future__ import annotations

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.reverse import reverse

from reports.packages.models import DataPackage
from workstation.api.filters import Instant, UpdatedSince
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.pdfs.views import download_response


class DataPackageSerializer(serializers.ModelSerializer):
    briefing = serializers.IntegerField(source="publication.briefing_id")
    year = serializers.IntegerField(source="publication.briefing.year")
    month = serializers.IntegerField(source="publication.briefing.month")
    published_at = serializers.DateTimeField(source="publication.at")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DataPackage
        fields = [
            "id",
            "briefing",
            "year",
            "month",
            "published_at",
            "status",
            "sha256",
            "size",
            "generated_at",
            "download_url",
        ]

    def get_download_url(self, package) -> str | None:
        """Where the zip is, once it is made."""
        if package.status != DataPackage.Status.READY:
            return None
        return reverse(
            "api:data-package-download", kwargs={"pk": package.pk}, request=self.context["request"]
        )


class DataPackageFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="publication__briefing__year")
    month = django_filters.NumberFilter(field_name="publication__briefing__month")
    # A package changes once: when it is made.
    updated_since = Instant(
        field_name="generated_at",
        lookup_expr="gte",
        label=UpdatedSince.declared_filters["updated_since"].label,
    )

    class Meta:
        model = DataPackage
        fields = ["year", "month", "status"]


class DataPackageViewSet(ReadOnlyViewSet):
    """The data packages of published briefings, one per publication, never remade once ready."""

    model = DataPackage
    serializer_class = DataPackageSerializer
    filterset_class = DataPackageFilter
    ordering_fields = ["requested_at", "id"]
    ordering = ["-requested_at", "-id"]
    file_actions = ("download",)

    def rows(self, queryset):
        return queryset.select_related("publication__briefing")

    @extend_schema(
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The package's zip."
            )
        }
    )
    @action(detail=True)
    def download(self, request, *args, **kwargs):
        """The package's zip (404 until it is made)."""
        package = self.get_object()
        response = download_response(package)
        # The zip holds project contacts; the list of packages does not.
        self.personal_data = "data package"
        self.audit_read([package.pk])
        return response
