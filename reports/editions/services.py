"""Making the briefing's PDF editions with Celery workers, through the shared renderer.

Rows first, then the work: a row records each edition to make, so a lost message or a broker that
is down leaves it pending for the sweep. A draft's edition is one row per language, remade on
request (the new file replaces the old one). A published edition is made once: when it is ready
with its SHA-256 nothing ever renders it again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from reports.briefings.models import MonthlyBriefing, Status
from reports.editions.document import briefing_document, draft_mark, languages_of
from reports.editions.models import BILINGUAL, BriefingPDF
from workstation.pdf import (
    enqueue_render,
    keep_rendered_file,
    make_claimed_pdf,
    requeue_pending,
    try_again,
)

EDITION_LANGUAGES = (BriefingPDF.Language.CHINESE, BriefingPDF.Language.ENGLISH, BILINGUAL)


class EditionError(Exception):
    """The edition cannot be asked for now; the message is for people."""


def _enqueue_after_commit(edition: BriefingPDF) -> None:
    transaction.on_commit(lambda: enqueue_edition(pdf_id=edition.pk))


def request_draft_edition(*, briefing: MonthlyBriefing, language: str, actor) -> BriefingPDF:
    """(Re)make a draft edition: the same row, pending again, its file replaced when ready."""
    from django.utils.translation import gettext as _

    if briefing.status == Status.PUBLISHED:
        raise EditionError(
            _("A published briefing has its final editions; drafts are no longer made.")
        )
    with transaction.atomic():
        edition, created = BriefingPDF.objects.select_for_update().get_or_create(
            briefing=briefing,
            kind=BriefingPDF.Kind.DRAFT,
            language=language,
            defaults={"requested_by": actor, "requested_at": timezone.now()},
        )
        if not created:
            if edition.status == BriefingPDF.Status.PENDING:
                return edition  # already on its way
            edition.status = BriefingPDF.Status.PENDING
            edition.version += 1
            edition.requested_by = actor
            edition.requested_at = timezone.now()
            edition.error = ""
            edition.save(
                update_fields=["status", "version", "requested_by", "requested_at", "error"]
            )
        _enqueue_after_commit(edition)
    return edition


def request_published_editions(*, briefing: MonthlyBriefing, actor) -> list[BriefingPDF]:
    """The final editions of a published briefing, one per language; never remade once ready."""
    editions = []
    for language in EDITION_LANGUAGES:
        edition, created = BriefingPDF.objects.get_or_create(
            briefing=briefing,
            kind=BriefingPDF.Kind.PUBLISHED,
            language=language,
            defaults={"requested_by": actor, "requested_at": timezone.now()},
        )
        if created:
            _enqueue_after_commit(edition)
        editions.append(edition)
    return editions


def try_edition_again(*, edition: BriefingPDF, actor) -> bool:
    """An edition that failed (say, no Chinese font on the worker then) or was lost on its way
    to a worker is made again; False when it is neither any more."""
    return try_again(record=edition, enqueue=lambda pk: enqueue_edition(pdf_id=pk), actor=actor)


def enqueue_edition(*, pdf_id: int) -> bool:
    from reports.editions.tasks import render_briefing_pdf

    return enqueue_render(render_briefing_pdf, pdf_id)


def requeue_pending_editions(*, limit: int = 100) -> int:
    """Re-enqueue editions that stayed pending past the grace period, oldest first."""
    return requeue_pending(
        model=BriefingPDF,
        enqueue=lambda pk: enqueue_edition(pdf_id=pk),
        limit=limit,
    )


def render_language(language: str) -> str:
    return "zh-hans" if language == BILINGUAL else language


def make_edition(*, pdf_id: int) -> str:
    """Render a pending edition once, however many runs race for it; then tell people what a
    final edition's outcome means (see ``tell_about_published_editions``)."""
    outcome = make_claimed_pdf(
        pending=BriefingPDF.objects.filter(status=BriefingPDF.Status.PENDING),
        pk=pdf_id,
        language_of=lambda edition: render_language(edition.language),
        source=_edition_source,
        store=_store,
        failed_status=BriefingPDF.Status.FAILED,
    )
    tell_about_published_editions(pdf_id=pdf_id)
    return outcome


def _edition_source(edition: BriefingPDF) -> tuple[str, dict]:
    document = briefing_document(briefing=edition.briefing, language=edition.language)
    if edition.kind == BriefingPDF.Kind.DRAFT:
        document["draft_mark"] = draft_mark(languages_of(edition.language))
    return "reports/pdf/briefing.html", document


def tell_about_published_editions(*, pdf_id: int) -> str:
    """After a final edition's run: a failed edition is told to staff (who can try it again from
    the briefing's page); the publication is announced once every final edition is ready.

    Each run checks after its own commit, so the last one to finish sees them all; the mails are
    outbox rows unique per edition's request (a failure) or per briefing (the announcement), so a
    run repeated, even at the same moment, tells nobody twice."""
    from reports.briefings.services import announce_publication, tell_staff_edition_failed

    edition = (
        BriefingPDF.objects.select_related("briefing")
        .filter(pk=pdf_id, kind=BriefingPDF.Kind.PUBLISHED)
        .first()
    )
    if edition is None or edition.briefing.status != Status.PUBLISHED:
        return "nothing to tell"
    if edition.status == BriefingPDF.Status.FAILED:
        tell_staff_edition_failed(edition=edition)
        return "failure told"
    finals = edition.briefing.pdfs.filter(kind=BriefingPDF.Kind.PUBLISHED)
    if finals.exclude(status=BriefingPDF.Status.READY).exists():
        return "not all ready"
    announce_publication(briefing=edition.briefing)
    return "announced"


def _store(edition: BriefingPDF, content: bytes) -> None:
    """Keep the new file; a draft's previous file is removed once the new one is recorded."""
    if edition.kind == BriefingPDF.Kind.PUBLISHED and edition.file:
        raise RuntimeError("A published edition is never overwritten")
    keep_rendered_file(edition, content, f"briefing-{edition.briefing}-{edition.language}.pdf")


def editions_of(briefing: MonthlyBriefing) -> dict[str, list[BriefingPDF]]:
    """The editions to show: the final ones once published, the drafts before."""
    order = [str(language) for language in EDITION_LANGUAGES]
    editions = sorted(briefing.pdfs.all(), key=lambda edition: order.index(edition.language))
    return {
        "published": [e for e in editions if e.kind == BriefingPDF.Kind.PUBLISHED],
        "draft": [e for e in editions if e.kind == BriefingPDF.Kind.DRAFT],
    }
