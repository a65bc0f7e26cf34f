"""Personal API tokens: stored hashed, refused once revoked, expired or out of role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from workstation.api.models import ApiToken
from workstation.api.services import hash_of, issue_token, revoke_token, token_for_key
from workstation.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_its_hash(staff):
    token, key = issue_token(actor=staff, name="Bureau statistics")
    row = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("lzw_") and len(key) > 40
    assert key not in {row.key_hash, row.prefix, row.name}
    assert row.key_hash == hash_of(key)
    assert key.startswith(row.prefix) and len(row.prefix) < 16
    assert token_for_key(key) == token


@pytest.mark.parametrize("role", ["talent", "other_talent"])
def test_talents_get_no_tokens(cast, role):
    with pytest.raises(PermissionDenied):
        issue_token(actor=cast[role], name="Mine")
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_and_revoking_twice_is_harmless(official):
    token, key = issue_token(actor=official, name="Bureau")
    assert revoke_token(actor=official, token=token) is True
    assert revoke_token(actor=official, token=token) is False
    assert token_for_key(key) is None
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_nobody_revokes_another_persons_token(official, staff):
    token, key = issue_token(actor=official, name="Bureau")
    with pytest.raises(PermissionDenied):
        revoke_token(actor=staff, token=token)
    assert token_for_key(key) == token


def test_an_expired_token_is_refused(staff):
    token, key = issue_token(actor=staff, name="Short")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert token_for_key(key) is None


def test_a_token_stops_when_its_holder_loses_the_role(official):
    _token, key = issue_token(actor=official, name="Bureau")
    official.groups.clear()
    del official.roles
    assert token_for_key(key) is None


def test_a_token_stops_with_a_deactivated_account(staff):
    _token, key = issue_token(actor=staff, name="Bureau")
    staff.is_active = False
    staff.save()
    assert token_for_key(key) is None


def test_an_expiry_beyond_a_year_is_refused(staff):
    with pytest.raises(ValueError):
        issue_token(actor=staff, name="Forever", expires_at=timezone.now() + timedelta(days=400))


def test_last_use_is_noted_at_most_once_a_minute(staff):
    token, key = issue_token(actor=staff, name="Busy")
    token_for_key(key)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    token_for_key(key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
