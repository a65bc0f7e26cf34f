"""Campaigns: a mail staff write once, in Chinese and English, to the people of the talent pool
who consent to the workstation's news and invitations (duties 1 and 6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workstation.provenance import Authored
from workstation.translated import Shown, missing_languages, shown


class CampaignState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff (and administrators) only: a campaign's audience is a list of people."""
        if not user.is_authenticated or not user.has_perm("talentpool.manage_campaigns"):
            return self.none()
        return self.all()


class Campaign(Authored):
    # subject and body are zh/en (modeltranslation); both languages are needed to send.
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown. Links are kept; images must be local.")
    )
    # At most one page the mail points to; its title and address are shown in both languages.
    policy = models.ForeignKey(
        "workstation.PolicyPage",
        verbose_name=_("policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    news_post = models.ForeignKey(
        "workstation.NewsPost",
        verbose_name=_("news post"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    event = models.ForeignKey(
        "workstation.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The talent directory's filters, as its form takes them (field name → value).
    audience = models.JSONField(_("audience"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The people counted when sending started, then the outbox's rows once it is built.
    recipients = models.PositiveIntegerField(_("recipients"), null=True, blank=True)
    outbox_built_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    # The rate limit's clock: no batch starts before this moment (claimed by each batch).
    next_batch_at = models.DateTimeField(_("next batch at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The outbox's counts, kept once every mail went out or was given up (lists read these).
    sent_count = models.PositiveIntegerField(_("sent"), null=True, blank=True)
    failed_count = models.PositiveIntegerField(_("failed"), null=True, blank=True)
    skipped_count = models.PositiveIntegerField(_("skipped"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(policy__isnull=True, news_post__isnull=True)
                    | Q(policy__isnull=True, event__isnull=True)
                    | Q(news_post__isnull=True, event__isnull=True)
                ),
                name="campaign_links_one_page_at_most",
            )
        ]

    def __str__(self) -> str:
        return self.subject_zh_hans or self.subject_en or str(self.pk)

    @property
    def shown_subject(self) -> Shown:
        """The subject in the page's language, else in the other one (marked so)."""
        return shown(self, "subject")

    @property
    def is_draft(self) -> bool:
        return self.state == CampaignState.DRAFT

    @property
    def linked(self):
        """The policy, news post or event the mail points to, or None."""
        return self.policy or self.news_post or self.event

    def missing_languages(self) -> list[str]:
        return missing_languages(self, ("subject", "body"))
