"""A year's activity built for the annual-duties dashboard (projects, invitations, conferences,
meetings), and reading the figures off its page."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

from projects.pipeline.models import StageChange
from tests.factories import EventFactory, InvitationFactory, ProjectFactory
from workstation.events.models import MediaPartner
from workstation.reference.models import Region

PACIFIC = ZoneInfo("America/Los_Angeles")
YEAR = 2025  # a past year: every event of it has ended, every briefing is due


def pacific(*args) -> datetime:
    return datetime(*args, tzinfo=PACIFIC)


def move(project, *stages, year=YEAR):
    previous = ""
    for stage in stages:
        StageChange.objects.create(project=project, from_stage=previous, to_stage=stage)
        previous = stage
    project.stage = stages[-1]
    project.save(update_fields=["stage"])


def build_projects(year=YEAR) -> int:
    """Projects of the year's Expo in various stages; returns how many were brought to it."""
    path = ["lead", "expo_confirmed", "attended_expo"]
    cases = [
        (year, [*path], True),
        (year, [*path, "signed_at_expo"], True),
        (year, [*path, "signed_at_expo", "landed", "after_care"], True),
        (year, [*path, "on_hold"], True),  # attended, then put on hold: still brought
        (year, [*path, "dropped"], True),
        (year, ["lead", "expo_confirmed"], False),
        (year, ["lead", "expo_confirmed", "dropped"], False),
        (year - 1, [*path], False),  # another year's Expo
        (None, [*path], False),
    ]
    for expo_year, stages, _brought in cases:
        move(ProjectFactory(expo_year=expo_year), *stages)
    return sum(brought for _year, _stages, brought in cases)


def build_invitations(year=YEAR) -> tuple[int, int]:
    """Invitations of the year's events; returns (invited, attended) counted here."""
    late_in_year = EventFactory(
        kind="expo",
        starts_at=pacific(year, 12, 31, 23, 30),
        ends_at=pacific(year, 12, 31, 23, 45),
    )  # already the next year in UTC
    next_year = EventFactory(
        kind="expo", starts_at=pacific(year + 1, 1, 1, 0, 30), ends_at=pacific(year + 1, 1, 1, 1)
    )
    statuses = [
        "draft",
        "approved",
        "sent",
        "accepted",
        "declined",
        "travel_arranged",
        "attended",
        "attended",
    ]
    for status in statuses:
        InvitationFactory(event=late_in_year, status=status)
    for status in ("sent", "attended"):
        InvitationFactory(event=next_year, status=status)
    invited = sum(status not in ("draft", "approved") for status in statuses)
    return invited, statuses.count("attended")


def dashboard(client, year=YEAR):
    response = client.get(reverse("reports:dashboard"), {"year": year})
    assert response.status_code == 200
    return response.content.decode()


def figure(page: str, duty: str) -> int:
    row = re.search(rf'<tr id="duty-{duty}">(.*?)</tr>', page, re.S).group(1)
    return int(re.search(r'<td class="number figure">(\d+)</td>', row).group(1))


def state(page: str, duty: str) -> str:
    row = re.search(rf'<tr id="duty-{duty}">(.*?)</tr>', page, re.S).group(1)
    return re.search(r'<span class="badge duty-(\w+)">', row).group(1)


def build_conferences(year=YEAR) -> tuple[int, list[str]]:
    held = EventFactory(
        kind="conference", starts_at=pacific(year, 10, 10, 9), ends_at=pacific(year, 10, 10, 17)
    )
    partners = ["Silicon Valley Daily", "Gansu Daily"]
    for position, name in enumerate(partners):
        MediaPartner.objects.create(event=held, name_en=name, name_zh_hans=name, position=position)
    other = EventFactory(
        kind="conference", starts_at=pacific(year + 1, 3, 1, 9), ends_at=pacific(year + 1, 3, 1, 17)
    )
    MediaPartner.objects.create(event=other, name_en="Next Year Media", name_zh_hans="明年媒体")
    EventFactory(kind="forum", starts_at=pacific(year, 5, 1, 9), ends_at=pacific(year, 5, 1, 10))
    return 1, partners


def build_meetings(year=YEAR) -> list[int]:
    starts = [
        pacific(year, 1, 8, 18),
        pacific(year, 1, 29, 18),
        pacific(year, 3, 12, 18),
        pacific(year, 12, 31, 20),
    ]
    for start in starts:
        EventFactory(kind="monthly_meeting", starts_at=start, ends_at=start + timedelta(hours=1))
    EventFactory(
        kind="monthly_meeting",
        starts_at=pacific(year - 1, 12, 31, 23),
        ends_at=pacific(year - 1, 12, 31, 23, 30),
    )
    per_month = [0] * 12
    for start in starts:
        per_month[start.month - 1] += 1
    return per_month


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def talent_cells(page: str) -> dict[str, str]:
    table = re.search(r'<table class="prefecture-table">(.*?)</table>', page, re.S).group(1)
    return dict(
        re.findall(r'<tr><th scope="row">(.*?)</th><td class="number">(.*?)</td></tr>', table)
    )
