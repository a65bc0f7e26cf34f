"""The admin finds ``<app>.admin``: gather the sub-packages' registrations."""

from workstation.accounts import admin as accounts_admin  # noqa: F401
from workstation.audit import admin as audit_admin  # noqa: F401
from workstation.events import admin as events_admin  # noqa: F401
from workstation.invitations import admin as invitations_admin  # noqa: F401
from workstation.meetings import admin as meetings_admin  # noqa: F401
from workstation.publications import admin as publications_admin  # noqa: F401
from workstation.reference import admin as reference_admin  # noqa: F401
from workstation.reminders import admin as reminders_admin  # noqa: F401
from workstation.targets import admin as targets_admin  # noqa: F401
