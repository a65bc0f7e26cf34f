"""modeltranslation looks for ``<app>.translation``: gather the sub-packages' registrations."""

from talentpool.campaigns import translation as campaigns_translation  # noqa: F401
