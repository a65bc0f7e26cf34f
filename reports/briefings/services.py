"""What happens to a monthly briefing: opened each month, written, reviewed (publication and its
PDF editions are reports.editions).

Only staff write, submit and publish; only officials comment, request changes and approve: the
views check the roles for their pages, and these functions check them once more (with the state),
so a shell, admin or API caller cannot skip them. A missing actor (``None``) is the portal's own
work — the demo loader, a benchmark — with no person to check. Each step is kept in the briefing's
history, audited, and announced by mail through the shared reminder outbox — to officials in
Chinese, their working language.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from reports.briefings.compiled import compile_briefing
from reports.briefings.models import (
    EDITABLE,
    BriefingItem,
    HistoryEntry,
    MonthlyBriefing,
    ReviewComment,
    Status,
)
from workstation.accounts.models import Role
from workstation.audit.services import record
from workstation.meetings.services import meeting_of_month
from workstation.reminders.services import schedule_for_role
from workstation.translated import LANGUAGE_CODES

REVIEW_REQUESTED = "briefing_review_requested"
CHANGES_REQUESTED = "briefing_changes_requested"
APPROVED = "briefing_approved"


class BriefingError(Exception):
    """A step the briefing's state (or the person's role) does not allow; the message is for
    people."""


def check_writer(actor) -> None:
    if actor is not None and not actor.has_perm("reports.write_briefing"):
        raise BriefingError(_("Only workstation staff write, submit and publish a briefing."))


def check_reviewer(actor) -> None:
    if actor is not None and not actor.has_perm("reports.review_briefing"):
        raise BriefingError(
            _("Only a Lanzhou official comments on, sends back or approves a briefing.")
        )


def open_briefing(*, year: int, month: int) -> tuple[MonthlyBriefing, bool]:
    """The month's briefing, opened as a draft if it does not exist yet (safe to run twice)."""
    with transaction.atomic():
        briefing, created = MonthlyBriefing.objects.get_or_create(year=year, month=month)
        if created:
            HistoryEntry.objects.create(briefing=briefing, action=HistoryEntry.Action.OPENED)
    return briefing, created


def meeting_of(briefing: MonthlyBriefing):
    """The month's meeting with the bureau as the briefing shows it: the one linked when it was
    submitted, frozen with its figures; while it is being written, the month's first meeting on
    the workstation's Pacific calendar (``meeting_of_month``), looked up, never written."""
    if briefing.figures_frozen:
        return briefing.meeting
    return meeting_of_month(year=briefing.year, month=briefing.month)


def open_this_months_briefing(*, today=None) -> tuple[MonthlyBriefing, bool]:
    today = today or timezone.localdate()
    return open_briefing(year=today.year, month=today.month)


# --- Writing


def _return_to_draft(briefing: MonthlyBriefing, actor) -> None:
    """Staff start working on requested changes: the briefing is a draft again."""
    if briefing.status == Status.CHANGES_REQUESTED:
        briefing.status = Status.DRAFT
        briefing.save(update_fields=["status"])
        HistoryEntry.objects.create(
            briefing=briefing, action=HistoryEntry.Action.RETURNED_TO_DRAFT, actor=actor
        )


def _check_editable(briefing: MonthlyBriefing) -> None:
    if briefing.status not in EDITABLE:
        raise BriefingError(
            _("This briefing can no longer be edited (its status: %(status)s).")
            % {"status": briefing.get_status_display()}
        )


@transaction.atomic
def save_item(*, item: BriefingItem, edited_languages, actor) -> BriefingItem:
    """Save an item written in a form; each language edited gets this moment as its edit time."""
    check_writer(actor)
    briefing = MonthlyBriefing.objects.select_for_update().get(pk=item.briefing_id)
    _check_editable(briefing)
    now = timezone.now()
    for language in edited_languages:
        setattr(item, build_localized_fieldname("edited", language), now)
    if item.pk is None:
        item.position = (
            briefing.items.filter(section=item.section).count() + 1
            if not item.position
            else item.position
        )
    item.save()
    _return_to_draft(briefing, actor)
    record(
        actor=actor,
        action="briefing.item_saved",
        target=briefing,
        item=item.pk,
        languages=sorted(edited_languages),
    )
    return item


@transaction.atomic
def confirm_translation(*, item: BriefingItem, language: str, actor) -> None:
    """The outdated language still says the same: it is as current as the other one."""
    check_writer(actor)
    briefing = MonthlyBriefing.objects.select_for_update().get(pk=item.briefing_id)
    _check_editable(briefing)
    if language not in LANGUAGE_CODES or not item.is_outdated(language):
        raise BriefingError(_("That translation is not outdated."))
    newest = max(item.edited_at(code) for code in LANGUAGE_CODES if item.edited_at(code))
    edited = build_localized_fieldname("edited", language)
    setattr(item, edited, newest)
    item.save(update_fields=[edited])
    _return_to_draft(briefing, actor)
    record(
        actor=actor,
        action="briefing.translation_confirmed",
        target=briefing,
        item=item.pk,
        language=language,
    )


