"""Lanzhou demands in the API: both languages and the reader's, open or closed, filtered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from projects.demands.models import Demand
from tests.factories import DemandFactory
from workstation.reference.models import Industry

pytestmark = pytest.mark.django_db

DEMANDS = "/api/v1/demands/"


def ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_a_demand_reads_in_both_languages_and_the_readers(api_clients):
    demand = DemandFactory(
        title_en="Battery recycling",
        title_zh_hans="电池回收",
        description_zh_hans="需要电池回收技术。",
        industry=Industry.objects.get(key="new_energy"),
    )
    english = api_clients["official"].get(f"{DEMANDS}{demand.pk}/", {"lang": "en"}).json()
    assert english["title"] == "Battery recycling"
    assert english["title_zh_hans"] == "电池回收" and english["title_en"] == "Battery recycling"
    # No English description: the reader gets the Chinese one rather than nothing.
    assert english["description"] == "需要电池回收技术。" and english["description_en"] == ""
    assert english["industry"] == "new_energy" and english["status"] == "open"
    assert english["organization"]["name_zh_hans"] == "示例兰州企业"
    chinese = api_clients["official"].get(f"{DEMANDS}{demand.pk}/", {"lang": "zh-hans"})
    assert chinese["Content-Language"] == "zh-hans"
    assert chinese.json()["title"] == "电池回收"
    assert chinese.json()["organization"]["name"] == "示例兰州企业"


def test_filters(api_clients):
    open_demand = DemandFactory(industry=Industry.objects.get(key="new_energy"))
    closed = DemandFactory(is_active=False)
    Demand.objects.filter(pk=closed.pk).update(updated_at=timezone.now() - timedelta(days=5))
    reader = api_clients["staff"]
    assert ids(reader.get(DEMANDS)) == {open_demand.pk, closed.pk}
    assert ids(reader.get(DEMANDS, {"status": "open"})) == {open_demand.pk}
    assert ids(reader.get(DEMANDS, {"status": "closed"})) == {closed.pk}
    assert ids(reader.get(DEMANDS, {"industry": "new_energy"})) == {open_demand.pk}
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert ids(reader.get(DEMANDS, {"updated_since": since})) == {open_demand.pk}
    ordered = reader.get(DEMANDS, {"ordering": "updated_at"}).json()["results"]
    assert [row["id"] for row in ordered] == [closed.pk, open_demand.pk]
    refused = reader.get(DEMANDS, {"status": "nonsense"}).json()
    assert "status" in refused["error"]["fields"]


def test_the_query_count_does_not_grow_with_the_rows(api_clients, django_assert_max_num_queries):
    reader = api_clients["official"]
    DemandFactory.create_batch(2, industry=Industry.objects.get(key="new_energy"))
    reader.get(DEMANDS)  # the token's first use writes its last-used time
    with django_assert_max_num_queries(99) as few:
        assert len(reader.get(DEMANDS).json()["results"]) == 2
    DemandFactory.create_batch(10, industry=Industry.objects.get(key="biomedicine"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(reader.get(DEMANDS).json()["results"]) == 12
