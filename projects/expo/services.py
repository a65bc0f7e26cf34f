"""The expo year's progress against its target, and the PDFs the pipeline prints.

PDFs (the expo roster and delegation itineraries) are recorded as ``GeneratedPDF`` rows first and
made by a Celery worker; the row is the real record, so a lost message or a broker that is down
leaves it pending for the sweep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.expo.models import GeneratedPDF
from projects.pipeline.models import MAIN_LINE, Project, Stage, StageChange
from workstation.pdf import enqueue_render, make_claimed_pdf, requeue_pending, try_again
from workstation.richtext import render_markdown
from workstation.targets.models import Duty, goals_for
from workstation.timezones import workstation_time

# Stages at or beyond a point on the main line count for that point.
CONFIRMED_STAGES = MAIN_LINE[MAIN_LINE.index(Stage.EXPO_CONFIRMED) :]
ATTENDED_STAGES = MAIN_LINE[MAIN_LINE.index(Stage.ATTENDED_EXPO) :]


# The roster's columns, marked for the catalog and translated when a PDF is rendered.
ROSTER_COLUMNS = (  # the roster template sets their widths, in this order
    gettext_noop("Project"),
    gettext_noop("Company"),
    gettext_noop("Location"),
    gettext_noop("Industry"),
    gettext_noop("Landing mode"),
    gettext_noop("Stage"),
)

BILINGUAL = "bilingual"
PDF_LANGUAGES = ("zh-hans", "en")


def default_expo_year() -> int:
    """This year on the workstation's clock: the Expo is held each September."""
    return timezone.localdate().year


@dataclass
class ExpoProgress:
    year: int
    target: int
    confirmed: int
    attended: int
    projects: list = field(default_factory=list)

    @property
    def confirmed_percent(self) -> int:
        return min(100, round(100 * self.confirmed / self.target)) if self.target else 0


def ever_attended():
    """Whether a project's history shows it at the Expo (it may be on hold or dropped since)."""
    return Exists(StageChange.objects.filter(project=OuterRef("pk"), to_stage__in=ATTENDED_STAGES))


def brought_to_expo(*, year: int):
    """The projects brought to the year's Expo (duty 4): at "attended the Expo" or beyond now,
    or there once — being put on hold or dropped afterwards does not undo the visit."""
    return Project.objects.filter(expo_year=year).filter(
        Q(stage__in=ATTENDED_STAGES) | Q(ever_attended())
    )


def expo_progress(*, year: int) -> ExpoProgress:
    """The projects of an expo year, and how many reached "confirmed" and "attended"."""
    signed_amount = (
        StageChange.objects.filter(project=OuterRef("pk"), to_stage=Stage.SIGNED_AT_EXPO)
        .order_by("-changed_at", "-pk")
        .values("amount")[:1]
    )
    projects = list(
        Project.objects.filter(expo_year=year)
        .select_related("industry", "owner")
        .annotate(signed_amount=Subquery(signed_amount), was_at_expo=ever_attended())
    )
    order = {stage: position for position, stage in enumerate(MAIN_LINE)}
    projects.sort(key=lambda project: (-order.get(project.stage, -1), project.company.lower()))
    for project in projects:
        project.expo_confirmed = project.stage in CONFIRMED_STAGES
        project.expo_attended = project.stage in ATTENDED_STAGES or project.was_at_expo
    return ExpoProgress(
        year=year,
        target=goals_for(year)[Duty.EXPO_PROJECTS].minimum,
        confirmed=sum(project.expo_confirmed for project in projects),
        attended=sum(project.expo_attended for project in projects),
        projects=projects,
    )


def roster_projects(*, year: int):
    return (
        Project.objects.filter(expo_year=year, stage__in=CONFIRMED_STAGES)
        .select_related("industry")
        .order_by("company", "pk")
    )


def pdfs_for(*, kind: str, subject) -> list[GeneratedPDF]:
    return list(
        GeneratedPDF.objects.filter(kind=kind, subject=str(subject)).select_related("requested_by")
    )


# --- Making PDFs


def request_pdf(*, kind: str, subject, language: str, actor) -> GeneratedPDF:
    """Record a PDF to make and hand it to a worker once the transaction commits."""
    document = GeneratedPDF.objects.create(
        kind=kind, subject=str(subject), language=language, requested_by=actor
    )
    transaction.on_commit(lambda: enqueue_pdf(pdf_id=document.pk))
    return document


