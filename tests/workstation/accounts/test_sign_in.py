"""Sign-up, sign-in, invitations and mandatory two-factor authentication."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import make_person, mark_mfa_passed, signed_in_client
from tests.factories import TEST_PASSWORD
from workstation.accounts.models import Role, User
from workstation.accounts.services import invite_colleague
from workstation.reminders.models import Reminder
from workstation.reminders.tasks import send_reminder

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Gansu-Silicon-Valley-2026"


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def invite(client, language_prefix: str, email: str, full_name: str):
    """Post the invitation form for a Chinese-speaking official."""
    return client.post(
        f"{language_prefix}colleagues/invite/",
        {
            "email": email,
            "full_name": full_name,
            "role": "official",
            "preferred_language": "zh-hans",
        },
    )


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_up_verification_mail_then_sign_in(client):
    response = client.post(
        "/zh-hans/accounts/signup/",
        {"email": "Wang.Wei@Example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    # The mail goes through the reminder outbox (tests/workstation/accounts/test_mail.py).
    assert mail.outbox == []
    assert send_reminder(Reminder.objects.get(kind="account_mail").pk) == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wang.wei@example.org"]
    # Signed up on a Chinese page: the person's language is Chinese, and so is the mail.
    assert re.search(r"[\u4e00-\u9fff]", message.subject)
    user = User.objects.get(email="wang.wei@example.org")
    assert user.preferred_language == "zh-hans"
    assert user.has_role(Role.TALENT)

    # Not verified yet: signing in is refused until the link is followed.
    fresh = Client()
    response = fresh.post(
        "/en/accounts/login/", {"login": "wang.wei@example.org", "password": NEW_PASSWORD}
    )
    assert response.url == reverse("account_email_verification_sent")

    confirm_path = path_of(link_in(message))
    assert "confirm-email" in confirm_path
    assert fresh.get(confirm_path).status_code == 200
    response = fresh.post(confirm_path)
    assert response.status_code == 302

    signed_in = Client()
    response = signed_in.post(
        "/en/accounts/login/", {"login": "wang.wei@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert "Sign out" in signed_in.get("/en/").content.decode()


def test_sign_in_with_a_wrong_password_says_so(client, talent):
    response = client.post("/en/accounts/login/", {"login": talent.email, "password": "wrong"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    # The address typed is kept.
    assert f'value="{talent.email}"' in response.content.decode()


def test_rate_limit_stops_repeated_failed_sign_ins(client, talent):
    pages = [
        client.post("/en/accounts/login/", {"login": talent.email, "password": "wrong"})
        for _attempt in range(7)
    ]
    assert "Too many failed login attempts" not in pages[0].content.decode()
    assert "Too many failed login attempts" in pages[-1].content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(
        "/en/accounts/login/", {"login": talent.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200


def test_sign_in_works_while_redis_is_down(client, talent, settings):
    settings.CACHES = {
        **settings.CACHES,
        "redis": {**settings.CACHES["redis"], "LOCATION": "unix:///tmp/lzsv-no-such-redis.sock"},
    }
    settings.CELERY_BROKER_URL = "redis+socket:///tmp/lzsv-no-such-redis.sock"
    response = client.post(
        "/en/accounts/login/", {"login": talent.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/en/account/settings/").status_code == 200
    assert client.get("/healthz").json()["redis"] == "down"


@pytest.mark.parametrize("role", ["staff", "official", "superuser"])
def test_session_without_mfa_reaches_only_account_pages(role, staff, official, superuser):
    user = {"staff": staff, "official": official, "superuser": superuser}[role]
    client = signed_in_client(user, mfa=False)
    for path in ("/en/", "/en/colleagues/", "/en/admin/", "/en/admin/workstation/policypage/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith("/en/accounts/2fa/totp/activate/"), path
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.get("/en/accounts/email/").status_code == 200
    mark_mfa_passed(client, user)
    assert client.get("/en/").status_code == 200


def test_talent_needs_no_two_factor(talent):
    client = signed_in_client(talent, mfa=False)
    assert client.get("/en/account/settings/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_staff_invites_an_official_who_sets_a_password_and_enrols_totp(reference_data, staff):
    """Transactional, as in production: allauth records the enrolment after its commit."""
    staff_client = signed_in_client(staff)
    response = invite(staff_client, "/en/", "Li.Na@lanzhou.example", "李娜")
    assert response.status_code == 302
    official = User.objects.get(email="li.na@lanzhou.example")
    assert official.has_role(Role.OFFICIAL) and not official.has_usable_password()
    assert "li.na@lanzhou.example" in staff_client.get("/en/colleagues/").content.decode()

    reminder = Reminder.objects.get(kind="account_invitation", recipient=official)
    assert send_reminder(reminder.pk) == "sent"
    assert send_reminder(reminder.pk) == "not pending"
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert re.search(r"[\u4e00-\u9fff]", invitation.subject)  # in the official's language

    browser = Client()
    response = browser.get(path_of(link_in(invitation)), follow=True)
    form_path = response.redirect_chain[-1][0] if response.redirect_chain else None
    assert form_path
    response = browser.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.has_usable_password()

    response = browser.post(
        "/zh-hans/accounts/login/", {"login": "li.na@lanzhou.example", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    # Nothing but account pages until two-factor authentication is enrolled.
    response = browser.get("/zh-hans/")
    assert response.url.startswith("/zh-hans/accounts/2fa/totp/activate/")
    response = browser.get("/zh-hans/accounts/2fa/totp/activate/")
    assert response.url.startswith("/zh-hans/accounts/reauthenticate/")
    browser.post(response.url, {"password": NEW_PASSWORD})
    page = browser.get("/zh-hans/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = browser.session["mfa.totp.secret"]
    response = browser.post("/zh-hans/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert browser.get("/zh-hans/").status_code == 200

    # Next time, signing in asks for the code.
    cache.clear()  # allauth refuses the same code twice within its period
    again = Client()
    response = again.post(
        "/zh-hans/accounts/login/", {"login": "li.na@lanzhou.example", "password": NEW_PASSWORD}
    )
    assert response.url == "/zh-hans/accounts/2fa/authenticate/"
    # Password alone does not sign in.
    assert again.get("/zh-hans/account/settings/").url.startswith("/zh-hans/accounts/login/")
    response = again.post(response.url, {"code": current_code(secret)})
    assert response.status_code == 302
    assert again.get("/zh-hans/account/settings/").status_code == 200


def test_invite_form_keeps_what_was_typed_and_explains_errors(staff):
    make_person("talent", "taken@example.org")
    client = signed_in_client(staff)
    response = invite(client, "/zh-hans/", "taken@example.org", "王伟")
    page = response.content.decode()
    assert response.status_code == 200
    assert "王伟" in page and "taken@example.org" in page
    assert "已存在" in page
    response = client.post("/en/colleagues/invite/", {"email": "not-an-email", "full_name": ""})
    page = response.content.decode()
    assert "Enter a valid email address." in page
    assert 'value="not-an-email"' in page


def test_only_pending_invitations_can_be_sent_again(staff, official):
    client = signed_in_client(staff)
    assert client.post(f"/en/colleagues/{official.pk}/reinvite/").status_code == 404
    invited = invite_colleague(
        email="new@lanzhou.example",
        full_name="New",
        role=Role.OFFICIAL,
        preferred_language="zh-hans",
        invited_by=staff,
    )
    assert client.post(f"/en/colleagues/{invited.pk}/reinvite/").status_code == 302
    assert Reminder.objects.filter(kind="account_invitation", recipient=invited).count() == 2
