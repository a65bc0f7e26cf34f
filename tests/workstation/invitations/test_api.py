"""VIP invitations in the API: staff every one, officials those submitted to them (as on the
pages); the biography as sanitized HTML; the staff's notes never; every read audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import InvitationFactory
from tests.workstation.api.reading import assert_queries_do_not_grow
from workstation.audit.models import AuditEntry
from workstation.invitations import services as invitations
from workstation.invitations.models import Invitation

pytestmark = pytest.mark.django_db

INVITATIONS = "/api/v1/invitations/"


def submitted(staff, **fields):
    invitation = InvitationFactory(**fields)
    invitations.submit_for_approval(invitation=invitation, actor=staff)
    return invitation


def test_officials_get_submitted_invitations_only(api_clients, staff):
    draft = InvitationFactory()
    waiting = submitted(staff)
    staff_ids = {row["id"] for row in api_clients["staff"].get(INVITATIONS).json()["results"]}
    official = api_clients["official"]
    official_ids = {row["id"] for row in official.get(INVITATIONS).json()["results"]}
    assert staff_ids == {draft.pk, waiting.pk}
    assert official_ids == {waiting.pk}
    assert official.get(f"{INVITATIONS}{draft.pk}/").status_code == 404


def test_an_invitation_with_its_steps_and_without_the_staffs_notes(api_clients, staff):
    invitation = submitted(
        staff,
        protocol_notes="Prefers the window seat",
        follow_up="Send the photos",
        bio_en="Invests in **biomedicine**.<script>alert(1)</script>",
    )
    invitation.steps.update(note="Please approve before Friday")
    response = api_clients["official"].get(f"{INVITATIONS}{invitation.pk}/")
    body = response.json()
    assert body["status"] == "awaiting_approval"
    assert [step["status"] for step in body["steps"]] == ["submitted"]
    assert body["affiliation_zh_hans"] == "沙丘风险投资 管理合伙人"
    assert "<strong>biomedicine</strong>" in body["bio_en"]
    assert "<strong>生物医药</strong>" in body["bio_zh_hans"]
    assert "<script" not in body["bio"] and "<script" not in body["bio_en"]
    text = response.content.decode()
    for note in ("window seat", "Send the photos", "before Friday"):
        assert note not in text
    chinese = api_clients["official"].get(f"{INVITATIONS}{invitation.pk}/", {"lang": "zh-hans"})
    assert chinese.json()["affiliation"] == "沙丘风险投资 管理合伙人"


def test_every_read_is_audited(official, staff):
    from tests.conftest import api_client

    invitation = submitted(staff)
    reader = api_client(official, name="Protocol office")
    assert reader.get(f"{INVITATIONS}{invitation.pk}/").status_code == 200
    assert reader.get(INVITATIONS).status_code == 200
    entries = AuditEntry.objects.filter(action="api.read").order_by("pk")
    assert [entry.details["ids"] for entry in entries] == [[invitation.pk], [invitation.pk]]
    assert all(entry.actor == official for entry in entries)
    assert {entry.details["token"] for entry in entries} == {"Protocol office"}
    assert {entry.object_type for entry in entries} == {"vip invitation"}


def test_filters_by_status_and_change(api_clients, staff):
    now = timezone.now()
    draft = InvitationFactory()
    waiting = submitted(staff)
    Invitation.objects.filter(pk=draft.pk).update(updated_at=now - timedelta(days=9))
    reader = api_clients["staff"]

    def ids(**params):
        return {row["id"] for row in reader.get(INVITATIONS, params).json()["results"]}

    assert ids(status="awaiting_approval") == {waiting.pk}
    assert ids(status=["draft", "awaiting_approval"]) == {draft.pk, waiting.pk}
    assert ids(updated_since=(now - timedelta(days=1)).isoformat()) == {waiting.pk}
    assert ids(event=draft.event_id) == {draft.pk}


def test_the_list_takes_as_many_queries_for_12_as_for_2(api_clients, staff):
    def add(number):
        for _ in range(number):
            submitted(staff)

    assert_queries_do_not_grow(api_clients["official"], INVITATIONS, add)
