"""The staff's talent directory: the list with its filters, a profile's page, entering and editing
profiles, the contact log, verification and the invitation to claim a profile."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent
from talentpool.directory import services as directory_services
from talentpool.directory.services import make_claim_token, read_claim_token
from talentpool.interactions.models import Interaction
from talentpool.profiles.models import TalentProfile
from tests.conftest import make_person, signed_in_client
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    TalentProfileFactory,
    share_with_lanzhou,
)
from workstation.audit.models import AuditEntry
from workstation.reference.models import Industry, Region
from workstation.reminders.models import Reminder
from workstation.reminders.tasks import send_reminder

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
CLAIM_LINK = re.compile(r"https?://\S+/talent/claim/(\S+)/")


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"talentpool:{name}", kwargs=kwargs or None)


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def industry(key: str) -> Industry:
    return Industry.objects.get(key=key)


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def names_listed(response) -> set[str]:
    """The English names in the list's rows."""
    return set(re.findall(r'<span lang="en" class="name-en">([^<]+)</span>', page_text(response)))


@pytest.fixture
def staff_client(staff):
    return signed_in_client(staff)


# --- Who enters


def test_the_directory_is_for_staff_and_officials(clients):
    TalentProfileFactory(name_en="Somebody Listed")
    assert clients["staff"].get(url("directory")).status_code == 200
    assert clients["official"].get(url("directory")).status_code == 200
    assert clients["talent"].get(url("directory")).status_code == 403
    response = clients["anonymous"].get(url("directory"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.headers["Location"]


def test_a_talent_cannot_open_their_own_profile_in_the_directory(clients, talent):
    own = TalentProfileFactory(user=talent)
    assert clients["talent"].get(url("profile_detail", pk=own.pk)).status_code == 403
    assert clients["talent"].get(url("profile_edit", pk=own.pk)).status_code == 403


def test_staff_only_pages_are_closed_to_officials_and_talents(clients):
    profile = share_with_lanzhou(TalentProfileFactory())
    for role in ("official", "talent"):
        client = clients[role]
        assert client.get(url("profile_create")).status_code == 403
        assert client.get(url("profile_edit", pk=profile.pk)).status_code == 403
        assert client.post(url("profile_verify", pk=profile.pk)).status_code == 403
        assert client.post(url("profile_invite", pk=profile.pk)).status_code == 403
        assert (
            client.post(
                url("interaction_add", pk=profile.pk),
                {"kind": "call", "happened_on": "2025-01-02", "summary": "Sneaky"},
            ).status_code
            == 403
        )
    profile.refresh_from_db()
    assert profile.verification == "unverified"
    assert not Interaction.objects.exists()
    assert not Reminder.objects.exists()


def test_a_guessed_id_answers_404(staff_client):
    assert staff_client.get(url("profile_detail", pk=999999)).status_code == 404
    assert staff_client.get(url("profile_edit", pk=999999)).status_code == 404


# --- The list


def test_each_row_shows_what_staff_need(staff_client):
    TalentProfileFactory(
        name_zh="王伟",
        name_en="Wei Wang",
        native_region=region("620102"),
        employer="Example Robotics",
        title="Staff Engineer",
        industry=industry("artificial_intelligence"),
        interests=["start_company", "speak"],
        tags=["speaker", "校友会"],
        verification="verified",
    )
    text = page_text(staff_client.get(url("directory")))
    for expected in (
        "王伟",
        "Wei Wang",
        "Lanzhou / Chengguan District",
        "Example Robotics",
        "Staff Engineer",
        "Artificial intelligence",
        "Start a company in Lanzhou",
        "Speak at an event",
        "speaker",
        "校友会",
        "Verified",
        "1 person",
    ):
        assert expected in text, expected
    assert url("profile_create") in text


def test_the_list_speaks_chinese_on_the_chinese_site(staff_client):
    TalentProfileFactory(
        name_en="Chinese Site", native_region=region("620102"), industry=industry("biomedicine")
    )
    text = page_text(staff_client.get(url("directory", "zh-hans")))
    assert "兰州市 / 城关区" in text
    assert "生物医药" in text


def test_newest_first_without_a_query(staff_client):
    older = TalentProfileFactory(name_en="Older Person")
    TalentProfileFactory(name_en="Newer Person")
    TalentProfile.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=3))
    text = page_text(staff_client.get(url("directory")))
    assert text.index("Newer Person") < text.index("Older Person")


