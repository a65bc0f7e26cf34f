"""Reminder kinds of the accounts: the invitation mail and its reminder, and allauth's mails."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse

from workstation.reminders.kinds import ReminderKind, register


def invitation_context(reminder, user) -> dict | None:
    if not user.is_active or user.has_usable_password():
        return None  # already accepted
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return {"user": user, "invitation_url": f"{settings.SITE_URL}{path}"}


register(ReminderKind("account_invitation", "account_invitation", invitation_context))
register(ReminderKind("invitation_reminder", "invitation_reminder", invitation_context))


def account_mail_context(reminder, account_mail) -> dict:
    """The mail as allauth rendered it in the request (see ``AccountMail``)."""
    return {"subject": account_mail.subject, "body": account_mail.body}


register(ReminderKind("account_mail", "account_mail", account_mail_context))
