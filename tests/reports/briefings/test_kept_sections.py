"""The briefing page keeps its compiled sections rendered under a digest the database computes of
what their figures are made of: a change made without saving (an UPDATE) shows on the next visit,
and a visit whose sections are kept reads no figures."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.pipeline.models import Project
from projects.pipeline.services import create_project
from reports.briefings.compiled import compile_briefing
from reports.briefings.models import MonthlyBriefing
from reports.briefings.page import BriefingPage
from talentpool.profiles.models import TalentProfile
from tests.factories import (
    BriefingFactory,
    BriefingItemFactory,
    EventFactory,
    ProjectFactory,
    TalentProfileFactory,
)
from workstation.events.models import Event
from workstation.reference.models import Industry

pytestmark = pytest.mark.django_db


def this_months_briefing() -> MonthlyBriefing:
    today = timezone.localdate()
    return BriefingItemFactory(
        briefing=BriefingFactory(year=today.year, month=today.month)
    ).briefing


def page(client, briefing) -> str:
    response = client.get(reverse("reports:briefing_detail", kwargs={"pk": briefing.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_shows_changes_made_without_saving_on_the_next_visit(clients, staff):
    briefing = this_months_briefing()
    create_project(project=ProjectFactory.build(company="Old Labs Inc."), actor=staff)
    now = timezone.now()
    EventFactory(title_en="Old forum", starts_at=now + timedelta(minutes=5))
    assert "Old Labs Inc." in page(clients["staff"], briefing)
    # UPDATEs: no save, no signal, no updated_at.
    Project.objects.update(company="New Labs Inc.")
    Event.objects.update(title_en="New forum")
    html = page(clients["staff"], briefing)
    assert "New Labs Inc." in html and "Old Labs Inc." not in html
    assert "New forum" in html and "Old forum" not in html


def test_a_draft_shows_new_talent_counts_and_a_renamed_industry(clients, reference_data):
    briefing = this_months_briefing()
    energy = Industry.objects.get(key="new_energy")
    TalentProfileFactory.create_batch(3, industry=energy)
    assert "Renamed energy" not in page(clients["staff"], briefing)
    Industry.objects.filter(pk=energy.pk).update(name_en="Renamed energy")
    html = page(clients["staff"], briefing)
    assert "Renamed energy" in html
    before = html[html.index('id="section-talent_pool"') :]
    TalentProfile.objects.update(created_at=timezone.now() - timedelta(days=400))
    after = page(clients["staff"], briefing)
    assert after[after.index('id="section-talent_pool"') :] != before


def test_the_digest_follows_what_the_figures_are_made_of_and_the_clock(staff):
    briefing = this_months_briefing()
    now = timezone.now()
    event = EventFactory(starts_at=now + timedelta(minutes=5))

    def figures_key(moment):
        return BriefingPage(briefing=briefing, language="en", now=moment).figures_key

    first = figures_key(now)
    assert figures_key(now) == first
    # The event starts: held, no longer coming.
    assert figures_key(now + timedelta(minutes=10)) != first
    Event.objects.filter(pk=event.pk).update(venue_en="Elsewhere")
    assert figures_key(now) != first


def test_frozen_figures_are_kept_under_their_own_digest(clients, staff):
    briefing = this_months_briefing()
    compiled = compile_briefing(briefing)
    compiled["pipeline"]["projects"] = [
        {"title": {"en": "Frozen title"}, "company": "Frozen Co", "moves": []}
    ]
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(
        compiled=compiled, status="in_review", review_round=1
    )
    assert "Frozen Co" in page(clients["staff"], briefing)
    compiled["pipeline"]["projects"][0]["company"] = "Refrozen Co"
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(compiled=compiled)
    html = page(clients["staff"], briefing)
    assert "Refrozen Co" in html and "Frozen Co" not in html


def test_a_visit_whose_sections_are_kept_does_not_grow_with_the_figures_rows(clients, staff):
    briefing = this_months_briefing()
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})

    def queries() -> int:
        clients["staff"].get(path)  # its sections kept
        with CaptureQueriesContext(connection) as captured:
            assert clients["staff"].get(path).status_code == 200
        return len(captured)

    few = queries()
    for number in range(5):
        create_project(project=ProjectFactory.build(company=f"Many {number} Inc."), actor=staff)
    EventFactory.create_batch(3, starts_at=timezone.now() + timedelta(days=1))
    TalentProfileFactory.create_batch(4)
    assert queries() == few


def test_a_changed_item_shows_on_the_next_visit_with_the_forms_own_token(clients):
    from reports.briefings.models import BriefingItem

    briefing = this_months_briefing()
    item = briefing.items.get()
    BriefingItem.objects.filter(pk=item.pk).update(headline_en="Old headline")
    assert "Old headline" in page(clients["staff"], briefing)
    BriefingItem.objects.filter(pk=item.pk).update(headline_en="New headline")
    html = page(clients["staff"], briefing)
    assert "New headline" in html and "Old headline" not in html
    assert "slot-" not in html
    # The kept item's delete form has this request's token, as the submit form (not kept) has.
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert len(tokens) >= 2 and len(set(tokens)) == 1


def test_kept_comments_history_and_meeting_show_changes_made_without_saving(clients, staff):
    from reports.briefings.models import HistoryEntry, ReviewComment
    from tests.factories import MeetingFactory
    from workstation.accounts.models import User
    from workstation.meetings.models import Meeting

    briefing = this_months_briefing()
    MeetingFactory(event__starts_at=timezone.now().replace(day=1) + timedelta(hours=12))
    ReviewComment.objects.create(
        briefing=briefing, section="whole", review_round=1, author=staff, body="Old comment"
    )
    HistoryEntry.objects.create(briefing=briefing, action="opened", actor=staff, note="Old note")
    html = page(clients["staff"], briefing)
    assert "Old comment" in html and "Old note" in html and "Minutes not written yet." in html
    ReviewComment.objects.update(body="New comment")
    HistoryEntry.objects.update(note="New note")
    Meeting.objects.update(minutes_en="Minutes")
    Event.objects.filter(kind="monthly_meeting").update(title_en="Renamed meeting")
    html = page(clients["staff"], briefing)
    assert "New comment" in html and "Old comment" not in html
    assert "New note" in html and "Old note" not in html
    assert "Renamed meeting" in html and "Minutes not written yet." not in html
    # The author and the actor are read with their rows.
    User.objects.filter(pk=staff.pk).update(full_name="Renamed Author")
    assert page(clients["staff"], briefing).count("Renamed") >= 3


def test_a_kept_pdf_shows_its_new_status_and_when_it_may_be_tried_again(clients, staff):
    from reports.editions.models import BriefingPDF

    briefing = this_months_briefing()
    pdf = BriefingPDF.objects.create(
        briefing=briefing, kind="draft", language="en", requested_by=staff
    )
    html = page(clients["staff"], briefing)
    assert "Being made" in html and "Try again" not in html
    # Lost on its way to a worker: by the clock alone, the row unchanged since.
    BriefingPDF.objects.filter(pk=pdf.pk).update(requested_at=timezone.now() - timedelta(hours=1))
    html = page(clients["staff"], briefing)
    assert "Try again" in html and "slot-" not in html
    BriefingPDF.objects.filter(pk=pdf.pk).update(status="failed", error="Out of paper")
    html = page(clients["staff"], briefing)
    assert "Out of paper" in html and "Being made" not in html


def test_a_pending_pdf_becomes_lost_by_the_clock_alone(clients, staff):
    from unittest import mock

    from reports.editions.models import BriefingPDF

    briefing = this_months_briefing()
    BriefingPDF.objects.create(
        briefing=briefing,
        kind="draft",
        language="en",
        requested_by=staff,
        requested_at=timezone.now() - timedelta(seconds=110),
    )
    assert "Try again" not in page(clients["staff"], briefing)
    # Nothing written: only time passes (the grace period is two minutes). The page's moment is
    # the server's: its kept parts' key and their contents alike.
    later = timezone.now() + timedelta(seconds=30)
    with (
        mock.patch("workstation.pdfs.models.timezone.now", return_value=later),
        mock.patch("reports.briefings.page.timezone.now", return_value=later),
    ):
        assert "Try again" in page(clients["staff"], briefing)


def test_staff_and_officials_do_not_share_the_kept_page(clients, staff):
    briefing = this_months_briefing()
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(status="in_review", review_round=1)
    staff_page = page(clients["staff"], briefing)
    official_page = page(clients["official"], briefing)
    assert "Waiting for the Lanzhou bureau" in staff_page
    assert "approve-button" not in staff_page and "comment-form" not in staff_page
    assert "approve-button" in official_page and "comment-form" in official_page
    assert "Waiting for the Lanzhou bureau" not in official_page
    assert "pdf-request-form" in staff_page and "pdf-request-form" not in official_page
    # Back to a draft: staff may write again, the kept page for review is not shown.
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(status="draft")
    staff_page = page(clients["staff"], briefing)
    assert "Add an item" in staff_page and "Waiting for the Lanzhou bureau" not in staff_page
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', staff_page)
    assert len(tokens) >= 2 and len(set(tokens)) == 1


def test_a_kept_visit_does_not_grow_with_comments_history_and_pdfs(clients, staff):
    from reports.briefings.models import HistoryEntry, ReviewComment
    from reports.editions.models import BriefingPDF

    briefing = this_months_briefing()
    path = reverse("reports:briefing_detail", kwargs={"pk": briefing.pk})

    def queries() -> int:
        clients["staff"].get(path)  # its parts kept
        with CaptureQueriesContext(connection) as captured:
            assert clients["staff"].get(path).status_code == 200
        return len(captured)

    few = queries()
    for number in range(3):
        ReviewComment.objects.create(
            briefing=briefing, section="whole", review_round=1, author=staff, body=f"C{number}"
        )
        HistoryEntry.objects.create(briefing=briefing, action="opened", actor=staff)
    for language in ("en", "zh-hans"):
        BriefingPDF.objects.create(briefing=briefing, kind="draft", language=language)
    assert queries() == few
