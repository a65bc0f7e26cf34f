"""The project pipeline's actions: intake, staff entry and edits, stage moves, documents and the
next-action reminders. Views and tasks call these; every function takes keyword arguments."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from projects.matching.services import index_project
from projects.pipeline.models import Project, ProjectDocument, ProjectSource, Stage, StageChange
from projects.rules import check_pipeline_staff
from workstation.audit.services import record
from workstation.reminders.services import schedule_reminder

logger = logging.getLogger(__name__)

INTAKE_CONFIRMATION_KIND = "project_intake_confirmation"
NEXT_ACTION_KIND = "project_next_action"

# --- What each target stage asks for before a project may move there: the one table.


class Criterion:
    """The Lanzhou Sci-Tech Expo's criteria a project must meet to be qualified."""

    POLICY_FIT = "policy_fit"
    ENVIRONMENT = "environment"
    TECHNOLOGY = "technology"
    MATURITY = "maturity"
    MARKET = "market"

    choices = [
        (POLICY_FIT, _("Fits Lanzhou's industrial policy")),
        (ENVIRONMENT, _("Meets environmental requirements")),
        (TECHNOLOGY, _("Advanced technology with its own intellectual property")),
        (MATURITY, _("Mature enough to land (beyond the laboratory)")),
        (MARKET, _("Has a market in China")),
    ]


@dataclass(frozen=True)
class Requirement:
    """``field`` is a keyword of ``move_project``, or of the project itself (``expo_year``, and
    ``bilingual_sheet``: title and summary in both languages)."""

    field: str
    message: object  # a lazy translation: said in the language of whoever reads it


STAGE_REQUIREMENTS: dict[str, tuple[Requirement, ...]] = {
    Stage.QUALIFIED: (
        Requirement(
            "criteria",
            _("Confirm that the project meets all five criteria of the Expo before qualifying it."),
        ),
    ),
    Stage.DOSSIER_COMPLETE: (
        Requirement(
            "bilingual_sheet",
            _(
                "Complete the bilingual project sheet first: the title and the summary in both "
                "Chinese and English (edit the project)."
            ),
        ),
    ),
    Stage.EXPO_CONFIRMED: (
        Requirement(
            "expo_year",
            _("Set the project's expo year (edit the project) before confirming it for the Expo."),
        ),
    ),
    Stage.SIGNED_AT_EXPO: (
        Requirement("amount", _("Give the amount signed at the Expo (US dollars).")),
        Requirement("agreement_type", _("Give the type of agreement signed at the Expo.")),
    ),
    Stage.LANDED: (
        Requirement("on_date", _("Give the date the entity was registered in Lanzhou.")),
        Requirement("amount", _("Give the investment that arrived (US dollars).")),
    ),
    Stage.ON_HOLD: (
        Requirement("on_date", _("Give the date on which to look at the project again.")),
    ),
    Stage.DROPPED: (Requirement("reason", _("Give the reason the project is dropped.")),),
}


def workstation_today() -> date:
    """Today on the workstation's clock (America/Los_Angeles)."""
    return timezone.localdate(timezone=ZoneInfo(settings.TIME_ZONE))


def check_move(
    *,
    project: Project,
    to_stage: str,
    reason="",
    on_date=None,
    amount=None,
    agreement_type="",
    criteria=(),
) -> None:
    """Raise a ValidationError keyed by field naming everything the target stage still needs."""
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": [_("Choose a stage from the list.")]})
    if to_stage == project.stage:
        raise ValidationError({"to_stage": [_("The project is already in this stage.")]})
    given = {
        "reason": (reason or "").strip(),
        "on_date": on_date,
        "amount": amount,
        "agreement_type": (agreement_type or "").strip(),
        "criteria": set(criteria or ()) >= {key for key, _label in Criterion.choices},
        "expo_year": project.expo_year,
        "bilingual_sheet": all(
            (getattr(project, f"{name}_{code}") or "").strip()
            for name in ("title", "summary")
            for code in ("zh_hans", "en")
        ),
    }
    errors: dict[str, list] = {}
    for requirement in STAGE_REQUIREMENTS.get(to_stage, ()):
        value = given[requirement.field]
        if value is None or value is False or value == "":
            on_project = requirement.field in ("expo_year", "bilingual_sheet")
            key = NON_FIELD_ERRORS if on_project else requirement.field
            errors.setdefault(key, []).append(requirement.message)
    today = workstation_today()
    if to_stage == Stage.ON_HOLD and on_date is not None and on_date <= today:
        errors.setdefault("on_date", []).append(
            _("The date to look at the project again must be in the future.")
        )
    if to_stage == Stage.LANDED and on_date is not None and on_date > today:
        errors.setdefault("on_date", []).append(
            _("The date the entity was registered cannot be in the future.")
        )
    if amount is not None and amount < 0:
        errors.setdefault("amount", []).append(_("The amount cannot be negative."))
    if errors:
        raise ValidationError(errors)


def _criteria_note(criteria) -> str:
    labels = [str(label) for key, label in Criterion.choices if key in set(criteria or ())]
    if not labels:
        return ""
    return "\n".join([str(_("Expo criteria confirmed:"))] + [f"- {label}" for label in labels])


