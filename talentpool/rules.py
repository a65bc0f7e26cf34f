"""Who may see and change what in the talent pool, declared once for views, templates and lists.

The list counterpart of these rules is ``TalentProfile.objects.visible_to(user)``.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

# The sub-packages' own rules: rules autodiscovers this module only.
from talentpool.campaigns import rules as campaigns_rules  # noqa: F401
from workstation.accounts.rules import (
    is_administrator,
    is_official,
    is_talent,
    is_workstation_staff,
)

is_staff = is_workstation_staff | is_administrator


@rules.predicate
def is_own_profile(user, profile) -> bool:
    return profile is not None and user.is_authenticated and profile.user_id == user.pk


@rules.predicate
def shared_with_lanzhou(user, profile) -> bool:
    return profile is not None and profile.shares_with_lanzhou


rules.add_perm("talentpool", is_staff)  # the admin's app index
# The directory: staff see everyone, officials those who share with Lanzhou.
rules.add_perm("talentpool.view_directory", is_staff | is_official)
rules.add_perm(
    "talentpool.view_profile", is_staff | is_own_profile | (is_official & shared_with_lanzhou)
)
rules.add_perm("talentpool.change_profile", is_staff | is_own_profile)
# Staff work: notes, interactions, verification, tags, import/export, merging, counts by name.
rules.add_perm("talentpool.manage_pool", is_staff)
rules.add_perm("talentpool.view_counts", is_staff | is_official)
# A talent keeps their own profile.
rules.add_perm("talentpool.keep_own_profile", is_talent)


# The talent pool's services ask these themselves, so a shell, admin or API caller cannot skip the
# pages' checks; a missing actor is the portal's own work (demo data, a person's own deletion).


def check_pool_staff(actor) -> None:
    if actor is not None and not actor.has_perm("talentpool.manage_pool"):
        raise PermissionDenied(_("Only workstation staff keep the talent pool."))


def check_own_profile(actor, profile) -> None:
    """What only the person does on their own profile (say they are interested in a demand)."""
    if actor is None or not is_own_profile(actor, profile):
        raise PermissionDenied(_("Only the person may do this on their own profile."))


def check_may_change(actor, profile) -> None:
    if actor is not None and not actor.has_perm("talentpool.change_profile", profile):
        raise PermissionDenied(_("Only the person or workstation staff may change this profile."))
