"""The invitations to join the pool: a thin periodic task, safe to run twice, even at once."""

from celery import shared_task

from talentpool.pool_invitations import services


@shared_task
def invite_registrants() -> int:
    """Hourly: registrants of events that ended, who are not in the pool and were never invited."""
    return services.invite_registrants()
