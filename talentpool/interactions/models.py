"""The staff's contact log with a person of the pool."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InteractionQuerySet(models.QuerySet):
    def demand_interests(self):
        return self.filter(kind=Interaction.Kind.DEMAND_INTEREST)


class Interaction(models.Model):
    class Kind(models.TextChoices):
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        EMAIL = "email", _("Email")
        EVENT = "event", _("Event")
        # Recorded by the person themself from their "For you" page, for staff to follow up.
        DEMAND_INTEREST = "demand_interest", _("Interested in a Lanzhou demand")

    # The kinds staff record by hand (an interest names its demand, which the person chose).
    RECORDED_BY_STAFF = (Kind.CALL, Kind.MEETING, Kind.EMAIL, Kind.EVENT)

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
    # The demand a DEMAND_INTEREST is about; the summary keeps its title if it is deleted.
    demand = models.ForeignKey(
        "projects.Demand",
        verbose_name=_("Lanzhou demand"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InteractionQuerySet.as_manager()

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"
