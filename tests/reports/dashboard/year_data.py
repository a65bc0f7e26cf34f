"""A year's activity built for the annual-duties dashboard: projects and invitations."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from projects.pipeline.models import StageChange
from tests.factories import EventFactory, InvitationFactory, ProjectFactory

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
