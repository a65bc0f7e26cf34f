"""rules autodiscovers ``<app>.rules``: gather the sub-packages' predicates."""

from workstation.accounts import rules as accounts_rules  # noqa: F401