def move_project(
    *,
    project: Project,
    to_stage: str,
    by,
    reason: str = "",
    on_date=None,
    amount=None,
    agreement_type: str = "",
    note: str = "",
    criteria=(),
) -> StageChange:
    """Move ``project`` to ``to_stage`` (any stage, backward too) once the stage has what it
    needs (STAGE_REQUIREMENTS); keep the change with who and when, and audit it."""
    check_pipeline_staff(by)
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        check_move(
            project=locked,
            to_stage=to_stage,
            reason=reason,
            on_date=on_date,
            amount=amount,
            agreement_type=agreement_type,
            criteria=criteria,
        )
        needed = {requirement.field for requirement in STAGE_REQUIREMENTS.get(to_stage, ())}
        full_note = "\n\n".join(
            part
            for part in (
                _criteria_note(criteria) if "criteria" in needed else "",
                (note or "").strip(),
            )
            if part
        )
        change = StageChange.objects.create(
            project=locked,
            from_stage=locked.stage,
            to_stage=to_stage,
            changed_by=by if by is not None and by.is_authenticated else None,
            reason=(reason or "").strip(),
            on_date=on_date,
            amount=amount,
            agreement_type=(agreement_type or "").strip(),
            note=full_note,
        )
        now = timezone.now()
        Project.objects.filter(pk=locked.pk).update(
            stage=to_stage, stage_changed_at=now, updated_at=now
        )
        record(
            actor=by,
            action="project.stage_moved",
            target=locked,
            from_stage=change.from_stage,
            to_stage=to_stage,
        )
    project.stage, project.stage_changed_at = to_stage, now
    return change


def time_in_stages(project: Project, changes=None) -> list[tuple[str, timedelta]]:
    """The time the project spent in each stage, summed over its visits, in the order first
    entered; the current stage counts until now. ``changes`` may be the history already loaded."""
    history = sorted(
        changes if changes is not None else project.stage_changes.all(),
        key=lambda change: (change.changed_at, change.pk),
    )
    spans: list[tuple[str, object]] = []
    if not history:
        spans.append((project.stage, project.stage_changed_at or project.created_at))
    else:
        if history[0].from_stage:
            spans.append((history[0].from_stage, project.created_at))
        spans.extend((change.to_stage, change.changed_at) for change in history)
    now = timezone.now()
    totals: dict[str, timedelta] = {}
    for index, (stage, started) in enumerate(spans):
        ended = spans[index + 1][1] if index + 1 < len(spans) else now
        totals[stage] = totals.get(stage, timedelta()) + max(ended - started, timedelta())
    return list(totals.items())


# --- Projects: public intake and staff entry


def intake_rate_limited(*, ip: str, limit: int = 5, period: int = 3600) -> bool:
    """Count a submission from ``ip``; True once it is over ``limit`` within ``period`` seconds.

    The count lives in the database cache (``default``), so it holds with Redis down."""
    key = f"projects:intake:{ip or 'unknown'}"
    if cache.add(key, 1, timeout=period):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        return False
    return count > limit


def _record_first_stage(project: Project, by) -> None:
    StageChange.objects.create(
        project=project, from_stage="", to_stage=project.stage, changed_by=by
    )


def submit_intake(*, data: dict, language: str) -> Project:
    """A public submission: a lead from public intake, with its first stage change, and the
    submitter's confirmation mail (through the reminder outbox) in the page's language."""
    data = dict(data)
    title, summary = data.pop("title"), data.pop("summary", "")
    project = Project(
        **data,
        stage=Stage.LEAD,
        source=ProjectSource.PUBLIC_INTAKE,
        title=title,
        summary=summary,
    )
    setattr(project, build_localized_fieldname("title", language), title)
    setattr(project, build_localized_fieldname("summary", language), summary)
    with transaction.atomic():
        project.save()
        index_project(project)
        _record_first_stage(project, None)
        record(actor=None, action="project.submitted", target=project, language=language)
        schedule_reminder(
            kind=INTAKE_CONFIRMATION_KIND,
            target=project,
            period="intake",
            recipient_email=project.contact_email,
        )
    return project


def create_project(*, project: Project, actor, changed=()) -> Project:
    check_pipeline_staff(actor)
    project.source = ProjectSource.STAFF
    project.stage = Stage.LEAD
    with transaction.atomic():
        project.save()
        index_project(project)
        _record_first_stage(project, actor)
        record(actor=actor, action="project.created", target=project, fields=sorted(changed))
    return project


def save_project(*, project: Project, actor, changed=()) -> Project:
    check_pipeline_staff(actor)
    with transaction.atomic():
        project.save()
        index_project(project)
        record(actor=actor, action="project.changed", target=project, fields=sorted(changed))
    return project


def add_document(*, project: Project, title: str, file, actor) -> ProjectDocument:
    check_pipeline_staff(actor)
    with transaction.atomic():
        document = ProjectDocument(project=project, title=title, uploaded_by=actor)
        document.file.save(file.name, file, save=False)
        document.save()
        record(actor=actor, action="project.document_added", target=project, document=document.pk)
    return document


# --- Next-action reminders

NOT_REMINDED = (Stage.DROPPED, Stage.AFTER_CARE)


def remind_overdue_next_actions(*, today: date | None = None) -> int:
    """Schedule, once per next-action date, a reminder to the owner of every project whose
    next-action date has passed (workstation clock). Returns how many were newly scheduled."""
    today = today or workstation_today()
    projects = (
        Project.objects.filter(next_action_on__lt=today, owner__isnull=False, owner__is_active=True)
        .exclude(stage__in=NOT_REMINDED)
        .select_related("owner")
    )
    scheduled = 0
    for project in projects.iterator():
        _reminder, created = schedule_reminder(
            kind=NEXT_ACTION_KIND,
            target=project,
            period=project.next_action_on.isoformat(),
            recipient_email=project.owner.email,
            recipient=project.owner,
        )
        scheduled += created
    return scheduled
