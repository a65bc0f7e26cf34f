"""A monthly meeting is the workstation's and the bureau's business: no talent and nobody signed
out reaches it through the event pages, the .ics file or a calendar feed, even when its event was
marked public by mistake in the general event form."""

from __future__ import annotations

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import EventFactory, MeetingFactory
from workstation.events import services
from workstation.events.models import Event

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(f"workstation:{name}", kwargs=kwargs)


def feed_summaries(clients, role: str) -> set[str]:
    clients[role].post(url("calendar_feed_create"))
    feed = clients[role].get(url("account_settings"))
    from bs4 import BeautifulSoup

    address = BeautifulSoup(feed.content, "html.parser").select_one("#calendar-feed-url")["value"]
    response = clients["anonymous"].get(address.removeprefix("http://testserver"))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


@pytest.fixture
def public_meeting():
    """A meeting whose event was made public (and open) through the general event form."""
    meeting = MeetingFactory(event__title_en="Bureau meeting")
    Event.objects.filter(pk=meeting.event_id).update(is_public=True, registration_open=True)
    meeting.event.refresh_from_db()
    return meeting


@pytest.mark.parametrize("role", ["anonymous", "talent"])
def test_a_meeting_marked_public_stays_out_of_the_event_pages(clients, public_meeting, role):
    event = public_meeting.event
    for name in ("event_detail", "event_ics", "event_register"):
        assert clients[role].get(url(name, pk=event.pk)).status_code == 404, name
    assert clients[role].post(url("event_register", pk=event.pk), {}).status_code == 404
    assert "Bureau meeting" not in clients[role].get(url("event_list")).content.decode()
    # Staff and officials still have it.
    for reader in ("staff", "official"):
        assert clients[reader].get(url("event_detail", pk=event.pk)).status_code == 200


def test_a_talents_feed_never_lists_a_monthly_meeting_nor_an_event_no_longer_public(
    clients, talent, public_meeting
):
    forum = EventFactory(title_en="Open forum")
    hidden_later = EventFactory(title_en="Forum made private")
    for event in (public_meeting.event, forum, hidden_later):
        services.register(
            event_id=event.pk, name="T", email="talent@example.org", language="en", user=talent
        )
    Event.objects.filter(pk=hidden_later.pk).update(is_public=False)

    assert feed_summaries(clients, "talent") == {"Open forum"}
    assert {"Bureau meeting", "Open forum", "Forum made private"} <= feed_summaries(
        clients, "staff"
    )


def test_the_event_form_does_not_make_a_monthly_meeting_public(clients):
    meeting = MeetingFactory()
    data = {
        "kind": "monthly_meeting",
        "title_zh_hans": "月度例会",
        "title_en": "Monthly meeting",
        "venue_zh_hans": "",
        "venue_en": "Video call",
        "description_zh_hans": "",
        "description_en": "",
        "time_zone": "pacific",
        "starts_at": "2026-11-07T09:30",
        "ends_at": "2026-11-07T10:30",
        "expo_year": "",
        "is_public": "on",
        "registration_open": "on",
        "capacity": "",
    }
    response = clients["staff"].post(url("event_edit", pk=meeting.event_id), data)
    assert response.status_code == 200
    assert "A monthly meeting is never public" in response.content.decode()
    assert 'value="Video call"' in response.content.decode()
    meeting.event.refresh_from_db()
    assert not meeting.event.is_public

    response = clients["staff"].post(url("event_create"), data)
    assert response.status_code == 200
    assert "A monthly meeting is never public" in response.content.decode()
    assert Event.objects.count() == 1
