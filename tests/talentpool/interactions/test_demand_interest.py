"""A person's "I'm interested" in a Lanzhou demand: one entry of their interaction log however
often they say it, audited, and shown to staff with a link to the demand; only the person says it,
and only while the demand is open."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from talentpool.interactions.models import Interaction
from talentpool.interactions.services import interested_demand_ids, record_demand_interest
from tests.factories import DemandFactory, TalentProfileFactory
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(talent):
    return TalentProfileFactory(user=talent, email=talent.email)


@pytest.fixture
def demand():
    return DemandFactory(title_zh_hans="锂电池正极材料技术需求", title_en="Battery cathodes")


def test_an_interest_is_recorded_once_and_audited(profile, demand, talent):
    first, created = record_demand_interest(profile=profile, demand=demand, actor=talent)
    again, created_again = record_demand_interest(profile=profile, demand=demand, actor=talent)
    assert (created, created_again) == (True, False) and again == first
    assert (first.kind, first.demand, first.recorded_by) == ("demand_interest", demand, talent)
    assert first.summary == "锂电池正极材料技术需求 / Battery cathodes"
    assert AuditEntry.objects.filter(action="talent_interaction.demand_interest").count() == 1
    other = DemandFactory()
    assert interested_demand_ids(profile, [demand.pk, other.pk]) == {demand.pk}


def test_staff_see_the_interest_in_the_log_with_a_link_to_the_demand(
    clients, profile, demand, talent
):
    record_demand_interest(profile=profile, demand=demand, actor=talent)
    page = BeautifulSoup(
        clients["staff"].get(reverse("talentpool:profile_detail", args=[profile.pk])).content,
        "html.parser",
    )
    log = page.find(id="interactions").find_next("table")
    assert "Interested in a Lanzhou demand" in log.get_text()
    link = log.find("a", string="锂电池正极材料技术需求 / Battery cathodes")
    assert link["href"] == reverse("projects:demand_detail", args=[demand.pk])
    # Staff record calls and meetings by hand; an interest comes from the person only.
    form = page.find("form", class_="interaction-form")
    assert "demand_interest" not in [option["value"] for option in form.find_all("option")]
    response = clients["staff"].post(
        reverse("talentpool:interaction_add", args=[profile.pk]),
        {"kind": "demand_interest", "happened_on": "2026-11-02", "summary": "Said so"},
    )
    assert response.status_code == 200
    assert Interaction.objects.filter(profile=profile).count() == 1


def test_only_the_person_says_it(profile, demand, staff, other_talent):
    for actor in (staff, other_talent, None):
        with pytest.raises(PermissionDenied):
            record_demand_interest(profile=profile, demand=demand, actor=actor)
    assert not Interaction.objects.exists()


def test_a_closed_demand_takes_no_interest(profile, demand, talent):
    demand.is_active = False
    demand.save()
    with pytest.raises(ValidationError, match="This demand is no longer open"):
        record_demand_interest(profile=profile, demand=demand, actor=talent)
    assert not Interaction.objects.exists()


def test_the_log_keeps_the_titles_when_the_demand_is_deleted(profile, demand, talent):
    interaction, _created = record_demand_interest(profile=profile, demand=demand, actor=talent)
    demand.delete()
    interaction.refresh_from_db()
    assert interaction.demand is None
    assert interaction.summary == "锂电池正极材料技术需求 / Battery cathodes"
