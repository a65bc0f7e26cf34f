"""Events in the API: every event for staff and officials (as on the pages), titles in both
languages, the description as sanitized HTML, how many registered but never who."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import EventFactory, MeetingFactory, RegistrationFactory
from tests.workstation.api.reading import assert_queries_do_not_grow
from workstation.events.models import Event

pytestmark = pytest.mark.django_db

EVENTS = "/api/v1/events/"


def test_staff_and_officials_get_every_event_with_counts_and_no_registrant(api_clients):
    forum = EventFactory(capacity=2)
    RegistrationFactory(event=forum, name="王小明", email="wang@example.com")
    RegistrationFactory(event=forum, status="waiting", email="li@example.com")
    hidden = EventFactory(is_public=False, title_en="Closed-door workshop")
    meeting = MeetingFactory().event
    for role in ("official", "staff"):
        response = api_clients[role].get(EVENTS)
        assert response.status_code == 200
        body = response.json()
        assert {row["id"] for row in body["results"]} == {forum.pk, hidden.pk, meeting.pk}
        row = next(row for row in body["results"] if row["id"] == forum.pk)
        assert row["registrations"] == {"confirmed": 1, "attended": 0, "waiting": 1}
        assert "王小明" not in response.content.decode()
        assert "wang@example.com" not in response.content.decode()


def test_titles_in_both_languages_and_in_the_asked_one(api_clients):
    event = EventFactory(title_en="Innovation forum", title_zh_hans="创新论坛")
    reader = api_clients["official"]
    english = reader.get(f"{EVENTS}{event.pk}/").json()
    assert (english["title"], english["title_en"], english["title_zh_hans"]) == (
        "Innovation forum",
        "Innovation forum",
        "创新论坛",
    )
    chinese = reader.get(f"{EVENTS}{event.pk}/", {"lang": "zh-hans"})
    assert chinese.json()["title"] == "创新论坛"
    assert chinese.json()["venue"] == "中关村硅谷创新中心"
    assert chinese["Content-Language"] == "zh-hans"


def test_the_description_is_sanitized_html(api_clients):
    event = EventFactory(
        description_en="Talks and **conversations**.<script>alert(1)</script>",
        description_zh_hans="演讲与**交流**。",
    )
    row = api_clients["staff"].get(f"{EVENTS}{event.pk}/").json()
    assert "<strong>conversations</strong>" in row["description_en"]
    assert "<strong>交流</strong>" in row["description_zh_hans"]
    assert "<script" not in row["description"] and "<script" not in row["description_en"]


def test_filters_by_change_kind_and_start(api_clients):
    now = timezone.now()
    old = EventFactory(kind="expo", starts_at=now - timedelta(days=60))
    Event.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=30))
    recent = EventFactory(kind="forum", starts_at=now + timedelta(days=10))
    conference = EventFactory(kind="conference", starts_at=now + timedelta(days=40))
    reader = api_clients["official"]

    def ids(**params):
        body = reader.get(EVENTS, params).json()
        return {row["id"] for row in body["results"]}

    assert ids(updated_since=(now - timedelta(days=1)).isoformat()) == {recent.pk, conference.pk}
    assert ids(kind=["expo", "conference"]) == {old.pk, conference.pk}
    assert ids(starts_after=now.isoformat()) == {recent.pk, conference.pk}
    assert ids(starts_before=(now + timedelta(days=20)).isoformat()) == {old.pk, recent.pk}
    assert reader.get(EVENTS, {"kind": "picnic"}).status_code == 400


def test_the_list_takes_as_many_queries_for_12_events_as_for_2(api_clients):
    def add(number):
        for event in EventFactory.create_batch(number):
            RegistrationFactory(event=event)

    assert_queries_do_not_grow(api_clients["official"], EVENTS, add)
