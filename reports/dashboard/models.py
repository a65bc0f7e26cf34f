"""The year-end PDF of the annual duties: one file per year and language, remade on request."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import private_storage
from workstation.pdf import RenderedPDF


def summary_path(summary, filename: str) -> str:
    return f"year-end/{uuid.uuid4().hex}.pdf"


class YearEndPDF(RenderedPDF, models.Model):
    class Language(models.TextChoices):
        CHINESE = "zh-hans", _("Chinese")
        ENGLISH = "en", _("English")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=summary_path, blank=True, max_length=200
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
    requested_at = models.DateTimeField(_("requested at"))
    generated_at = models.DateTimeField(_("made at"), null=True, blank=True)

    class Meta:
        verbose_name = _("year-end PDF")
        verbose_name_plural = _("year-end PDFs")
        ordering = ["-year", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "language"], name="one_year_end_pdf_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.language}"
