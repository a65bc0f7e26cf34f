"""The registrants' reminder 24 hours before an event (once, however the scheduler races; again
for a new time when the event moves; never after a cancellation; across a daylight-saving
change) and the thanks staff write to the people checked in, once the event is over."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone, translation

from tests.concurrency import TIMEOUT, at_once
from tests.factories import EventFactory, RegistrationFactory
from tests.fixtures.celery_worker import wait_until
from tests.workstation.events.event_forms import event_form_data
from workstation.events import services
from workstation.events.models import Event
from workstation.events.tasks import remind_about_events
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder
from workstation.reminders.tasks import sweep_pending_reminders
from workstation.timezones import dual_span, wall_time_of, zone

REMINDER, THANKS = services.REMINDER_KIND, services.THANKS_KIND


def registered(event, email: str, *, language: str = "en", status: str = "confirmed", **extra):
    """A registration made three days before now (well before the reminder is due)."""
    extra.setdefault("created_at", timezone.now() - timedelta(days=3))
    return RegistrationFactory(
        event=event,
        email=email,
        language=language,
        status=status,
        name=email.split("@")[0],
        **extra,
    )


def starting_in(delta: timedelta, **fields) -> Event:
    start = timezone.now().replace(second=0, microsecond=0) + delta
    return EventFactory(starts_at=start, ends_at=start + timedelta(hours=2), **fields)


def send_all() -> list[str]:
    return [
        deliver_reminder(reminder_id=pk)
        for pk in Reminder.objects.filter(state="pending")
        .order_by("pk")
        .values_list("pk", flat=True)
    ]


def by_recipient() -> dict[str, list]:
    sent: dict[str, list] = {}
    for message in mail.outbox:
        sent.setdefault(message.to[0], []).append(message)
    return sent


def times_in(event: Event, language: str) -> list[str]:
    with translation.override(language):
        return dual_span(event.starts_at, event.ends_at)


def move(event: Event, by: timedelta, actor) -> Event:
    event.starts_at, event.ends_at = event.starts_at + by, event.ends_at + by
    return services.save_event(event=event, actor=actor, changed=["starts_at", "ends_at"])


# --- The reminder 24 hours before


@pytest.mark.django_db
def test_each_confirmed_registrant_is_reminded_once_in_their_language_with_both_zones_and_the_ics():
    event = starting_in(timedelta(hours=23, minutes=50), title_en="Founders' forum")
    english = registered(event, "mei@example.com")
    chinese = registered(event, "li@example.com", language="zh-hans")
    registered(event, "gone@example.com", status="cancelled", cancelled_at=timezone.now())
    registered(event, "waiting@example.com", status="waiting")
    later = starting_in(timedelta(hours=30))
    registered(later, "not-yet@example.com")

    assert services.schedule_event_reminders() == 2
    assert send_all() == ["sent", "sent"]

    sent = by_recipient()
    assert sorted(sent) == ["li@example.com", "mei@example.com"]
    (en,) = sent["mei@example.com"]
    assert en.subject == "Reminder: Founders' forum"
    assert "begins within the next 24 hours" in en.body
    for line in times_in(event, "en"):
        assert line in en.body
    assert services.cancel_url(english).rsplit("/", 2)[0] in en.body
    ((name, content, mimetype),) = en.attachments
    assert (name, mimetype) == (f"event-{event.pk}.ics", "text/calendar")
    vevent = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at
    assert str(vevent["STATUS"]) == "CONFIRMED"

    (zh,) = sent["li@example.com"]
    assert zh.subject == f"活动提醒：{event.title_zh_hans}"
    assert "24小时内开始" in zh.body
    for line in times_in(event, "zh-hans"):
        assert line in zh.body
    assert "北京时间" in zh.body
    assert services.cancel_url(chinese).rsplit("/", 2)[0] in zh.body
    assert "/zh-hans/events/cancel/" in zh.body
    vevent = icalendar.Calendar.from_ical(zh.attachments[0][1]).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]).startswith(event.title_zh_hans)

    # Later runs (the beat every 10 minutes) find nothing new to send.
    assert services.schedule_event_reminders(now=timezone.now() + timedelta(minutes=10)) == 0
    assert send_all() == []
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_two_racing_scheduler_runs_record_each_reminder_once(reference_data, monkeypatch):
    event = starting_in(timedelta(hours=12))
    for number in range(5):
        registered(event, f"racer{number}@example.com")
    # Both runs ask for the same reminder at the same moment, each time: neither has seen the
    # other's row when it inserts, so only the database's uniqueness keeps one.
    original = services.schedule_reminder
    together = threading.Barrier(2, timeout=TIMEOUT)

    def at_the_same_moment(**kwargs):
        together.wait()
        return original(**kwargs)

    monkeypatch.setattr(services, "schedule_reminder", at_the_same_moment)

    outcomes = at_once(services.schedule_event_reminders, services.schedule_event_reminders)

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes  # neither raised
    assert sum(outcomes) == 5
    assert Reminder.objects.filter(kind=REMINDER).count() == 5
    assert send_all() == ["sent"] * 5
    assert sorted(by_recipient()) == [f"racer{number}@example.com" for number in range(5)]


@pytest.mark.django_db
def test_a_moved_event_is_reminded_again_for_its_new_time_and_never_for_the_old(staff):
    event = starting_in(timedelta(hours=20))
    registered(event, "mover@example.com")
    assert services.schedule_event_reminders() == 1
    assert send_all() == ["sent"]
    first_times = times_in(event, "en")

    # The event moves two hours later: a new reminder, with the new time.
    move(event, timedelta(hours=2), staff)
    assert services.schedule_event_reminders() == 1
    assert send_all() == ["sent"]
    first, second = by_recipient()["mover@example.com"]
    assert all(line in first.body for line in first_times)
    new_times = times_in(event, "en")
    assert new_times != first_times
    assert all(line in second.body for line in new_times)
    vevent = icalendar.Calendar.from_ical(second.attachments[0][1]).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.starts_at

    # It moves again, and once more before that reminder went out: the queued one is not sent.
    move(event, timedelta(hours=1), staff)
    assert services.schedule_event_reminders() == 1
    move(event, timedelta(minutes=30), staff)
    assert services.schedule_event_reminders() == 1
    assert send_all() == ["cancelled", "sent"]
    *_earlier, last = by_recipient()["mover@example.com"]
    assert all(line in last.body for line in times_in(event, "en"))
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_a_registration_cancelled_after_the_reminder_was_queued_gets_none():
    event = starting_in(timedelta(hours=10))
    registration = registered(event, "changed-mind@example.com")
    assert services.schedule_event_reminders() == 1
    services.cancel_registration(registration_id=registration.pk)
    assert send_all() == ["cancelled"]
    assert services.schedule_event_reminders() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_people_confirmed_within_the_last_24_hours_are_not_reminded_again():
    """Their confirmation, with the same details and the .ics, has just gone out."""
    event = starting_in(timedelta(hours=6))
    registered(event, "early@example.com")
    registered(event, "late@example.com", created_at=timezone.now() - timedelta(hours=2))
    registered(
        event,
        "promoted@example.com",
        created_at=timezone.now() - timedelta(days=5),
        promoted_at=timezone.now() - timedelta(hours=1),
    )
    assert services.schedule_event_reminders() == 1
    assert list(Reminder.objects.values_list("recipient_email", flat=True)) == ["early@example.com"]


@pytest.mark.django_db
def test_an_event_that_has_begun_gets_no_reminder():
    event = starting_in(timedelta(hours=3))
    registered(event, "too-late@example.com")
    assert services.schedule_event_reminders(now=event.starts_at + timedelta(minutes=1)) == 0
    services.schedule_event_reminders()
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    assert send_all() == ["cancelled"]  # the beat was late and the event moved earlier
    assert mail.outbox == []


def next_spring_forward(after: datetime):
    """The next day (at least a week away) on which the workstation's clock springs forward."""
    pacific = zone("pacific")
    day = (after + timedelta(days=7)).astimezone(pacific).date()
    while True:
        before, on = (
            datetime.combine(day + timedelta(days=shift), time(12), tzinfo=pacific).utcoffset()
            for shift in (-1, 0)
        )
        if on > before:
            return day
        day += timedelta(days=1)


