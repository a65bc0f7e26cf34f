"""Who may do what with the monthly meetings: staff and officials read them; staff schedule
them, write the minutes and keep the action items; an item's owner (or staff) marks it done."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from workstation.accounts.rules import is_administrator, is_official, is_workstation_staff

manages_meetings = is_workstation_staff | is_administrator


@rules.predicate
def owns_action_item(user, item) -> bool:
    return bool(item is not None and user and user.is_authenticated and item.owner_id == user.pk)


rules.add_perm("workstation.view_meetings", manages_meetings | is_official)
rules.add_perm("workstation.manage_meetings", manages_meetings)
# An item is marked done (or undone) by its owner among those who read meetings, or by staff.
rules.add_perm(
    "workstation.complete_action_item",
    manages_meetings | (is_official & owns_action_item),
)
for model in ("meeting", "actionitem"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"workstation.{action}_{model}", manages_meetings)


def check_manages_meetings(actor) -> None:
    """The meetings' services ask this themselves, so a shell, admin or API caller cannot skip
    the pages' check; a missing actor is the portal's own work (demo data)."""
    if actor is not None and not actor.has_perm("workstation.manage_meetings"):
        raise PermissionDenied(_("Only workstation staff keep the monthly meetings."))


def check_completes_action_item(actor, item) -> None:
    if actor is not None and not actor.has_perm("workstation.complete_action_item", item):
        raise PermissionDenied(_("Only the item's owner or workstation staff mark it done."))
