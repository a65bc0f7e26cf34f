"""Who reads the API: staff and officials, as on the pages; talents and the public do not."""

import rules

from workstation.accounts.rules import is_official, is_workstation_staff

reads_the_api = is_workstation_staff | is_official

rules.add_perm("workstation.use_api", reads_the_api)
