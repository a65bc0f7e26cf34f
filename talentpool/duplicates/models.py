"""Pairs staff compared and found to be two different people."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DistinctPair(models.Model):
    """Two profiles that are not the same person: no longer listed as possible duplicates.

    Stored with the lower id first; deleting either profile deletes the row."""

    first = models.ForeignKey(
        "talentpool.TalentProfile",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    second = models.ForeignKey(
        "talentpool.TalentProfile",
        verbose_name=_("other profile"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("pair of different people")
        verbose_name_plural = _("pairs of different people")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="distinct_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
