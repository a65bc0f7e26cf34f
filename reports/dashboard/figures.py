"""A year's figures of the workstation's annual duties, as plain data (numbers, keys, ISO dates).

Read by the dashboard page and by the year-end PDF. Every figure is one aggregate query (or a
handful), so the number of queries does not grow with the data. The year is a calendar year on
the workstation's clock (America/Los_Angeles), like every calendar rule (DESIGN.md).

How each duty is counted:

- Projects brought to the Expo: projects whose ``expo_year`` is the year and that reached "attended
  the Expo" or a later stage of the main line (signed at the Expo, landed, after-care). A project
  that attended and was later put on hold or dropped still counts — it was brought to the Expo,
  which is the duty — and the stage history (``StageChange``) tells that it ever attended.
- VIPs invited / attended: invitations whose event starts in the year (Pacific), with a status
  in ``SENT_STATUSES`` (invited) or ``attended``.
- Conference held: conference events that started in the year and have ended; media partners are
  the ``MediaPartner`` rows of those conferences.
- Briefings published on time: the year's monthly briefings published by the 10th of the next
  month, Pacific (``MonthlyBriefing.publish_by``, DESIGN.md "on time").
- Meetings held: monthly-meeting events that started in the year and have ended.
- Talent pool: its size now (Gansu and Lanzhou natives, by Gansu prefecture) and the profiles
  created in each month of the year. Officials, and the PDF they may download, see every count of
  0–2 withheld as "fewer than 3" (``talentpool.counts.services.withheld``, one rule everywhere).
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import get_language

from projects.expo.services import brought_to_expo
from reports.briefings.models import MonthlyBriefing, Status
from talentpool.counts.services import native_place_counts, native_region_counts, withheld
from talentpool.profiles.models import TalentProfile
from workstation.digests import READ_AT, queryset_select, table_select
from workstation.events.models import Event, EventKind, MediaPartner
from workstation.invitations.models import SENT_STATUSES, Invitation, InvitationStatus
from workstation.reference.models import Region
from workstation.targets.models import Duty, Goal, Target, goals_for
from workstation.timezones import workstation_date

MONTHS = range(1, 13)


class State:
    MET = "met"
    IN_PROGRESS = "in_progress"
    NOT_MET = "not_met"  # the year is over and the figure stayed below the target
    ABOVE_RANGE = "above_range"


class BriefingState:
    ON_TIME = "on_time"
    LATE = "late"  # published after the 10th of the next month
    NOT_YET = "not_yet"  # not published, and the 10th of the next month has passed
    NOT_DUE = "not_due"  # not published, and still time to publish it on time


def this_year() -> int:
    return timezone.localdate().year


def year_window(year: int) -> tuple[datetime, datetime]:
    """The year's first instant and the next year's first instant, Pacific."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=zone),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=zone),
    )


def state_of(figure: int, goal: Goal, *, year_is_over: bool = False) -> str:
    if goal.maximum is not None and figure > goal.maximum:
        return State.ABOVE_RANGE
    if figure >= goal.minimum:
        return State.MET
    return State.NOT_MET if year_is_over else State.IN_PROGRESS


def _pacific_month(field: str) -> ExtractMonth:
    return ExtractMonth(field, tzinfo=ZoneInfo(settings.TIME_ZONE))


def expo_projects(year: int) -> int:
    return brought_to_expo(year=year).count()


def _invitations(year: int):
    start, end = year_window(year)
    return Invitation.objects.filter(event__starts_at__gte=start, event__starts_at__lt=end)


def _held(kind: str, year: int, now: datetime):
    """Events of ``kind`` that started in the year and have ended by ``now``."""
    start, end = year_window(year)
    return Event.objects.filter(kind=kind, starts_at__gte=start, starts_at__lt=end, ends_at__lt=now)


def _media_partners(year: int, now: datetime):
    return MediaPartner.objects.filter(event__in=_held(EventKind.CONFERENCE, year, now)).order_by(
        "event__starts_at", "position", "pk"
    )


def _briefings(year: int):
    return MonthlyBriefing.objects.filter(year=year).order_by("month")


def _meetings_counted(year: int, now: datetime):
    return (
        _held(EventKind.MONTHLY_MEETING, year, now)
        .annotate(month=_pacific_month("starts_at"))
        .values_list("month")
        .annotate(count=Count("pk"))
        .values_list("month", "count")
        .order_by("month")  # so that a digest of its rows is the same
    )


def _new_by_month(year: int):
    start, end = year_window(year)
    return (
        TalentProfile.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(month=_pacific_month("created_at"))
        .values_list("month")
        .annotate(count=Count("*"))  # not COUNT(id): the index on created_at answers alone
        .values_list("month", "count")
        .order_by("month")  # so that a digest of its rows is the same
    )


def vips(year: int) -> dict:
    return _invitations(year).aggregate(
        invited=Count("pk", filter=Q(status__in=SENT_STATUSES)),
        attended=Count("pk", filter=Q(status=InvitationStatus.ATTENDED)),
    )


