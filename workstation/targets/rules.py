"""Staff keep the annual targets in the admin; the dashboard reads them."""

import rules

from workstation.accounts.rules import is_administrator, is_workstation_staff

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"workstation.{action}_target", is_workstation_staff | is_administrator)
