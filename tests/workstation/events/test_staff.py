"""Staff on the day and around it: the check-in list (search, mark attended without JavaScript,
counts), the QR code of the registration link, and personal calendar feeds (create, revoke)."""

from __future__ import annotations

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse

from tests.factories import EventFactory, RegistrationFactory
from workstation.audit.models import AuditEntry
from workstation.events import services
from workstation.events.models import CalendarFeed

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


# --- Check-in


@pytest.fixture
def day_of_event():
    event = EventFactory(capacity=2)
    people = {
        "zhang": RegistrationFactory(event=event, name="张伟", email="zhang.wei@example.com"),
        "smith": RegistrationFactory(
            event=event,
            name="Anna Smith",
            email="anna@example.com",
            organisation="Stanford University",
        ),
        "lin": RegistrationFactory(
            event=event, name="林小芳", email="lin@example.com", status="waiting"
        ),
        "gone": RegistrationFactory(
            event=event, name="Gone Person", email="gone@example.com", status="cancelled"
        ),
    }
    return event, people


def checkin(client, event, query: str = ""):
    path = reverse("workstation:event_checkin", kwargs={"pk": event.pk})
    return client.get(path, {"q": query} if query else {})


def names(response) -> list[str]:
    return [tag.get_text(strip=True) for tag in soup_of(response).select(".checkin-name")]


def counts(response) -> list[str]:
    return [tag.get_text(strip=True) for tag in soup_of(response).select(".checkin-count strong")]


def test_the_check_in_list_shows_who_is_coming_with_counts(clients, day_of_event):
    event, _people = day_of_event
    response = checkin(clients["staff"], event)
    assert names(response) == ["Anna Smith", "张伟", "林小芳"]  # confirmed first, not the cancelled
    assert counts(response) == ["2", "0", "1"]  # confirmed, attended, waiting


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("张伟", ["张伟"]),
        ("張偉", ["张伟"]),
        ("anna@", ["Anna Smith"]),
        ("stanford", ["Anna Smith"]),
        ("小芳", ["林小芳"]),
        ("nobody", []),
    ],
)
def test_search_by_name_email_or_organization_chinese_included(clients, day_of_event, query, found):
    event, _people = day_of_event
    assert names(checkin(clients["staff"], event, query)) == found


def test_mark_attended_is_a_plain_form_post_that_returns_to_the_search(clients, day_of_event):
    event, people = day_of_event
    page = soup_of(checkin(clients["staff"], event, "张伟"))
    form = page.select_one(f"#registration-{people['zhang'].pk} form")
    assert form["method"] == "post" and form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one("input[name=q]")["value"] == "张伟"

    response = clients["staff"].post(form["action"], {"q": "张伟"})

    assert response.status_code == 302
    assert response.url.endswith(f"?q=%E5%BC%A0%E4%BC%9F#registration-{people['zhang'].pk}")
    after = checkin(clients["staff"], event)
    assert counts(after) == ["2", "1", "1"]
    assert soup_of(after).select_one(f"#registration-{people['zhang'].pk}.checkin-done")
    assert AuditEntry.objects.filter(action="event.attended").count() == 1
    # Undo.
    clients["staff"].post(form["action"], {"undo": "1"})
    assert counts(checkin(clients["staff"], event)) == ["2", "0", "1"]


def test_someone_on_the_waiting_list_who_comes_is_confirmed_when_checked_in(clients, day_of_event):
    event, people = day_of_event
    clients["staff"].post(
        reverse("workstation:registration_attend", kwargs={"pk": people["lin"].pk})
    )
    people["lin"].refresh_from_db()
    assert people["lin"].status == "confirmed" and people["lin"].attended_at is not None
    assert counts(checkin(clients["staff"], event)) == ["3", "1", "0"]


def test_csrf_is_enforced_on_mark_attended(staff, day_of_event):
    from django.test import Client

    from tests.conftest import mark_mfa_passed

    _event, people = day_of_event
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff, backend="django.contrib.auth.backends.ModelBackend")
    mark_mfa_passed(client, staff)
    url = reverse("workstation:registration_attend", kwargs={"pk": people["zhang"].pk})
    assert client.post(url).status_code == 403
    people["zhang"].refresh_from_db()
    assert people["zhang"].attended_at is None


