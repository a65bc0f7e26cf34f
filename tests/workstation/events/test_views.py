"""Event pages: who sees which event, both time zones across a clock change, the .ics file parsed
back, the staff's event form, the conference's speakers, media partners and coverage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import EventFactory
from tests.workstation.events.event_forms import event_form_data
from workstation.audit.models import AuditEntry
from workstation.events.models import Coverage, Event, MediaPartner, Speaker

pytestmark = pytest.mark.django_db

PACIFIC = ZoneInfo("America/Los_Angeles")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def page_text(response) -> str:
    return " ".join(
        BeautifulSoup(response.content.decode(), "html.parser").main.get_text(" ").split()
    )


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"workstation:{name}", kwargs=kwargs)


# --- Who sees what


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 404), ("talent", 404), ("other_talent", 404), ("official", 200), ("staff", 200)],
)
def test_an_event_that_is_not_public_exists_only_for_staff_and_officials(clients, role, status):
    meeting = EventFactory(
        kind="monthly_meeting",
        is_public=False,
        registration_open=False,
        title_en="Monthly meeting with the bureau",
    )
    client = clients[role]
    assert client.get(url("event_detail", pk=meeting.pk)).status_code == status
    assert client.get(url("event_ics", pk=meeting.pk)).status_code == status
    assert client.get(url("event_register", pk=meeting.pk)).status_code == status
    listed = "Monthly meeting with the bureau" in page_text(client.get(url("event_list")))
    assert listed == (status == 200)


def test_the_list_shows_upcoming_events_first_soonest_first_and_past_ones_below(client):
    now = timezone.now()
    EventFactory(title_en="Later forum", starts_at=now + timedelta(days=40))
    EventFactory(title_en="Sooner forum", starts_at=now + timedelta(days=3))
    EventFactory(title_en="Old forum", starts_at=now - timedelta(days=300))
    EventFactory(title_en="Last month's forum", starts_at=now - timedelta(days=30))

    text = page_text(client.get(url("event_list")))

    order = [
        text.index(title)
        for title in ("Sooner forum", "Later forum", "Last month's forum", "Old forum")
    ]
    assert order == sorted(order)
    assert text.index("Upcoming events") < order[0] < text.index("Past events") < order[2]


def test_past_events_are_paginated(client):
    for days in range(1, 23):
        EventFactory(
            title_en=f"Past forum {days:02d}", starts_at=timezone.now() - timedelta(days=days * 10)
        )
    first = page_text(client.get(url("event_list")))
    second = page_text(client.get(url("event_list") + "?page=2"))
    assert "Past forum 01" in first and "Past forum 22" not in first
    assert "Past forum 22" in second and "Upcoming events" not in second


def test_an_event_only_in_english_says_its_chinese_translation_is_missing(client):
    event = EventFactory(
        title_zh_hans="", description_zh_hans="", venue_zh_hans="", title_en="Founders' evening"
    )
    response = client.get(url("event_detail", "zh-hans", pk=event.pk))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one(".notice-missing")
    assert soup.h1["lang"] == "en" and soup.h1.get_text(strip=True) == "Founders' evening"
    listing = BeautifulSoup(
        client.get(url("event_list", "zh-hans")).content.decode(), "html.parser"
    )
    assert listing.select_one(".event-card .badge-missing")


def test_the_description_is_markdown_and_sanitized(client):
    event = EventFactory(
        description_en="**Bold** <script>alert(1)</script> ![x](https://tracker.example/p.png)"
    )
    html = client.get(url("event_detail", pk=event.pk)).content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html and "tracker.example" not in html


# --- Two time zones across the daylight-saving change (2026-03-08 in California)


@pytest.mark.parametrize(
    ("starts_utc", "pacific", "china"),
    [
        # Saturday before the change: PST (UTC-8); Shanghai is 16 hours ahead.
        (
            datetime(2026, 3, 7, 18, 0, tzinfo=UTC),
            "Sat 7 Mar 10:00 PST – 12:00 PST",
            "Sun 8 Mar 02:00 CST – 04:00 CST",
        ),
        # Monday after it: PDT (UTC-7); Shanghai is 15 hours ahead.
        (
            datetime(2026, 3, 9, 17, 0, tzinfo=UTC),
            "Mon 9 Mar 10:00 PDT – 12:00 PDT",
            "Tue 10 Mar 01:00 CST – 03:00 CST",
        ),
    ],
)
def test_times_are_shown_in_both_zones_across_the_clock_change(client, starts_utc, pacific, china):
    event = EventFactory(starts_at=starts_utc, ends_at=starts_utc + timedelta(hours=2))
    response = client.get(url("event_detail", pk=event.pk))
    lines = [
        line.get_text(strip=True)
        for line in BeautifulSoup(response.content.decode(), "html.parser").select(
            ".event-facts .event-time-line"
        )
    ]
    assert lines == [pacific, china]


# --- .ics


def parse_ics(content: bytes):
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_ics_file_carries_the_instant_and_the_venues_time_zone(client, language):
    starts = datetime(2026, 3, 9, 17, 0, tzinfo=UTC)  # 10:00 PDT
    event = EventFactory(
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        title_en="Innovation forum",
        title_zh_hans="创新论坛",
    )
    response = client.get(url("event_ics", language, pk=event.pk))

    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar, vevent = parse_ics(response.content)
    assert vevent["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert vevent.decoded("DTSTART") == starts
    assert vevent.decoded("DTSTART").utcoffset() == timedelta(hours=-7)
    assert vevent.decoded("DTEND") == starts + timedelta(hours=3)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert str(vevent["UID"]) == f"event-{event.uid}@127.0.0.1"
    assert str(vevent["SUMMARY"]) == ("创新论坛" if language == "zh-hans" else "Innovation forum")
    assert str(vevent["URL"]).endswith(f"/{language}/events/{event.pk}/")


def test_the_ics_description_is_plain_text_through_the_sanitizer(client):
    event = EventFactory(
        description_en='**Talks** and <script>alert("x")</script><b onclick="steal()">food</b>'
    )
    _calendar, vevent = parse_ics(client.get(url("event_ics", pk=event.pk)).content)
    description = str(vevent["DESCRIPTION"])
    assert description == "**Talks** and food"


def test_an_event_in_lanzhou_is_in_china_standard_time_in_the_ics(client):
    starts = datetime(2026, 9, 15, 1, 0, tzinfo=UTC)  # 09:00 in Lanzhou
    event = EventFactory(
        kind="expo",
        expo_year=2026,
        time_zone="china",
        starts_at=starts,
        ends_at=starts + timedelta(hours=8),
    )
    _calendar, vevent = parse_ics(client.get(url("event_ics", pk=event.pk)).content)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTART").hour == 9
    assert vevent.decoded("DTSTART") == starts


# --- The staff's event form


def test_staff_create_an_event_typed_in_pacific_time_and_it_is_stored_in_utc(clients):
    response = clients["staff"].post(url("event_create"), event_form_data())
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    # 7 November 2026 is a Saturday in PST (UTC-8).
    assert event.starts_at == datetime(2026, 11, 7, 17, 30, tzinfo=UTC)
    assert event.ends_at == datetime(2026, 11, 7, 21, 0, tzinfo=UTC)
    assert event.capacity == 100 and event.created_by.email == "staff@example.org"
    assert AuditEntry.objects.filter(action="event.created", object_id=str(event.pk)).exists()
    # The edit form shows the times as typed, in the venue's zone.
    form_html = clients["staff"].get(url("event_edit", pk=event.pk)).content.decode()
    assert 'value="2026-11-07T09:30"' in form_html


def test_bad_input_re_renders_with_messages_and_keeps_what_was_typed(clients):
    data = event_form_data(
        title_zh_hans="",
        title_en="",
        kind="expo",
        starts_at="2026-03-08T02:30",
        ends_at="2026-03-08T01:00",
        is_public="",
        venue_en="Typed venue",
    )
    response = clients["staff"].post(url("event_create"), data)
    assert response.status_code == 200
    assert not Event.objects.exists()
    text = page_text(response)
    assert "Give the event a title in at least one language." in text
    assert "This time does not exist in the chosen time zone" in text  # 02:30 is skipped
    assert "Say which year's Expo this is." in text
    assert "Only a public event can take registrations" in text
    assert 'value="Typed venue"' in response.content.decode()


def test_officials_and_talents_cannot_create_events(clients):
    for role in ("official", "talent"):
        assert clients[role].post(url("event_create"), event_form_data()).status_code == 403
    assert not Event.objects.exists()


# --- The conference: speakers, media partners, coverage


@pytest.fixture
def conference():
    event = EventFactory(kind="conference", title_en="Lanzhou conference")
    Speaker.objects.create(
        event=event,
        name="Dr. Jane Li",
        affiliation_en="CTO, Example AI",
        affiliation_zh_hans="示例人工智能公司首席技术官",
        bio_en="Builds robots.",
        bio_zh_hans="研发机器人。",
    )
    partner = MediaPartner.objects.create(
        event=event,
        name_en="Bay Area Tech Daily",
        name_zh_hans="湾区科技日报",
        name="Bay Area Tech Daily",
    )
    Coverage.objects.create(
        partner=partner,
        title="Lanzhou comes to Silicon Valley",
        url="https://news.example/lanzhou",
        published_on="2026-11-08",
        reach=48000,
    )
    return event


@pytest.mark.parametrize(
    ("role", "sees_coverage"),
    [("anonymous", False), ("talent", False), ("official", True), ("staff", True)],
)
def test_the_conference_page_shows_speakers_partners_and_coverage_to_whom_it_should(
    clients, conference, role, sees_coverage
):
    text = page_text(clients[role].get(url("event_detail", pk=conference.pk)))
    assert "Dr. Jane Li" in text and "CTO, Example AI" in text and "Bay Area Tech Daily" in text
    assert ("Lanzhou comes to Silicon Valley" in text) == sees_coverage
    assert ("48000" in text) == sees_coverage


def test_the_chinese_conference_page_shows_the_chinese_affiliation(client, conference):
    text = page_text(client.get(url("event_detail", "zh-hans", pk=conference.pk)))
    assert "示例人工智能公司首席技术官" in text and "湾区科技日报" in text


def test_staff_keep_speakers_and_partners_in_the_admin(clients, conference):
    change = reverse("admin:workstation_event_change", args=[conference.pk])
    response = clients["staff"].get(change)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dr. Jane Li" in html and "Bay Area Tech Daily" in html
    partner = conference.media_partners.get()
    assert (
        clients["staff"]
        .get(reverse("admin:workstation_mediapartner_change", args=[partner.pk]))
        .status_code
        == 200
    )
