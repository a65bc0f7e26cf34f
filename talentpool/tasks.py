"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from talentpool.campaigns.tasks import queue_campaign, send_campaign_batch, sweep_campaigns
from talentpool.pool_invitations.tasks import invite_registrants

__all__ = ["invite_registrants", "queue_campaign", "send_campaign_batch", "sweep_campaigns"]
