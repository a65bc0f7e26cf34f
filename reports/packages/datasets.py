"""What the monthly data package holds: one entry per dataset, each written as JSON and CSV.

A dataset names its file stem, how its month's records are found, the API serializer that shapes
them (so a JSON row is the row the API gives), and what the README says about the file and its
fields. Adding a dataset is one entry in ``DATASETS``.

The package is read by staff and officials; every model read here shows officials all its rows
(its ``visible_to``), and the figures are the officials' ones (small talent counts withheld).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from projects.demands.api import DemandSerializer, DemandViewSet
from projects.demands.models import Demand
from projects.matching.api import MatchSerializer
from projects.matching.models import Match
from projects.pipeline.api import ProjectSerializer, ProjectViewSet
from projects.pipeline.models import Project, StageChange
from reports.briefings.compiled import month_window
from reports.briefings.models import MonthlyBriefing
from reports.dashboard.figures import year_figures
from talentpool.counts.services import SMALL_CELL
from workstation.events.api import EventSerializer, EventViewSet
from workstation.events.models import Event
from workstation.meetings.api import MeetingSerializer, MeetingViewSet
from workstation.meetings.models import Meeting

# The figures' lists keyed by what names an entry, so a CSV row's name says which it is.
ENTRY_KEYS = ("duty", "month", "code")


@dataclass(frozen=True)
class Dataset:
    """``records(briefing)`` gives the month's rows: model instances for ``serializer`` (an API
    serializer), or plain data without one. ``table(data)`` turns the JSON data into the CSV's
    rows where it is not already a list of records, with ``columns`` as the CSV's header.
    ``about`` and ``fields`` are the README's description of the file and of each field; a
    field the serializer takes from a model field is described by that field's name (and a
    bilingual one in each language) unless ``fields`` says more."""

    stem: str
    about: Promise
    records: Callable[[MonthlyBriefing], Any]
    serializer: type[serializers.Serializer] | None = None
    fields: Mapping[str, Promise] = field(default_factory=dict)
    table: Callable[[Any], list[dict]] | None = None
    columns: tuple[str, ...] = ()

    def data(self, briefing: MonthlyBriefing):
        """The JSON data, in the active language where a field gives one language."""
        records = self.records(briefing)
        if self.serializer is None:
            return records
        return self.serializer(records, many=True).data

    def rows(self, data) -> list[dict]:
        return self.table(data) if self.table else list(data)

    def header(self) -> list[str]:
        if self.serializer is not None:
            return list(self.serializer().fields)
        return list(self.columns)

    def described_fields(self) -> list[tuple[str, str]]:
        """Each CSV column (and JSON key) with what it holds, in the active language."""
        return [(name, self.describe(name)) for name in self.header()]

    def describe(self, name: str) -> str:
        if name in self.fields:
            return str(self.fields[name])
        meta = self.serializer.Meta
        bilingual = getattr(meta, "bilingual", ())
        rich = getattr(meta, "rich_text", ())
        for base in bilingual:
            label = capfirst(meta.model._meta.get_field(base).verbose_name)
            html = gettext(", as sanitized HTML") if base in rich else ""
            if name == base:
                shown = gettext("%(field)s in Chinese (English where there is no Chinese)%(html)s")
                return shown % {"field": label, "html": html}
            for code, in_language in IN_LANGUAGE.items():
                if name == build_localized_fieldname(base, code):
                    return str(in_language) % {"field": label} + html
        serializer_field = self.serializer().fields[name]
        model_field = meta.model._meta.get_field(serializer_field.source)
        described = capfirst(model_field.verbose_name)
        if model_field.choices:
            keys = ", ".join(f"{key} ({label})" for key, label in model_field.choices)
            described += gettext("; one of: %(keys)s") % {"keys": keys}
        return described


IN_LANGUAGE = {"zh-hans": _("%(field)s in Chinese"), "en": _("%(field)s in English")}


def flattened(data, prefix: str = "") -> list[dict]:
    """Every leaf of the figures as a row: its path (a list's entries by their duty, month or
    code where they have one, else by their position from 1) and its value."""
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = [(_entry_name(entry, position), entry) for position, entry in enumerate(data, 1)]
    else:
        return [{"figure": prefix, "value": data}]
    rows = []
    for key, value in items:
        rows.extend(flattened(value, f"{prefix}.{key}" if prefix else str(key)))
    return rows


def _entry_name(entry, position: int):
    if isinstance(entry, dict):
        for key in ENTRY_KEYS:
            if key in entry:
                return entry[key]
    return position


def month_projects(briefing: MonthlyBriefing):
    """Projects that entered the pipeline or moved in the month, shaped as the API reads them."""
    start, end = month_window(briefing)
    moved = StageChange.objects.filter(changed_at__gte=start, changed_at__lt=end)
    projects = Project.objects.filter(pk__in=moved.values("project_id"))
    return ProjectViewSet().rows(projects).order_by("created_at", "pk")


FIGURES = Dataset(
    stem="figures",
    about=format_lazy(
        _(
            "The figures of the annual duties for the briefing's year, as the dashboard shows "
            "them to officials when the package was made: each duty's figure, target and "
            "state, the briefings published on time, the meetings held each month and the "
            "talent pool's counts (a count under {limit} is withheld: empty). The JSON keeps the "
            "dashboard's structure; the CSV gives every value as a row."
        ),
        limit=SMALL_CELL,
    ),
    records=lambda briefing: year_figures(briefing.year, hide_small_cells=True),
    table=flattened,
    columns=("figure", "value"),
    fields={
        "figure": _(
            "Where the value is in the JSON, its keys joined by dots (e.g. "
            "duties.expo_projects.figure, talent.new_by_month.3)"
        ),
        "value": _("The figure, date or text; empty where a small count is withheld"),
    },
)

PROJECTS = Dataset(
    stem="projects",
    about=_(
        "The projects that entered the pipeline or changed stage during the month, as the API "
        "gives them (/api/v1/projects/), with their stage history."
    ),
    records=month_projects,
    serializer=ProjectSerializer,
    fields={
        "industry": _("Industry, as its key"),
        "stage_history": _(
            "The project's stage changes, newest first: from_stage, to_stage, changed_at, "
            "reason, on_date, amount, agreement_type (in the CSV, as JSON text)"
        ),
    },
)


def in_month(rows, field: str, briefing: MonthlyBriefing):
    """The rows whose ``field`` (a time) falls in the briefing's month, in that order."""
    start, end = month_window(briefing)
    return rows.filter(**{f"{field}__gte": start, f"{field}__lt": end}).order_by(field, "pk")


