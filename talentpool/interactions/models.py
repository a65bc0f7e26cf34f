"""The staff's contact log with a person of the pool."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Interaction(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")

    profile = models.ForeignKey(
        "talentpool.TalentProfile",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    summary = models.TextField(_("summary"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"
