"""Projects in the API: the stage history the database builds reads as DRF would give it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from projects.pipeline.api import StageChangeSerializer
from projects.pipeline.models import StageChange
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "UTC", "Asia/Shanghai"])
def test_stage_history_reads_as_the_changes_serialized_one_by_one(api_clients, zone):
    project = ProjectFactory()
    StageChange.objects.create(project=project, from_stage="", to_stage="lead")
    StageChange.objects.create(
        project=project,
        from_stage="attended_expo",
        to_stage="signed_at_expo",
        reason="Signed on the expo's second day.",
        on_date=datetime.date(2026, 6, 30),
        amount=2_500_000,
        agreement_type="Investment agreement",
    )
    with timezone.override(zone):
        listed = api_clients["staff"].get("/api/v1/projects/").json()["results"]
        changes = StageChange.objects.filter(project=project).order_by("-changed_at", "-pk")
        expected = StageChangeSerializer(changes, many=True).data
    (row,) = listed
    assert row["stage_history"] == [dict(change) for change in expected]
    assert [list(change) for change in row["stage_history"]] == [
        StageChangeSerializer.Meta.fields
    ] * 2
    assert row["stage_history"][0]["amount"] == 2_500_000