def conferences(year: int, now: datetime) -> dict:
    partners = _media_partners(year, now)
    return {
        "held": _held(EventKind.CONFERENCE, year, now).count(),
        "media_partners": [
            {"zh-hans": partner.name_zh_hans or "", "en": partner.name_en or ""}
            for partner in partners
        ],
    }


def briefings(year: int, today: date) -> list[dict]:
    """Each month of the year: its briefing's state (on time, late, not yet, not due yet)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    found = {
        briefing.month: briefing
        for briefing in _briefings(year).only("year", "month", "status", "published_at")
    }
    months = []
    for month in MONTHS:
        briefing = found.get(month) or MonthlyBriefing(year=year, month=month)
        publish_by = briefing.publish_by
        published = briefing.status == Status.PUBLISHED and briefing.published_at is not None
        published_on = briefing.published_at.astimezone(zone).date() if published else None
        if published:
            state = BriefingState.ON_TIME if published_on <= publish_by else BriefingState.LATE
        else:
            state = BriefingState.NOT_YET if today > publish_by else BriefingState.NOT_DUE
        months.append(
            {
                "month": month,
                "state": state,
                "publish_by": publish_by.isoformat(),
                "published_on": published_on.isoformat() if published_on else None,
            }
        )
    return months


def meetings(year: int, now: datetime) -> list[int]:
    """Monthly meetings held in each month of the year (index 0 is January)."""
    counted = dict(_meetings_counted(year, now).order_by())
    return [counted.get(month, 0) for month in MONTHS]


def talent(year: int, *, hide_small_cells: bool) -> dict:
    shown = withheld if hide_small_cells else (lambda count: count)
    places = native_place_counts()
    new = dict(_new_by_month(year).order_by())
    return {
        "total": shown(places.total),
        "gansu": shown(places.gansu),
        "lanzhou": shown(places.lanzhou),
        "new_this_year": shown(sum(new.values())),
        "by_prefecture": [
            {
                "code": region.code,
                "label": {"zh-hans": region.name_zh_hans or "", "en": region.name_en or ""},
                "count": shown(places.by_prefecture.get(region.pk, 0)),
            }
            for region in Region.objects.filter(kind=Region.Kind.PREFECTURE)
        ],
        "new_by_month": [shown(new.get(month, 0)) for month in MONTHS],
        "withheld": hide_small_cells,
    }


def year_figures(year: int, *, hide_small_cells: bool, now: datetime | None = None) -> dict:
    """Everything the dashboard and the year-end PDF show for ``year``."""
    now = now or timezone.now()
    today = workstation_date(now)
    goals = goals_for(year)
    people = vips(year)
    conference = conferences(year, now)
    months = briefings(year, today)
    held = meetings(year, now)
    figures = {
        Duty.EXPO_PROJECTS: expo_projects(year),
        Duty.VIPS_INVITED: people["invited"],
        Duty.VIPS_ATTENDED: people["attended"],
        Duty.CONFERENCES: conference["held"],
        Duty.MEDIA_PARTNERS: len(conference["media_partners"]),
        Duty.BRIEFINGS_ON_TIME: sum(m["state"] == BriefingState.ON_TIME for m in months),
        Duty.MEETINGS_HELD: sum(held),
    }
    return {
        "year": year,
        "computed_at": now.isoformat(),
        "duties": [
            {
                "duty": str(duty),
                "figure": figures[duty],
                "minimum": goals[duty].minimum,
                "maximum": goals[duty].maximum,
                "state": state_of(figures[duty], goals[duty], year_is_over=year < today.year),
            }
            for duty in Duty
        ],
        "media_partners": conference["media_partners"],
        "briefings": months,
        "meetings_by_month": held,
        "talent": talent(year, hide_small_cells=hide_small_cells),
    }


def figure_sources(year: int, *, now: datetime) -> list[QuerySet]:
    """Every query set ``year_figures`` reads, as it reads them (the goals' and briefings' rows
    whole): the figures are the same as long as these query sets' rows, the region table and the
    day (which months' briefings are due, whether the year is over) are."""
    return [
        Target.objects.filter(year=year).order_by("pk"),
        brought_to_expo(year=year).order_by("pk").values("pk"),
        _invitations(year).order_by("pk").values("pk", "status"),
        _held(EventKind.CONFERENCE, year, now).order_by("pk").values("pk"),
        _media_partners(year, now),
        _briefings(year).values("month", "status", "published_at"),
        _meetings_counted(year, now),
        native_region_counts(),
        _new_by_month(year),
    ]


@lru_cache(maxsize=16)
def _sources_select(year: int) -> tuple[tuple[str, tuple], ...]:
    """``figure_sources`` as digest expressions, with ``READ_AT`` for the moment: written once
    per year (building and compiling the query sets cost as much as the rest of the page)."""
    return tuple(
        (sql, tuple(params))
        for sql, params in map(queryset_select, figure_sources(year, now=READ_AT))
    )


def figure_selects(year: int) -> list[tuple[str, tuple]]:
    """What ``year``'s figures are made of, as digest expressions for ``selected_values`` with
    the moment as ``now``."""
    return [*_sources_select(year), table_select(Region, get_language() or "")]
