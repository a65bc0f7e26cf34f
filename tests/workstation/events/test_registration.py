"""Registration for public events: capacity and waiting list, one registration per address, the
cancel link and promotion from the waiting list, concurrent registrations, and the confirmation
mail with the .ics attached (composed here, and sent once by a real worker)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import EventFactory
from tests.fixtures.celery_worker import wait_until
from workstation.events import services
from workstation.events.models import Registration
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder

CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"


def register_url(event, language: str = "en") -> str:
    with translation.override(language):
        return reverse("workstation:event_register", kwargs={"pk": event.pk})


def form(name: str, email: str, **extra) -> dict:
    return {"name": name, "email": email, "organisation": "Example Labs", "phone": "", **extra}


def statuses(event) -> dict[str, str]:
    return dict(event.registrations.values_list("email", "status"))


def main_text(response) -> str:
    return " ".join(
        BeautifulSoup(response.content.decode(), "html.parser").main.get_text(" ").split()
    )


# --- Capacity and waiting list


@pytest.mark.django_db
def test_registrations_beyond_capacity_go_on_the_waiting_list(client):
    event = EventFactory(capacity=2)
    for number in range(1, 5):
        response = client.post(
            register_url(event), form(f"Guest {number}", f"g{number}@example.com"), follow=True
        )
        assert response.status_code == 200
    assert statuses(event) == {
        "g1@example.com": CONFIRMED,
        "g2@example.com": CONFIRMED,
        "g3@example.com": WAITING,
        "g4@example.com": WAITING,
    }
    assert "you are on the waiting list" in main_text(response)
    # One confirmation each, recorded in the outbox.
    assert Reminder.objects.filter(kind=services.REGISTRATION_KIND).count() == 4


@pytest.mark.django_db
def test_a_confirmed_registration_says_so(client):
    event = EventFactory(capacity=None)
    response = client.post(register_url(event), form("李明", "Li.Ming@Example.com"), follow=True)
    assert "You are registered." in main_text(response)
    registration = event.registrations.get()
    assert (registration.email, registration.status, registration.language) == (
        "li.ming@example.com",
        CONFIRMED,
        "en",
    )


@pytest.mark.django_db
def test_one_registration_per_address_with_a_clear_message(client):
    event = EventFactory()
    client.post(register_url(event), form("Ann", "ann@example.com"))
    response = client.post(register_url(event, "en"), form("Ann again", "ANN@example.com "))
    assert response.status_code == 200
    assert "This email address is already registered for this event." in main_text(response)
    assert 'value="Ann again"' in response.content.decode()  # what was typed is kept
    assert event.registrations.count() == 1


@pytest.mark.django_db
def test_bad_input_is_refused_and_kept(client):
    event = EventFactory()
    response = client.post(register_url(event), form("", "not-an-address", phone="call me"))
    text = main_text(response)
    assert response.status_code == 200 and not event.registrations.exists()
    assert "Enter a valid email address." in text
    assert "Enter a phone number: digits with spaces, brackets, dots or dashes" in text
    assert 'value="not-an-address"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "notice"),
    [
        ({"registration_open": False}, "Registration for this event is closed."),
        (
            {"starts_at": timezone.now() - timedelta(days=3)},
            "This event is over: it takes no more registrations.",
        ),
    ],
)
def test_a_closed_or_past_event_takes_no_registration(client, fields, notice):
    event = EventFactory(**fields)
    assert notice in main_text(client.get(register_url(event)))
    client.post(register_url(event), form("Late", "late@example.com"))
    assert not event.registrations.exists()


@pytest.mark.django_db
def test_staff_opening_the_form_of_an_event_that_is_not_public_are_told_why(clients):
    event = EventFactory(is_public=False, registration_open=False, kind="monthly_meeting")
    page = main_text(clients["staff"].get(register_url(event)))
    assert "This event is not public: it takes no registrations." in page


@pytest.mark.django_db
def test_a_signed_in_talent_is_prefilled_and_linked(clients, talent):
    talent.full_name = "Wang Fang"
    talent.save()
    event = EventFactory()
    html = clients["talent"].get(register_url(event)).content.decode()
    assert 'value="Wang Fang"' in html and 'value="talent@example.org"' in html

    clients["talent"].post(register_url(event), form("Wang Fang", "talent@example.org"))
    # A colleague registered by the same person with another address is not linked to them.
    clients["talent"].post(register_url(event), form("Colleague", "colleague@example.org"))

    links = dict(event.registrations.values_list("email", "user"))
    assert links == {"talent@example.org": talent.pk, "colleague@example.org": None}


@pytest.mark.django_db
def test_chinese_registration_keeps_the_pages_language(client):
    event = EventFactory()
    client.post(register_url(event, "zh-hans"), form("张伟", "zhang@example.com"))
    assert event.registrations.get().language == "zh-hans"


# --- Cancelling, promotion


@pytest.fixture
def full_event(db):
    event = EventFactory(capacity=1)
    first = services.register(
        event_id=event.pk, name="First", email="first@example.com", language="en"
    )
    second = services.register(
        event_id=event.pk, name="Second", email="second@example.com", language="zh-hans"
    )
    third = services.register(
        event_id=event.pk, name="Third", email="third@example.com", language="en"
    )
    return event, first, second, third


def test_cancelling_through_the_mails_link_promotes_the_first_on_the_waiting_list(
    client, full_event
):
    event, first, _second, _third = full_event
    link = services.cancel_url(first).removeprefix("http://127.0.0.1:8000")
    assert "Cancel my registration" in main_text(client.get(link))

    response = client.post(link, follow=True)

    assert "Your registration was cancelled." in main_text(response)
    assert statuses(event) == {
        "first@example.com": CANCELLED,
        "second@example.com": CONFIRMED,
        "third@example.com": WAITING,
    }
    promoted = Reminder.objects.get(kind=services.PROMOTION_KIND)
    assert promoted.recipient_email == "second@example.com"
    # Cancelling again changes nothing and promotes nobody else.
    client.post(link)
    assert statuses(event)["third@example.com"] == WAITING
    assert Reminder.objects.filter(kind=services.PROMOTION_KIND).count() == 1


def test_a_tampered_cancel_link_is_404(client, full_event):
    _event, first, _second, _third = full_event
    token = services.make_cancel_token(first)
    assert client.get(f"/en/events/cancel/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/en/events/cancel/{token[:-2]}xx/").status_code == 404
    first.refresh_from_db()
    assert first.status == CONFIRMED


def test_cancelling_someone_on_the_waiting_list_promotes_nobody(full_event):
    event, _first, _second, third = full_event
    services.cancel_registration(registration_id=third.pk)
    assert statuses(event)["second@example.com"] == WAITING
    assert not Reminder.objects.filter(kind=services.PROMOTION_KIND).exists()


def test_staff_cancel_on_the_check_in_page_and_the_next_person_moves_up(clients, full_event):
    event, first, _second, _third = full_event
    response = clients["staff"].post(
        reverse("workstation:registration_staff_cancel", kwargs={"pk": first.pk})
    )
    assert response.status_code == 302
    assert statuses(event)["second@example.com"] == CONFIRMED


def test_more_places_move_people_off_the_waiting_list(clients, full_event):
    event, _first, _second, _third = full_event
    event.capacity = 3
    services.save_event(event=event, actor=None, changed=["capacity"])
    assert set(statuses(event).values()) == {CONFIRMED}
    assert Reminder.objects.filter(kind=services.PROMOTION_KIND).count() == 2


def test_a_larger_capacity_saved_in_the_admin_also_fills_places(rf, superuser, full_event):
    from django.contrib import admin

    event, _first, _second, _third = full_event
    event.capacity = 2
    form = type("ChangedForm", (), {"changed_data": ["capacity"]})()
    request = rf.post("/admin/")
    request.user = superuser
    admin.site._registry[type(event)].save_model(request, event, form, change=True)
    assert statuses(event)["second@example.com"] == CONFIRMED
    assert statuses(event)["third@example.com"] == WAITING
    assert Reminder.objects.filter(kind=services.PROMOTION_KIND).count() == 1


def test_a_cancelled_person_may_register_again(full_event):
    event, first, _second, _third = full_event
    services.cancel_registration(registration_id=first.pk)
    again = services.register(
        event_id=event.pk, name="First", email="first@example.com", language="en"
    )
    assert again.status == WAITING  # the freed place went to the second person
    with pytest.raises(ValidationError):
        services.register(event_id=event.pk, name="First", email="first@example.com", language="en")


# --- Concurrency: the event's row is locked while places are given


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_the_capacity(reference_data):
    event = EventFactory(capacity=3)
    barrier = threading.Barrier(8)

    def register(number: int) -> str:
        try:
            barrier.wait(timeout=10)
            return services.register(
                event_id=event.pk,
                name=f"Racer {number}",
                email=f"racer{number}@example.com",
                language="en",
            ).status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(register, range(8)))

    assert sorted(results) == [CONFIRMED] * 3 + [WAITING] * 5
    assert event.registrations.filter(status=CONFIRMED).count() == 3


# --- The mails


def mail_of(registration, kind=services.REGISTRATION_KIND):
    reminder = Reminder.objects.get(kind=kind, object_id=registration.pk)
    assert deliver_reminder(reminder_id=reminder.pk) == "sent"
    return mail.outbox[-1]


def test_the_confirmation_is_in_the_registrants_language_with_the_ics_attached(full_event):
    event, first, second, _third = full_event

    english = mail_of(first)
    assert english.to == ["first@example.com"]
    assert english.subject.startswith("Registration confirmed: ")
    # The signed token carries a timestamp: compare what it names, not its letters.
    prefix = services.cancel_url(first).rsplit("/", 2)[0] + "/"
    token = english.body.split(prefix, 1)[1].split("/", 1)[0]
    assert services.registration_from_token(token) == first
    (name, content, mimetype) = english.attachments[0]
    assert (name, mimetype) == (f"event-{event.pk}.ics", "text/calendar")
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at
    assert str(vevent["SUMMARY"]) == event.title_en

    chinese = mail_of(second)  # registered on the Chinese page; on the waiting list
    assert "/zh-hans/events/cancel/" in chinese.body
    (_name, content, _mimetype) = chinese.attachments[0]
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]).startswith(event.title_zh_hans)
    assert str(vevent["STATUS"]) == "TENTATIVE"


def test_a_confirmation_owed_to_a_cancelled_registration_is_not_sent(full_event):
    _event, first, _second, _third = full_event
    services.cancel_registration(registration_id=first.pk)
    reminder = Reminder.objects.get(kind=services.REGISTRATION_KIND, object_id=first.pk)
    assert deliver_reminder(reminder_id=reminder.pk) == "cancelled"
    assert mail.outbox == []


def test_the_promoted_person_is_told_their_place_is_confirmed(full_event):
    _event, first, second, _third = full_event
    services.cancel_registration(registration_id=first.pk)
    promoted = mail_of(second, services.PROMOTION_KIND)
    assert promoted.to == ["second@example.com"]
    assert promoted.attachments and promoted.attachments[0][2] == "text/calendar"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_confirmation_once_with_the_ics(
    celery_worker, smtp_sink, reference_data, client
):
    event = EventFactory(capacity=10, title_en="Founders' forum")
    client.post(register_url(event), form("Mei Chen", "mei@example.com"))

    (received,) = smtp_sink.wait_for(1, to="mei@example.com")
    assert received.subject == "Registration confirmed: Founders' forum"
    attachments = [part for part in received.message.iter_attachments()]
    assert [part.get_content_type() for part in attachments] == ["text/calendar"]
    vevent = icalendar.Calendar.from_ical(attachments[0].get_content()).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent["DTSTART"].params["TZID"] == "America/Los_Angeles"
    registration = Registration.objects.get()
    wait_until(
        lambda: Reminder.objects.filter(object_id=registration.pk, state="sent").exists(),
        what="the reminder to be marked sent",
    )
    # Sent once: a sweep later sends nothing again.
    from workstation.reminders.tasks import sweep_pending_reminders

    (run,) = celery_worker.wait_for_tasks([sweep_pending_reminders.delay().id])
    assert run.result == "0"
    assert len(smtp_sink.messages_to("mei@example.com")) == 1
