"""The filters of the pipeline board and of the pipeline table (GET forms)."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import MAIN_LINE, LandingMode, Project, Stage
from workstation.accounts.models import Role
from workstation.digests import queryset_select, table_select, versions_select
from workstation.forms import FilterSelect
from workstation.reference.models import Industry

# Every stage in board order: the main line, then on hold and dropped.
BOARD_STAGES = [*MAIN_LINE, Stage.ON_HOLD, Stage.DROPPED]


def stage_order():
    """An expression ordering projects by their stage's place on the board."""
    return Case(
        *(When(stage=stage, then=Value(index)) for index, stage in enumerate(BOARD_STAGES)),
        output_field=IntegerField(),
    )


def owner_choices():
    """People who may own a project: staff, administrators, and anyone owning one already."""
    return (
        get_user_model()
        .objects.filter(
            Q(groups__name=Role.STAFF) | Q(is_superuser=True) | Q(owned_projects__isnull=False)
        )
        .distinct()
        .order_by("full_name", "email")
    )


def expo_year_choices() -> list[tuple[str, str]]:
    years = (
        Project.objects.exclude(expo_year=None)
        .order_by("-expo_year")
        .values_list("expo_year", flat=True)
        .distinct()
    )
    return [("", _("All years")), *((str(year), str(year)) for year in years)]


@lru_cache(maxsize=8)
def _choice_digests(language: str, table: bool) -> tuple[tuple[str, list], ...]:
    years = Project.objects.exclude(expo_year=None).order_by("expo_year")
    digests = (
        versions_select(owner_choices()),
        queryset_select(years.values("expo_year").distinct()),
    )
    return (*digests, table_select(Industry, language)) if table else digests


def choice_digests(*, table: bool = False) -> tuple[tuple[str, list], ...]:
    """What the board's filters (or the ``table``'s) offer, as digest expressions computed with
    the page's rows: the owners, the expo years and the table's industries; written once per
    language (the owners' query took longer to write than to run)."""
    return _choice_digests(get_language(), table)


class BoardFilterForm(forms.Form):
    expo_year = forms.TypedChoiceField(
        label=_("Expo year"), coerce=int, empty_value=None, required=False, widget=FilterSelect
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        empty_label=_("Anyone"),
        widget=FilterSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when shown or checked: a board kept in the fragments cache needs neither.
        self.fields["expo_year"].choices = expo_year_choices
        self.fields["owner"].queryset = owner_choices()

    def filter(self, queryset):
        if not self.is_bound or not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("expo_year"):
            queryset = queryset.filter(expo_year=data["expo_year"])
        if data.get("owner"):
            queryset = queryset.filter(owner=data["owner"])
        return queryset


class TableFilterForm(BoardFilterForm):
    SORTS = {
        "next_action": (F("next_action_on").asc(nulls_last=True), "-created_at", "-pk"),
        "-next_action": (F("next_action_on").desc(nulls_last=True), "-created_at", "-pk"),
        "stage": ("stage_position", "-created_at", "-pk"),
        "-stage": ("-stage_position", "-created_at", "-pk"),
        "created": ("created_at", "pk"),
        "-created": ("-created_at", "-pk"),
    }

    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("Any")), *((stage.value, stage.label) for stage in BOARD_STAGES)],
        required=False,
        widget=FilterSelect,
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        required=False,
        empty_label=_("Any"),
        widget=FilterSelect,
    )
    landing_mode = forms.ChoiceField(
        label=_("Landing mode"),
        choices=[("", _("Any")), *LandingMode.choices],
        required=False,
        widget=FilterSelect,
    )
    overdue = forms.BooleanField(label=_("Next action overdue"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("-created", _("Newest first")),
            ("created", _("Oldest first")),
            ("next_action", _("Next action date, earliest first")),
            ("-next_action", _("Next action date, latest first")),
            ("stage", _("Stage, first to last")),
            ("-stage", _("Stage, last to first")),
        ],
        required=False,
        widget=FilterSelect,
    )

    field_order = ["stage", "industry", "expo_year", "owner", "landing_mode", "overdue", "sort"]

    def filter(self, queryset):
        queryset = super().filter(queryset)
        if not self.is_bound or not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("stage"):
            queryset = queryset.filter(stage=data["stage"])
        if data.get("industry"):
            queryset = queryset.filter(industry=data["industry"])
        if data.get("landing_mode"):
            queryset = queryset.filter(landing_mode=data["landing_mode"])
        if data.get("overdue"):
            queryset = queryset.filter(next_action_on__lt=timezone.localdate())
        return queryset

    def ordered(self, queryset):
        key = self.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return table_order(queryset, key)


def table_order(queryset, key: str = ""):
    """The table's rows in the order ``key`` names (a ``TableFilterForm.SORTS`` key), newest
    first by default."""
    order = TableFilterForm.SORTS.get(key or "-created")
    if key in ("stage", "-stage"):
        queryset = queryset.annotate(stage_position=stage_order())
    return queryset.order_by(*order)
