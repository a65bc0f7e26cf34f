"""Who may do what with events: everyone reads public events and registers; staff and officials
also see the events that are not public; staff create and edit events, check people in and keep
the conference's speakers and media partners (in the portal and in the admin)."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from workstation.accounts.rules import (
    is_administrator,
    is_official,
    is_talent,
    is_workstation_staff,
)

manages_events = is_workstation_staff | is_administrator

rules.add_perm("workstation.manage_events", manages_events)
rules.add_perm("workstation.view_all_events", manages_events | is_official)
# Coverage reach is reported to Lanzhou: staff and officials read it; the public does not.
rules.add_perm("workstation.read_coverage", manages_events | is_official)
# A personal calendar feed: staff and officials get every event, a talent their registrations.
rules.add_perm("workstation.keep_calendar_feed", manages_events | is_official | is_talent)
for model in ("event", "registration", "mediapartner", "coverage", "speaker"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"workstation.{action}_{model}", manages_events)


def check_manages_events(actor) -> None:
    """The events' services ask this themselves, so a shell, admin or API caller cannot skip the
    pages' check; a missing actor is the portal's own work (demo data)."""
    if actor is not None and not actor.has_perm("workstation.manage_events"):
        raise PermissionDenied(_("Only workstation staff keep the events."))
