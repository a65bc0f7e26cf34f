import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TalentProfileFactory
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def people(number: int, code: str, industry: str = "biomedicine") -> None:
    for _index in range(number):
        TalentProfileFactory(
            native_region=region(code), industry=Industry.objects.get(key=industry)
        )


def table_rows(response, heading: str) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find("h2", string=heading).find_parent("section")
    return {
        row.find_all("td")[0].get_text(strip=True): row.find_all("td")[1].get_text(strip=True)
        for row in section.find("tbody").find_all("tr")
    }


def figures(response) -> dict[str, str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        item.dt.get_text(strip=True): item.dd.get_text(strip=True)
        for item in soup.select(".figures div")
    }


@pytest.fixture
def pool():
    people(4, "620102")  # 城关区, Lanzhou
    people(1, "lanzhou-new-area", "new_energy")  # Lanzhou New Area
    people(2, "620500")  # Tianshui
    people(3, "510000", "new_energy")  # Sichuan: not Gansu


def test_staff_see_exact_counts(clients, pool):
    response = clients["staff"].get("/en/talent/counts/")
    assert figures(response) == {
        "People in the pool": "10",
        "Gansu natives": "7",
        "Lanzhou natives": "5",
        "New this month": "10",
    }
    assert table_rows(response, "By prefecture of Gansu")["Lanzhou"] == "5"
    assert table_rows(response, "By prefecture of Gansu")["Tianshui"] == "2"
    assert table_rows(response, "By district or county of Lanzhou")["Lanzhou New Area"] == "1"
    assert table_rows(response, "By industry")["New energy"] == "4"


def test_officials_see_counts_of_everyone_with_small_cells_hidden(clients, pool):
    response = clients["official"].get("/en/talent/counts/")
    assert figures(response)["Lanzhou natives"] == "5"
    assert table_rows(response, "By prefecture of Gansu")["Tianshui"] == "fewer than 3"
    assert table_rows(response, "By prefecture of Gansu")["Jiuquan"] == "fewer than 3"
    assert table_rows(response, "By district or county of Lanzhou")["Chengguan District"] == "4"
    assert "fewer than 3" in response.content.decode()


def test_new_this_month_uses_the_workstation_clock(clients, pool):
    from talentpool.profiles.models import TalentProfile

    TalentProfile.objects.filter(native_region__code="510000").update(
        created_at="2020-01-15T12:00:00Z"
    )
    assert figures(clients["staff"].get("/en/talent/counts/"))["New this month"] == "7"


def test_counts_page_query_count_does_not_grow(clients):
    people(1, "620102")
    with CaptureQueriesContext(connection) as few:
        clients["staff"].get("/en/talent/counts/")
    people(20, "620500")
    with CaptureQueriesContext(connection) as many:
        clients["staff"].get("/en/talent/counts/")
    assert len(many) == len(few)
