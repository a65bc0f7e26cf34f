"""Who may do what in the project pipeline: staff work it; officials read it."""

import rules

from workstation.accounts.rules import is_administrator, is_official, is_workstation_staff

is_staff = is_workstation_staff | is_administrator

rules.add_perm("projects", is_staff)  # the admin's app index
rules.add_perm("projects.view_pipeline", is_staff | is_official)
rules.add_perm("projects.manage_pipeline", is_staff)
