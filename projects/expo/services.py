"""The expo year's progress against its target, and the PDFs the pipeline prints.

PDFs (the expo roster and delegation itineraries) are ``GeneratedPDF`` rows made by the shared
pipeline (workstation.pdfs); projects/expo/pdfs.py registers their kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.expo.models import GeneratedPDF
from projects.pipeline.models import MAIN_LINE, Project, Stage, StageChange
from workstation.pdf import made_on
from workstation.pdfs import services as pdfs
from workstation.richtext import render_markdown
from workstation.targets.models import Duty, goals_for
from workstation.translated import in_languages, translated

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


def expo_progress(*, year: int, projects=None) -> ExpoProgress:
    """The projects of an expo year, and how many reached "confirmed" and "attended".
    ``projects``: what the reader may see (``Project.objects.visible_to``); every project when
    the portal compiles figures itself (the briefing)."""
    signed_amount = (
        StageChange.objects.filter(project=OuterRef("pk"), to_stage=Stage.SIGNED_AT_EXPO)
        .order_by("-changed_at", "-pk")
        .values("amount")[:1]
    )
    projects = list(
        (Project.objects.all() if projects is None else projects)
        .filter(expo_year=year)
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


def expo_stages(*, year: int):
    """Each project of an expo year's stage, and whether it was ever at the Expo, by id."""
    return (
        Project.objects.filter(expo_year=year)
        .order_by("pk")
        .values_list("pk", "stage")
        .annotate(was_at_expo=ever_attended())
    )


def expo_counts(*, year: int) -> ExpoProgress:
    """``expo_progress`` without its projects: the target and how many are confirmed and
    attended, counted alike from the projects' stages alone (the briefing's figures)."""
    stages = list(expo_stages(year=year))
    return ExpoProgress(
        year=year,
        target=goals_for(year)[Duty.EXPO_PROJECTS].minimum,
        confirmed=sum(stage in CONFIRMED_STAGES for _pk, stage, _was in stages),
        attended=sum(stage in ATTENDED_STAGES or was for _pk, stage, was in stages),
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


def request_pdf(*, kind: str, subject, language: str, actor) -> GeneratedPDF:
    """Record a roster or itinerary to make; a worker makes it once the transaction commits."""
    return pdfs.request(
        record=GeneratedPDF(kind=kind, subject=str(subject), language=language), actor=actor
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
