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
from reports.briefings.compiled import compile_briefing, figures_digest
from reports.briefings.models import MonthlyBriefing
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
    first = figures_digest(briefing, now=now)
    assert figures_digest(briefing, now=now) == first
    # The event starts: held, no longer coming.
    assert figures_digest(briefing, now=now + timedelta(minutes=10)) != first
    Event.objects.filter(pk=event.pk).update(venue_en="Elsewhere")
    assert figures_digest(briefing, now=now) != first


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
