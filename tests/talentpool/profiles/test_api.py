"""Talent profiles in the API: officials read only the profiles of people who share with Lanzhou,
nobody reads what the staff add, every read is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from talentpool.interactions.models import Interaction
from talentpool.profiles.api import TalentProfileSerializer
from talentpool.profiles.models import TalentProfile
from tests.conftest import api_client
from tests.factories import TalentProfileFactory, share_with_lanzhou
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db

TALENTS = "/api/v1/talents/"

# What the staff add or keep of a person's, which the API never hands out.
STAFF_ADDITIONS = {"staff_notes", "tags", "interactions", "verification", "verified_by", "source"}
CONTACT_AND_CV = {"email", "phone", "wechat_id", "linkedin_url", "cv"}


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_officials_read_only_profiles_shared_with_lanzhou(api_clients):
    shared = share_with_lanzhou(TalentProfileFactory())
    private = TalentProfileFactory()
    withdrawn = share_with_lanzhou(share_with_lanzhou(TalentProfileFactory()), given=False)
    reader = api_clients["official"]
    assert ids(reader.get(TALENTS)) == {shared.pk}
    assert reader.get(f"{TALENTS}{private.pk}/").status_code == 404
    assert reader.get(f"{TALENTS}{withdrawn.pk}/").status_code == 404
    assert reader.get(f"{TALENTS}{shared.pk}/").json()["shares_with_lanzhou"] is True
    # Staff read everyone, with each person's consent.
    staff = api_clients["staff"].get(TALENTS).json()["results"]
    assert {row["id"]: row["shares_with_lanzhou"] for row in staff} == {
        shared.pk: True,
        private.pk: False,
        withdrawn.pk: False,
    }


def test_a_withdrawn_consent_hides_the_profile_again_at_once(api_clients):
    profile = share_with_lanzhou(TalentProfileFactory())
    reader = api_clients["official"]
    assert ids(reader.get(TALENTS)) == {profile.pk}
    share_with_lanzhou(profile, given=False)
    assert ids(reader.get(TALENTS)) == set()
    assert reader.get(f"{TALENTS}{profile.pk}/").status_code == 404
    share_with_lanzhou(profile)
    assert ids(reader.get(TALENTS)) == {profile.pk}


def test_nothing_the_staff_add_is_read(api_clients, staff):
    profile = share_with_lanzhou(TalentProfileFactory(interests=["invest"]))
    TalentProfile.objects.filter(pk=profile.pk).update(
        staff_notes="SECRET-NOTE", tags=["SECRET-TAG"]
    )
    Interaction.objects.create(
        profile=profile,
        kind="call",
        happened_on=timezone.localdate(),
        summary="SECRET-CALL",
        recorded_by=staff,
    )
    for role in ("staff", "official"):
        for url in (TALENTS, f"{TALENTS}{profile.pk}/"):
            response = api_clients[role].get(url)
            text = response.content.decode()
            assert "SECRET" not in text and "cv" not in text and profile.email not in text
    row = api_clients["official"].get(f"{TALENTS}{profile.pk}/").json()
    assert set(row) == set(TalentProfileSerializer.Meta.fields)
    assert not set(row) & (STAFF_ADDITIONS | CONTACT_AND_CV)
    assert row["interests"] == ["invest"]
    assert row["native_place"]["code"] == "620102"


def test_reads_are_audited_with_the_tokens_name_and_ids(official):
    profiles = [share_with_lanzhou(TalentProfileFactory()) for _index in range(2)]
    reader = api_client(official, name="Bureau talent desk")
    assert reader.get(TALENTS).status_code == 200
    assert reader.get(f"{TALENTS}{profiles[0].pk}/").status_code == 200
    entries = AuditEntry.objects.filter(action="api.read").order_by("pk")
    assert [sorted(entry.details["ids"]) for entry in entries] == [
        sorted(profile.pk for profile in profiles),
        [profiles[0].pk],
    ]
    assert {entry.details["token"] for entry in entries} == {"Bureau talent desk"}
    assert {entry.actor for entry in entries} == {official}
    assert {entry.object_type for entry in entries} == {"talent profile"}


def test_filters(api_clients):
    chengguan = TalentProfileFactory(
        industry=Industry.objects.get(key="new_energy"), interests=["invest"]
    )
    tianshui = TalentProfileFactory(native_region=Region.objects.get(code="620500"))
    TalentProfile.objects.filter(pk=tianshui.pk).update(
        updated_at=timezone.now() - timedelta(days=10)
    )
    reader = api_clients["staff"]
    # A prefecture holds its districts.
    assert ids(reader.get(TALENTS, {"native_place": "620100"})) == {chengguan.pk}
    assert ids(reader.get(TALENTS, {"native_place": "620500"})) == {tianshui.pk}
    assert ids(reader.get(TALENTS, {"industry": "new_energy"})) == {chengguan.pk}
    assert ids(reader.get(TALENTS, {"interest": "invest"})) == {chengguan.pk}
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(reader.get(TALENTS, {"updated_since": since})) == {chengguan.pk}
    ordered = reader.get(TALENTS, {"ordering": "updated_at"}).json()["results"]
    assert [row["id"] for row in ordered] == [tianshui.pk, chengguan.pk]


def test_the_native_place_reads_in_both_languages(api_clients):
    profile = share_with_lanzhou(TalentProfileFactory())
    place = api_clients["official"].get(f"{TALENTS}{profile.pk}/", {"lang": "zh-hans"})
    assert place["Content-Language"] == "zh-hans"
    region = Region.objects.get(code="620102")
    assert place.json()["native_place"] == {
        "code": "620102",
        "kind": "district",
        "name": region.name_zh_hans,
        "name_zh_hans": region.name_zh_hans,
        "name_en": region.name_en,
    }


@pytest.mark.parametrize("role", ["official", "staff"])
def test_the_query_count_does_not_grow_with_the_rows(
    api_clients, role, django_assert_max_num_queries
):
    reader = api_clients[role]
    industry = Industry.objects.get(key="new_energy")
    for _index in range(2):
        share_with_lanzhou(TalentProfileFactory(industry=industry))
    reader.get(TALENTS)  # the token's first use writes its last-used time
    with django_assert_max_num_queries(99) as few:
        assert len(reader.get(TALENTS).json()["results"]) == 2
    for index in range(10):
        region = Region.objects.get(code="620500" if index % 2 else "620102")
        share_with_lanzhou(TalentProfileFactory(native_region=region, industry=industry))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reader.get(TALENTS).json()["results"]) == 12
