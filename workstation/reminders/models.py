"""Reminders: mails the portal owes someone, recorded in the database before they are sent.

A row is unique per kind, object, period and recipient, so a reminder is scheduled once however
many times the schedule runs; it is claimed in the database before its mail goes out, so
concurrent workers send it once; a mail server that refuses or cannot be reached leaves it pending
for the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=50)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    period = models.CharField(_("period"), max_length=40)
    recipient_email = models.EmailField(_("recipient email"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "period", "recipient_email"],
                name="reminder_once_per_kind_object_period_recipient",
            )
        ]
        indexes = [
            models.Index(fields=["state", "claimed_at"]),
            # A batch's next pending mails of one object (a campaign's), without reading the
            # ones already sent.
            models.Index(
                fields=["content_type", "object_id", "id"],
                condition=models.Q(state="pending"),
                name="reminder_pending_of_object",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period} → {self.recipient_email}"
