"""The talent pool in numbers, in the API: the page's counts (``pool_counts``), with small cells
withheld for everyone but staff, exactly as on the page.

No total comes with them (neither the pool's nor a group's): a withheld cell is 0, 1 or 2 people,
and a total less the shown cells would tell how many. Where one group holds another (the
prefecture Lanzhou and its districts), the larger counts people the smaller does not (natives of
Lanzhou who named no district), so it is no sum of the smaller's cells either.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from talentpool.counts.services import SMALL_CELL, count_text, hides_small_cells, pool_counts
from workstation.api.viewsets import LANG_PARAMETER, InRequestedLanguage


class CountSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text=_("A region's GB/T 2260 code, an industry's key or an interest's value.")
    )
    label = serializers.CharField(help_text=_("In the language of the request."))
    count = serializers.IntegerField(
        allow_null=True, help_text=_("null: withheld, a small count (zero included).")
    )
    shown = serializers.SerializerMethodField(help_text=_("The count as the pages write it."))

    def get_shown(self, row) -> str:
        return count_text(row.count)


class TalentCountsSerializer(serializers.Serializer):
    small_cell = serializers.SerializerMethodField(
        help_text=_("Counts under this many people are withheld (when withheld is true).")
    )
    withheld = serializers.BooleanField(
        source="suppressed", help_text=_("Whether small counts are withheld for this reader.")
    )
    by_prefecture = CountSerializer(many=True, help_text=_("Natives of each Gansu prefecture."))
    by_district = CountSerializer(many=True, help_text=_("Natives of each Lanzhou district."))
    by_industry = CountSerializer(many=True)
    by_interest = CountSerializer(many=True, help_text=_("A person may name several interests."))

    def get_small_cell(self, counts) -> int:
        return SMALL_CELL


class TalentCountsView(InRequestedLanguage, APIView):
    """Counts of the talent pool by native place, industry and cooperation interest; never a
    name. Staff and officials, as the counts page."""

    @extend_schema(responses=TalentCountsSerializer, parameters=[LANG_PARAMETER])
    def get(self, request):
        counts = pool_counts(hide_small_cells=hides_small_cells(request.user))
        return Response(TalentCountsSerializer(counts).data)
