"""Talent profiles in the API: staff read every profile, officials those whose person shares
with Lanzhou (``TalentProfile.objects.visible_to``, as on the pages).

What a bureau needs to know who someone is and what they might do with Lanzhou; never what the
staff add (notes, tags, interactions), nor the CV or contact details, which stay on the audited
profile page. Every read is audited with the ids read.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from talentpool.profiles.models import Interest, TalentProfile
from workstation.api.filters import UpdatedSince
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.reference.api import RegionSerializer


class TalentProfileSerializer(serializers.ModelSerializer):
    native_place = RegionSerializer(source="native_region", read_only=True, allow_null=True)
    industry = serializers.CharField(source="industry.key", default=None, allow_null=True)
    interests = serializers.ListField(child=serializers.ChoiceField(choices=Interest.choices))
    shares_with_lanzhou = serializers.BooleanField(
        read_only=True, help_text=_("The person's consent to share the profile with Lanzhou.")
    )

    class Meta:
        model = TalentProfile
        fields = [
            "id",
            "name_zh",
            "name_en",
            "name_pinyin",
            "native_place",
            "current_city",
            "current_state",
            "employer",
            "title",
            "industry",
            "expertise",
            "degree",
            "interests",
            "shares_with_lanzhou",
            "created_at",
            "updated_at",
        ]


class TalentProfileFilter(UpdatedSince):
    native_place = django_filters.CharFilter(
        label=_("Native place: a region's code (a prefecture includes its districts)"),
        method="filter_native_place",
    )
    industry = django_filters.CharFilter(field_name="industry__key", label=_("Industry"))
    interest = django_filters.ChoiceFilter(
        label=_("Cooperation interest"), choices=Interest.choices, method="filter_interest"
    )

    class Meta:
        model = TalentProfile
        fields = ["native_place", "industry", "interest"]

    def filter_native_place(self, queryset, name, value):
        return queryset.filter(Q(native_region__code=value) | Q(native_region__parent__code=value))

    def filter_interest(self, queryset, name, value):
        return queryset.filter(interests__contains=[value])


class TalentProfileViewSet(ReadOnlyViewSet):
    """Talent profiles: for staff all, for officials those shared with Lanzhou (a withdrawn
    consent hides the profile again at once)."""

    model = TalentProfile
    serializer_class = TalentProfileSerializer
    filterset_class = TalentProfileFilter
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]
    personal_data = "talent profile"

    def rows(self, queryset):
        return queryset.select_related("native_region", "industry").defer(
            "staff_notes", "tags", "search_document"
        )