def test_the_search_box_finds_people(staff_client):
    TalentProfileFactory(name_zh="王伟", name_en="Wei Wang", employer="Example Robotics")
    TalentProfileFactory(name_zh="李娜", name_en="Na Li", employer="Example Bio")
    assert names_listed(staff_client.get(url("directory"), {"q": "Robotics"})) == {"Wei Wang"}
    assert names_listed(staff_client.get(url("directory"), {"q": "王伟"})) == {"Wei Wang"}
    text = page_text(staff_client.get(url("directory"), {"q": "nobody-like-this"}))
    assert "Nobody matches these filters." in text


def test_more_matches_than_counted_show_as_1000_plus(staff_client, monkeypatch):
    for number in range(3):
        TalentProfileFactory(name_en=f"Many Matches {number}", employer="Wang Labs")
    monkeypatch.setattr(directory_services, "COUNT_LIMIT", 2)  # as 1,000 with 1,001 matches
    text = page_text(staff_client.get(url("directory"), {"q": "wang"}))
    assert "2+ people" in text
    assert "Many Matches 2" in text


@pytest.fixture
def places():
    """One person per kind of native place, with distinct industries, interests and tags."""
    made = {
        "Chengguan": TalentProfileFactory(
            name_en="Person Chengguan",
            native_region=region("620102"),
            industry=industry("artificial_intelligence"),
            interests=["invest"],
            tags=["vip"],
            verification="verified",
        ),
        "LanzhouCity": TalentProfileFactory(
            name_en="Person LanzhouCity",
            native_region=region("620100"),
            industry=industry("biomedicine"),
            interests=["speak"],
        ),
        "NewArea": TalentProfileFactory(
            name_en="Person NewArea",
            native_region=region("lanzhou-new-area"),
            industry=industry("biomedicine"),
            interests=["invest", "speak"],
            tags=["vip", "expo"],
        ),
        "Tianshui": TalentProfileFactory(
            name_en="Person Tianshui",
            native_region=region("620500"),
            industry=industry("new_energy"),
            interests=["host_visit"],
            verification="verified",
        ),
        "Beijing": TalentProfileFactory(
            name_en="Person Beijing",
            native_region=region("110000"),
            industry=industry("new_energy"),
            source="referral",
        ),
    }
    old = timezone.now() - timedelta(days=400)
    TalentProfile.objects.filter(pk=made["Beijing"].pk).update(created_at=old)
    return made


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # A prefecture covers its districts, counties and the Lanzhou New Area.
        (lambda: {"prefecture": region("620100").pk}, {"Chengguan", "LanzhouCity", "NewArea"}),
        (lambda: {"prefecture": region("620500").pk}, {"Tianshui"}),
        (lambda: {"district": region("620102").pk}, {"Chengguan"}),
        (lambda: {"lanzhou": "on"}, {"Chengguan", "LanzhouCity", "NewArea"}),
        (lambda: {"gansu": "on"}, {"Chengguan", "LanzhouCity", "NewArea", "Tianshui"}),
        (lambda: {"industry": industry("biomedicine").pk}, {"LanzhouCity", "NewArea"}),
        (lambda: {"interest": "invest"}, {"Chengguan", "NewArea"}),
        (lambda: {"verification": "verified"}, {"Chengguan", "Tianshui"}),
        (lambda: {"verification": "unverified"}, {"LanzhouCity", "NewArea", "Beijing"}),
        (lambda: {"source": "referral"}, {"Beijing"}),
        (lambda: {"tag": "vip"}, {"Chengguan", "NewArea"}),
        (lambda: {"tag": "expo"}, {"NewArea"}),
        (
            lambda: {"registered_since": (timezone.localdate() - timedelta(days=30)).isoformat()},
            {"Chengguan", "LanzhouCity", "NewArea", "Tianshui"},
        ),
        (lambda: {"lanzhou": "on", "interest": "speak"}, {"LanzhouCity", "NewArea"}),
        (lambda: {}, {"Chengguan", "LanzhouCity", "NewArea", "Tianshui", "Beijing"}),
    ],
)
def test_filters(staff_client, places, params, expected):
    response = staff_client.get(url("directory"), params())
    assert names_listed(response) == {f"Person {name}" for name in expected}