@transaction.atomic
def delete_item(*, item: BriefingItem, actor) -> None:
    check_writer(actor)
    briefing = MonthlyBriefing.objects.select_for_update().get(pk=item.briefing_id)
    _check_editable(briefing)
    item_pk = item.pk
    item.delete()
    _return_to_draft(briefing, actor)
    record(actor=actor, action="briefing.item_deleted", target=briefing, item=item_pk)


def translation_problems(briefing: MonthlyBriefing) -> list[tuple[BriefingItem, list]]:
    return [
        (item, problems)
        for item in briefing.items.all()
        if (problems := item.translation_problems())
    ]


def _check_complete(briefing: MonthlyBriefing) -> None:
    if not briefing.items.exists():
        raise BriefingError(_("The briefing has no items yet: write at least one first."))
    if translation_problems(briefing):
        raise BriefingError(
            _(
                "Every item needs a current Chinese and English text first: see the items "
                "marked “translation missing” or “translation outdated”."
            )
        )


# --- Review


def locked(briefing: MonthlyBriefing) -> MonthlyBriefing:
    return MonthlyBriefing.objects.select_for_update().get(pk=briefing.pk)


def announce(*, kind: str, briefing: MonthlyBriefing, period: str, role: str) -> None:
    schedule_for_role(kind=kind, target=briefing, period=period, role=role)


@transaction.atomic
def submit(*, briefing: MonthlyBriefing, actor) -> MonthlyBriefing:
    """Freeze the compiled figures and send the briefing to the officials for review."""
    check_writer(actor)
    briefing = locked(briefing)
    _check_editable(briefing)
    _check_complete(briefing)
    now = timezone.now()
    # The workstation never imports reports, so a meeting cannot link itself to its briefing:
    # the briefing links its month's meeting here, and keeps it with the figures.
    briefing.meeting = meeting_of_month(year=briefing.year, month=briefing.month)
    briefing.compiled = compile_briefing(briefing, now=now)
    briefing.compiled_at = now
    briefing.review_round += 1
    briefing.submitted_at = now
    briefing.status = Status.IN_REVIEW
    briefing.save()
    HistoryEntry.objects.create(
        briefing=briefing, action=HistoryEntry.Action.SUBMITTED, actor=actor
    )
    record(actor=actor, action="briefing.submitted", target=briefing, round=briefing.review_round)
    announce(
        kind=REVIEW_REQUESTED,
        briefing=briefing,
        period=f"round-{briefing.review_round}",
        role=Role.OFFICIAL,
    )
    return briefing


def _check_in_review(briefing: MonthlyBriefing) -> None:
    if briefing.status != Status.IN_REVIEW:
        raise BriefingError(_("This briefing is not waiting for review."))


@transaction.atomic
def add_comment(*, briefing: MonthlyBriefing, section: str, body: str, actor) -> ReviewComment:
    check_reviewer(actor)
    briefing = locked(briefing)
    _check_in_review(briefing)
    comment = ReviewComment.objects.create(
        briefing=briefing,
        section=section,
        body=body,
        author=actor,
        review_round=briefing.review_round,
    )
    record(actor=actor, action="briefing.commented", target=briefing, section=section)
    return comment


@transaction.atomic
def request_changes(*, briefing: MonthlyBriefing, note: str, actor) -> MonthlyBriefing:
    check_reviewer(actor)
    briefing = locked(briefing)
    _check_in_review(briefing)
    has_comments = briefing.comments.filter(review_round=briefing.review_round).exists()
    if not note.strip() and not has_comments:
        raise BriefingError(
            _("Say what should change: comment on a section or write a note with the request.")
        )
    briefing.status = Status.CHANGES_REQUESTED
    briefing.save(update_fields=["status"])
    HistoryEntry.objects.create(
        briefing=briefing, action=HistoryEntry.Action.CHANGES_REQUESTED, actor=actor, note=note
    )
    record(
        actor=actor,
        action="briefing.changes_requested",
        target=briefing,
        round=briefing.review_round,
    )
    announce(
        kind=CHANGES_REQUESTED,
        briefing=briefing,
        period=f"round-{briefing.review_round}",
        role=Role.STAFF,
    )
    return briefing


@transaction.atomic
def approve(*, briefing: MonthlyBriefing, actor) -> MonthlyBriefing:
    check_reviewer(actor)
    briefing = locked(briefing)
    _check_in_review(briefing)
    _check_complete(briefing)
    briefing.status = Status.APPROVED
    briefing.approved_by = actor
    briefing.approved_at = timezone.now()
    briefing.save(update_fields=["status", "approved_by", "approved_at"])
    HistoryEntry.objects.create(briefing=briefing, action=HistoryEntry.Action.APPROVED, actor=actor)
    record(actor=actor, action="briefing.approved", target=briefing, round=briefing.review_round)
    announce(
        kind=APPROVED, briefing=briefing, period=f"round-{briefing.review_round}", role=Role.STAFF
    )
    return briefing
