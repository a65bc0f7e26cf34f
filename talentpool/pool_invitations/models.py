"""Invitations to join the talent pool, sent once to people who came to the workstation's events
without being in the pool."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PoolInvitation(models.Model):
    """One row per address (unique, lower case): a person is invited once, however many events
    they register for and however often, or how concurrently, the task runs."""

    email = models.EmailField(_("email address"), unique=True)
    registration = models.ForeignKey(
        "workstation.Registration",
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The registration the invitation followed."),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to join the talent pool")
        verbose_name_plural = _("invitations to join the talent pool")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email