def test_the_attendance_filter_finds_who_checked_in_by_address_or_account(
    staff_client, places, talent
):
    forum = EventFactory(starts_at=timezone.now() - timedelta(days=3))
    later = EventFactory(starts_at=timezone.now() + timedelta(days=3))
    now = timezone.now()
    chengguan, tianshui = places["Chengguan"], places["Tianshui"]
    RegistrationFactory(event=forum, email=chengguan.email.upper(), attended_at=now)
    # Tianshui's person registered with another address, signed in to their account.
    TalentProfile.objects.filter(pk=tianshui.pk).update(user=talent)
    RegistrationFactory(event=forum, email="private@example.net", user=talent, attended_at=now)
    # Registered but not checked in; checked in but cancelled since: neither came.
    RegistrationFactory(event=forum, email=places["NewArea"].email)
    RegistrationFactory(
        event=forum, email=places["Beijing"].email, attended_at=now, status="cancelled"
    )

    response = staff_client.get(url("directory"), {"attended": forum.pk})
    assert names_listed(response) == {"Person Chengguan", "Person Tianshui"}
    # Only events that have begun are offered; another is refused as a choice, with a message.
    soup = BeautifulSoup(response.content, "html.parser")
    offered = [option["value"] for option in soup.select("select[name=attended] option")]
    assert offered == ["", str(forum.pk)]
    response = staff_client.get(url("directory"), {"attended": later.pk})
    assert "Please correct the filters marked below." in page_text(response)


def test_a_future_date_gives_an_error_and_keeps_the_filters(staff_client, places):
    tomorrow = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = staff_client.get(
        url("directory"), {"registered_since": tomorrow, "tag": "vip", "q": "Person"}
    )
    text = page_text(response)
    assert "The date cannot be in the future." in text
    assert "Correct the filters above to see the list." in text
    assert names_listed(response) == set()
    assert f'value="{tomorrow}"' in text
    assert 'value="vip"' in text


def test_a_search_alone_lists_its_matches_and_a_too_long_one_is_refused(staff_client, places):
    response = staff_client.get(url("directory"), {"q": "  Person Tianshui ", "page": "1"})
    assert names_listed(response) == {"Person Tianshui"}
    assert 'value="  Person Tianshui "' in page_text(response)  # kept as typed, in the box
    text = page_text(staff_client.get(url("directory"), {"q": "W" * 101}))
    assert "Ensure this value has at most 100 characters (it has 101)." in text
    assert "Correct the filters above to see the list." in text


def test_the_filter_error_speaks_chinese_on_the_chinese_site(staff_client):
    text = page_text(staff_client.get(url("directory", "zh-hans"), {"registered_since": "x"}))
    assert "输入一个有效的日期。" in text


def test_pagination_keeps_the_filters(staff_client):
    tianshui = region("620500")
    for number in range(30):
        TalentProfileFactory(name_en=f"Tianshui Native {number:02d}", native_region=tianshui)
    TalentProfileFactory.create_batch(3, native_region=region("110000"))

    first = staff_client.get(url("directory"), {"prefecture": tianshui.pk})
    assert len(names_listed(first)) == 25
    text = page_text(first)
    assert "30 people" in text
    assert "Page 1 of 2" in text
    next_link = re.search(r'href="(\?[^"]*page=2[^"]*)" rel="next"', text).group(1)
    assert f"prefecture={tianshui.pk}" in next_link

    second = staff_client.get(url("directory") + next_link.replace("&amp;", "&"))
    listed = names_listed(second)
    assert len(listed) == 5
    assert all(name.startswith("Tianshui Native") for name in listed)
    assert listed.isdisjoint(names_listed(first))
    assert 'rel="prev"' in page_text(second)


