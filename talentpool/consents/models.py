"""Consent as a ledger: each giving or withdrawal is a row; the latest row per purpose counts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Bump when the privacy notice or the sharing statement changes; rows keep the version agreed to.
PRIVACY_POLICY_VERSION = "2026-12"


class Consent(models.Model):
    class Purpose(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice accepted")
        SHARE_WITH_LANZHOU = (
            "share_with_lanzhou",
            _("Profile shared with Lanzhou Municipal Science and Technology Bureau officials"),
        )
        WORKSTATION_NEWS = "workstation_news", _("News and invitations from the workstation")

    class Action(models.TextChoices):
        GIVEN = "given", _("Given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    profile = models.ForeignKey(
        "talentpool.TalentProfile",
        verbose_name=_("profile"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    action = models.CharField(_("given or withdrawn"), max_length=10, choices=Action.choices)
    policy_version = models.CharField(_("policy version"), max_length=20)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["profile", "purpose", "-at"])]

    def __str__(self) -> str:
        return f"{self.purpose} {self.action} {self.at:%Y-%m-%d}"
