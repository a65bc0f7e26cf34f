"""Lanzhou demands in the API, for staff and officials (as on the pages)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from projects.demands.models import Demand
from projects.demands.services import filtered_demands
from workstation.api.filters import UpdatedSince
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.reference.api import OrganizationSerializer


class DemandSerializer(BilingualSerializer):
    organization = OrganizationSerializer(read_only=True)
    industry = serializers.CharField(source="industry.key", default=None, allow_null=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Demand
        bilingual = ("title", "description")
        fields = ["id", "kind", "organization", "industry", "status", "created_at", "updated_at"]

    def get_status(self, demand) -> str:
        return "open" if demand.is_active else "closed"


class DemandFilter(UpdatedSince):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open")), ("closed", _("Closed"))],
        method="filter_status",
    )
    industry = django_filters.CharFilter(field_name="industry__key", label=_("Industry"))
    kind = django_filters.ChoiceFilter(choices=Demand.Kind.choices)

    class Meta:
        model = Demand
        fields = ["status", "industry", "kind"]

    def filter_status(self, queryset, name, value):
        return filtered_demands(queryset, status=value)


class DemandViewSet(ReadOnlyViewSet):
    """Technology and investment needs of Lanzhou organizations, open and closed (``?status=``)."""

    model = Demand
    serializer_class = DemandSerializer
    filterset_class = DemandFilter
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]

    def rows(self, queryset):
        return queryset.select_related("organization", "industry").defer("match_document")