def test_a_page_past_the_end_shows_the_last_page(staff_client):
    TalentProfileFactory.create_batch(3)
    response = staff_client.get(url("directory"), {"page": "99"})
    assert len(names_listed(response)) == 3
    assert len(names_listed(staff_client.get(url("directory"), {"page": "abc"}))) == 3


def test_export_links_carry_the_filters(staff_client, places):
    response = staff_client.get(url("directory"), {"tag": "vip", "page": "1"})
    text = page_text(response)
    for name, label in (("export_csv", "Export CSV"), ("export_xlsx", "Export Excel")):
        export_url = url(name)
        assert label in text
        link = re.search(rf'href="({re.escape(export_url)}[^"]*)"', text).group(1)
        assert "tag=vip" in link
        assert "page=" not in link


def add_profiles(number: int, start: int, *, shared: bool = False) -> None:
    """Profiles with varied places, industries and interests, as a real list has."""
    places = list(Region.objects.filter(is_gansu=True, kind__in=["prefecture", "district"]))
    industries = list(Industry.objects.all())
    for index in range(start, start + number):
        profile = TalentProfileFactory(
            name_en=f"Row Person {index}",
            native_region=places[index % len(places)],
            industry=industries[index % len(industries)],
            interests=["invest", "speak"][: index % 3],
            tags=[f"tag{index}"],
        )
        if shared:
            share_with_lanzhou(profile)


def queries(client, path: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"gansu": "on", "page": "1"}, {"q": "batteries"}, {"page": "2"}]
)
@pytest.mark.parametrize("role", ["staff", "official"])
def test_list_query_count_does_not_grow(role, params, cast):
    client = signed_in_client(cast[role])
    add_profiles(2, 0, shared=True)
    few = queries(client, url("directory"), params)
    add_profiles(28, 100, shared=True)
    assert len(names_listed(client.get(url("directory"), params))) in (5, 25)
    # Fewer, not more: with two profiles, page 2 is past the end and the last page is fetched.
    assert queries(client, url("directory"), params) <= few


# --- A profile's page, for staff


def test_staff_see_everything_on_a_profile(staff_client, staff):
    profile = TalentProfileFactory(
        name_zh="李娜",
        name_en="Na Li",
        staff_notes="Met at the 2025 conference.",
        tags=["speaker"],
        source="referral",
        phone="+16505550100",
        wechat_id="nali_wx",
        linkedin_url="https://www.linkedin.com/in/nali",
        interests=["part_time"],
    )
    share_with_lanzhou(profile)
    share_with_lanzhou(profile, given=False)
    Interaction.objects.create(
        profile=profile,
        kind="meeting",
        happened_on=date(2025, 3, 4),
        summary="Coffee in Palo Alto.",
        recorded_by=staff,
    )
    text = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    expected_texts = [
        "李娜",
        "Na Li",
        "Met at the 2025 conference.",
        "speaker",
        "Referral",
        "+1 650-555-0100",
        "nali_wx",
        "https://www.linkedin.com/in/nali",
        "Part-time or advisory role",
        "Consent ledger",
        "Profile shared with Lanzhou Municipal Science and Technology Bureau",
        "Given",
        "Withdrawn",
        PRIVACY_POLICY_VERSION,
        "Interaction log",
        "2025-03-04",
        "Meeting",
        "Coffee in Palo Alto.",
        staff.get_short_name(),
        "Record an interaction",
        "Mark as verified",
        "Invite to claim this profile",
    ]
    for expected in expected_texts:
        assert expected in text, expected
    assert not AuditEntry.objects.filter(action="talent_profile.viewed_by_official").exists()


