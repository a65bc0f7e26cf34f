"""rules autodiscovers ``<app>.rules``: gather the sub-packages' predicates."""

from workstation.accounts import rules as accounts_rules  # noqa: F401
from workstation.api import rules as api_rules  # noqa: F401
from workstation.events import rules as events_rules  # noqa: F401
from workstation.invitations import rules as invitations_rules  # noqa: F401
from workstation.meetings import rules as meetings_rules  # noqa: F401
from workstation.targets import rules as targets_rules  # noqa: F401
