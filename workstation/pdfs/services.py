"""Making PDFs with Celery workers, the same way for every kind (workstation.pdfs.kinds).

Rows first, then the work: a row records each PDF to make, so a lost message or a broker that is
down leaves it pending, and the sweep in beat sends it again. One task renders a row once,
however many runs race for it; "Try again" makes a failed or lost row pending again.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workstation import pdf
from workstation.pdfs.kinds import KINDS, kind_of
from workstation.pdfs.models import PENDING_GRACE

logger = logging.getLogger(__name__)


def enqueue(*, kind: str, pk: int) -> bool:
    """Hand a PDF row to a worker; with the broker down it stays pending for the sweep."""
    from workstation.pdfs.tasks import render_pdf as render_task  # the task calls this module

    try:
        render_task.delay(kind=kind, pk=pk)
    except Exception:  # the broker's errors vary by transport; the row is the real record
        logger.warning("Broker unavailable; PDF %s %s left for the sweep", kind, pk)
        return False
    return True


def enqueue_after_commit(record) -> None:
    key = kind_of(record).key
    transaction.on_commit(lambda: enqueue(kind=key, pk=record.pk))


def request(*, record, actor):
    """Record a new PDF row (unsaved ``record``) asked for by ``actor`` and hand it to a worker
    once the transaction commits."""
    record.requested_by = actor
    record.save()
    enqueue_after_commit(record)
    return record


def request_again(*, record, actor, **changes) -> None:
    """Make a row pending again (its file is replaced once the new one is ready), unless it is
    already on its way; ``changes`` are further fields to save (e.g. a version)."""
    if record.status != record.Status.PENDING:
        _make_pending(record, actor=actor, **changes)


def _make_pending(record, *, actor, **changes) -> None:
    """Pending again, as asked for now by ``actor``; a worker gets it once committed."""
    for name, value in changes.items():
        setattr(record, name, value)
    record.status = record.Status.PENDING
    record.requested_by = actor
    record.requested_at = timezone.now()
    record.error = ""
    record.save(update_fields=["status", "requested_by", "requested_at", "error", *changes])
    enqueue_after_commit(record)


def lost(rows):
    """The rows still pending after the grace period: their message was lost (or is very late)."""
    return rows.filter(
        status=rows.model.Status.PENDING, requested_at__lt=timezone.now() - PENDING_GRACE
    )


def requeue_pending(*, limit: int = 200) -> int:
    """Hand the lost rows of every kind to a worker again, oldest first; stops at the first
    refusal, since with the broker down each further try would only wait."""
    count = 0
    for key, kind in KINDS.items():
        pending = lost(kind.model.objects.all()).order_by("requested_at")
        for pk in pending.values_list("pk", flat=True)[: limit - count]:
            if not enqueue(kind=key, pk=pk):
                return count
            count += 1
    return count


def try_again(*, record, actor) -> bool:
    """Make a failed or lost PDF row pending again, as asked for now by ``actor``, and hand it to
    a worker once committed. False when it is neither any more (made meanwhile, or being made
    right now: a worker holds its row). Should the lost message still arrive, the claim in
    ``make`` lets only one of the two runs render."""
    model = type(record)
    retryable = lost(model.objects.all()) | model.objects.filter(status=model.Status.FAILED)
    with transaction.atomic():
        row = retryable.select_for_update(skip_locked=True).filter(pk=record.pk).first()
        if row is None:
            return False
        _make_pending(row, actor=actor)
    return True


def make(*, kind: str, pk: int) -> str:
    """Render one pending PDF row once, then run its kind's ``after``.

    The claim is ``SELECT ... FOR UPDATE SKIP LOCKED`` on the row, held for the rendering: a
    second run at the same moment skips it, a later run finds it no longer pending. A worker that
    dies mid-render releases the lock with its connection and leaves the row pending for a sweep.
    """
    pdf_kind = KINDS[kind]
    outcome = _make_claimed(pdf_kind, pk)
    if pdf_kind.after is not None:
        pdf_kind.after(pk)
    return outcome


def _make_claimed(pdf_kind, pk: int) -> str:
    model = pdf_kind.model
    with transaction.atomic():
        pending = model.objects.filter(status=model.Status.PENDING)
        record = pending.select_for_update(skip_locked=True).filter(pk=pk).first()
        if record is None:
            return "not pending"
        language = pdf_kind.language(record)
        try:
            content = _content(pdf_kind, record, language)
        except pdf.PDFUnavailable as error:
            reason = str(error)
        except Exception:  # a bug in a template or missing data: retrying will not help
            logger.exception("PDF %s %s cannot be made", model._meta.label, pk)
            with translation.override(language):
                reason = _(pdf_kind.server_error)
        else:
            keep_rendered_file(record, content, pdf_kind.file_name(record))
            return "ready"
        record.status = model.Status.FAILED
        record.error = reason[:500]
        record.save(update_fields=["status", "error"])
    return "failed"


def _content(pdf_kind, record, language: str) -> bytes:
    """The file's bytes: built by the kind in its language, or its document rendered to PDF."""
    if pdf_kind.build is not None:
        with translation.override(language):
            return pdf_kind.build(record)
    template, context = pdf_kind.document(record)
    return pdf.render_pdf(template=template, context=context, language=language)


def keep_rendered_file(record, content: bytes, file_name: str) -> None:
    """Keep a rendered PDF on its row (file, SHA-256, size; ready) and remove the file it
    replaces once the row is committed."""
    previous = record.file.name if record.file else ""
    storage = record.file.storage
    record.file.save(file_name, ContentFile(content), False)
    record.sha256 = hashlib.sha256(content).hexdigest()
    record.size = len(content)
    record.status = record.Status.READY
    record.generated_at = timezone.now()
    record.error = ""
    record.save(update_fields=["file", "sha256", "size", "status", "generated_at", "error"])
    if previous:
        transaction.on_commit(lambda: storage.delete(previous))