def test_a_staff_entered_profile_has_no_consent_rows_to_show(staff_client):
    profile = TalentProfileFactory()
    text = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    assert "No consent recorded: the profile is not shared with Lanzhou." in text


# --- Entering and editing a profile


def valid_profile_data(**overrides) -> dict:
    data = {
        "name_zh": "赵敏",
        "name_en": "Min Zhao",
        "native_region": region("620103").pk,
        "current_city": "Sunnyvale",
        "current_state": "CA",
        "employer": "Example Robotics",
        "title": "Engineer",
        "industry": industry("artificial_intelligence").pk,
        "expertise": "robotics, 机器人",
        "degree": "doctorate",
        "school": "Stanford University",
        "graduation_year": "2015",
        "email": "min.zhao@example.com",
        "phone": "+1 650 555 0101",
        "wechat_id": "minzhao",
        "linkedin_url": "https://www.linkedin.com/in/minzhao",
        "preferred_language": "zh-hans",
        "interests": ["invest", "speak"],
        "source": "staff",
        "tags": "AI，speaker, 校友会, AI",
        "staff_notes": "Referred by Prof. Wang.",
    }
    data.update(overrides)
    return data


def test_the_form_groups_native_places(staff_client):
    text = page_text(staff_client.get(url("profile_create")))
    groups = re.findall(r'<optgroup label="([^"]+)">', text)
    assert groups == [
        "Gansu: prefecture-level divisions",
        "Lanzhou: districts, counties and Lanzhou New Area",
        "Other provinces and regions of China",
        "Outside China",
    ]
    gansu_group = text.split('<optgroup label="Gansu: prefecture-level divisions">')[1]
    gansu_group = gansu_group.split("</optgroup>")[0]
    assert "Tianshui" in gansu_group and "Chengguan" not in gansu_group
    lanzhou_group = text.split("Lanzhou: districts, counties and Lanzhou New Area")[1]
    lanzhou_group = lanzhou_group.split("</optgroup>")[0]
    assert "Chengguan District" in lanzhou_group and "Yuzhong County" in lanzhou_group
    assert "Lanzhou New Area" in lanzhou_group
    assert 'value="staff" selected' in text


def test_staff_create_a_profile_without_any_consent(staff_client, staff, official):
    response = staff_client.post(url("profile_create"), valid_profile_data())
    profile = TalentProfile.objects.get(email="min.zhao@example.com")
    assert response.status_code == 302
    assert response.headers["Location"] == url("profile_detail", pk=profile.pk)
    assert profile.native_region.code == "620103"
    assert profile.tags == ["AI", "speaker", "校友会"]
    assert profile.interests == ["invest", "speak"]
    assert profile.name_pinyin == "zhao min"
    assert profile.created_by == staff
    assert profile.source == "staff"
    assert profile.user is None
    assert profile.phone.as_e164 == "+16505550101"
    assert not Consent.objects.filter(profile=profile).exists()
    entry = AuditEntry.objects.get(action="talent_profile.created", object_id=str(profile.pk))
    assert entry.actor == staff
    assert "Zhao" not in str(entry.details) and "min.zhao" not in str(entry.details)
    # Nothing is shared with Lanzhou until the person claims it and agrees.
    assert signed_in_client(official).get(url("profile_detail", pk=profile.pk)).status_code == 404
    text = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    assert "The profile was created." in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name_zh": "王" * 2000}, "Ensure this value has at most 50 characters (it has 2000)."),
        ({"name_en": "W" * 2000}, "Ensure this value has at most 100 characters (it has 2000)."),
        ({"name_zh": "王伟😀"}, "Names cannot contain emoji or pictographs"),
        ({"name_en": "Wei 🚀 Wang"}, "Names cannot contain emoji or pictographs"),
        ({"name_zh": "", "name_en": ""}, "Enter the Chinese name, the English or pinyin name"),
        ({"email": "min.zhao-at-example.com"}, "Enter a valid email address."),
        ({"phone": "650 555 0101"}, "Enter the phone number in international form"),
        ({"phone": "+1 555"}, "Enter the phone number in international form"),
        ({"graduation_year": str(timezone.localdate().year + 1)}, "cannot be in the future"),
        ({"graduation_year": "1900"}, "greater than or equal to 1940"),
        ({"linkedin_url": "https://example.com/in/minzhao"}, "address of a LinkedIn profile"),
        (
            {"linkedin_url": "https://linkedin.com.evil.example/in/x"},
            "address of a LinkedIn profile",
        ),
        ({"tags": "ok, " + "x" * 51}, "A tag may have at most 50 characters"),
    ],
)
def test_bad_input_is_refused_clearly_and_keeps_what_was_typed(staff_client, overrides, message):
    data = valid_profile_data(**overrides)
    response = staff_client.post(url("profile_create"), data)
    text = page_text(response)
    assert message in text
    assert "Nothing was saved: please correct the fields marked below." in text
    assert not TalentProfile.objects.exists()
    # What was typed is still there.
    assert 'value="Example Robotics"' in text
    assert "Referred by Prof. Wang." in text
    assert re.search(r'<input[^>]*value="invest"[^>]*checked', text)
    assert not re.search(r'<input[^>]*value="host_visit"[^>]*checked', text)
    for field in ("name_zh", "name_en", "email", "phone"):
        if data[field]:
            assert f'value="{data[field]}"' in text, field


