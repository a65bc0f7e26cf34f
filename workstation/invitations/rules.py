"""Who may do what with VIP invitations.

Staff (and administrators) create, edit and move invitations through their flow; only a Lanzhou
official approves one or sends it back. Officials see an invitation once it has been submitted to
them for approval, and everything after; drafts never submitted are the staff's. Talents and the
public never see invitations: they hold a VIP's personal details.
"""

import rules

from workstation.accounts.rules import is_administrator, is_official, is_workstation_staff
from workstation.invitations.models import InvitationStatus, StepKind

manages_invitations = is_workstation_staff | is_administrator


@rules.predicate
def was_submitted(user, invitation) -> bool:
    """Past the staff's own drafts: submitted for approval at least once."""
    if invitation is None:
        return True
    if invitation.status != InvitationStatus.DRAFT:
        return True
    submitted = getattr(invitation, "submitted_once", None)  # annotated by the views
    if submitted is None:
        submitted = invitation.steps.filter(status=StepKind.SUBMITTED).exists()
    return submitted


# The section (lists) and one invitation (its page answers 404 to those who may not see it).
rules.add_perm("workstation.read_invitations", manages_invitations | is_official)
rules.add_perm("workstation.read_invitation", manages_invitations | (is_official & was_submitted))
rules.add_perm("workstation.manage_invitations", manages_invitations)
# Only an official approves: not staff, not an administrator without the official's role.
rules.add_perm("workstation.approve_invitations", is_official)
# The admin: staff read and correct invitations there; the steps are read only.
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"workstation.{action}_invitation", manages_invitations)
rules.add_perm("workstation.view_invitationstep", manages_invitations)
