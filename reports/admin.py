"""The admin finds ``<app>.admin``: gather the sub-packages' registrations."""

from reports.briefings import admin as briefings_admin  # noqa: F401
from reports.editions import admin as editions_admin  # noqa: F401
