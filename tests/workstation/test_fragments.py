"""Cached fragments of the lists are never stale: their key is a digest of what they show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.pipeline.models import Project
from talentpool.profiles.models import TalentProfile
from tests.factories import (
    EventFactory,
    ProjectFactory,
    TalentProfileFactory,
    UserFactory,
    share_with_lanzhou,
)
from workstation.accounts.models import User
from workstation.events.models import Event
from workstation.reference.models import Industry, Region
from workstation.templatetags.fragments import fingerprint

pytestmark = pytest.mark.django_db


def listed(profile_pk: int) -> TalentProfile:
    return TalentProfile.objects.select_related("native_region__parent", "industry").get(
        pk=profile_pk
    )


def test_the_digest_follows_the_records_and_their_related_records():
    profile = TalentProfileFactory(
        native_region=Region.objects.get(code="620102"),
        industry=Industry.objects.get(key="new_energy"),
    )
    first = fingerprint([listed(profile.pk)])
    assert fingerprint([listed(profile.pk)]) == first
    TalentProfile.objects.filter(pk=profile.pk).update(title="Director")
    changed = fingerprint([listed(profile.pk)])
    assert changed != first
    Industry.objects.filter(key="new_energy").update(name_en="Clean energy")
    assert fingerprint([listed(profile.pk)]) not in (first, changed)
    Region.objects.filter(code="620100").update(name_en="Lanzhou City")  # the parent
    assert fingerprint([listed(profile.pk)]) != changed


def test_the_directory_shows_a_change_made_without_saving_the_profile(clients):
    profile = TalentProfileFactory(
        employer="Old Co", industry=Industry.objects.get(key="new_energy")
    )
    url = reverse("talentpool:directory")
    assert "Old Co" in clients["staff"].get(url).content.decode()
    # An UPDATE touches neither the profile's updated_at nor anything a signal would see.
    TalentProfile.objects.filter(pk=profile.pk).update(employer="New Co")
    Industry.objects.filter(key="new_energy").update(name_en="Clean energy")
    html = clients["staff"].get(url).content.decode()
    assert "New Co" in html and "Old Co" not in html
    assert "Clean energy" in html


def test_the_board_shows_a_renamed_owner_and_company(clients):
    owner = UserFactory(full_name="First Name")
    project = ProjectFactory(title_en="Solid-state cells", owner=owner)
    url = reverse("projects:board")
    assert "First Name" in clients["staff"].get(url).content.decode()
    User.objects.filter(pk=owner.pk).update(full_name="Renamed Colleague")
    Project.objects.filter(pk=project.pk).update(company="Renamed Labs")
    html = clients["staff"].get(url).content.decode()
    assert "Renamed Colleague" in html and "Renamed Labs" in html


def test_staff_and_officials_do_not_share_cached_rows(clients):
    share_with_lanzhou(TalentProfileFactory(tags=["vip-tag"]))
    url = reverse("talentpool:directory")
    assert "vip-tag" in clients["staff"].get(url).content.decode()
    assert "vip-tag" not in clients["official"].get(url).content.decode()


def test_the_filters_show_a_renamed_industry_the_chosen_values_and_the_errors(clients):
    url = reverse("talentpool:directory")
    energy = Industry.objects.get(key="new_energy")
    assert (
        f'<option value="{energy.pk}">New energy</option>'
        in clients["staff"].get(url).content.decode()
    )
    Industry.objects.filter(pk=energy.pk).update(name_en="Clean energy")
    html = clients["staff"].get(url, {"industry": energy.pk}).content.decode()
    assert f'<option value="{energy.pk}" selected>Clean energy</option>' in html
    html = clients["staff"].get(url, {"industry": "999999"}).content.decode()
    assert f'<option value="{energy.pk}">Clean energy</option>' in html
    assert "Select a valid choice" in html


@pytest.mark.parametrize("query", ["", "Example"], ids=["listing", "search"])
def test_the_directory_shows_a_renamed_place_in_a_listing_and_in_a_search(clients, query):
    TalentProfileFactory(employer="Example Co", native_region=Region.objects.get(code="620102"))
    url = reverse("talentpool:directory")
    assert "Chengguan" in clients["staff"].get(url, {"q": query}).content.decode()
    Region.objects.filter(code="620100").update(name_en="Golden City")  # the district's parent
    Region.objects.filter(code="620102").update(name_en="Old Town")
    html = clients["staff"].get(url, {"q": query}).content.decode()
    assert "Golden City / Old Town" in html


def test_the_directory_filters_offer_an_event_once_it_has_begun_and_under_its_new_title(clients):
    event = EventFactory(title_en="Spring forum")
    url = reverse("talentpool:directory")
    assert "Spring forum" not in clients["staff"].get(url).content.decode()  # not begun yet
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    assert "Spring forum" in clients["staff"].get(url).content.decode()
    Event.objects.filter(pk=event.pk).update(title_en="Summer forum")
    html = clients["staff"].get(url).content.decode()
    assert "Summer forum" in html and "Spring forum" not in html


@pytest.mark.parametrize("name", ["projects:board", "projects:table"])
def test_the_pipeline_filters_offer_a_new_expo_year_and_a_renamed_owner(clients, name):
    owner = UserFactory(full_name="First Owner")
    project = ProjectFactory(expo_year=2027, owner=owner)
    url = reverse(name)
    html = clients["staff"].get(url).content.decode()
    assert '<option value="2027">2027</option>' in html and "First Owner" in html
    Project.objects.filter(pk=project.pk).update(expo_year=2031)
    User.objects.filter(pk=owner.pk).update(full_name="Renamed Owner")
    html = clients["staff"].get(url).content.decode()
    assert '<option value="2031">2031</option>' in html and "2027</option>" not in html
    assert "Renamed Owner" in html and "First Owner" not in html
