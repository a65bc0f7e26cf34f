"""Duplicate detection over the pool, and the side-by-side merge."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from talentpool.consents.models import Consent
from talentpool.duplicates.services import (
    duplicate_pairs,
    english_name_key,
    find_duplicates,
    normalise_email,
    normalise_phone,
    normalise_wechat,
    pinyin_name_keys,
)
from talentpool.interactions.models import Interaction
from talentpool.profiles.models import TalentProfile
from tests.factories import TalentProfileFactory, share_with_lanzhou
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


_counter = iter(range(10_000))


def person(**values):
    """A profile sharing nothing with any other unless told: unique names, contacts, employer."""
    n = next(_counter)
    defaults = {
        "name_zh": "",
        "name_en": f"Person {n}",
        "employer": f"Company {n}",
        "email": f"person{n}@example.com",
        "phone": "",
        "wechat_id": "",
    }
    return TalentProfileFactory(**{**defaults, **values})


def pairs_of(queryset=None) -> dict[frozenset, list[str]]:
    return {
        frozenset((pair.first.pk, pair.second.pk)): pair.reasons
        for pair in duplicate_pairs(queryset)
    }


def found(profile) -> dict[int, list[str]]:
    return {other.pk: reasons for other, reasons in find_duplicates(profile)}


# --- Normalisation -----------------------------------------------------------------------------


def test_normalisers():
    assert normalise_email("  Wei.Wang@Example.COM ") == "wei.wang@example.com"
    assert normalise_email("wei.wang+x@gmail.com") == "wei.wang+x@gmail.com"  # no provider rules
    assert normalise_phone("+1 (650) 555-0100") == "+16505550100"
    assert normalise_phone("+86 139-0931-0000") == "+8613909310000"
    assert normalise_phone("650 555 0100") == ""  # no country code: not comparable
    assert normalise_phone("650 555 0100", region="US") == "+16505550100"
    assert normalise_phone("not a phone") == ""
    assert normalise_wechat(" WangWei_88 ") == "wangwei_88"
    assert english_name_key("Wei  Wang") == "weiwang"
    assert english_name_key("Wang-Wei") == "wangwei"
    assert pinyin_name_keys("wang wei") == {"wangwei", "weiwang"}
    assert pinyin_name_keys("ou yang na na") >= {"ouyangnana", "nanaouyang"}
    assert pinyin_name_keys("lv wei") == {"luwei", "weilu"}


# --- Each rule ----------------------------------------------------------------------------------


def test_same_email_after_normalisation():
    first = person(email="Wei.Wang@Example.com")
    second = person(email="wei.wang@example.com")
    person(email="wei.wang2@example.com")
    assert pairs_of() == {frozenset((first.pk, second.pk)): ["email"]}
    assert found(second) == {first.pk: ["email"]}


def test_same_phone_written_differently():
    first = person(phone="+1 650-555-0100")
    second = person(phone="+16505550100")
    person(phone="+16505550101")
    assert pairs_of() == {frozenset((first.pk, second.pk)): ["phone"]}
    assert found(first) == {second.pk: ["phone"]}


def test_same_wechat_id_in_another_case():
    first = person(wechat_id="WangWei_88")
    second = person(wechat_id="wangwei_88")
    person(wechat_id="wangwei_89")
    assert pairs_of() == {frozenset((first.pk, second.pk)): ["wechat"]}
    assert found(first) == {second.pk: ["wechat"]}


def test_same_chinese_name_at_the_same_employer():
    first = person(name_zh="李娜", employer="Google")
    second = person(name_zh="李娜", employer="google ")
    person(name_zh="李娜", employer="Apple")  # a namesake elsewhere
    person(name_zh="李丽", employer="Google")
    assert pairs_of() == {frozenset((first.pk, second.pk)): ["name_employer"]}
    assert found(first) == {second.pk: ["name_employer"]}


@pytest.mark.parametrize("english", ["Wei Wang", "wang wei", "WangWei", "Wang-Wei"])
def test_pinyin_of_one_is_the_english_name_of_the_other(english):
    chinese = person(name_zh="王伟", name_en="")
    latin = person(name_en=english)
    person(name_en="Wei Zhao")
    person(name_zh="张伟", name_en="")
    assert pairs_of() == {frozenset((chinese.pk, latin.pk)): ["pinyin_name"]}
    assert found(chinese) == {latin.pk: ["pinyin_name"]}
    assert found(latin) == {chinese.pk: ["pinyin_name"]}


def test_two_syllable_surnames_and_u_umlaut():
    ouyang = person(name_zh="欧阳娜娜", name_en="")
    nana = person(name_en="Nana Ouyang")
    lv = person(name_zh="吕伟", name_en="")
    lu = person(name_en="Wei Lu")
    assert pairs_of() == {
        frozenset((ouyang.pk, nana.pk)): ["pinyin_name"],
        frozenset((lv.pk, lu.pk)): ["pinyin_name"],
    }


def test_a_profile_is_not_its_own_duplicate():
    profile = person(name_zh="王伟", name_en="Wei Wang", wechat_id="ww")
    assert pairs_of() == {}
    assert found(profile) == {}


def test_several_reasons_are_listed_together():
    first = person(name_zh="王伟", employer="NVIDIA", email="ww@example.com")
    second = person(name_zh="王伟", employer="nvidia", email="WW@example.com", name_en="Wei Wang")
    assert pairs_of() == {
        frozenset((first.pk, second.pk)): ["email", "name_employer", "pinyin_name"]
    }


def test_python_and_sql_rules_agree():
    """find_duplicates (Python keys, for import rows) and duplicate_pairs (SQL) flag the same."""
    profiles = [
        person(name_zh="王伟", name_en="", email="a@example.com"),
        person(name_en="Wei Wang", phone="+8613909310000"),
        person(name_zh="王伟", name_en="David", employer="Tesla", wechat_id="dw"),
        person(name_zh="王伟", employer=" TESLA", phone="+86 139 0931 0000"),
        person(name_en="A Example", email=" A@EXAMPLE.COM", wechat_id="DW"),
        person(name_zh="欧阳 娜娜", name_en="Nana O"),
        person(name_en="na-na ou-yang"),
        person(name_zh="吕  伟", name_en=""),
        person(name_en="Lv Wei"),
    ]
    from_python = {}
    for profile in profiles:
        for other, reasons in find_duplicates(profile):
            from_python[frozenset((profile.pk, other.pk))] = reasons
    from_sql = pairs_of()
    assert from_sql == from_python
    ids = [profile.pk for profile in profiles]
    expected = {
        (0, 1): ["pinyin_name"],
        (0, 4): ["email"],
        (1, 2): ["pinyin_name"],
        (1, 3): ["phone", "pinyin_name"],
        (2, 3): ["name_employer"],
        (2, 4): ["wechat"],
        (5, 6): ["pinyin_name"],
        (7, 8): ["pinyin_name"],
    }
    assert from_sql == {frozenset((ids[a], ids[b])): why for (a, b), why in expected.items()}


def test_pairs_within_a_queryset_only():
    first = person(email="same@example.com", source="import")
    person(email="same@example.com", source="staff")
    third = person(email="same@example.com", source="import")
    assert pairs_of(TalentProfile.objects.filter(source="import")) == {
        frozenset((first.pk, third.pk)): ["email"]
    }


# --- Pages ------------------------------------------------------------------------------------


def test_the_list_shows_each_pair_with_its_reasons(clients):
    first = person(name_zh="王伟", name_en="", employer="Google")
    second = person(name_en="Wei Wang", employer="Google Inc")
    page = clients["staff"].get(reverse("talentpool:duplicates")).content.decode()
    assert "王伟" in page and "Wei Wang" in page
    assert "The pinyin of one is the other&#x27;s English name" in page
    assert reverse("talentpool:merge", kwargs={"keep": first.pk, "other": second.pk}) in page


def test_an_empty_list_says_so(clients):
    person()
    page = clients["staff"].get(reverse("talentpool:duplicates")).content.decode()
    assert "No possible duplicates found." in page


@pytest.mark.parametrize("name", ["talentpool:duplicates", "talentpool:merge"])
def test_only_staff_reach_the_duplicate_pages(clients, name):
    kwargs = {"keep": person().pk, "other": person().pk} if name == "talentpool:merge" else {}
    url = reverse(name, kwargs=kwargs)
    assert "/accounts/login/" in clients["anonymous"].get(url)["Location"]
    for role in ("talent", "other_talent", "official"):
        assert clients[role].get(url).status_code == 403, role
        assert clients[role].post(url).status_code == 403, role
    assert clients["staff"].get(url).status_code == 200
    assert TalentProfile.objects.count() == (2 if kwargs else 0)


def test_merge_of_a_profile_with_itself_or_a_missing_one_is_not_found(clients):
    profile = person()
    staff = clients["staff"]
    assert (
        staff.get(
            reverse("talentpool:merge", kwargs={"keep": profile.pk, "other": profile.pk})
        ).status_code
        == 404
    )
    assert (
        staff.get(
            reverse("talentpool:merge", kwargs={"keep": profile.pk, "other": 999999})
        ).status_code
        == 404
    )


# --- Merging ----------------------------------------------------------------------------------


def submit_merge(client, url, choices: dict):
    """Send the merge form as a browser would: the preselected choices, some of them changed."""
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    data = {
        radio["name"]: radio["value"]
        for radio in soup.select('form.merge-form input[type="radio"][checked]')
    }
    return client.post(url, {**data, **choices})


def _backdate(consent, days):
    Consent.objects.filter(pk=consent.pk).update(at=timezone.now() - timedelta(days=days))
    consent.refresh_from_db()
    return consent


def test_merge_keeps_every_interaction_and_consent_and_is_audited(clients, staff):
    keep = person(
        name_zh="王伟",
        name_en="",
        email="old@example.com",
        tags=["AI", "兰州"],
        staff_notes="Note on the kept one.",
        employer="Google",
    )
    other = person(
        name_en="Wei Wang",
        email="new@example.com",
        tags=["兰州", "VIP"],
        staff_notes="Note on the other one.",
        employer="Google LLC",
        current_city="San Jose",
    )
    Interaction.objects.create(
        profile=keep, kind="call", happened_on=date(2026, 1, 5), summary="Call", recorded_by=staff
    )
    for day in (1, 2):
        Interaction.objects.create(
            profile=other,
            kind="meeting",
            happened_on=date(2026, 2, day),
            summary=f"Meeting {day}",
            recorded_by=staff,
        )
    share_with_lanzhou(other)
    given = _backdate(Consent.objects.get(profile=other), days=30)
    privacy = _backdate(
        Consent.objects.create(
            profile=keep, purpose="privacy_notice", action="given", policy_version="2026-11"
        ),
        days=60,
    )
    consent_times = {given.pk: given.at, privacy.pk: privacy.at}

    url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
    page = clients["staff"].get(url).content.decode()
    assert "old@example.com" in page and "new@example.com" in page
    assert 'name="email"' in page and 'name="name_zh"' in page
    assert 'name="tags"' not in page  # united, not chosen

    response = submit_merge(
        clients["staff"],
        url,
        {
            "name_zh": "keep",
            "name_en": "other",
            "email": "other",
            "employer": "keep",
            "current_city": "other",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not TalentProfile.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert (keep.name_zh, keep.name_en, keep.email) == ("王伟", "Wei Wang", "new@example.com")
    assert (keep.employer, keep.current_city) == ("Google", "San Jose")
    assert keep.tags == ["AI", "兰州", "VIP"]
    assert keep.staff_notes == "Note on the kept one.\n\nNote on the other one."
    assert sorted(keep.interactions.values_list("summary", flat=True)) == [
        "Call",
        "Meeting 1",
        "Meeting 2",
    ]
    assert {c.pk: c.at for c in keep.consents.all()} == consent_times
    assert TalentProfile.objects.shared_with_lanzhou().filter(pk=keep.pk).exists()

    entry = AuditEntry.objects.get(action="talent_profile.merged")
    assert entry.actor == staff and entry.object_id == str(keep.pk)
    assert entry.details["merged_profile_id"] == other.pk
    assert sorted(entry.details["fields_from_merged"]) == ["current_city", "email", "name_en"]
    assert entry.details["moved_rows"] == {"consent": 1, "interaction": 2}
    logged = json.dumps(list(AuditEntry.objects.values("details")), ensure_ascii=False)
    for personal in ("王伟", "Wei Wang", "example.com", "Note on", "San Jose", "Google"):
        assert personal not in logged, personal


def test_a_merge_keeps_the_latest_news_consent_of_both_ledgers(clients):
    """The kept profile withdrew news long ago; the merged one gave it since: it receives news."""
    from talentpool.consents.services import set_consent

    keep, other = person(name_en="Wei Wang"), person(name_en="Wang Wei")
    for given in (True, False):
        set_consent(profile=keep, purpose="workstation_news", given=given, by=None)
    for row in Consent.objects.filter(profile=keep):
        _backdate(row, days=40)
    set_consent(profile=other, purpose="workstation_news", given=True, by=None)
    keep.refresh_from_db()
    assert not keep.receives_news

    url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
    assert submit_merge(clients["staff"], url, {}).status_code == 302
    assert list(TalentProfile.objects.receiving_news()) == [keep]


def test_merge_is_refused_when_both_have_accounts(clients, talent, other_talent):
    keep = person(user=talent, email="same@example.com")
    other = person(user=other_talent, email="same@example.com")
    url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
    page = clients["staff"].get(url).content.decode()
    assert "Two accounts cannot be merged into one sign-in" in page
    assert "Merge the profiles" not in page
    response = clients["staff"].post(url, {"email": "keep"})
    assert response.status_code == 409
    assert TalentProfile.objects.filter(pk__in=[keep.pk, other.pk]).count() == 2
    assert not AuditEntry.objects.filter(action="talent_profile.merged").exists()


def test_the_other_profiles_account_moves_to_the_kept_one(clients, talent):
    keep = person(email="same@example.com", source="staff")
    other = person(user=talent, email="same@example.com", source="self_registered")
    url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
    assert submit_merge(clients["staff"], url, {"source": "keep"}).status_code == 302
    keep.refresh_from_db()
    assert keep.user == talent
    assert TalentProfile.objects.get(user=talent).pk == keep.pk
    assert AuditEntry.objects.get(action="talent_profile.merged").details["account_moved"]


def test_merge_keeps_the_chosen_cv_and_deletes_the_other_file(
    clients, django_capture_on_commit_callbacks
):
    keep = person(email="same@example.com")
    other = person(email="same@example.com")
    keep.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 kept"))
    other.cv.save("cv.docx", ContentFile(b"PK other"))
    kept_name, other_name = keep.cv.name, other.cv.name
    storage = keep.cv.storage
    try:
        assert storage.exists(kept_name) and storage.exists(other_name)
        url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
        assert "A CV file (DOCX)" in clients["staff"].get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = submit_merge(clients["staff"], url, {"cv": "other"})
        assert response.status_code == 302
        keep.refresh_from_db()
        assert keep.cv.name == other_name
        assert storage.exists(other_name)
        assert not storage.exists(kept_name)
    finally:
        for name in (kept_name, other_name):
            storage.delete(name)


def test_the_kept_profile_takes_the_earlier_registration(clients):
    keep = person(email="same@example.com")
    other = person(email="same@example.com")
    earlier = timezone.now() - timedelta(days=400)
    TalentProfile.objects.filter(pk=other.pk).update(created_at=earlier)
    url = reverse("talentpool:merge", kwargs={"keep": keep.pk, "other": other.pk})
    assert submit_merge(clients["staff"], url, {}).status_code == 302
    keep.refresh_from_db()
    assert keep.created_at == earlier


# --- Different people --------------------------------------------------------------------------


def test_a_pair_marked_as_different_people_is_no_longer_listed(clients, staff):
    first = person(email="shared@example.com")
    second = person(email="Shared@Example.com ")
    third = person(email="shared@example.com")
    page = clients["staff"].get(reverse("talentpool:duplicates")).content.decode()
    assert "Different people" in page
    path = reverse("talentpool:not_duplicates", kwargs={"first": second.pk, "second": first.pk})
    assert clients["staff"].get(path).status_code == 405  # a GET changes nothing
    response = clients["staff"].post(path, follow=True)
    assert "Marked as two different people" in response.content.decode()
    pairs = pairs_of()
    assert frozenset((first.pk, second.pk)) not in pairs
    # The third profile still pairs with both: only the pair looked at is settled.
    assert frozenset((first.pk, third.pk)) in pairs and frozenset((second.pk, third.pk)) in pairs
    clients["staff"].post(path)  # twice: one record, one audit entry
    assert AuditEntry.objects.filter(action="talent.not_duplicates").count() == 1
    entry = AuditEntry.objects.get(action="talent.not_duplicates")
    assert "shared@example.com" not in json.dumps(entry.details)


def test_deleting_a_profile_deletes_its_different_people_records(staff):
    from talentpool.duplicates.models import DistinctPair
    from talentpool.duplicates.services import mark_different_people

    first, second = person(phone="+14155550100"), person(phone="+14155550100")
    mark_different_people(first=first, second=second, actor=staff)
    assert DistinctPair.objects.count() == 1
    second.delete()
    assert not DistinctPair.objects.exists()
