"""Projects matched with Lanzhou demands, and the introductions that followed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import PipelineQuerySet
from workstation.reference.models import Organization


class Match(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    demand = models.ForeignKey(
        "projects.Demand",
        verbose_name=_("demand"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    score = models.FloatField(_("score"), default=0)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by each decision (projects.matching.services.decide_match), not by any later save:
    # the briefing dates a confirmed match by it.
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    objects = PipelineQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-decided_at"]
        constraints = [
            models.UniqueConstraint(fields=["project", "demand"], name="one_match_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} × {self.demand_id}: {self.status}"


class Introduction(models.Model):
    """Who met whom, when, and what came of it."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="introductions",
    )
    demand = models.ForeignKey(
        "projects.Demand",
        verbose_name=_("demand"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Lanzhou organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    met_on = models.DateField(_("met on"))
    participants = models.CharField(_("who met"), max_length=500)
    outcome = models.TextField(_("outcome"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-met_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.met_on}: {self.participants}"