@pytest.mark.django_db
def test_the_day_after_the_clocks_change_the_reminder_comes_24_real_hours_before():
    """An event at 16:30 in Lanzhou on the Monday after Pacific time springs forward: 01:30 PDT.
    24 hours before is 00:30 PST on the Sunday (the day the clock skipped an hour), and the mail
    gives the event's own readings in both zones."""
    change_day = next_spring_forward(timezone.now())
    monday = change_day + timedelta(days=1)
    start = datetime.combine(monday, time(16, 30), tzinfo=zone("china"))
    event = EventFactory(
        starts_at=start, ends_at=start + timedelta(hours=2), time_zone="china", title_en="Demo day"
    )
    registered(event, "pacific@example.com", created_at=timezone.now())
    registered(event, "lanzhou@example.com", language="zh-hans", created_at=timezone.now())

    due = event.starts_at - timedelta(hours=24)
    pacific = timezone.localtime(due, zone("pacific"))
    assert (pacific.date(), pacific.strftime("%H:%M %Z")) == (change_day, "00:30 PST")
    assert timezone.localtime(event.starts_at, zone("pacific")).strftime("%H:%M %Z") == "01:30 PDT"

    assert services.schedule_event_reminders(now=due - timedelta(minutes=1)) == 0
    assert services.schedule_event_reminders(now=due) == 2
    assert send_all() == ["sent", "sent"]

    sent = by_recipient()
    (en,) = sent["pacific@example.com"]
    day = f"Mon {monday.day} {monday:%b}"
    assert f"{day} 01:30 PDT – 03:30 PDT" in en.body
    assert f"{day} 16:30 CST – 18:30 CST" in en.body
    (zh,) = sent["lanzhou@example.com"]
    for line in times_in(event, "zh-hans"):
        assert line in zh.body
    assert "北京时间" in zh.body
    vevent = icalendar.Calendar.from_ical(zh.attachments[0][1]).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART").astimezone(UTC) == event.starts_at


