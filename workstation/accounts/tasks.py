from datetime import timedelta

from celery import shared_task

from workstation.accounts.services import remind_pending_invitations as remind


@shared_task
def remind_pending_invitations() -> int:
    return remind(older_than=timedelta(days=2))
