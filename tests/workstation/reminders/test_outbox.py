"""The shared reminder mechanism: recorded once, claimed before sending, pending on mail errors.

The first tests call the code in the test process (mail to Django's outbox, or over real SMTP to
the loopback sink); the ``worker`` tests run the tasks in a real Celery worker (two prefork
children) against the test database, Redis and the SMTP sink.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.fixtures.celery_worker import wait_until
from tests.fixtures.smtp import free_port
from workstation.accounts.models import Role, User
from workstation.accounts.services import invite_colleague
from workstation.reminders import services, tasks
from workstation.reminders.kinds import KINDS, ReminderKind
from workstation.reminders.models import Reminder
from workstation.reminders.services import (
    MAX_ATTEMPTS,
    STALE_CLAIM,
    enqueue_reminder,
    schedule_reminder,
)
from workstation.reminders.tasks import send_reminder, sweep_pending_reminders

INVITATION_SUBJECT = "Your invitation to the Lanzhou Silicon Valley Workstation portal"
CJK = re.compile(r"[\u4e00-\u9fff]")
LINK = re.compile(r"https?://\S+")


def invite(email: str, *, language: str = "en", role: Role = Role.STAFF) -> User:
    return invite_colleague(
        email=email,
        full_name="测试 Tester",
        role=role,
        preferred_language=language,
        invited_by=None,
    )


def invitation_of(user: User) -> Reminder:
    return Reminder.objects.get(kind="account_invitation", object_id=user.pk)


def pending_invitee(email: str, language: str = "en") -> User:
    """An invited account that has not set its password, with no reminder scheduled yet."""
    return User.objects.create_user(
        email=email, password=None, preferred_language=language, invited_at=timezone.now()
    )


def reminder_row(user: User, *, period: str = "2025-01", **fields) -> Reminder:
    """A reminder written straight to the table: nothing is enqueued."""
    return Reminder.objects.create(
        kind="account_invitation",
        content_type=ContentType.objects.get_for_model(user),
        object_id=user.pk,
        period=period,
        recipient_email=user.email,
        recipient=user,
        **fields,
    )


# --- Scheduling


@pytest.mark.django_db
def test_scheduling_twice_records_one_reminder_and_enqueues_it_once(
    django_capture_on_commit_callbacks,
):
    user = pending_invitee("twice@example.org")
    with django_capture_on_commit_callbacks() as callbacks:
        first, created = schedule_reminder(
            kind="account_invitation",
            target=user,
            period="2025-01",
            recipient_email=" Twice@Example.org ",
            recipient=user,
        )
        again, created_again = schedule_reminder(
            kind="account_invitation",
            target=user,
            period="2025-01",
            recipient_email="twice@example.org",
            recipient=user,
        )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert first.recipient_email == "twice@example.org"
    assert Reminder.objects.count() == 1
    assert len(callbacks) == 1  # only the new row is handed to a worker


@pytest.mark.django_db
def test_another_period_is_another_reminder():
    user = pending_invitee("periods@example.org")
    for period in ("2025-01", "2025-02", "2025-01"):
        schedule_reminder(
            kind="account_invitation",
            target=user,
            period=period,
            recipient_email=user.email,
            recipient=user,
        )
    assert sorted(Reminder.objects.values_list("period", flat=True)) == ["2025-01", "2025-02"]


@pytest.mark.django_db
def test_an_unknown_kind_is_refused():
    user = pending_invitee("unknown@example.org")
    with pytest.raises(ValueError, match="no_such_kind"):
        schedule_reminder(
            kind="no_such_kind", target=user, period="2025-01", recipient_email=user.email
        )
    assert not Reminder.objects.exists()


# --- Sending in the test process


@pytest.mark.django_db
def test_the_task_sends_once_in_the_recipients_language(mailoutbox):
    official = invite("guan@lanzhou.example", language="zh-hans", role=Role.OFFICIAL)
    reminder = invitation_of(official)

    assert send_reminder(reminder.pk) == "sent"

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["guan@lanzhou.example"]
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL
    # Chinese from the catalog (兰州科技创新（硅谷）工作站门户网站邀请函 today), not English.
    assert mail.subject != INVITATION_SUBJECT
    assert CJK.search(mail.subject), mail.subject
    with translation.override("zh-hans"):
        assert mail.subject == gettext(INVITATION_SUBJECT)
    assert CJK.search(mail.body)
    (link,) = [link for link in LINK.findall(mail.body) if "/password/reset/key/" in link]
    assert link.startswith(f"{settings.SITE_URL}/zh-hans/accounts/password/reset/key/")

    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT
    assert reminder.sent_at is not None
    assert reminder.attempts == 1

    assert send_reminder(reminder.pk) == "not pending"
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_reminder_no_longer_due_is_cancelled_not_sent(mailoutbox):
    user = invite("already@example.org")
    user.set_password("a-Long-test-passw0rd")
    user.save()
    reminder = invitation_of(user)

    assert send_reminder(reminder.pk) == "cancelled"

    assert mailoutbox == []
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.CANCELLED
    assert send_reminder(reminder.pk) == "not pending"
    assert mailoutbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reply", "stage"),
    [
        ("550 5.7.1 Relaying denied", "RCPT"),
        ("421 4.3.2 Service shutting down, try later", "RCPT"),
        ("451 4.3.0 Temporary failure", "DATA"),
    ],
)
def test_a_refused_mail_stays_pending_until_the_server_accepts_it(
    smtp_settings, smtp_sink, reply, stage
):
    user = invite("refused@example.org")
    reminder = invitation_of(user)
    smtp_sink.refuse, smtp_sink.refuse_with, smtp_sink.refuse_at = True, reply, stage

    assert send_reminder(reminder.pk) == "deferred"

    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING
    assert reply[:3] in reminder.last_error
    assert reminder.attempts == 1
    assert reminder.sent_at is None
    assert smtp_sink.refused and smtp_sink.messages == []

    smtp_sink.refuse = False
    assert send_reminder(reminder.pk) == "sent"

    (mail,) = smtp_sink.wait_for(1, to="refused@example.org")
    assert mail.subject == INVITATION_SUBJECT
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts, reminder.last_error) == (Reminder.State.SENT, 2, "")


@pytest.mark.django_db
def test_an_unreachable_mail_server_leaves_it_pending(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens there
    settings.EMAIL_TIMEOUT = 2
    reminder = invitation_of(invite("unreachable@example.org"))

    assert send_reminder(reminder.pk) == "deferred"

    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING
    assert reminder.attempts == 1
    assert "refused" in reminder.last_error.lower()


# --- The sweep


@pytest.mark.django_db
def test_the_sweep_re_enqueues_pending_ones_and_releases_stale_claims(monkeypatch):
    enqueued = []
    monkeypatch.setattr(
        services, "enqueue_reminder", lambda *, reminder_id: enqueued.append(reminder_id) or True
    )
    now = timezone.now()
    user = pending_invitee("sweep@example.org")
    pending = reminder_row(user, period="pending")
    stale = reminder_row(
        user,
        period="stale",
        state=Reminder.State.SENDING,
        claimed_at=now - STALE_CLAIM - timedelta(minutes=1),
    )
    busy = reminder_row(
        user, period="busy", state=Reminder.State.SENDING, claimed_at=now - timedelta(minutes=2)
    )
    sent = reminder_row(user, period="sent", state=Reminder.State.SENT, sent_at=now)
    cancelled = reminder_row(user, period="cancelled", state=Reminder.State.CANCELLED)

    assert sweep_pending_reminders() == 2

    assert sorted(enqueued) == sorted([pending.pk, stale.pk])
    states = dict(Reminder.objects.values_list("pk", "state"))
    assert states == {
        pending.pk: Reminder.State.PENDING,
        stale.pk: Reminder.State.PENDING,
        busy.pk: Reminder.State.SENDING,  # a worker may still be sending it
        sent.pk: Reminder.State.SENT,
        cancelled.pk: Reminder.State.CANCELLED,
    }


@pytest.mark.django_db
def test_with_the_broker_down_the_reminder_waits_for_the_sweep(monkeypatch):
    class BrokerDown:
        @staticmethod
        def delay(*args, **kwargs):
            raise ConnectionError("Error 111 connecting to redis")

    monkeypatch.setattr(tasks, "send_reminder", BrokerDown)
    reminder = reminder_row(pending_invitee("nobroker@example.org"))

    assert enqueue_reminder(reminder_id=reminder.pk) is False
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.PENDING


# --- In a real worker


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_two_racing_runs_send_the_reminder_once(celery_worker, smtp_sink, reference_data):
    reminder = reminder_row(pending_invitee("race@example.org"))
    # Both pool children must be inside the task at once. The messages carry the same ETA, so
    # the worker holds all of them and hands them to its two children at the same moment; the
    # sink takes 0.3 s to accept a message, so whichever run claims the row is still sending when
    # the others try to claim it. Only the database claim keeps them from sending it again.
    smtp_sink.delay = 0.3
    eta = timezone.now() + timedelta(seconds=1)
    results = [send_reminder.apply_async((reminder.pk,), eta=eta) for _ in range(4)]

    runs = celery_worker.wait_for_tasks(result.id for result in results)

    assert sorted(run.result for run in runs) == ["'not pending'"] * 3 + ["'sent'"], runs
    assert len({run.process for run in runs}) == 2, runs  # both children took part
    assert len(smtp_sink.messages_to("race@example.org")) == 1
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts) == (Reminder.State.SENT, 1)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_refused_invitation_is_sent_by_a_later_run(celery_worker, smtp_sink, reference_data):
    smtp_sink.refuse = True
    user = invite("later@example.org")  # enqueued to the worker when the invitation commits
    reminder = invitation_of(user)

    wait_until(
        lambda: Reminder.objects.filter(
            pk=reminder.pk, state=Reminder.State.PENDING, attempts=1
        ).exists(),
        what="the worker's refused attempt",
    )
    reminder.refresh_from_db()
    assert "550" in reminder.last_error
    assert smtp_sink.refused == [("RCPT", ["later@example.org"])]
    assert smtp_sink.messages == []

    smtp_sink.refuse = False
    sweep = sweep_pending_reminders.delay()

    (run,) = celery_worker.wait_for_tasks([sweep.id])
    assert run.result == "1"
    smtp_sink.wait_for(1, to="later@example.org")
    wait_until(
        lambda: Reminder.objects.filter(pk=reminder.pk, state=Reminder.State.SENT).exists(),
        what="the reminder to be marked sent",
    )
    reminder.refresh_from_db()
    assert (reminder.attempts, reminder.last_error) == (2, "")
    assert len(smtp_sink.messages_to("later@example.org")) == 1


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_invitation_mail_from_the_worker(celery_worker, smtp_sink, reference_data, client):
    invite("welcome@example.org")
    official = invite("guanyuan@lanzhou.example", language="zh-hans", role=Role.OFFICIAL)

    (mail,) = smtp_sink.wait_for(1, to="welcome@example.org")
    assert mail.subject == INVITATION_SUBJECT
    assert mail.to == ["welcome@example.org"]
    assert mail.sender == settings.DEFAULT_FROM_EMAIL
    links = [link for link in LINK.findall(mail.body) if "/password/reset/key/" in link]
    assert len(links) == 1, mail.body
    link = links[0]
    assert link.startswith(f"{settings.SITE_URL}/en/accounts/password/reset/key/")
    # The worker's token is one this portal accepts: it leads to the set-password form.
    response = client.get(link.removeprefix(settings.SITE_URL))
    assert response.status_code == 302
    assert response.url.endswith("-set-password/")

    (chinese,) = smtp_sink.wait_for(1, to=official.email)
    assert CJK.search(chinese.subject) and chinese.subject != INVITATION_SUBJECT
    assert f"{settings.SITE_URL}/zh-hans/accounts/password/reset/key/" in chinese.body


@pytest.mark.django_db
def test_the_sweep_takes_the_oldest_first_and_stops_when_the_broker_is_down(monkeypatch):
    tried = []

    def broker_down(*, reminder_id):
        tried.append(reminder_id)
        return False

    monkeypatch.setattr(services, "enqueue_reminder", broker_down)
    user = pending_invitee("sweep-order@example.org")
    oldest = reminder_row(user, period="a")
    reminder_row(user, period="b")
    reminder_row(user, period="c")
    assert sweep_pending_reminders() == 0
    assert tried == [oldest.pk]


@pytest.mark.django_db
def test_a_reminder_refused_too_often_fails_instead_of_retrying_forever(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    reminder = reminder_row(pending_invitee("gone@example.org"), attempts=MAX_ATTEMPTS - 1)
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED
    assert reminder.last_error
    assert sweep_pending_reminders() == 0


@pytest.mark.django_db
def test_a_reminder_that_cannot_be_composed_fails_with_its_error(monkeypatch, mailoutbox):
    def broken(reminder, target):
        raise KeyError("missing")

    monkeypatch.setitem(KINDS, "broken", ReminderKind("broken", "no_such_template", broken))
    user = pending_invitee("broken@example.org")
    reminder = reminder_row(user, period="x")
    Reminder.objects.filter(pk=reminder.pk).update(kind="broken")
    assert send_reminder(reminder.pk) == "failed"
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.FAILED
    assert "missing" in reminder.last_error
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_reminder_sent_again_after_a_worker_died_keeps_its_message_id(
    smtp_settings, smtp_sink, monkeypatch
):
    """At least once, but one mail in the inbox: mail clients drop a second copy by Message-ID."""
    smtp_settings.DEFAULT_FROM_EMAIL = "Lanzhou SV Workstation <noreply@portal.example.org>"
    monkeypatch.setattr(  # the sweep hands the reminder straight to a "worker"
        services,
        "enqueue_reminder",
        lambda *, reminder_id: bool(services.deliver_reminder(reminder_id=reminder_id)),
    )
    reminder = invitation_of(invite("sent-twice@example.org"))
    other = invitation_of(invite("someone-else@example.org"))
    assert send_reminder(reminder.pk) == "sent"
    # The worker died after the mail server took the mail and before the row said so.
    Reminder.objects.filter(pk=reminder.pk).update(
        state=Reminder.State.SENDING,
        sent_at=None,
        claimed_at=timezone.now() - STALE_CLAIM - timedelta(minutes=1),
    )

    sweep_pending_reminders()

    first, again = (
        mail.message["Message-ID"] for mail in smtp_sink.wait_for(2, to=reminder.recipient_email)
    )
    assert first == again
    assert re.fullmatch(rf"<reminder-{reminder.pk}-\w+@portal\.example\.org>", first)
    (to_other,) = smtp_sink.wait_for(1, to=other.recipient_email)
    assert to_other.message["Message-ID"] != first
    other.refresh_from_db()
    assert other.state == Reminder.State.SENT


# --- Batched kinds: many mails of one target, recorded in bulk and sent by their own task


@pytest.fixture
def batched_kind(monkeypatch):
    """A batched kind whose mail says hello to the recipient, with a header of its own."""

    def context(reminder, target):
        return {
            "subject": f"Hello {reminder.period}",
            "body": "Body",
            "headers": {"X-Batch": reminder.period},
        }

    kind = ReminderKind("batch_test", "account_mail", context, batched=True)
    monkeypatch.setitem(KINDS, kind.key, kind)
    return kind


@pytest.mark.django_db
def test_recording_in_bulk_is_idempotent_and_enqueues_nothing(
    batched_kind, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(services, "BULK_CHUNK", 3)  # several chunks
    target = pending_invitee("target@example.org")
    people = [(f"p{n}", f" Person{n}@Example.org ", None) for n in range(7)]
    with django_capture_on_commit_callbacks() as callbacks:
        services.record_reminders(kind=batched_kind.key, target=target, recipients=iter(people))
        # Run again (e.g. after an interruption) with one more: only that one is new.
        services.record_reminders(
            kind=batched_kind.key, target=target, recipients=[*people, ("p7", "p7@x.org", None)]
        )
    assert callbacks == []
    rows = services.reminders_of(kind=batched_kind.key, target=target)
    assert rows.count() == 8
    assert rows.get(period="p0").recipient_email == "person0@example.org"
    assert services.pending_reminders(kind=batched_kind.key, target=target, limit=3) == list(
        rows.order_by("pk").values_list("pk", flat=True)[:3]
    )
    with pytest.raises(ValueError, match="account_invitation"):
        services.record_reminders(kind="account_invitation", target=target, recipients=[])


@pytest.mark.django_db
def test_the_sweep_leaves_batched_kinds_to_their_own_task(batched_kind, monkeypatch):
    enqueued = []
    monkeypatch.setattr(
        services, "enqueue_reminder", lambda *, reminder_id: enqueued.append(reminder_id) or True
    )
    target = pending_invitee("sweep-batch@example.org")
    services.record_reminders(
        kind=batched_kind.key, target=target, recipients=[("a", "a@example.org", None)]
    )
    single = reminder_row(target, period="single")
    assert sweep_pending_reminders() == 1
    assert enqueued == [single.pk]


@pytest.mark.django_db
def test_a_batch_sends_over_one_connection_with_the_kinds_headers(
    batched_kind, smtp_settings, smtp_sink
):
    from django.core.mail import get_connection

    target = pending_invitee("connection@example.org")
    services.record_reminders(
        kind=batched_kind.key,
        target=target,
        recipients=[(f"p{n}", f"p{n}@example.org", None) for n in range(3)],
    )
    batch = services.pending_reminders(kind=batched_kind.key, target=target, limit=10)
    with get_connection() as connection:
        outcomes = [
            services.deliver_reminder(reminder_id=reminder_id, connection=connection)
            for reminder_id in batch
        ]
    assert outcomes == ["sent"] * 3
    mails = smtp_sink.wait_for(3)
    assert sorted(mail.subject for mail in mails) == ["Hello p0", "Hello p1", "Hello p2"]
    assert {mail.message["X-Batch"] for mail in mails} == {"p0", "p1", "p2"}
    counts = services.count_by_state(kind=batched_kind.key, targets=[target])
    assert counts == {target.pk: {"sent": 3}}
