"""The briefing's daily reminders: draft due and overdue (staff), review waiting (officials).

Each is sent once, even when two runs of the daily task race; a mail the server refused is sent by
a later run of the outbox's sweep, not lost."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from reports.briefings import reminders, services
from reports.briefings.models import MonthlyBriefing
from reports.briefings.tasks import remind_about_briefings
from tests.conftest import make_person
from tests.factories import BriefingFactory, BriefingItemFactory
from tests.fixtures.celery_worker import wait_until
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder
from workstation.reminders.tasks import sweep_pending_reminders

PACIFIC = ZoneInfo("America/Los_Angeles")


def at(day: str, hour: int = 9) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=PACIFIC)


def kinds() -> list[tuple[str, str]]:
    return sorted(Reminder.objects.values_list("kind", "recipient_email"))


@pytest.mark.django_db
def test_staff_are_reminded_on_the_due_day_and_once_overdue(staff, official):
    BriefingFactory(year=2026, month=11)  # draft due on 25 November (30 - 5)
    assert reminders.schedule_briefing_reminders(now=at("2026-11-24")) == 0
    assert reminders.schedule_briefing_reminders(now=at("2026-11-25")) == 1
    assert kinds() == [("briefing_draft_due", staff.email)]
    assert reminders.schedule_briefing_reminders(now=at("2026-11-25", 20)) == 0
    assert reminders.schedule_briefing_reminders(now=at("2026-11-26")) == 1
    assert reminders.schedule_briefing_reminders(now=at("2026-11-28")) == 0  # overdue: once
    assert kinds() == [("briefing_draft_due", staff.email), ("briefing_draft_overdue", staff.email)]


@pytest.mark.django_db
def test_the_due_day_is_on_the_workstations_clock(staff):
    BriefingFactory(year=2026, month=11)
    # 25 November 02:00 in Shanghai is still 24 November in California: not due yet.
    shanghai = datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert reminders.schedule_briefing_reminders(now=shanghai) == 0


@pytest.mark.django_db
def test_a_submitted_briefing_is_not_reminded_and_a_pending_reminder_is_cancelled(staff):
    briefing = BriefingItemFactory(briefing=BriefingFactory(year=2026, month=11)).briefing
    reminders.schedule_briefing_reminders(now=at("2026-11-25"))
    services.submit(briefing=briefing, actor=staff)
    assert reminders.schedule_briefing_reminders(now=at("2026-11-26")) == 0
    due = Reminder.objects.get(kind="briefing_draft_due")
    assert deliver_reminder(reminder_id=due.pk) == "cancelled"


@pytest.mark.django_db
def test_officials_are_reminded_in_chinese_after_three_days_of_waiting(staff, official):
    briefing = BriefingItemFactory().briefing
    services.submit(briefing=briefing, actor=staff)
    MonthlyBriefing.objects.filter(pk=briefing.pk).update(submitted_at=at("2026-11-01"))
    Reminder.objects.all().delete()  # the submission's announcement
    assert reminders.schedule_briefing_reminders(now=at("2026-11-03")) == 0
    assert reminders.schedule_briefing_reminders(now=at("2026-11-04")) == 1
    assert reminders.schedule_briefing_reminders(now=at("2026-11-05")) == 0
    (reminder,) = Reminder.objects.filter(kind="briefing_review_waiting")
    assert reminder.recipient == official
    assert deliver_reminder(reminder_id=reminder.pk) == "sent"
    (message,) = mail.outbox
    assert "等待" in message.subject or "审阅" in message.subject
    assert "2026-11-01" in message.body


@pytest.mark.django_db
def test_the_daily_task_opens_this_months_briefing():
    today = timezone.localdate()
    remind_about_briefings()
    assert MonthlyBriefing.objects.filter(year=today.year, month=today.month).exists()


@pytest.mark.timeout(120)
def test_two_racing_runs_send_each_reminder_once(celery_worker, reference_data, smtp_sink):
    first_staff = make_person("staff", "one@example.org", is_staff=True)
    second_staff = make_person("staff", "two@example.org", "zh-hans", is_staff=True)
    september = BriefingFactory(year=2026, month=9)  # long overdue, never submitted
    smtp_sink.delay = 0.3  # widen the window in which a second send could slip through

    runs = celery_worker.wait_for_tasks(
        [remind_about_briefings.delay().id, remind_about_briefings.delay().id]
    )
    assert {run.outcome for run in runs} == {"succeeded"}
    # This month's briefing may be due as well, depending on today's date: count what was owed.
    owed = Reminder.objects.count()
    assert sum(int(run.result) for run in runs) == owed  # each reminder recorded by one run
    assert Reminder.objects.filter(object_id=september.pk).count() == 2
    wait_until(
        lambda: Reminder.objects.filter(state=Reminder.State.SENT).count() == owed,
        what="every reminder to be marked sent",
    )
    time.sleep(1.0)
    for person in (first_staff, second_staff):
        assert len(smtp_sink.messages_to(person.email)) == owed // 2
    chinese = smtp_sink.messages_to(second_staff.email)[0]
    assert "逾期" in chinese.subject


@pytest.mark.timeout(120)
def test_a_reminder_the_mail_server_refused_is_sent_by_the_next_run(
    celery_worker, reference_data, smtp_sink
):
    staff = make_person("staff", "staff@example.org", is_staff=True)
    september = BriefingFactory(year=2026, month=9)
    smtp_sink.refuse = True
    celery_worker.wait_for_tasks([remind_about_briefings.delay().id])
    wait_until(lambda: smtp_sink.refused, what="the sink to refuse the mail")
    reminder = wait_until(
        lambda: Reminder.objects.filter(
            object_id=september.pk, state=Reminder.State.PENDING, attempts=1
        ).first(),
        what="the refused reminder to be pending again",
    )
    assert smtp_sink.messages == []

    smtp_sink.refuse = False
    Reminder.objects.filter(pk=reminder.pk).update(created_at=timezone.now() - timedelta(hours=1))
    celery_worker.wait_for_tasks([sweep_pending_reminders.delay().id])
    received = smtp_sink.wait_for(1, to=staff.email)
    assert any("Draft overdue: Briefing 2026, No. 9" in m.subject for m in received)
    wait_until(
        lambda: Reminder.objects.filter(pk=reminder.pk, state=Reminder.State.SENT).exists(),
        what="the reminder to be marked sent",
    )