def test_bad_input_is_refused_in_chinese_on_the_chinese_site(staff_client):
    response = staff_client.post(
        url("profile_create", "zh-hans"),
        valid_profile_data(name_zh="王" * 2000, email="not-an-email"),
    )
    text = page_text(response)
    assert "确保该变量包含不超过 50 字符 (目前字符数 2000)。" in text
    assert "输入一个有效的 Email 地址。" in text
    assert not TalentProfile.objects.exists()


def test_staff_edit_a_profile_and_the_change_is_audited(staff_client, staff):
    profile = TalentProfileFactory(tags=["alpha", "beta"], employer="Old Employer")
    form_page = page_text(staff_client.get(url("profile_edit", pk=profile.pk)))
    assert 'value="alpha, beta"' in form_page
    data = valid_profile_data(
        name_zh=profile.name_zh,
        name_en=profile.name_en,
        email=profile.email,
        tags="alpha, beta",
        employer="New Employer",
    )
    response = staff_client.post(url("profile_edit", pk=profile.pk), data)
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.employer == "New Employer"
    assert profile.tags == ["alpha", "beta"]
    entry = AuditEntry.objects.filter(action="talent_profile.changed").latest("at")
    assert entry.actor == staff
    assert "employer" in entry.details["fields"]
    assert "tags" not in entry.details["fields"]
    assert "New Employer" not in str(entry.details)


def test_an_edit_with_bad_input_changes_nothing(staff_client):
    profile = TalentProfileFactory(employer="Kept Employer")
    response = staff_client.post(
        url("profile_edit", pk=profile.pk),
        valid_profile_data(employer="Typed Employer", graduation_year="2999"),
    )
    text = page_text(response)
    assert "cannot be in the future" in text
    assert 'value="Typed Employer"' in text
    profile.refresh_from_db()
    assert profile.employer == "Kept Employer"


# --- The contact log


def test_staff_record_an_interaction(staff_client, staff):
    profile = TalentProfileFactory()
    response = staff_client.post(
        url("interaction_add", pk=profile.pk),
        {"kind": "call", "happened_on": "2025-05-06", "summary": "Talked about the Expo."},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#interactions")
    interaction = Interaction.objects.get(profile=profile)
    assert (interaction.kind, interaction.happened_on) == ("call", date(2025, 5, 6))
    assert interaction.recorded_by == staff
    text = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    assert "Talked about the Expo." in text and "2025-05-06" in text and "Call" in text
    entry = AuditEntry.objects.get(action="talent_interaction.added")
    assert entry.object_id == str(profile.pk)
    assert "Expo" not in str(entry.details)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "call", "happened_on": "2999-01-01"}, "The date cannot be in the future."),
        ({"kind": "", "happened_on": "2025-01-01"}, "This field is required."),
        ({"kind": "fax", "happened_on": "2025-01-01"}, "Select a valid choice."),
        ({"kind": "call", "happened_on": "yesterday"}, "Enter a valid date."),
    ],
)
def test_a_bad_interaction_is_refused_and_keeps_the_summary(staff_client, data, message):
    profile = TalentProfileFactory()
    response = staff_client.post(
        url("interaction_add", pk=profile.pk), {**data, "summary": "Typed summary kept"}
    )
    text = page_text(response)
    assert message in text
    assert "The interaction was not recorded" in text
    assert "Typed summary kept" in text
    assert not Interaction.objects.exists()


