"""What happens to a VIP invitation, one function per step of its flow.

draft → waiting for approval → approved by an official (or sent back: draft again) → sent →
accepted or declined → travel arranged (accepted only) → attended (once the event has started).

Staff create and edit invitations, ask for approval, send them and record what follows; only a
Lanzhou official approves one or sends it back with a note. The views check the permissions for
their pages; these functions check the state and the role once more, so a shell, admin or API
caller cannot skip them (a missing actor is the portal's own work, such as the demo loader; only
approval always needs an official). Every step is kept as an
``InvitationStep`` with who, when and an optional note, and audited without personal data.

The status is stored on the invitation; each step records what it did (``StepKind``: submitted,
sent back, approved, sent...). Officials are told by mail, in Chinese, through the shared reminder
outbox; staff are told when an official approved the invitation or sent it back.

Editing after submission: the VIP's name, kind and event are what an official approves, so they
change only while the invitation is a draft not waiting for approval. The title, affiliation,
biography and email address are corrections and translations: they may be edited at any time and
keep the status. Protocol notes and follow-up are the staff's working notes, editable at any time.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workstation.accounts.models import Role
from workstation.audit.services import record
from workstation.invitations.models import Invitation, InvitationStatus, InvitationStep, StepKind
from workstation.reminders.services import schedule_for_role
from workstation.translated import missing_languages

APPROVAL_REQUESTED = "vip_invitation_approval"
APPROVED_NOTICE = "vip_invitation_approved"
SENT_BACK_NOTICE = "vip_invitation_sent_back"

# Fields that are what an official approves: fixed once the invitation is submitted.
APPROVED_FIELDS = frozenset({"name", "kind", "event"})
# Texts that must be given in both languages before an official is asked to approve.
BILINGUAL_FIELDS = ("affiliation", "bio")


class InvitationError(Exception):
    """A step the invitation's state (or the person's role) does not allow; the message is for
    people."""


# --- Reading


def is_awaiting_approval(invitation: Invitation) -> bool:
    return invitation.status == InvitationStatus.AWAITING_APPROVAL


def may_change_approved_fields(invitation: Invitation) -> bool:
    return invitation.status == InvitationStatus.DRAFT


def history(invitation: Invitation) -> list[dict]:
    """The steps in order, each with its label, who, when and the note."""
    return [
        {"step": step, "label": step.get_status_display()}
        for step in invitation.steps.select_related("by")
    ]


# --- Writing


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def create_invitation(*, invitation: Invitation, actor) -> Invitation:
    """A new invitation is a draft of the staff's own until they ask for approval."""
    _check_staff(actor)
    invitation.status = InvitationStatus.DRAFT
    invitation.created_by = actor if actor is not None and actor.is_authenticated else None
    invitation.save()
    record(actor=actor, action="invitation.created", target=invitation)
    return invitation


@transaction.atomic
def save_details(*, invitation: Invitation, changed, actor) -> Invitation:
    """Save the VIP's details from the form; the status is kept (see the module's note)."""
    _check_staff(actor)
    current = _locked(invitation)
    changed = set(changed)
    if changed & APPROVED_FIELDS and not may_change_approved_fields(current):
        raise InvitationError(
            _(
                "The VIP's name, kind and event cannot be changed once the invitation has been "
                "submitted for approval."
            )
        )
    invitation.status = current.status
    invitation.save()
    record(actor=actor, action="invitation.edited", target=invitation, fields=sorted(changed))
    return invitation


@transaction.atomic
def save_notes(*, invitation: Invitation, protocol_notes: str, follow_up: str, actor) -> None:
    """Protocol notes and follow-up: the staff's working notes, at any status."""
    _check_staff(actor)
    current = _locked(invitation)
    changed = [
        name
        for name, value in (("protocol_notes", protocol_notes), ("follow_up", follow_up))
        if getattr(current, name) != value
    ]
    current.protocol_notes = protocol_notes
    current.follow_up = follow_up
    current.save(update_fields=["protocol_notes", "follow_up", "updated_at"])
    invitation.protocol_notes, invitation.follow_up = protocol_notes, follow_up
    record(actor=actor, action="invitation.notes_saved", target=current, fields=changed)


def _step(
    invitation: Invitation, status: str, actor, note: str = "", *, kind: str = ""
) -> InvitationStep:
    """Move the invitation to ``status`` and keep the step (``kind``: what it did, by default
    the status of the same name)."""
    invitation.status = status
    invitation.save(update_fields=["status", "updated_at"])
    step = InvitationStep.objects.create(
        invitation=invitation,
        status=kind or status,
        by=actor if actor is not None and actor.is_authenticated else None,
        at=timezone.now(),
        note=(note or "").strip(),
    )
    record(actor=actor, action=f"invitation.{step.status}", target=invitation, step=step.pk)
    return step


