"""Lanzhou officials read the directory: only people who consent to sharing, never the staff's
notes, tags or contact log, and every view of a profile is audited."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from talentpool.interactions.models import Interaction
from tests.conftest import signed_in_client
from tests.factories import TalentProfileFactory, share_with_lanzhou
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db

VIEWED = "talent_profile.viewed_by_official"
STAFF_ONLY_TEXT = (
    "Confidential staff note",
    "secret-tag",
    "Interaction log",
    "Dinner in Cupertino",
    "Consent ledger",
    "Staff only",
    "Referral",
    "Record an interaction",
    "Mark as verified",
    "Invite to claim this profile",
)


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"talentpool:{name}", kwargs=kwargs or None)


def names_listed(response) -> set[str]:
    assert response.status_code == 200
    return set(
        re.findall(r'<span lang="en" class="name-en">([^<]+)</span>', response.content.decode())
    )


@pytest.fixture
def official_client(official):
    return signed_in_client(official)


@pytest.fixture
def shared(staff):
    """A person who consents to sharing with Lanzhou, with everything staff keep about them."""
    profile = TalentProfileFactory(
        name_zh="王伟",
        name_en="Wei Wang",
        native_region=Region.objects.get(code="620102"),
        employer="Example Robotics",
        title="Staff Engineer",
        industry=Industry.objects.get(key="artificial_intelligence"),
        interests=["invest"],
        email="wei.wang@example.com",
        phone="+16505550100",
        wechat_id="weiwang_wx",
        linkedin_url="https://www.linkedin.com/in/weiwang",
        staff_notes="Confidential staff note",
        tags=["secret-tag"],
        source="referral",
    )
    Interaction.objects.create(
        profile=profile,
        kind="meeting",
        happened_on=date(2025, 4, 1),
        summary="Dinner in Cupertino",
        recorded_by=staff,
    )
    return share_with_lanzhou(profile)


@pytest.fixture
def private():
    return TalentProfileFactory(name_en="Not Sharing", staff_notes="Another note")


def test_officials_list_only_people_who_share(official_client, shared, private):
    response = official_client.get(url("directory"))
    assert names_listed(response) == {"Wei Wang"}
    text = response.content.decode()
    assert "1 person" in text
    assert "Lanzhou / Chengguan District" in text
    assert "Example Robotics" in text and "Invest" in text and "Unverified" in text
    for hidden in STAFF_ONLY_TEXT:
        assert hidden not in text, hidden
    # Officials neither add people nor export; nor filter by the staff's own fields.
    assert url("profile_create") not in text
    assert "Export CSV" not in text
    assert 'name="tag"' not in text and 'name="source"' not in text
    assert 'name="verification"' not in text
    assert 'name="attended"' not in text  # who came to which event is the staff's


def test_officials_search_only_among_people_who_share(official_client, shared, private):
    assert names_listed(official_client.get(url("directory"), {"q": "Not Sharing"})) == set()
    assert names_listed(official_client.get(url("directory"), {"q": "Wei"})) == {"Wei Wang"}


def test_officials_cannot_filter_by_tags_to_guess_them(official_client, shared, private):
    # A staff-only filter in the address is ignored, not applied.
    response = official_client.get(url("directory"), {"tag": "no-such-tag"})
    assert names_listed(response) == {"Wei Wang"}


def test_an_official_sees_contact_and_no_staff_data(official_client, shared):
    response = official_client.get(url("profile_detail", pk=shared.pk))
    assert response.status_code == 200
    text = response.content.decode()
    for expected in (
        "王伟",
        "Wei Wang",
        "wei.wang@example.com",
        "+1 650-555-0100",
        "weiwang_wx",
        "https://www.linkedin.com/in/weiwang",
        "Example Robotics",
        "Staff Engineer",
        "Your view of this page is recorded.",
    ):
        assert expected in text, expected
    for hidden in (*STAFF_ONLY_TEXT, "Another note"):
        assert hidden not in text, hidden
    assert url("profile_edit", pk=shared.pk) not in text


def test_the_official_page_speaks_chinese(shared, official_client):
    text = official_client.get(url("profile_detail", "zh-hans", pk=shared.pk)).content.decode()
    assert "兰州市 / 城关区" in text
    assert "人工智能" in text


def test_each_view_by_an_official_is_audited_once(official_client, official, shared):
    for expected in (1, 2):
        assert official_client.get(url("profile_detail", pk=shared.pk)).status_code == 200
        assert AuditEntry.objects.filter(action=VIEWED).count() == expected
    entry = AuditEntry.objects.filter(action=VIEWED).latest("at")
    assert entry.actor == official
    assert entry.actor_role == "official"
    assert (entry.object_type, entry.object_id) == ("talentpool.talentprofile", str(shared.pk))
    assert entry.details == {}
    # Listing is not viewing a profile.
    official_client.get(url("directory"))
    assert AuditEntry.objects.filter(action=VIEWED).count() == 2


def test_staff_views_are_not_recorded_as_official_views(clients, shared):
    assert clients["staff"].get(url("profile_detail", pk=shared.pk)).status_code == 200
    assert not AuditEntry.objects.filter(action=VIEWED).exists()


def test_an_official_gets_404_for_a_profile_without_consent(official_client, private):
    assert official_client.get(url("profile_detail", pk=private.pk)).status_code == 404
    assert official_client.get(url("profile_detail", pk=999999)).status_code == 404
    assert not AuditEntry.objects.filter(action=VIEWED).exists()


def test_withdrawn_consent_hides_the_profile_from_officials(official_client, shared):
    assert official_client.get(url("profile_detail", pk=shared.pk)).status_code == 200
    share_with_lanzhou(shared, given=False)
    assert official_client.get(url("profile_detail", pk=shared.pk)).status_code == 404
    assert names_listed(official_client.get(url("directory"))) == set()
    assert AuditEntry.objects.filter(action=VIEWED).count() == 1
    # Given again, it is visible again.
    share_with_lanzhou(shared)
    assert official_client.get(url("profile_detail", pk=shared.pk)).status_code == 200


def test_officials_see_a_cv_link_only_when_there_is_a_cv(official_client, shared):
    text = official_client.get(url("profile_detail", pk=shared.pk)).content.decode()
    assert "No CV" in text
    type(shared).objects.filter(pk=shared.pk).update(cv="cv/0123456789abcdef.pdf")
    text = official_client.get(url("profile_detail", pk=shared.pk)).content.decode()
    assert "No CV" not in text
    assert f'href="{url("profile_cv", pk=shared.pk)}"' in text


def test_officials_cannot_act_on_profiles(official_client, shared):
    for name in ("profile_verify", "profile_invite", "interaction_add"):
        assert official_client.post(url(name, pk=shared.pk)).status_code == 403
    assert official_client.get(url("profile_edit", pk=shared.pk)).status_code == 403
    assert official_client.get(url("profile_create")).status_code == 403
