"""Who may see and send campaigns: the workstation's staff (and administrators) only. Officials
never see campaigns or their audiences (lists of people), talents and the public neither."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from workstation.accounts.rules import is_administrator, is_workstation_staff

rules.add_perm("talentpool.manage_campaigns", is_workstation_staff | is_administrator)


def check_campaign_staff(actor) -> None:
    """The services ask this themselves; a missing actor is the portal's own work."""
    if actor is not None and not actor.has_perm("talentpool.manage_campaigns"):
        raise PermissionDenied(_("Only workstation staff write and send campaigns."))
