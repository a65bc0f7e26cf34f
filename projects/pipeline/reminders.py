"""The pipeline's mails, sent through the shared reminder outbox: the submitter's confirmation of
a public intake, and the owner's reminder of a next action whose date has passed."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from projects.pipeline.services import INTAKE_CONFIRMATION_KIND, NEXT_ACTION_KIND, NOT_REMINDED
from workstation.reminders.kinds import ReminderKind, register
from workstation.translated import translated_value


def submission_language(project) -> str:
    """The language the project was submitted in: the one its title was given in."""
    if translated_value(project, "title", "zh-hans") and not translated_value(
        project, "title", "en"
    ):
        return "zh-hans"
    return "en"


def title_in(project, language: str) -> str:
    other = "en" if language.startswith("zh") else "zh-hans"
    return translated_value(project, "title", language) or translated_value(project, "title", other)


def intake_confirmation_context(reminder, project) -> dict | None:
    if project.contact_email.strip().lower() != reminder.recipient_email:
        return None
    language = submission_language(project)
    return {
        "project": project,
        "language": language,
        "title": title_in(project, language),
        "name": project.contact_name,
    }


def next_action_context(reminder, project) -> dict | None:
    """None (cancelled) once the date moved, the owner changed or the project left the line."""
    if project.stage in NOT_REMINDED or project.owner_id is None:
        return None
    if project.next_action_on is None or project.next_action_on.isoformat() != reminder.period:
        return None
    if reminder.recipient_id != project.owner_id:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("projects:project_detail", kwargs={"pk": project.pk})
    return {
        "project": project,
        "language": language,
        "title": title_in(project, language),
        "project_url": f"{settings.SITE_URL}{path}",
        "stage": project.get_stage_display(),
    }


register(
    ReminderKind(INTAKE_CONFIRMATION_KIND, INTAKE_CONFIRMATION_KIND, intake_confirmation_context)
)
register(ReminderKind(NEXT_ACTION_KIND, NEXT_ACTION_KIND, next_action_context))
