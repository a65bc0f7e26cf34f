"""Permission checks: the rules answer the portal's permissions, the database only its own rows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workstation.accounts.backends import permission_rows
from workstation.accounts.models import User

pytestmark = pytest.mark.django_db


def fresh(user) -> User:
    return User.objects.get(pk=user.pk)  # no permission cached on the instance


def test_a_permission_the_role_lacks_is_refused_without_a_query(staff, talent):
    staff, talent = fresh(staff), fresh(talent)
    permission_rows()  # read once per process
    with CaptureQueriesContext(connection) as captured:
        assert not staff.has_perm("talentpool.keep_own_profile")
        assert not talent.has_perm("projects.view_pipeline")
    assert len(captured) == 2  # each user's groups, read once for the rules


def test_the_rules_still_grant_the_roles_permissions(staff, talent, official):
    assert fresh(staff).has_perm("projects.manage_pipeline")
    assert fresh(official).has_perm("reports.review_briefing")
    assert fresh(talent).has_perm("talentpool.keep_own_profile")
    assert not fresh(official).has_perm("projects.manage_pipeline")


def test_a_permission_granted_in_the_database_is_still_granted(talent):
    assert not fresh(talent).has_perm("auth.view_group")
    talent.user_permissions.add(Permission.objects.get(codename="view_group"))
    assert fresh(talent).has_perm("auth.view_group")
