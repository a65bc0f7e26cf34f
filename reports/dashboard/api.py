"""The annual-duties figures of a year in the API: what the dashboard page shows, by the same
rules (staff and officials; officials read talent counts under 3 withheld, as null)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from reports.dashboard.document import briefing_labels, in_language, state_labels
from reports.dashboard.figures import BriefingState, State, year_figures
from reports.dashboard.forms import YearForm
from talentpool.counts.services import hides_small_cells
from workstation.api.viewsets import LANG_PARAMETER, InRequestedLanguage
from workstation.targets.models import Duty

DUTY_STATES = [State.MET, State.IN_PROGRESS, State.NOT_MET, State.ABOVE_RANGE]
BRIEFING_STATES = [
    BriefingState.ON_TIME,
    BriefingState.LATE,
    BriefingState.NOT_YET,
    BriefingState.NOT_DUE,
]
WITHHELD = _("null: fewer than 3, withheld from officials.")


@extend_schema_field(OpenApiTypes.STR)
class InLanguageField(serializers.Field):
    """A name kept in both languages (``{"zh-hans": …, "en": …}``), in the request's language
    (else the other one)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, names: dict) -> str:
        return in_language(names)


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The label of a value, in the request's language, from ``labels()`` (value → label)."""

    def __init__(self, labels, **kwargs):
        self.labels = labels
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return str(self.labels()[value])


class BilingualNameSerializer(serializers.Serializer):
    name = InLanguageField()
    name_zh_hans = serializers.CharField(source="zh-hans")
    name_en = serializers.CharField(source="en")


class DutySerializer(serializers.Serializer):
    duty = serializers.ChoiceField(choices=Duty.choices)
    label = LabelField(lambda: dict(Duty.choices), source="duty")
    figure = serializers.IntegerField()
    minimum = serializers.IntegerField(help_text=_("The year's target: at least this."))
    maximum = serializers.IntegerField(
        allow_null=True, help_text=_("At most this; null: no upper bound.")
    )
    state = serializers.ChoiceField(choices=DUTY_STATES)
    state_label = LabelField(state_labels, source="state")


class BriefingMonthSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    state = serializers.ChoiceField(choices=BRIEFING_STATES)
    state_label = LabelField(briefing_labels, source="state")
    publish_by = serializers.DateField()
    published_on = serializers.DateField(allow_null=True)


class PrefectureSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = BilingualNameSerializer()
    count = serializers.IntegerField(allow_null=True, help_text=WITHHELD)


class TalentFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    gansu = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    lanzhou = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    new_this_year = serializers.IntegerField(allow_null=True, help_text=WITHHELD)
    by_prefecture = PrefectureSerializer(many=True)
    new_by_month = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text=WITHHELD
    )
    withheld = serializers.BooleanField(
        help_text=_("Whether counts under 3 are withheld (null) in this answer.")
    )


class YearFiguresSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    computed_at = serializers.DateTimeField()
    duties = DutySerializer(many=True)
    media_partners = BilingualNameSerializer(many=True)
    briefings = BriefingMonthSerializer(many=True, help_text=_("Each month, January first."))
    meetings_by_month = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Meetings held each month, January first.")
    )
    talent = TalentFiguresSerializer()


class SeesTheDashboard(BasePermission):
    """The dashboard page's own permission."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm("reports.view_dashboard")


class FiguresViewSet(InRequestedLanguage, viewsets.ViewSet):
    """The annual-duties figures of a year (``/figures/<year>/``), as the dashboard page shows
    them: each duty against its target, the conference's media partners, each month's briefing
    and meetings, and the talent pool (officials: counts under 3 withheld as null). Years from
    the dashboard's first to next year; computed at each request."""

    permission_classes = [*viewsets.ViewSet.permission_classes, SeesTheDashboard]
    lookup_field = "year"
    lookup_value_regex = r"-?[0-9]+"  # any whole number: a year not offered is a JSON 404

    @extend_schema(
        responses=YearFiguresSerializer,
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("year", OpenApiTypes.INT, OpenApiParameter.PATH),
        ],
        operation_id="figures_year",
    )
    def retrieve(self, request, year: str):
        # The page's own choice of years.
        form = YearForm({"year": year})
        if not form.is_valid():
            raise NotFound
        figures = year_figures(
            form.cleaned_data["year"], hide_small_cells=hides_small_cells(request.user)
        )
        return Response(YearFiguresSerializer(figures).data)
