"""The dashboard keeps its figures rendered under a digest the database computes of what they are
made of, the year, the reader's view and the day: a change made without saving (an UPDATE) shows
on the next visit, officials never get the figures kept for staff, and a visit whose figures are
kept reads none of them."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.briefings.models import MonthlyBriefing
from reports.dashboard.document import DashboardPage
from reports.dashboard.models import YearEndPDF
from talentpool.profiles.models import TalentProfile
from tests.factories import BriefingFactory, EventFactory, TalentProfileFactory
from tests.reports.dashboard.year_data import (
    YEAR,
    build_conferences,
    build_invitations,
    build_meetings,
    build_projects,
    dashboard,
    figure,
    pacific,
    region,
    state,
    talent_cells,
)
from workstation.events.models import Event, MediaPartner
from workstation.invitations.models import Invitation
from workstation.reference.models import Region
from workstation.targets.models import Target

pytestmark = pytest.mark.django_db


def state_of_attended(page: str) -> str:
    return state(page, "vips_attended")


@pytest.mark.parametrize("role", ["staff", "official"])
def test_changes_made_without_saving_show_on_the_next_visit(clients, role):
    client = clients[role]
    build_invitations()
    build_conferences()
    build_meetings()
    page = dashboard(client)
    assert figure(page, "vips_attended") == 2 and "Silicon Valley Daily" in page
    # UPDATEs: no save, no signal, no updated_at.
    Invitation.objects.update(status="attended")
    MediaPartner.objects.filter(name_en="Silicon Valley Daily").update(name_en="Valley Times")
    Event.objects.filter(kind="monthly_meeting").update(kind="forum")
    Target.objects.create(year=YEAR, duty="vips_attended", minimum=1, maximum=1)
    page = dashboard(client)
    attended = figure(page, "vips_attended")
    assert attended > 2
    assert "Valley Times" in page and "Silicon Valley Daily" not in page
    assert figure(page, "meetings_held") == 0
    assert state_of_attended(page) == "above_range"  # the new target: exactly 1


@pytest.mark.parametrize("role", ["staff", "official"])
def test_talent_counts_and_a_renamed_prefecture_show_on_the_next_visit(clients, role):
    client = clients[role]
    tianshui = region("620500")
    TalentProfileFactory.create_batch(4, native_region=tianshui, created_at=pacific(YEAR, 6, 1))
    assert talent_cells(dashboard(client))["Tianshui"] == "4"
    TalentProfile.objects.filter(pk__in=TalentProfile.objects.values("pk")[:2]).update(
        native_region=region("620100")
    )
    Region.objects.filter(pk=tianshui.pk).update(name_en="Renamed Tianshui")
    cells = talent_cells(dashboard(client))
    assert "Tianshui" not in cells
    assert cells["Renamed Tianshui"] == ("2" if role == "staff" else "fewer than 3")


def test_a_briefing_published_by_update_shows_on_the_next_visit(clients):
    briefing = BriefingFactory(year=YEAR, month=1, status="approved")
    assert figure(dashboard(clients["staff"]), "briefings_on_time") == 0
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(
        status="published", published_at=pacific(YEAR, 2, 3, 9)
    )
    assert figure(dashboard(clients["staff"]), "briefings_on_time") == 1


def test_officials_never_get_the_figures_kept_for_staff(clients):
    TalentProfileFactory(native_region=region("620500"), created_at=pacific(YEAR, 6, 1))
    # The same language, year and day: only the reader's view differs.
    assert talent_cells(dashboard(clients["staff"]))["Tianshui"] == "1"
    assert talent_cells(dashboard(clients["official"]))["Tianshui"] == "fewer than 3"
    # And the other way round, for a year neither has seen yet.
    assert talent_cells(dashboard(clients["official"], year=YEAR - 1))["Tianshui"] == (
        "fewer than 3"
    )
    assert talent_cells(dashboard(clients["staff"], year=YEAR - 1))["Tianshui"] == "1"


def test_the_digest_follows_the_clock_where_events_end(db):
    now = timezone.now()
    event = EventFactory(
        kind="monthly_meeting", starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1)
    )
    year = timezone.localdate(now).year

    def digest(moment):
        return DashboardPage(year=year, hide_small_cells=False, now=moment).digest

    first = digest(now)
    assert digest(now) == first
    if event.starts_at.year == year:  # the meeting ends: held
        assert digest(now + timedelta(hours=2)) != first


def queries(client, year=YEAR) -> int:
    path = reverse("reports:dashboard")
    client.get(path, {"year": year})  # its figures kept
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, {"year": year}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["staff", "official"])
def test_a_visit_whose_figures_are_kept_reads_one_digest_and_the_pdfs(clients, role):
    few = queries(clients[role])
    build_projects()
    build_invitations()
    build_conferences()
    build_meetings()
    TalentProfileFactory.create_batch(4, created_at=pacific(YEAR, 3, 1))
    YearEndPDF.objects.create(year=YEAR, language="en")
    assert queries(clients[role]) == few


def test_the_year_form_follows_the_request(clients):
    first = dashboard(clients["staff"], year=YEAR)
    second = dashboard(clients["staff"], year=YEAR - 1)
    selected = re.compile(r'<option value="(\d+)" selected>')
    assert selected.findall(first) == [str(YEAR)]
    assert selected.findall(second) == [str(YEAR - 1)]


def test_the_year_end_pdfs_follow_their_state_and_the_clock_and_only_staff_may_retry(
    clients, monkeypatch
):
    pdf = YearEndPDF.objects.create(
        year=YEAR, language="en", requested_at=timezone.now() - timedelta(seconds=110)
    )
    staff_page = dashboard(clients["staff"], year=YEAR)
    assert "Being made" in staff_page
    assert "Try again" not in staff_page
    # Nothing written: only time passes (a pending PDF is lost after two minutes).
    later = timezone.now() + timedelta(seconds=30)
    monkeypatch.setattr("reports.dashboard.document.timezone.now", lambda: later)
    assert "Try again" in dashboard(clients["staff"], year=YEAR)
    assert "Try again" not in dashboard(clients["official"], year=YEAR)
    YearEndPDF.objects.filter(pk=pdf.pk).update(status="failed", error="The worker stopped.")
    assert "The worker stopped." in dashboard(clients["staff"], year=YEAR)
