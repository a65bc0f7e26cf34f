"""The pool's counts in the API: the page's numbers, small cells withheld for officials as on the
page, and no total from which a withheld cell could be subtracted."""

from __future__ import annotations

import pytest

from tests.factories import TalentProfileFactory
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db

COUNTS = "/api/v1/talent-counts/"


def people(number: int, code: str, industry: str = "biomedicine", interests=()) -> None:
    for _index in range(number):
        TalentProfileFactory(
            native_region=Region.objects.get(code=code),
            industry=Industry.objects.get(key=industry),
            interests=list(interests),
        )


@pytest.fixture
def pool():
    people(4, "620102", interests=["invest", "speak"])  # 城关区, Lanzhou
    people(1, "lanzhou-new-area", "new_energy", interests=["invest"])
    people(2, "620500")  # Tianshui
    people(3, "510000", "new_energy")  # Sichuan: not Gansu


def cells(body, table: str) -> dict[str, dict]:
    return {row["key"]: row for row in body[table]}


def test_officials_read_small_counts_withheld_zeros_included(api_clients, pool):
    body = api_clients["official"].get(COUNTS, {"lang": "en"}).json()
    assert body["withheld"] is True and body["small_cell"] == 3
    prefectures = cells(body, "by_prefecture")
    assert prefectures["620100"] == {
        "key": "620100",
        "label": "Lanzhou",
        "count": 5,
        "shown": "5",
    }
    assert prefectures["620500"]["count"] is None  # Tianshui: 2
    assert prefectures["620500"]["shown"] == "fewer than 3"
    assert prefectures["620900"]["count"] is None  # Jiuquan: 0
    districts = cells(body, "by_district")
    assert districts["620102"]["count"] == 4
    assert districts["lanzhou-new-area"]["count"] is None  # 1
    assert cells(body, "by_industry")["new_energy"]["count"] == 4
    interests = cells(body, "by_interest")
    assert interests["invest"]["count"] == 5 and interests["speak"]["count"] == 4
    assert interests["host_visit"]["count"] is None
    # No count is written anywhere but in the cells, withheld or not.
    assert every_count(body) <= {None, 4, 5, 6}


def every_count(body) -> set:
    return {
        row["count"]
        for table in ("by_prefecture", "by_district", "by_industry", "by_interest")
        for row in body[table]
    }


def test_no_total_or_margin_comes_with_the_cells(api_clients, pool):
    body = api_clients["official"].get(COUNTS).json()
    assert set(body) == {
        "small_cell",
        "withheld",
        "by_prefecture",
        "by_district",
        "by_industry",
        "by_interest",
    }
    # The pool (10), its Gansu natives (7) and this month's newcomers (10) are nowhere: with them,
    # Tianshui's 2 would be 7 less the shown cells.
    assert not every_count(body) & {7, 10}
    assert '"total"' not in api_clients["official"].get(COUNTS).content.decode()


def test_staff_read_the_exact_counts(api_clients, pool):
    body = api_clients["staff"].get(COUNTS).json()
    assert body["withheld"] is False
    assert cells(body, "by_prefecture")["620500"]["count"] == 2
    assert cells(body, "by_prefecture")["620900"]["count"] == 0
    assert cells(body, "by_interest")["host_visit"]["shown"] == "0"


def test_the_api_and_the_page_give_the_same_numbers(api_clients, clients, pool):
    body = api_clients["official"].get(COUNTS, {"lang": "en"}).json()
    page = clients["official"].get("/en/talent/counts/").content.decode()
    assert "By cooperation interest" in page
    for row in body["by_interest"]:
        assert f"<td>{row['label']}</td>" in page


def test_labels_and_withheld_counts_in_chinese(api_clients, pool):
    response = api_clients["official"].get(COUNTS, {"lang": "zh-hans"})
    assert response["Content-Language"] == "zh-hans"
    tianshui = cells(response.json(), "by_prefecture")["620500"]
    assert tianshui["label"] == Region.objects.get(code="620500").name_zh_hans
    assert tianshui["shown"] == "少于 3 人"


def test_the_query_count_does_not_grow_with_the_pool(api_clients, django_assert_max_num_queries):
    reader = api_clients["official"]
    people(2, "620102")
    reader.get(COUNTS)  # the token's first use writes its last-used time
    with django_assert_max_num_queries(99) as few:
        reader.get(COUNTS)
    people(10, "620500")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reader.get(COUNTS).status_code == 200
