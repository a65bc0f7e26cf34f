"""A campaign's mails, through the reminder outbox: one to each person of its audience (a batched
kind, composed when its turn comes, in the person's preferred language, and only while they still
consent to news and invitations), and the test mails staff send themselves.

Every mail to a person carries its unsubscribe link in sight and in the ``List-Unsubscribe`` and
``List-Unsubscribe-Post`` headers, for the mail client's one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

from talentpool.campaigns.models import Campaign
from talentpool.campaigns.services import (
    CAMPAIGN_KIND,
    TEST_KIND,
    mail_context,
    unsubscribe_url,
)
from talentpool.profiles.models import TalentProfile
from workstation.reminders.kinds import ReminderKind, register


def profile_of(reminder) -> TalentProfile | None:
    """The profile a campaign mail is for (its period holds the id), read once per sending."""
    if not hasattr(reminder, "campaign_profile"):
        reminder.campaign_profile = TalentProfile.objects.filter(pk=int(reminder.period)).first()
    return reminder.campaign_profile


def recipient_of(reminder) -> TalentProfile | None:
    """The mail's profile while it still consents to news and still has the address the mail
    was queued for."""
    profile = profile_of(reminder)
    if profile is None or not profile.receives_news:
        return None
    if profile.email.strip().lower() != reminder.recipient_email:
        return None
    return profile


def recipient_language(reminder, campaign: Campaign) -> str:
    profile = profile_of(reminder)
    return profile.preferred_language if profile is not None else "en"


def campaign_context(reminder, campaign: Campaign) -> dict | None:
    """None (the mail is skipped, not sent) once the person withdrew, left or changed address."""
    profile = recipient_of(reminder)
    if profile is None:
        return None
    language = profile.preferred_language
    link = unsubscribe_url(profile, language)
    return {
        **mail_context(campaign, language, unsubscribe_url=link),
        "headers": {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    }


def preview_language(reminder, campaign: Campaign) -> str:
    return reminder.period.split("-", 2)[2]  # "test-<time>-<language>"


def preview_context(reminder, campaign: Campaign) -> dict:
    """The mail as a person gets it, marked as a test; its unsubscribe link unsubscribes nobody."""
    return {
        **mail_context(campaign, preview_language(reminder, campaign), unsubscribe_url=""),
        "test": True,
    }


register(
    ReminderKind(
        CAMPAIGN_KIND, "campaign", campaign_context, recipient_language, html=True, batched=True
    )
)
register(ReminderKind(TEST_KIND, "campaign", preview_context, preview_language, html=True))
