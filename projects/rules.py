"""Who may do what in the project pipeline: staff work it; officials read it; talents see the
open Lanzhou demands (on their "For you" page)."""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from workstation.accounts.rules import (
    is_administrator,
    is_official,
    is_talent,
    is_workstation_staff,
)

is_staff = is_workstation_staff | is_administrator

rules.add_perm("projects", is_staff)  # the admin's app index
rules.add_perm("projects.view_pipeline", is_staff | is_official)
rules.add_perm("projects.manage_pipeline", is_staff)
rules.add_perm("projects.view_open_demands", is_talent)


def check_pipeline_staff(actor) -> None:
    """The pipeline's services ask this themselves, so a shell, admin or API caller cannot skip
    the pages' check; a missing actor is the portal's own work (the public intake, demo data)."""
    if actor is not None and not actor.has_perm("projects.manage_pipeline"):
        raise PermissionDenied(_("Only workstation staff keep the project pipeline."))