# --- Thanks after the event


def ended_event(**fields) -> Event:
    end = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    return EventFactory(starts_at=end - timedelta(hours=3), ends_at=end, **fields)


@pytest.mark.django_db
def test_the_people_checked_in_are_thanked_once_in_their_language_with_what_staff_wrote(staff):
    event = ended_event(
        thank_you_en="Thank you for coming! **Slides** <script>alert(1)</script>are online.",
        thank_you_zh_hans="感谢您的光临！演讲资料已上线。",
    )
    came = registered(event, "came@example.com", attended_at=event.starts_at)
    registered(event, "lai@example.com", language="zh-hans", attended_at=event.starts_at)
    registered(event, "stayed-home@example.com")
    registered(event, "cancelled@example.com", status="cancelled")

    assert services.schedule_thank_yous() == 2
    assert send_all() == ["sent", "sent"]
    sent = by_recipient()
    assert sorted(sent) == ["came@example.com", "lai@example.com"]
    (en,) = sent["came@example.com"]
    assert en.subject == f"Thank you for coming: {event.title_en}"
    assert "Thank you for coming! **Slides** are online." in en.body
    assert "<script" not in en.body and "alert" not in en.body
    assert en.body.startswith(f"Hello {came.name},")
    (zh,) = sent["lai@example.com"]
    assert zh.subject == f"感谢您参加：{event.title_zh_hans}"
    assert "感谢您的光临！演讲资料已上线。" in zh.body

    # Someone checked in late, after the event (staff catching up), is thanked on the next run;
    # nobody is thanked twice.
    late = registered(event, "late@example.com")
    services.mark_attended(registration_id=late.pk, actor=staff)
    assert services.schedule_thank_yous() == 1
    assert send_all() == ["sent"]
    assert services.schedule_thank_yous() == 0
    assert sorted(by_recipient()) == ["came@example.com", "lai@example.com", "late@example.com"]


@pytest.mark.django_db
def test_no_thanks_without_a_text_nor_before_the_end_nor_long_after():
    silent = ended_event()
    registered(silent, "a@example.com", attended_at=silent.starts_at)
    running = starting_in(-timedelta(hours=1), thank_you_en="Thanks!")
    registered(running, "b@example.com", attended_at=running.starts_at)
    old = EventFactory(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=2),
        thank_you_en="Thanks!",
    )
    registered(old, "c@example.com", attended_at=old.starts_at)
    assert services.schedule_thank_yous() == 0


