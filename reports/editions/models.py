"""The briefing's PDF editions: Chinese, English and bilingual, made by Celery workers.

A draft's editions are remade on request (the row is reused, its file replaced). A published
briefing's editions are separate rows, written once with their SHA-256 and never overwritten.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import private_storage
from reports.briefings.models import MonthlyBriefing
from workstation.pdf import RenderedPDF

BILINGUAL = "bilingual"


def edition_path(edition, filename: str) -> str:
    return f"briefings/{uuid.uuid4().hex}.pdf"


class BriefingPDF(RenderedPDF, models.Model):
    class Language(models.TextChoices):
        CHINESE = "zh-hans", _("Chinese")
        ENGLISH = "en", _("English")
        BILINGUAL = BILINGUAL, _("Bilingual")

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    briefing = models.ForeignKey(
        MonthlyBriefing,
        verbose_name=_("briefing"),
        on_delete=models.PROTECT,
        related_name="pdfs",
    )
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=edition_path, blank=True, max_length=200
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("briefing PDF")
        verbose_name_plural = _("briefing PDFs")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["briefing", "kind", "language"], name="one_pdf_per_briefing_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.briefing} {self.kind} {self.language}"
