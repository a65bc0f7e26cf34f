"""modeltranslation looks for ``<app>.translation``: gather the sub-packages' registrations."""

from workstation.events import translation as events_translation  # noqa: F401
from workstation.invitations import translation as invitations_translation  # noqa: F401
from workstation.meetings import translation as meetings_translation  # noqa: F401
from workstation.publications import translation as publications_translation  # noqa: F401
from workstation.reference import translation as reference_translation  # noqa: F401