@pytest.mark.django_db
def test_thanks_removed_or_a_check_in_undone_before_sending_send_nothing(staff):
    event = ended_event(thank_you_en="Thanks!")
    undone = registered(event, "undone@example.com", attended_at=event.starts_at)
    kept = registered(event, "kept@example.com", attended_at=event.starts_at)
    assert services.schedule_thank_yous() == 2
    services.mark_attended(registration_id=undone.pk, actor=staff, attended=False)
    assert send_all() == ["cancelled", "sent"]
    assert [message.to for message in mail.outbox] == [[kept.email]]
    # Staff blank the text: the check-in of someone else later brings no mail.
    Event.objects.filter(pk=event.pk).update(thank_you_en="")
    services.mark_attended(registration_id=undone.pk, actor=staff)
    assert services.schedule_thank_yous() == 0
    assert Reminder.objects.filter(object_id=undone.pk, state="pending").count() == 0


@pytest.mark.django_db
def test_a_chinese_registrant_gets_the_english_thanks_when_staff_wrote_only_that():
    event = ended_event(thank_you_en="Thanks for coming!")
    registered(event, "zh@example.com", language="zh-hans", attended_at=event.starts_at)
    services.schedule_thank_yous()
    assert send_all() == ["sent"]
    (message,) = mail.outbox
    assert "Thanks for coming!" in message.body
    assert message.subject == f"感谢您参加：{event.title_zh_hans}"


@pytest.mark.django_db
def test_staff_write_the_thanks_on_the_events_form(clients):
    event = ended_event()
    response = clients["staff"].post(
        f"/en/events/{event.pk}/edit/",
        event_form_data(
            starts_at=wall_time_of(event.starts_at, "pacific").strftime("%Y-%m-%dT%H:%M"),
            ends_at=wall_time_of(event.ends_at, "pacific").strftime("%Y-%m-%dT%H:%M"),
            thank_you_zh_hans="谢谢光临。",
            thank_you_en="Thank you for coming.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.thank_you_zh_hans, event.thank_you_en) == ("谢谢光临。", "Thank you for coming.")
    page = clients["staff"].get(f"/zh-hans/events/{event.pk}/edit/").content.decode()
    assert "中文感谢邮件" in page and "谢谢光临。" in page


# --- In a real worker, against the SMTP sink


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_reminds_once_across_racing_beat_runs_and_again_after_a_move(
    celery_worker, smtp_sink, reference_data, staff
):
    event = starting_in(timedelta(hours=23), title_en="Founders' forum")
    registered(event, "mei@example.com")
    registered(event, "li@example.com", language="zh-hans")
    registered(event, "gone@example.com", status="cancelled", cancelled_at=timezone.now())
    # Two beat runs at the same moment, one in each of the worker's children.
    eta = timezone.now() + timedelta(seconds=1)
    runs = celery_worker.wait_for_tasks(
        remind_about_events.apply_async(eta=eta).id for _ in range(2)
    )
    assert sum(int(run.result) for run in runs) == 2, runs

    (english,) = smtp_sink.wait_for(1, to="mei@example.com")
    assert english.subject == "Reminder: Founders' forum"
    for line in times_in(event, "en"):
        assert line in english.body
    attachments = list(english.message.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["text/calendar"]
    (chinese,) = smtp_sink.wait_for(1, to="li@example.com")
    for line in times_in(event, "zh-hans"):
        assert line in chinese.body
    wait_until(
        lambda: Reminder.objects.filter(kind=REMINDER, state="sent").count() == 2,
        what="both reminders to be marked sent",
    )

    move(event, timedelta(hours=-3), staff)
    (run,) = celery_worker.wait_for_tasks([remind_about_events.delay().id])
    assert run.result == "2"
    _first, moved = smtp_sink.wait_for(2, to="mei@example.com")
    for line in times_in(event, "en"):
        assert line in moved.body
    smtp_sink.wait_for(2, to="li@example.com")
    wait_until(
        lambda: Reminder.objects.filter(kind=REMINDER, state="sent").count() == 4,
        what="the new reminders to be marked sent",
    )
    (sweep,) = celery_worker.wait_for_tasks([sweep_pending_reminders.delay().id])
    assert sweep.result == "0"
    assert len(smtp_sink.messages_to("mei@example.com")) == 2
    assert len(smtp_sink.messages_to("li@example.com")) == 2
    assert smtp_sink.messages_to("gone@example.com") == []
