"""allauth's mails (address confirmation, password reset, ...) go through the reminder outbox.

They are rendered in the request, in the person's language, and kept as a row: a mail server or a
broker that is down leaves the person on the normal "check your mail" page, and the mail goes out
once, later, with links that still work.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from kombu.exceptions import OperationalError

from tests.conftest import make_person
from tests.fixtures.celery_worker import wait_until
from tests.fixtures.smtp import free_port
from workstation.accounts.models import AccountMail, User
from workstation.reminders import tasks
from workstation.reminders.models import Reminder
from workstation.reminders.tasks import send_reminder, sweep_pending_reminders

PASSWORD = "Gansu-Silicon-Valley-2026"
CJK = re.compile(r"[\u4e00-\u9fff]")
LINK = re.compile(r"https?://[^/\s]+(/\S+)")


def sign_up(client: Client, email: str, language: str = "en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def mail_server_down(smtp_sink, settings, outage: str) -> None:
    if outage == "refusing":
        smtp_sink.refuse = True
    else:  # nobody listens: connection refused, an OSError
        settings.EMAIL_PORT = free_port()


def mail_server_back(smtp_sink, settings) -> None:
    smtp_sink.refuse = False
    settings.EMAIL_PORT = smtp_sink.port


def kept_mail(email: str, period: str) -> Reminder:
    return Reminder.objects.get(kind="account_mail", recipient_email=email, period=period)


@pytest.mark.django_db
@pytest.mark.parametrize("outage", ["refusing", "unreachable"])
def test_sign_up_with_the_mail_server_down_sends_the_confirmation_later(
    client, smtp_settings, smtp_sink, outage
):
    mail_server_down(smtp_sink, smtp_settings, outage)

    response = sign_up(client, "Wang.Wei@Example.org", language="zh-hans")

    assert response.status_code == 302
    assert response.url == "/zh-hans/accounts/confirm-email/"
    assert client.get(response.url).status_code == 200  # "check your mail"
    user = User.objects.get(email="wang.wei@example.org")
    reminder = kept_mail(user.email, "email_confirmation_signup")
    assert (reminder.state, reminder.recipient) == (Reminder.State.PENDING, user)
    assert smtp_sink.messages == []

    # The outbox tries while the server is still down, then once it is back: one mail.
    assert send_reminder(reminder.pk) == "deferred"
    mail_server_back(smtp_sink, smtp_settings)
    assert send_reminder(reminder.pk) == "sent"
    assert send_reminder(reminder.pk) == "not pending"
    (message,) = smtp_sink.wait_for(1, to=user.email)
    assert CJK.search(message.subject), message.subject  # signed up on a Chinese page

    # The link rendered in the request confirms the address, whenever the mail arrives.
    (confirm_path,) = LINK.findall(message.body)
    assert confirm_path.startswith("/zh-hans/accounts/confirm-email/")
    assert client.post(confirm_path).status_code == 302
    assert user.emailaddress_set.get().verified


@pytest.mark.django_db
def test_sign_up_with_redis_down_waits_for_the_sweep(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    class BrokerDown:
        @staticmethod
        def delay(*args, **kwargs):
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks, "send_reminder", BrokerDown)
    settings.CACHES = {
        **settings.CACHES,
        "redis": {**settings.CACHES["redis"], "LOCATION": "unix:///tmp/lzsv-no-such-redis.sock"},
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "li.lei@example.org")

    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    reminder = kept_mail("li.lei@example.org", "email_confirmation_signup")
    assert (reminder.state, reminder.attempts) == (Reminder.State.PENDING, 0)


@pytest.mark.django_db
def test_password_reset_with_the_mail_server_down_mails_in_the_persons_language(
    smtp_settings, smtp_sink
):
    official = make_person("official", "guan.yuan@lanzhou.example", "zh-hans")
    smtp_sink.refuse = True
    browser = Client()

    # Asked for on an English page: the mail follows the person's language.
    response = browser.post("/en/accounts/password/reset/", {"email": official.email})

    assert response.status_code == 302
    assert browser.get(response.url).status_code == 200
    reminder = kept_mail(official.email, "password_reset_key")
    smtp_sink.refuse = False
    assert send_reminder(reminder.pk) == "sent"
    (message,) = smtp_sink.wait_for(1, to=official.email)
    assert CJK.search(message.subject), message.subject
    (reset_path,) = LINK.findall(message.body)
    response = browser.get(reset_path)
    assert response.status_code == 302
    assert response.url.endswith("-set-password/")


@pytest.mark.django_db
def test_every_allauth_mail_goes_through_the_outbox(client, mailoutbox):
    """allauth's other mails too: here the one to an address without an account."""
    response = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mailoutbox == []
    reminder = kept_mail("nobody@example.org", "unknown_account")
    assert reminder.recipient is None
    assert reminder.target == AccountMail.objects.get()
    assert send_reminder(reminder.pk) == "sent"
    assert [message.to for message in mailoutbox] == [["nobody@example.org"]]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_confirmation_once_the_mail_server_is_back(
    celery_worker, smtp_sink, reference_data
):
    smtp_sink.refuse = True
    browser = Client()

    assert sign_up(browser, "zhang.san@example.org").status_code == 302

    reminder = kept_mail("zhang.san@example.org", "email_confirmation_signup")
    wait_until(
        lambda: Reminder.objects.filter(pk=reminder.pk, attempts=1).exists(),
        what="the worker's refused attempt",
    )
    smtp_sink.refuse = False
    celery_worker.wait_for_tasks([sweep_pending_reminders.delay().id])
    (message,) = smtp_sink.wait_for(1, to="zhang.san@example.org")
    wait_until(lambda: Reminder.objects.filter(pk=reminder.pk, state="sent").exists())
    assert len(smtp_sink.messages_to("zhang.san@example.org")) == 1
    (confirm_path,) = LINK.findall(message.body)
    assert browser.post(confirm_path).status_code == 302