def test_a_meeting_this_morning_in_lanzhou_is_not_in_the_future(staff_client):
    profile = TalentProfileFactory()
    today = timezone.localdate()
    response = staff_client.post(
        url("interaction_add", pk=profile.pk),
        {"kind": "meeting", "happened_on": today.isoformat(), "summary": "Today."},
    )
    assert response.status_code == 302


def test_interactions_are_added_by_post_only(staff_client):
    profile = TalentProfileFactory()
    assert staff_client.get(url("interaction_add", pk=profile.pk)).status_code == 405


# --- Verification


def test_verifying_records_who_and_when_and_is_audited(staff_client, staff):
    profile = TalentProfileFactory()
    before = timezone.now()
    response = staff_client.post(url("profile_verify", pk=profile.pk), follow=True)
    assert "The profile is marked as verified." in page_text(response)
    profile.refresh_from_db()
    assert profile.verification == "verified"
    assert profile.verified_by == staff
    assert before <= profile.verified_at <= timezone.now()
    entry = AuditEntry.objects.get(action="talent_profile.changed", object_id=str(profile.pk))
    assert entry.actor == staff
    assert entry.details["fields"] == ["verification"]
    text = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    assert f"Verified by {staff.get_short_name()} on" in text
    assert "Mark as verified" not in text


def test_verifying_twice_keeps_the_first_verification(staff_client, staff):
    profile = TalentProfileFactory()
    staff_client.post(url("profile_verify", pk=profile.pk))
    first = TalentProfile.objects.get(pk=profile.pk).verified_at
    colleague = make_person("staff", "colleague@example.org")
    response = signed_in_client(colleague).post(url("profile_verify", pk=profile.pk), follow=True)
    assert "The profile was already verified." in page_text(response)
    profile.refresh_from_db()
    assert (profile.verified_by, profile.verified_at) == (staff, first)
    assert AuditEntry.objects.filter(action="talent_profile.changed").count() == 1


# --- Inviting a person to claim their profile


def test_inviting_to_claim_sends_one_mail_with_a_claim_link(staff_client, staff):
    profile = TalentProfileFactory(email="Min.Zhao@Example.com", preferred_language="en")
    response = staff_client.post(url("profile_invite", pk=profile.pk), follow=True)
    assert "An invitation to claim the profile is being sent" in page_text(response)
    # A second click the same day sends nothing more.
    response = staff_client.post(url("profile_invite", pk=profile.pk), follow=True)
    assert "An invitation already went to" in page_text(response)
    reminder = Reminder.objects.get()
    assert reminder.kind == "talent_claim_invitation"
    assert reminder.recipient_email == "min.zhao@example.com"
    assert reminder.target == profile
    entry = AuditEntry.objects.get(action="talent_profile.claim_invited")
    assert entry.actor == staff and entry.object_id == str(profile.pk)
    assert "example.com" not in str(entry.details)

    assert send_reminder(reminder.pk) == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["min.zhao@example.com"]
    assert "talent pool" in message.subject
    link = CLAIM_LINK.search(message.body)
    assert link, message.body
    assert link.group(0).startswith(f"{settings.SITE_URL}/en/talent/claim/")
    assert read_claim_token(link.group(1)) == (profile.pk, "min.zhao@example.com")
    assert "valid for 14 days" in message.body
    # Sending again (a second worker) sends nothing.
    assert send_reminder(reminder.pk) == "not pending"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_claim_mail_uses_the_profiles_language(staff_client, language):
    profile = TalentProfileFactory(preferred_language=language, name_zh="赵敏", name_en="Min Zhao")
    # The staff member's page is in English; the mail follows the profile.
    staff_client.post(url("profile_invite", "en", pk=profile.pk))
    send_reminder(Reminder.objects.get().pk)
    body = mail.outbox[0].body
    link = CLAIM_LINK.search(body)
    assert link.group(0).startswith(f"{settings.SITE_URL}/{language}/talent/claim/")
    if language == "zh-hans":
        assert "赵敏，您好：" in body
        assert "兰州科技创新（硅谷）工作站" in body
    else:
        assert "Hello Min Zhao," in body
        assert not CJK.search(body)


