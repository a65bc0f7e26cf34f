"""Publishing a briefing and its PDF editions, made by the shared pipeline (workstation.pdfs).

A draft's edition is one row per language, remade on request (the new file replaces the old one).
Publishing asks for the final editions, one per language, each made once: when it is ready with
its SHA-256 nothing ever renders it again (a published briefing's rows never go back to pending).
Everyone is told once every final edition is ready, so the mail's link leads to PDFs that are
there. reports/editions/pdfs.py registers the kind.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.briefings.models import HistoryEntry, MonthlyBriefing, Status
from reports.briefings.services import BriefingError, announce, check_writer, locked
from reports.editions.models import BriefingPDF
from workstation.accounts.models import Role
from workstation.audit.services import record
from workstation.pdfs import services as pdfs
from workstation.reminders.services import schedule_for_role
from workstation.translated import BILINGUAL, LANGUAGE_CODES

PUBLISHED = "briefing_published"
EDITION_FAILED = "briefing_edition_failed"

EDITION_LANGUAGES = (*LANGUAGE_CODES, BILINGUAL)


class EditionError(Exception):
    """The edition cannot be asked for now; the message is for people."""


def request_draft_edition(*, briefing: MonthlyBriefing, language: str, actor) -> BriefingPDF:
    """(Re)make a draft edition: the same row, pending again, its file replaced when ready."""
    if briefing.status == Status.PUBLISHED:
        raise EditionError(
            _("A published briefing has its final editions; drafts are no longer made.")
        )
    with transaction.atomic():
        edition, created = BriefingPDF.objects.select_for_update().get_or_create(
            briefing=briefing,
            kind=BriefingPDF.Kind.DRAFT,
            language=language,
            defaults={"requested_by": actor},
        )
        if created:
            pdfs.enqueue_after_commit(edition)
        else:
            pdfs.request_again(record=edition, actor=actor, version=edition.version + 1)
    return edition


@transaction.atomic
def publish(*, briefing: MonthlyBriefing, actor) -> MonthlyBriefing:
    """Publish an approved briefing: its final PDF editions are requested; everyone is told when
    they are made (``tell_about_published_editions``)."""
    check_writer(actor)
    briefing = locked(briefing)
    if briefing.status != Status.APPROVED:
        raise BriefingError(_("Only an approved briefing can be published."))
    briefing.status = Status.PUBLISHED
    briefing.published_by = actor
    briefing.published_at = timezone.now()
    briefing.save(update_fields=["status", "published_by", "published_at"])
    HistoryEntry.objects.create(
        briefing=briefing, action=HistoryEntry.Action.PUBLISHED, actor=actor
    )
    record(actor=actor, action="briefing.published", target=briefing)
    request_published_editions(briefing=briefing, actor=actor)
    return briefing


def request_published_editions(*, briefing: MonthlyBriefing, actor) -> list[BriefingPDF]:
    """The final editions of a published briefing, one per language; never remade once ready."""
    editions = []
    for language in EDITION_LANGUAGES:
        edition, created = BriefingPDF.objects.get_or_create(
            briefing=briefing,
            kind=BriefingPDF.Kind.PUBLISHED,
            language=language,
            defaults={"requested_by": actor},
        )
        if created:
            pdfs.enqueue_after_commit(edition)
        editions.append(edition)
    return editions


# What else follows once every final edition of a publication is ready, registered by the parts
# built on editions (reports.packages asks for the data package, which holds them): each is
# called with ``briefing=`` and must be safe to call twice.
WHEN_EDITIONS_READY: list[Callable[..., object]] = []


def tell_about_published_editions(pdf_id: int) -> str:
    """After a final edition's run: a failed edition is told to staff (who can try it again from
    the briefing's page); once every final edition is ready, the publication's data package is
    asked for (once per publication, reports.packages) and the publication is announced.

    Each run checks after its own commit, so the last one to finish sees them all; the mails are
    outbox rows unique per edition's request (a failure) or per briefing (the announcement), so a
    run repeated, even at the same moment, tells nobody twice."""
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
    for follow in WHEN_EDITIONS_READY:
        follow(briefing=edition.briefing)
    announce_publication(briefing=edition.briefing)
    return "announced"


def announce_publication(*, briefing: MonthlyBriefing) -> None:
    """Mail staff and officials that the briefing is published; once each (reminders are unique
    per briefing, period and person), however often it is called."""
    for role in (Role.STAFF, Role.OFFICIAL):
        announce(kind=PUBLISHED, briefing=briefing, period="published", role=role)


def tell_staff_edition_failed(*, edition: BriefingPDF) -> None:
    """Mail staff that a final edition could not be made; once per request of the edition (a
    retry that fails again is told again)."""
    schedule_for_role(
        kind=EDITION_FAILED,
        target=edition,
        role=Role.STAFF,
        period=f"failed-{edition.requested_at:%Y%m%dT%H%M%S.%f}",
    )


def editions_of(briefing: MonthlyBriefing) -> dict[str, list[BriefingPDF]]:
    """The editions to show: the final ones once published, the drafts before."""
    order = [str(language) for language in EDITION_LANGUAGES]
    editions = sorted(briefing.pdfs.all(), key=lambda edition: order.index(edition.language))
    return {
        "published": [e for e in editions if e.kind == BriefingPDF.Kind.PUBLISHED],
        "draft": [e for e in editions if e.kind == BriefingPDF.Kind.DRAFT],
    }
