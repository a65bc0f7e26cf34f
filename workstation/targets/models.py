"""Annual targets of the workstation's duties, read by the dashboard.

A year without its own row for a duty uses the default agreed with the bureau; staff may set a
year's own figure in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Duty(models.TextChoices):
    # The values are stable: rows and the dashboard refer to them.
    EXPO_PROJECTS = "expo_projects", _("Projects brought to the Expo")
    VIPS_INVITED = "vips_invited", _("VIPs invited")
    VIPS_ATTENDED = "vips_attended", _("VIPs who attended")
    CONFERENCES = "conferences", _("Conference held in Silicon Valley")
    MEDIA_PARTNERS = "media_partners", _("Media partners of the conference")
    BRIEFINGS_ON_TIME = "briefings_on_time", _("Briefings published on time")
    MEETINGS_HELD = "meetings_held", _("Monthly meetings held")


@dataclass(frozen=True)
class Goal:
    """A target as a range: at least ``minimum``, at most ``maximum`` when there is one."""

    minimum: int
    maximum: int | None = None


DEFAULT_GOALS: dict[str, Goal] = {
    Duty.EXPO_PROJECTS: Goal(10),
    Duty.VIPS_INVITED: Goal(2, 5),
    Duty.VIPS_ATTENDED: Goal(2, 5),
    Duty.CONFERENCES: Goal(1, 1),
    Duty.MEDIA_PARTNERS: Goal(1, 2),
    Duty.BRIEFINGS_ON_TIME: Goal(12),
    Duty.MEETINGS_HELD: Goal(12),
}


class Target(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    duty = models.CharField(_("duty"), max_length=30, choices=Duty.choices)
    minimum = models.PositiveIntegerField(_("target"))
    maximum = models.PositiveIntegerField(
        _("at most"), null=True, blank=True, help_text=_("Blank: no upper bound.")
    )

    class Meta:
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        ordering = ["-year", "duty"]
        constraints = [
            models.UniqueConstraint(fields=["year", "duty"], name="one_target_per_duty_and_year"),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gte=models.F("minimum")),
                name="target_maximum_not_below_minimum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_duty_display()}"


def goals_for(year: int) -> dict[str, Goal]:
    """Every duty's goal for ``year``: its own row where there is one, else the default."""
    goals = dict(DEFAULT_GOALS)
    for target in Target.objects.filter(year=year):
        goals[target.duty] = Goal(target.minimum, target.maximum)
    return goals
