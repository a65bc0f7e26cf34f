"""The briefing's compiled sections: figures read from the talent pool and the project pipeline.

Talent appears only as counts, never as people: no name, employer or contact ever leaves the pool
for a briefing, and every count under ``SMALL_CELL`` is withheld (officials read briefings, and a
small count can single someone out). Projects are named (they are companies, not people), never
their contact persons.

The result is plain JSON (texts in both languages, stage keys, ISO dates), so it can be frozen
into the briefing when it is submitted and read back unchanged, whatever the pool becomes later.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, OrderedDict
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import get_language

from projects.expo.services import expo_counts, expo_stages
from projects.matching.models import Match
from projects.pipeline.models import StageChange
from reports.briefings.models import MonthlyBriefing
from talentpool.counts.services import native_places, native_regions, withheld
from talentpool.profiles.models import TalentProfile, Verification
from workstation.digests import (
    READ_AT,
    queryset_select,
    table_select,
    versions_select,
)
from workstation.events.models import Event
from workstation.reference.models import Industry, Region
from workstation.targets.models import Target
from workstation.timezones import workstation_date
from workstation.translated import LANGUAGE_CODES, translated_value


def month_window(briefing: MonthlyBriefing) -> tuple[datetime, datetime]:
    """The month's first and next month's first instant on the workstation's clock."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(briefing.first_day, time.min, tzinfo=zone)
    end = datetime.combine(briefing.last_day + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def both_languages(instance, field: str) -> dict[str, str]:
    return {code: translated_value(instance, field, code) for code in LANGUAGE_CODES}


def _talent_counted(briefing: MonthlyBriefing):
    """The pool at the month's end counted by native place, industry and whether new in the month
    (one index holds the three columns): one pass, folded with the small region table as the
    counts page does (three aggregates joining every profile to its region cost ten times as
    much)."""
    start, end = month_window(briefing)
    return (
        TalentProfile.objects.filter(created_at__lt=end)
        .annotate(new=ExpressionWrapper(Q(created_at__gte=start), output_field=BooleanField()))
        .values_list("native_region", "industry", "new")
        .annotate(count=Count("*"))
        .order_by("native_region", "industry", "new")  # so that its digest is the same
    )


def _talent_verified(briefing: MonthlyBriefing):
    start, end = month_window(briefing)
    return TalentProfile.objects.filter(
        created_at__lt=end,
        verification=Verification.VERIFIED,
        verified_at__gte=start,
        verified_at__lt=end,
    )


def compile_talent(briefing: MonthlyBriefing) -> dict:
    counted = _talent_counted(briefing)
    pool_by_region: Counter[int | None] = Counter()
    new_by_region: Counter[int | None] = Counter()
    by_industry: dict[int, dict[str, int]] = {}
    for region, industry, new, count in counted:
        pool_by_region[region] += count
        new_by_region[region] += count if new else 0
        if industry is not None:
            row = by_industry.setdefault(industry, {"total": 0, "new": 0})
            row["total"] += count
            row["new"] += count if new else 0
    regions = native_regions([pk for pk in pool_by_region if pk is not None])
    places = native_places(pool_by_region, regions)
    new_places = native_places(new_by_region, regions)
    totals = {
        "total": places.total,
        "gansu": places.gansu,
        "lanzhou": places.lanzhou,
        "new": new_places.total,
        "new_gansu": new_places.gansu,
        "new_lanzhou": new_places.lanzhou,
        "verified": _talent_verified(briefing).count(),
    }
    by_prefecture = {
        pk: {"total": count, "new": new_places.by_prefecture.get(pk, 0)}
        for pk, count in places.by_prefecture.items()
    }

    def rows(labels, counted):
        return [
            {
                "label": both_languages(label, "name"),
                "total": withheld(counted.get(label.pk, {}).get("total", 0)),
                "new": withheld(counted.get(label.pk, {}).get("new", 0)),
            }
            for label in labels
        ]

    return {
        **{key: withheld(value) for key, value in totals.items()},
        "by_prefecture": rows(Region.objects.filter(kind=Region.Kind.PREFECTURE), by_prefecture),
        "by_industry": rows(Industry.objects.all(), by_industry),
    }


def _stage_changes(briefing: MonthlyBriefing):
    start, end = month_window(briefing)
    return (
        StageChange.objects.filter(changed_at__gte=start, changed_at__lt=end)
        .select_related("project")
        .order_by("project__company", "project_id", "changed_at", "pk")
    )


def _matches(briefing: MonthlyBriefing):
    start, end = month_window(briefing)
    return (
        Match.objects.filter(
            status=Match.Status.CONFIRMED, decided_at__gte=start, decided_at__lt=end
        )
        .select_related("project", "demand")
        .order_by("decided_at", "pk")
    )


def compile_pipeline(briefing: MonthlyBriefing) -> dict:
    changes = _stage_changes(briefing)
    projects: OrderedDict[int, dict] = OrderedDict()
    new_projects = 0
    for change in changes:
        if not change.from_stage:
            new_projects += 1
        entry = projects.setdefault(
            change.project_id,
            {
                "title": both_languages(change.project, "title"),
                "company": change.project.company,
                "moves": [],
            },
        )
        entry["moves"].append(
            {
                "from": change.from_stage,
                "to": change.to_stage,
                "on": workstation_date(change.changed_at).isoformat(),
            }
        )
    matches = _matches(briefing)
    progress = expo_counts(year=briefing.year)
    return {
        "new_projects": new_projects,
        "projects": list(projects.values()),
        "matches": [
            {
                "project": both_languages(match.project, "title"),
                "company": match.project.company,
                "demand": both_languages(match.demand, "title"),
                "on": workstation_date(match.decided_at).isoformat(),
            }
            for match in matches
        ],
        "expo": {
            "year": progress.year,
            "target": progress.target,
            "confirmed": progress.confirmed,
            "attended": progress.attended,
        },
    }


def _events(briefing: MonthlyBriefing, *, now: datetime):
    """Events of the briefing's month that started before ``now`` (the moment the figures are
    compiled) are held; those starting from ``now`` to the end of the next month are coming."""
    start, end = month_window(briefing)
    next_month = briefing.last_day + timedelta(days=1)
    _next_start, next_end = month_window(
        MonthlyBriefing(year=next_month.year, month=next_month.month)
    )
    # ``now`` may be ``READ_AT``, which stands for the moment in SQL written once.
    held = Event.objects.filter(starts_at__gte=start, starts_at__lt=end).filter(starts_at__lt=now)
    coming = Event.objects.filter(starts_at__gte=start, starts_at__lt=next_end).filter(
        starts_at__gte=now
    )
    return held.order_by("starts_at", "pk"), coming.order_by("starts_at", "pk")


def compile_events(briefing: MonthlyBriefing, *, now: datetime) -> dict:
    held, coming = _events(briefing, now=now)

    def listed(events):
        return [
            {
                "title": both_languages(event, "title"),
                "venue": both_languages(event, "venue"),
                "kind": event.kind,
                "starts_at": event.starts_at.isoformat(),
            }
            for event in events
        ]

    return {"held": listed(held), "coming": listed(coming)}


def compile_briefing(briefing: MonthlyBriefing, *, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    return {
        "talent_pool": compile_talent(briefing),
        "pipeline": compile_pipeline(briefing),
        "events": compile_events(briefing, now=now),
        "compiled_at": now.isoformat(),
    }


@lru_cache(maxsize=64)
def _steady_sources(year: int, month: int, language: str) -> tuple[tuple[str, list], ...]:
    """Digest expressions of the query sets the live figures are compiled from, as
    ``compile_briefing`` reads them, but the events (which depend on the moment): written once per
    month and language (writing ten query sets' SQL took longer than digesting their rows)."""
    briefing = MonthlyBriefing(year=year, month=month)
    return (
        queryset_select(_talent_counted(briefing)),
        versions_select(_talent_verified(briefing).order_by("pk")),
        # The whole tables of places and industries, which the figures read parts of.
        table_select(Region, language),
        table_select(Industry, language),
        versions_select(_stage_changes(briefing), related=("project",)),
        versions_select(_matches(briefing), related=("project", "demand")),
        queryset_select(expo_stages(year=year)),
        versions_select(Target.objects.filter(year=year).order_by("pk")),
    )


def frozen_digest(briefing: MonthlyBriefing) -> str:
    """The key of frozen figures: a digest of the figures themselves."""
    return (
        "frozen-"
        + hashlib.md5(  # noqa: S324 - a key, not a secret
            json.dumps(briefing.compiled, sort_keys=True).encode()
        ).hexdigest()
    )


@lru_cache(maxsize=64)
def _events_selects(year: int, month: int) -> tuple[tuple[str, list], ...]:
    """The digest expressions of the month's held and coming events, begun or not at
    ``READ_AT``: written once per month."""
    held, coming = _events(MonthlyBriefing(year=year, month=month), now=READ_AT)
    return versions_select(held), versions_select(coming)


def live_selects(briefing: MonthlyBriefing) -> list[tuple[str, list]]:
    """The digest expressions of what live figures are made of, for ``selected_values`` with the
    moment they are compiled at as ``now`` (``live_digest`` makes their values a key)."""
    sources = _steady_sources(briefing.year, briefing.month, get_language())
    return [*sources, *_events_selects(briefing.year, briefing.month)]


def live_digest(values: list) -> str:
    return "live-" + "-".join(values)


def figures(briefing: MonthlyBriefing, *, now: datetime | None = None) -> dict:
    """Live figures while the briefing is being written (compiled at ``now``); the frozen ones
    once it is submitted.

    A briefing sent back for changes shows live figures again: they are compiled afresh, and
    frozen anew, when it is resubmitted.
    """
    if briefing.figures_frozen:
        return briefing.compiled
    return compile_briefing(briefing, now=now)