@transaction.atomic
def submit_for_approval(*, invitation: Invitation, actor, note: str = "") -> Invitation:
    """Staff ask the officials to approve a draft; each official is mailed once per round."""
    _check_staff(actor)
    invitation = _locked(invitation)
    if is_awaiting_approval(invitation):
        raise InvitationError(_("This invitation is already waiting for an official's approval."))
    if invitation.status != InvitationStatus.DRAFT:
        raise InvitationError(_("Only a draft can be submitted for approval."))
    if missing_languages(invitation, BILINGUAL_FIELDS):
        raise InvitationError(
            _(
                "Give the VIP's title and affiliation and the biography in both Chinese and "
                "English before asking for approval."
            )
        )
    _step(invitation, InvitationStatus.AWAITING_APPROVAL, actor, note, kind=StepKind.SUBMITTED)
    _announce(invitation, APPROVAL_REQUESTED, Role.OFFICIAL)
    return invitation


def approval_round(invitation: Invitation) -> int:
    """How many times the invitation has been submitted for approval."""
    return invitation.steps.filter(status=StepKind.SUBMITTED).count()


def _announce(invitation: Invitation, kind: str, role: str) -> None:
    """Mail everyone with the role once per round, through the outbox."""
    period = f"round-{approval_round(invitation)}"
    schedule_for_role(kind=kind, target=invitation, period=period, role=role)


def _check_staff(actor) -> None:
    if actor is not None and not actor.has_perm("workstation.manage_invitations"):
        raise InvitationError(_("Only workstation staff keep the VIP invitations."))


def _check_official(actor) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_role(Role.OFFICIAL):
        raise InvitationError(_("Only a Lanzhou official can approve an invitation."))


def _check_awaiting(invitation: Invitation) -> None:
    if not is_awaiting_approval(invitation):
        raise InvitationError(_("This invitation is not waiting for approval."))


@transaction.atomic
def approve(*, invitation: Invitation, actor, note: str = "") -> Invitation:
    invitation = _locked(invitation)
    _check_official(actor)
    _check_awaiting(invitation)
    _step(invitation, InvitationStatus.APPROVED, actor, note)
    _announce(invitation, APPROVED_NOTICE, Role.STAFF)
    return invitation


@transaction.atomic
def send_back(*, invitation: Invitation, actor, note: str) -> Invitation:
    """An official returns the draft to the staff, saying what should change."""
    invitation = _locked(invitation)
    _check_official(actor)
    _check_awaiting(invitation)
    if not (note or "").strip():
        raise InvitationError(_("Say in a note what should change before sending it back."))
    _step(invitation, InvitationStatus.DRAFT, actor, note, kind=StepKind.SENT_BACK)
    _announce(invitation, SENT_BACK_NOTICE, Role.STAFF)
    return invitation


@transaction.atomic
def mark_sent(*, invitation: Invitation, actor, note: str = "") -> Invitation:
    return _advance(
        invitation,
        actor,
        note,
        from_status=InvitationStatus.APPROVED,
        to_status=InvitationStatus.SENT,
        refusal=_("Only an invitation approved by an official can be sent."),
    )


@transaction.atomic
def record_answer(*, invitation: Invitation, accepted: bool, actor, note: str = "") -> Invitation:
    return _advance(
        invitation,
        actor,
        note,
        from_status=InvitationStatus.SENT,
        to_status=InvitationStatus.ACCEPTED if accepted else InvitationStatus.DECLINED,
        refusal=_("An answer can only be recorded for an invitation that was sent."),
    )


@transaction.atomic
def arrange_travel(*, invitation: Invitation, actor, note: str = "") -> Invitation:
    return _advance(
        invitation,
        actor,
        note,
        from_status=InvitationStatus.ACCEPTED,
        to_status=InvitationStatus.TRAVEL_ARRANGED,
        refusal=_("Travel can only be arranged for an accepted invitation."),
    )


def _advance(invitation, actor, note, *, from_status, to_status, refusal) -> Invitation:
    """A staff step that only one status allows; ``refusal`` says why it is refused."""
    _check_staff(actor)
    invitation = _locked(invitation)
    if invitation.status != from_status:
        raise InvitationError(refusal)
    _step(invitation, to_status, actor, note)
    return invitation


@transaction.atomic
def mark_attended(*, invitation: Invitation, actor, note: str = "", now=None) -> Invitation:
    _check_staff(actor)
    invitation = _locked(invitation)
    if invitation.status != InvitationStatus.TRAVEL_ARRANGED:
        raise InvitationError(
            _("Only a VIP whose travel has been arranged can be recorded as attending.")
        )
    if invitation.event.starts_at > (now or timezone.now()):
        raise InvitationError(
            _("The event has not started yet: attendance can be recorded once it has started.")
        )
    _step(invitation, InvitationStatus.ATTENDED, actor, note)
    return invitation
