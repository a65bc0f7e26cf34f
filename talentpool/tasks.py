"""Celery finds ``<app>.tasks``: gather the sub-packages' tasks."""

from talentpool.pool_invitations.tasks import invite_registrants

__all__ = ["invite_registrants"]
