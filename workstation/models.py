"""Models of the core app, one sub-package per domain noun."""

from workstation.accounts.models import AccountMail, Role, User
from workstation.api.models import ApiToken
from workstation.audit.models import AuditEntry
from workstation.events.models import (
    CalendarFeed,
    Coverage,
    Event,
    MediaPartner,
    Registration,
    Speaker,
)
from workstation.invitations.models import Invitation, InvitationStep
from workstation.meetings.models import ActionItem, Meeting
from workstation.publications.models import NewsPost, PolicyPage
from workstation.reference.models import Industry, Organization, Region
from workstation.reminders.models import Reminder
from workstation.stamps.models import WriteStamp
from workstation.targets.models import Target

__all__ = [
    "AccountMail",
    "ActionItem",
    "ApiToken",
    "AuditEntry",
    "CalendarFeed",
    "Coverage",
    "Event",
    "Industry",
    "Invitation",
    "InvitationStep",
    "MediaPartner",
    "Meeting",
    "NewsPost",
    "Organization",
    "PolicyPage",
    "Region",
    "Registration",
    "Reminder",
    "Role",
    "Speaker",
    "Target",
    "User",
    "WriteStamp",
]
