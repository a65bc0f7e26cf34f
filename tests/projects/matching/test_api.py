"""Matches in the API: the pair, its score and the decision, and nothing of the staff's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.matching.models import Match
from projects.matching.services import decide_match
from tests.factories import DemandFactory, ProjectFactory

pytestmark = pytest.mark.django_db

MATCHES = "/api/v1/matches/"


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_a_match_is_the_pair_its_score_and_the_decision(api_clients, staff):
    match = decide_match(
        project=ProjectFactory(), demand=DemandFactory(), decision="confirm", actor=staff
    )
    Match.objects.filter(pk=match.pk).update(reason="STAFF-REASON")
    row = api_clients["official"].get(f"{MATCHES}{match.pk}/").json()
    assert row == {
        "id": match.pk,
        "project": match.project_id,
        "demand": match.demand_id,
        "score": match.score,
        "status": "confirmed",
        "decided_at": row["decided_at"],
    }
    assert row["decided_at"].startswith(str(timezone.localdate(match.decided_at))[:4])
    listed = api_clients["official"].get(MATCHES).content.decode()
    assert "STAFF-REASON" not in listed and staff.email not in listed


def test_filters(api_clients):
    project, demand = ProjectFactory(), DemandFactory()
    confirmed = decide_match(project=project, demand=demand, decision="confirm", actor=None)
    other_demand = decide_match(
        project=project, demand=DemandFactory(), decision="reject", actor=None
    )
    other_project = decide_match(
        project=ProjectFactory(), demand=demand, decision="confirm", actor=None
    )
    Match.objects.filter(pk=other_project.pk).update(decided_at=timezone.now() - timedelta(days=3))
    reader = api_clients["staff"]
    assert ids(reader.get(MATCHES, {"project": project.pk})) == {confirmed.pk, other_demand.pk}
    assert ids(reader.get(MATCHES, {"demand": demand.pk})) == {confirmed.pk, other_project.pk}
    assert ids(reader.get(MATCHES, {"status": "rejected"})) == {other_demand.pk}
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(reader.get(MATCHES, {"updated_since": since})) == {confirmed.pk, other_demand.pk}
    ordered = reader.get(MATCHES, {"ordering": "decided_at"}).json()["results"]
    assert ordered[0]["id"] == other_project.pk


def test_the_query_count_does_not_grow_with_the_rows(api_clients, django_assert_max_num_queries):
    reader = api_clients["official"]
    demand = DemandFactory()
    for _index in range(2):
        decide_match(project=ProjectFactory(), demand=demand, decision="confirm", actor=None)
    reader.get(MATCHES)  # the token's first use writes its last-used time
    with django_assert_max_num_queries(99) as few:
        assert len(reader.get(MATCHES).json()["results"]) == 2
    for _index in range(10):
        decide_match(project=ProjectFactory(), demand=demand, decision="reject", actor=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reader.get(MATCHES).json()["results"]) == 12
