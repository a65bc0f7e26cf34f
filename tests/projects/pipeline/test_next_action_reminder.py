"""The owner's reminder of a next action whose date passed: once per date, even when two runs of
the task race, through the shared Reminder outbox and a real worker."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core import mail

from projects.pipeline.models import Stage
from projects.pipeline.services import remind_overdue_next_actions, workstation_today
from projects.pipeline.tasks import remind_overdue_next_actions as remind_task
from tests.conftest import make_person
from tests.factories import ProjectFactory
from tests.fixtures.celery_worker import wait_until
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder

KIND = "project_next_action"


@pytest.mark.django_db
def test_a_new_date_gives_a_new_reminder_and_a_dropped_project_none(staff):
    today = workstation_today()
    project = ProjectFactory(owner=staff, next_action_on=today - timedelta(days=1))
    dropped = ProjectFactory(
        owner=staff, next_action_on=today - timedelta(days=1), stage=Stage.DROPPED
    )
    ProjectFactory(owner=staff, next_action_on=today - timedelta(days=2), stage=Stage.AFTER_CARE)
    ProjectFactory(owner=None, next_action_on=today - timedelta(days=1))
    ProjectFactory(owner=staff, next_action_on=today)  # not passed yet

    assert remind_overdue_next_actions() == 1
    assert remind_overdue_next_actions() == 0  # once per date
    reminder = Reminder.objects.get(kind=KIND)
    assert reminder.target == project
    assert reminder.period == (today - timedelta(days=1)).isoformat()
    assert reminder.recipient == staff
    assert not Reminder.objects.filter(object_id=dropped.pk).exists()

    project.next_action_on = today + timedelta(days=3)
    project.save()
    remind_overdue_next_actions(today=today + timedelta(days=4))
    assert Reminder.objects.filter(kind=KIND, object_id=project.pk).count() == 2


@pytest.mark.django_db
def test_the_mail_is_in_the_owners_language_and_links_to_the_project(settings):
    owner = make_person("staff", "owner@example.org", "zh-hans", is_staff=True)
    day = workstation_today() - timedelta(days=1)
    project = ProjectFactory(owner=owner, next_action_on=day, next_action="Send the dossier")
    remind_overdue_next_actions()
    reminder = Reminder.objects.get(kind=KIND)
    assert deliver_reminder(reminder_id=reminder.pk) == "sent"
    (message,) = mail.outbox
    assert message.to == ["owner@example.org"]
    assert project.title_zh_hans in message.subject
    assert f"{settings.SITE_URL}/zh-hans/projects/{project.pk}/" in message.body
    assert "兰州科技创新（硅谷）工作站" in message.body
    assert day.isoformat() in message.body


@pytest.mark.django_db
def test_a_reminder_whose_date_moved_is_cancelled(staff):
    day = workstation_today() - timedelta(days=1)
    project = ProjectFactory(owner=staff, next_action_on=day)
    remind_overdue_next_actions()
    project.next_action_on = day + timedelta(days=10)
    project.save()
    assert deliver_reminder(reminder_id=Reminder.objects.get().pk) == "cancelled"
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_a_reminder_sent_once_when_two_runs_of_the_task_race(
    celery_worker, reference_data, smtp_sink
):
    owner = make_person("staff", "owner@example.org", "en", is_staff=True)
    ProjectFactory(owner=owner, next_action_on=workstation_today() - timedelta(days=1))
    smtp_sink.delay = 0.3  # widen the window in which a second send could slip through

    first, second = remind_task.delay(), remind_task.delay()
    runs = celery_worker.wait_for_tasks([first.id, second.id])
    assert {run.outcome for run in runs} == {"succeeded"}
    assert sorted(run.result for run in runs) == ["0", "1"]

    (received,) = smtp_sink.wait_for(1, to="owner@example.org")
    wait_until(
        lambda: Reminder.objects.filter(kind=KIND, state=Reminder.State.SENT).exists(),
        what="the reminder to be marked sent",
    )
    assert Reminder.objects.filter(kind=KIND).count() == 1
    assert "Next action overdue" in received.subject
    # A third run later schedules and sends nothing more.
    third = remind_task.delay()
    (run,) = celery_worker.wait_for_tasks([third.id])
    assert run.result == "0"
    time.sleep(1.0)
    assert len(smtp_sink.messages_to("owner@example.org")) == 1
