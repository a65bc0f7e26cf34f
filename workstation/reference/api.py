"""How the reference tables read inside other records in the API: a stable key and the name in
both languages and in the reader's."""

from __future__ import annotations

from workstation.api.serializers import BilingualSerializer
from workstation.reference.models import Organization, Region


class OrganizationSerializer(BilingualSerializer):
    class Meta:
        model = Organization
        bilingual = ("name",)
        fields = ["id", "kind"]


class RegionSerializer(BilingualSerializer):
    class Meta:
        model = Region
        bilingual = ("name",)
        fields = ["code", "kind"]