def enqueue_pdf(*, pdf_id: int) -> bool:
    """Hand the PDF to a worker; with the broker down it stays pending for the sweep."""
    from projects.expo.tasks import render_pdf_document

    return enqueue_render(render_pdf_document, pdf_id)


def requeue_pending_pdfs(*, limit: int = 200) -> int:
    """Re-enqueue PDFs that stayed pending past the grace period, oldest first."""
    return requeue_pending(
        model=GeneratedPDF,
        enqueue=lambda pk: enqueue_pdf(pdf_id=pk),
        limit=limit,
    )


def try_pdf_again(*, document: GeneratedPDF, actor) -> bool:
    """A PDF that failed or was lost on its way to a worker is made again."""
    return try_again(record=document, enqueue=lambda pk: enqueue_pdf(pdf_id=pk), actor=actor)


def make_pdf(*, pdf_id: int) -> str:
    """Render a pending PDF once, however many runs race for it (see ``make_claimed_pdf``)."""
    return make_claimed_pdf(
        pending=GeneratedPDF.objects.filter(status=GeneratedPDF.Status.PENDING),
        pk=pdf_id,
        language_of=lambda document: _render_language(document.language),
        source=_pdf_source,
        store=_store,
        failed_status=GeneratedPDF.Status.FAILED,
    )


def _store(document: GeneratedPDF, content: bytes) -> None:
    document.file.save(f"{document.kind}-{document.subject}.pdf", ContentFile(content), False)
    document.status = GeneratedPDF.Status.READY
    document.generated_at = timezone.now()
    document.error = ""
    document.save(update_fields=["file", "status", "generated_at", "error"])


def _render_language(language: str) -> str:
    return PDF_LANGUAGES[0] if language == BILINGUAL else language


def _languages(language: str) -> tuple[str, ...]:
    return PDF_LANGUAGES if language == BILINGUAL else (language,)


def in_languages(languages, make) -> list[str]:
    """``make()`` evaluated in each language, without repeating a text that reads the same."""
    texts: list[str] = []
    for language in languages:
        with translation.override(language):
            text = str(make())
        if text and text not in texts:
            texts.append(text)
    return texts


def translated(instance, field_name: str, languages) -> list[str]:
    """A modeltranslation field in each language (no fallback), empty ones left out."""
    texts = []
    for language in languages:
        value = getattr(instance, f"{field_name}_{language.replace('-', '_')}", "") or ""
        if value and value not in texts:
            texts.append(value)
    return texts


def _pdf_source(document: GeneratedPDF) -> tuple[str, dict]:
    languages = _languages(document.language)
    if document.kind == GeneratedPDF.Kind.EXPO_ROSTER:
        return "projects/pdf/expo_roster.html", roster_context(
            year=int(document.subject), languages=languages
        )
    from projects.delegations.services import itinerary_context

    return "projects/pdf/delegation_itinerary.html", itinerary_context(
        delegation_id=int(document.subject), languages=languages
    )


def roster_context(*, year: int, languages) -> dict:
    rows = []
    for project in roster_projects(year=year):
        rows.append(
            {
                "title": translated(project, "title", languages) or [project.company],
                "summary": [
                    render_markdown(text) for text in translated(project, "summary", languages)
                ],
                "company": project.company,
                "location": project.company_location,
                "industry": in_languages(languages, lambda p=project: p.industry or "—"),
                "landing_mode": in_languages(
                    languages, lambda p=project: p.get_landing_mode_display() or "—"
                ),
                "stage": in_languages(languages, project.get_stage_display),
            }
        )
    return {
        "year": year,
        "heading": in_languages(
            languages,
            lambda: (
                _("North American Projects at the Lanzhou Sci-Tech Expo %(year)s") % {"year": year}
            ),
        ),
        "columns": [
            in_languages(languages, lambda label=label: _(label)) for label in ROSTER_COLUMNS
        ],
        "empty": in_languages(languages, lambda: _("No project is confirmed for this Expo yet.")),
        "made_on": made_on(languages),
        "rows": rows,
    }


def made_on(languages) -> list[str]:
    """When a PDF is made: the time on the workstation's clock, its zone named."""
    now = timezone.now()
    return in_languages(languages, lambda: _("Made on %(date)s") % {"date": workstation_time(now)})