def month_demands(briefing: MonthlyBriefing):
    """Lanzhou demands recorded or changed during the month."""
    return in_month(DemandViewSet().rows(Demand.objects.all()), "updated_at", briefing)


def month_matches(briefing: MonthlyBriefing):
    """Matches between projects and demands decided during the month."""
    return in_month(Match.objects.all(), "decided_at", briefing)


def month_events(briefing: MonthlyBriefing):
    """Events that took place (started) during the month, with their registration counts."""
    return in_month(EventViewSet().rows(Event.objects.all()), "starts_at", briefing)


def month_meetings(briefing: MonthlyBriefing):
    """Monthly meetings held during the month, with their action items."""
    return in_month(MeetingViewSet().rows(Meeting.objects.all()), "event__starts_at", briefing)


DEMANDS = Dataset(
    stem="demands",
    about=_(
        "The Lanzhou demands recorded or changed during the month, as the API gives them "
        "(/api/v1/demands/)."
    ),
    records=month_demands,
    serializer=DemandSerializer,
    fields={
        "organization": _(
            "The Lanzhou organization with the demand: id and name in each language (in the "
            "CSV, as JSON text)"
        ),
        "industry": _("Industry, as its key"),
        "status": _("open or closed"),
    },
)

MATCHES = Dataset(
    stem="matches",
    about=_(
        "The matches between projects and Lanzhou demands decided during the month, as the API "
        "gives them (/api/v1/matches/); project and demand are ids in projects and demands."
    ),
    records=month_matches,
    serializer=MatchSerializer,
    fields={"project": _("The project's id"), "demand": _("The demand's id")},
)

EVENTS = Dataset(
    stem="events",
    about=_(
        "The events that took place during the month, as the API gives them (/api/v1/events/): "
        "counts of registrations only, never the people."
    ),
    records=month_events,
    serializer=EventSerializer,
    fields={
        "registrations": _(
            "Counts of confirmed places, people checked in and people on the waiting list "
            "(in the CSV, as JSON text)"
        ),
    },
)

MEETINGS = Dataset(
    stem="meetings",
    about=_(
        "The monthly meetings held during the month, as the API gives them (/api/v1/meetings/), "
        "with their action items."
    ),
    records=month_meetings,
    serializer=MeetingSerializer,
    fields={
        "event": _("The meeting's event: id, title in each language and time (as JSON text)"),
        "minutes_status": _("Whether the minutes are written"),
        "action_items": _(
            "The meeting's action items: what, owner, due date and status (in the CSV, as JSON "
            "text)"
        ),
    },
)

DATASETS: tuple[Dataset, ...] = (FIGURES, PROJECTS, DEMANDS, MATCHES, EVENTS, MEETINGS)
