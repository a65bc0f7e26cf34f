"""The year's figures as people read them: labels, goals and states in the active language.

Shared by the dashboard page (its tables and the charts' JSON) and the year-end PDF (tables and
CSS bars, no JavaScript in WeasyPrint), so both always say the same.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reports.dashboard.figures import (
    MONTHS,
    BriefingState,
    State,
    figure_selects,
    year_figures,
)
from reports.dashboard.services import pdfs_of, pdfs_select
from talentpool.counts.services import SMALL_CELL, count_text
from workstation.digests import selected_values
from workstation.targets.models import Duty
from workstation.timezones import workstation_date, workstation_time


def state_labels() -> dict[str, str]:
    return {
        State.MET: _("Met"),
        State.IN_PROGRESS: _("In progress"),
        State.NOT_MET: _("Not met"),
        State.ABOVE_RANGE: _("Above the range"),
    }


def briefing_labels() -> dict[str, str]:
    return {
        BriefingState.ON_TIME: _("On time"),
        BriefingState.LATE: _("Late"),
        BriefingState.NOT_YET: _("Not published yet"),
        BriefingState.NOT_DUE: _("Not due yet"),
    }


def goal_text(minimum: int, maximum: int | None) -> str:
    if maximum is None:
        return _("at least %(minimum)s") % {"minimum": minimum}
    if maximum == minimum:
        return str(minimum)
    return _("%(minimum)s to %(maximum)s") % {"minimum": minimum, "maximum": maximum}


def in_language(texts: dict[str, str]) -> str:
    """A name stored in both languages, in the active one (else the other one)."""
    wanted = "zh-hans" if (get_language() or "").startswith("zh") else "en"
    return texts.get(wanted) or next((text for text in texts.values() if text), "")


def percent(value: int | None, largest: int) -> int:
    return round(100 * min(value or 0, largest) / largest) if largest else 0


def month_names(year: int) -> list[str]:
    return [formats.date_format(date(year, month, 1), "F") for month in MONTHS]


def dashboard_document(figures: dict) -> dict:
    """Tables and chart data for ``figures`` (from ``year_figures``), in the active language."""
    year = figures["year"]
    states = state_labels()
    labels = dict(Duty.choices)
    duties = []
    for row in figures["duties"]:
        target = row["maximum"] or row["minimum"]
        duties.append(
            {
                **row,
                "label": str(labels[row["duty"]]),
                "goal": goal_text(row["minimum"], row["maximum"]),
                "state_label": states[row["state"]],
                "percent": percent(row["figure"], max(target, row["figure"])),
                "target_percent": percent(target, max(target, row["figure"])),
            }
        )
    names = month_names(year)
    talent = figures["talent"]
    on_time = briefing_labels()
    largest_month = max(
        [*figures["meetings_by_month"], *(value or 0 for value in talent["new_by_month"]), 1]
    )
    months = [
        {
            "name": names[index],
            "briefing_state": briefing["state"],
            "briefing": on_time[briefing["state"]],
            "published_on": briefing["published_on"],
            "meetings": figures["meetings_by_month"][index],
            "new": count_text(talent["new_by_month"][index]),
            "new_percent": percent(talent["new_by_month"][index], largest_month),
        }
        for index, briefing in enumerate(figures["briefings"])
    ]
    largest_prefecture = max([row["count"] or 0 for row in talent["by_prefecture"]] + [1])
    prefectures = [
        {
            "label": in_language(row["label"]),
            "count": count_text(row["count"]),
            "percent": percent(row["count"], largest_prefecture),
        }
        for row in talent["by_prefecture"]
    ]
    talent_summary = [
        (_("People in the pool now"), count_text(talent["total"])),
        (_("of them Gansu natives"), count_text(talent["gansu"])),
        (_("of them Lanzhou natives"), count_text(talent["lanzhou"])),
        (
            _("Newly registered in %(year)s") % {"year": year},
            count_text(talent["new_this_year"]),
        ),
    ]
    charts = {
        "registrations": {
            "title": _("New registrations per month"),
            "labels": names,
            "datasets": [{"label": _("New registrations"), "data": talent["new_by_month"]}],
        },
        "monthly": {
            "title": _("Briefings and meetings per month"),
            "labels": names,
            "datasets": [
                {
                    "label": _("Briefings published on time"),
                    "data": [
                        int(m["state"] == BriefingState.ON_TIME) for m in figures["briefings"]
                    ],
                },
                {"label": _("Meetings held"), "data": figures["meetings_by_month"]},
            ],
        },
        "prefectures": {
            "title": _("Talent by native prefecture in Gansu"),
            "labels": [row["label"] for row in prefectures],
            "datasets": [
                {"label": _("People"), "data": [row["count"] for row in talent["by_prefecture"]]}
            ],
        },
        "duties": {
            "title": _("Duties against their targets"),
            "labels": [row["label"] for row in duties],
            "datasets": [
                {"label": _("This year"), "data": [row["figure"] for row in duties]},
                {"label": _("Target"), "data": [row["minimum"] for row in duties]},
            ],
        },
    }
    return {
        "year": year,
        "duties": duties,
        "media_partners": [in_language(names) for names in figures["media_partners"]],
        "months": months,
        "talent_summary": talent_summary,
        "prefectures": prefectures,
        "withheld": talent["withheld"],
        "small_cell": SMALL_CELL,
        "charts": charts,
        "computed_at": workstation_time(datetime.fromisoformat(figures["computed_at"])),
    }


def summary_document(*, year: int, language: str, now: datetime | None = None) -> dict:
    """The year-end PDF's context: small talent counts withheld (officials download it)."""
    with translation.override(language):
        return dashboard_document(year_figures(year, hide_small_cells=True, now=now))


class DashboardPage:
    """The dashboard's figures for its page, kept rendered under ``digest`` (the database's digest
    of what they are made of, ``figure_selects``), the year, the reader's view (``withheld``) and
    ``today`` (which briefings are due, whether the year is over); the figures (``document``) are
    read only when asked, i.e. when their rendering is not kept yet."""

    def __init__(self, *, year: int, hide_small_cells: bool, now: datetime | None = None):
        self.year, self.withheld = year, hide_small_cells
        self.now = now or timezone.now()
        self.today = workstation_date(self.now)
        # The figures' digest and the year-end PDFs' (``pdfs_digest``), in one query.
        *figures, self.pdfs_digest = selected_values(
            [*figure_selects(year), pdfs_select(year)], now=self.now, prepared=True
        )
        self.digest = "-".join(figures)

    @cached_property
    def pdfs(self) -> list:
        return pdfs_of(self.year)

    @cached_property
    def document(self) -> dict:
        return dashboard_document(
            year_figures(self.year, hide_small_cells=self.withheld, now=self.now)
        )

    def filters_key(self, request) -> tuple:
        """The key of the year form: the request's values, the day (the years it offers) and the
        digest."""
        return (request.GET.urlencode(), timezone.localdate(self.now).isoformat(), self.digest)
