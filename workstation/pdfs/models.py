"""What every kind of PDF row holds: the abstract model the apps' PDF models inherit."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workstation.storage import private_storage
from workstation.translated import BILINGUAL

# A pending PDF older than this was lost on its way to a worker: rendering takes a second or two.
# The sweep (every 2 minutes in beat) sends it again, and staff may try it again by hand.
PENDING_GRACE = timedelta(minutes=2)


def pdf_path(record, filename: str) -> str:
    # A random name in the kind's folder: the file is found through its row, never by its name.
    # It keeps the extension of the name it is made under (.pdf, or .zip for a data package).
    return f"{record.folder}/{uuid.uuid4().hex}{PurePath(filename).suffix or '.pdf'}"


def lost_by(moment) -> models.Q:
    """Pending records lost on their way to a worker by ``moment``, as ``may_try_again`` judges
    them, for a query (``moment`` may be ``workstation.digests.READ_AT``)."""
    before = models.ExpressionWrapper(
        models.Value(moment) - models.Value(PENDING_GRACE), output_field=models.DateTimeField()
    )
    return models.Q(status=PDFRecord.Status.PENDING, requested_at__lt=before)


class PDFRecord(models.Model):
    """One PDF to make, being made, made or failed; its file is kept privately with its SHA-256
    and size. A subclass names the ``folder`` its files go to."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    folder = "pdf"

    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[("zh-hans", _("Chinese")), ("en", _("English")), (BILINGUAL, _("Bilingual"))],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=pdf_path, blank=True, max_length=200
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def may_try_again(self) -> bool:
        """Failed, or lost: pending for longer than the grace period."""
        if self.status == self.Status.FAILED:
            return True
        lost_before = timezone.now() - PENDING_GRACE
        return self.status == self.Status.PENDING and self.requested_at < lost_before
