"""The admin finds ``<app>.admin``: gather the sub-packages' registrations."""

from projects.delegations import admin as delegations_admin  # noqa: F401
from projects.demands import admin as demands_admin  # noqa: F401
from projects.matching import admin as matching_admin  # noqa: F401
from projects.pipeline import admin as pipeline_admin  # noqa: F401
