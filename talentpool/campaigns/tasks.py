"""Sending campaigns: thin tasks that take ids and can run twice, even at once, without harm."""

from celery import shared_task

from talentpool.campaigns import services


@shared_task
def queue_campaign(campaign_id: int) -> int:
    """Record the campaign's mails in the outbox, then start its batches."""
    return services.queue_mails(campaign_id=campaign_id)


@shared_task
def send_campaign_batch(campaign_id: int) -> str:
    """One batch at the rate; enqueues the next one."""
    return services.send_batch(campaign_id=campaign_id)


@shared_task
def sweep_campaigns() -> int:
    """Every minute: what a lost message, a dead worker or a refused mail left undone."""
    return services.sweep_campaigns()