# --- QR code


def test_staff_get_the_registration_links_qr_code_as_svg(clients):
    event = EventFactory()
    url = reverse("workstation:event_qr", kwargs={"pk": event.pk})
    response = clients["staff"].get(url)
    assert response["Content-Type"] == "image/svg+xml"
    expected_link = f"{settings.SITE_URL}/en/events/{event.pk}/register/"
    assert response.content == services.qr_svg(expected_link)
    assert b"<svg" in response.content
    assert response.content != services.qr_svg(expected_link.replace("/en/", "/zh-hans/"))
    download = clients["staff"].get(url, {"download": "1"})
    assert download["Content-Disposition"] == f'attachment; filename="event-{event.pk}-qr.svg"'
    page = soup_of(clients["staff"].get(event.get_absolute_url()))
    assert page.select_one(".event-qr img")["src"] == url
    assert expected_link in page.select_one(".event-registration-url").get_text()
    # Nobody else sees it on the page.
    assert not soup_of(clients["official"].get(event.get_absolute_url())).select_one(".event-qr")


# --- Personal calendar feeds


def create_feed(client) -> str:
    response = client.post(reverse("workstation:calendar_feed_create"))
    assert response.status_code == 302 and response.url.endswith("#calendar-feed")
    settings_page = soup_of(client.get(reverse("workstation:account_settings")))
    return settings_page.select_one("#calendar-feed-url")["value"]


def feed_events(client, feed_url: str) -> dict[str, str]:
    response = client.get(feed_url.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): str(event["STATUS"]) for event in calendar.walk("VEVENT")}


def test_staff_and_officials_feeds_hold_every_event(clients):
    EventFactory(title_en="Public forum")
    EventFactory(title_en="Monthly meeting", kind="monthly_meeting", is_public=False)
    for role in ("staff", "official"):
        feed_url = create_feed(clients[role])
        assert set(feed_events(clients["anonymous"], feed_url)) == {
            "Public forum",
            "Monthly meeting",
        }


def test_a_talents_feed_holds_the_events_they_registered_for(clients, talent):
    confirmed = EventFactory(title_en="Forum A", capacity=5)
    waiting = EventFactory(title_en="Forum B", capacity=0)
    EventFactory(title_en="Forum C")
    cancelled = EventFactory(title_en="Forum D")
    for event in (confirmed, waiting, cancelled):
        services.register(
            event_id=event.pk, name="T", email="talent@example.org", language="en", user=talent
        )
    services.cancel_registration(registration_id=cancelled.registrations.get().pk)
    feed_url = create_feed(clients["talent"])
    assert feed_events(clients["anonymous"], feed_url) == {
        "Forum A": "CONFIRMED",
        "Forum B (waiting list)": "TENTATIVE",
    }


def test_revoking_the_feed_makes_its_address_404_and_a_new_one_replaces_it(clients, talent):
    old = create_feed(clients["talent"])
    new = create_feed(clients["talent"])
    assert old != new
    assert clients["anonymous"].get(old.removeprefix("http://testserver")).status_code == 404
    assert clients["anonymous"].get(new.removeprefix("http://testserver")).status_code == 200

    clients["talent"].post(reverse("workstation:calendar_feed_revoke"))

    assert not CalendarFeed.objects.filter(user=talent).exists()
    assert clients["anonymous"].get(new.removeprefix("http://testserver")).status_code == 404
    page = soup_of(clients["talent"].get(reverse("workstation:account_settings")))
    assert page.select_one("#calendar-feed-url") is None
    assert page.select_one("#calendar-feed form button")


def test_a_deactivated_persons_feed_stops_working(clients, talent):
    feed_url = create_feed(clients["talent"])
    talent.is_active = False
    talent.save()
    assert clients["anonymous"].get(feed_url.removeprefix("http://testserver")).status_code == 404
