from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from workstation.accounts.models import AccountMail, Role, User
from workstation.reminders.services import schedule_reminder

INVITABLE_ROLES = (Role.STAFF, Role.OFFICIAL)


@transaction.atomic
def invite_colleague(
    *, email: str, full_name: str, role: Role, preferred_language: str, invited_by: User | None
) -> User:
    """Create a staff or official account without a password and mail its invitation."""
    if role not in INVITABLE_ROLES:
        raise ValueError(f"Only staff and officials are invited, not {role}")
    email = email.strip().lower()
    user = User.objects.create_user(
        email=email,
        password=None,
        full_name=full_name.strip(),
        preferred_language=preferred_language,
        # Staff edit the public site in the admin.
        is_staff=role == Role.STAFF,
        invited_by=invited_by,
    )
    user.groups.add(Group.objects.get(name=role))
    # The invitation goes to this address: whoever sets the password through it owns it.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    send_invitation(user=user)
    return user


def send_invitation(*, user: User) -> None:
    """(Re)send the invitation mail; each sending is its own reminder row."""
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    schedule_reminder(
        kind="account_invitation",
        target=user,
        period=user.invited_at.isoformat(),
        recipient_email=user.email,
        recipient=user,
    )


def remind_pending_invitations(*, older_than) -> int:
    """Remind, once per invitation, those who have not set their password after ``older_than``."""
    count = 0
    pending = User.objects.invitation_pending().filter(invited_at__lt=timezone.now() - older_than)
    for user in pending:
        _reminder, created = schedule_reminder(
            kind="invitation_reminder",
            target=user,
            period=user.invited_at.isoformat(),
            recipient_email=user.email,
            recipient=user,
        )
        count += created
    return count


@transaction.atomic
def keep_account_mail(
    *, template: str, recipient_email: str, subject: str, body: str
) -> AccountMail:
    """Keep a mail allauth rendered and hand it to the reminder outbox, which sends it once."""
    account_mail = AccountMail.objects.create(
        template=template, recipient_email=recipient_email, subject=subject, body=body
    )
    schedule_reminder(
        kind="account_mail",
        target=account_mail,
        # e.g. "email_confirmation_signup": which mail it is, in the admin's list of reminders
        period=template.rsplit("/", 1)[-1][:40],
        recipient_email=recipient_email,
        recipient=User.objects.filter(email__iexact=recipient_email).first(),
    )
    return account_mail
