"""Who may do what in the core app: predicates declared once, used by views, templates and admin."""

import rules

from workstation.accounts.models import Role


@rules.predicate
def is_workstation_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.STAFF))


@rules.predicate
def is_official(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.OFFICIAL))


@rules.predicate
def is_talent(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.TALENT))


@rules.predicate
def is_administrator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


manages_people = is_workstation_staff | is_administrator

rules.add_perm("workstation.invite_colleague", manages_people)
# Staff edit the public site (policy pages, news) in the admin.
rules.add_perm("workstation", manages_people)
for model in ("policypage", "newspost"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"workstation.{action}_{model}", manages_people)
for model in ("organization",):
    for action in ("view", "add", "change"):
        rules.add_perm(f"workstation.{action}_{model}", manages_people)
rules.add_perm("workstation.view_region", manages_people)
rules.add_perm("workstation.view_industry", manages_people)
