"""Models of the core app, one sub-package per domain noun."""

from workstation.accounts.models import Role, User
from workstation.audit.models import AuditEntry
from workstation.events.models import (
    CalendarFeed,
    Coverage,
    Event,
    MediaPartner,
    Registration,
    Speaker,
)
from workstation.publications.models import NewsPost, PolicyPage
from workstation.reference.models import Industry, Organization, Region
from workstation.reminders.models import Reminder

__all__ = [
    "AuditEntry",
    "CalendarFeed",
    "Coverage",
    "Event",
    "Industry",
    "MediaPartner",
    "NewsPost",
    "Organization",
    "PolicyPage",
    "Region",
    "Registration",
    "Reminder",
    "Role",
    "Speaker",
    "User",
]