def test_a_profile_claimed_before_the_mail_goes_out_gets_no_mail(staff_client, talent):
    profile = TalentProfileFactory()
    staff_client.post(url("profile_invite", pk=profile.pk))
    TalentProfile.objects.filter(pk=profile.pk).update(user=talent)
    reminder = Reminder.objects.get()
    assert send_reminder(reminder.pk) == "cancelled"
    assert mail.outbox == []


@pytest.mark.parametrize("case", ["has an account", "has no email"])
def test_no_invitation_for_a_profile_with_an_account_or_without_email(staff_client, talent, case):
    if case == "has an account":
        profile = TalentProfileFactory(user=talent)
    else:
        profile = TalentProfileFactory(email="")
    detail = page_text(staff_client.get(url("profile_detail", pk=profile.pk)))
    assert "Invite to claim this profile" not in detail
    response = staff_client.post(url("profile_invite", pk=profile.pk), follow=True)
    assert "No invitation was sent" in page_text(response)
    assert not Reminder.objects.exists()


def test_claim_tokens_are_signed_and_expire(monkeypatch):
    profile = TalentProfileFactory(email="Someone@Example.com")
    token = make_claim_token(profile)
    assert read_claim_token(token) == (profile.pk, "someone@example.com")
    with pytest.raises(signing.BadSignature):
        read_claim_token(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    # A token signed for something else is not a claim token.
    with pytest.raises(signing.BadSignature):
        read_claim_token(signing.dumps({"profile": profile.pk, "email": "x@example.com"}))
    # Fifteen days later it has expired.
    later = timezone.now().timestamp() + timedelta(days=15).total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(signing.SignatureExpired):
        read_claim_token(token)


def test_staff_delete_a_profile_with_its_rows_file_and_mails(
    staff_client, staff, private_storage, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from talentpool.interactions.models import Interaction
    from workstation.audit.models import AuditEntry
    from workstation.reminders.models import Reminder

    profile = share_with_lanzhou(TalentProfileFactory(email="gone@example.com"))
    profile.cv.save("cv.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    cv_name = profile.cv.name
    assert private_storage.exists(cv_name)
    Interaction.objects.create(
        profile=profile, kind="call", happened_on="2026-01-05", summary="Called.", recorded_by=staff
    )
    staff_client.post(url("profile_invite", pk=profile.pk))
    assert Reminder.objects.filter(recipient_email="gone@example.com").exists()

    confirm = staff_client.get(url("profile_delete", pk=profile.pk))
    assert "Delete the profile for good" in page_text(confirm)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = staff_client.post(url("profile_delete", pk=profile.pk), follow=True)
    assert "The profile was deleted." in page_text(deleted)
    assert not private_storage.exists(cv_name)
    assert not TalentProfile.objects.filter(pk=profile.pk).exists()
    assert not Interaction.objects.exists()
    assert not Reminder.objects.filter(recipient_email="gone@example.com").exists()
    entry = AuditEntry.objects.get(action="talent_profile.deleted_by_staff")
    assert entry.actor == staff and entry.object_id == str(profile.pk)
    assert "gone@example.com" not in str(entry.details)
