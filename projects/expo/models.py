"""PDFs the pipeline prints: the expo roster and delegation itineraries, made by Celery workers."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import private_storage
from workstation.pdf import RenderedPDF


def pdf_path(document, filename: str) -> str:
    return f"pdf/{document.kind}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class GeneratedPDF(RenderedPDF, models.Model):
    class Kind(models.TextChoices):
        EXPO_ROSTER = "expo_roster", _("Expo roster")
        ITINERARY = "itinerary", _("Delegation itinerary")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The expo year for a roster, the delegation id for an itinerary.
    subject = models.CharField(_("of"), max_length=40)
    language = models.CharField(
        _("language"), max_length=10, choices=[*settings.LANGUAGES, ("bilingual", _("Bilingual"))]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=pdf_path, blank=True, max_length=200
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated PDF")
        verbose_name_plural = _("generated PDFs")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject", "-requested_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} {self.language}"
