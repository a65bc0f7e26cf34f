"""What Schemathesis found, answered as documented: a missing record, an address that names no
endpoint, a page that is not a number, an unknown ordering and a time PostgreSQL cannot take are
each a 4xx in the one JSON error shape, never a server error or an HTML page."""

from __future__ import annotations

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects/"


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()["error"]


def test_a_missing_record_is_a_404_in_the_error_shape(api_clients):
    error = error_of(api_clients["staff"].get(f"{PROJECTS}999999/"), 404)
    assert error == {
        "status": 404,
        "code": "not_found",
        "message": "There is nothing here, or you may not see it.",
    }


def test_an_address_that_names_no_endpoint_answers_in_json_and_the_readers_language(client):
    error = error_of(client.get("/api/v1/projects/1.5/", {"lang": "zh-hans"}), 404)
    assert error["code"] == "not_found" and error["message"].startswith("此处没有内容")
    # Pages elsewhere keep their HTML 404.
    assert client.get("/en/no-such-page/")["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_a_page_that_is_not_a_whole_number_from_1_is_named(api_clients, page):
    error = error_of(api_clients["staff"].get(PROJECTS, {"page": page}), 400)
    assert error["fields"] == {"page": ["Give a whole number from 1."]}


def test_pages_past_the_last_are_not_found_and_last_is_the_last(api_clients):
    ProjectFactory.create_batch(3)
    reader = api_clients["staff"]
    assert error_of(reader.get(PROJECTS, {"page": 10**30}), 404)["code"] == "not_found"
    last = reader.get(PROJECTS, {"page": "last", "page_size": 2}).json()
    assert (len(last["results"]), last["next"]) == (1, None)


def test_an_unknown_ordering_is_named_with_the_fields_it_takes(api_clients):
    reader = api_clients["staff"]
    error = error_of(reader.get(PROJECTS, {"ordering": "-updated_at,salary"}), 400)
    (message,) = error["fields"]["ordering"]
    assert message.startswith("Unknown: salary. Sort by: ") and "updated_at" in message
    assert reader.get(PROJECTS, {"ordering": "-updated_at,id"}).status_code == 200


def test_updated_since_takes_any_offset_and_refuses_a_time_before_year_1(api_clients):
    changed = ProjectFactory()
    reader = api_clients["staff"]
    # +20:00 is a valid offset in ISO 8601 and Python; PostgreSQL refuses beyond ±15:59.
    body = reader.get(PROJECTS, {"updated_since": "2000-01-01T00:00:00+20:00"}).json()
    assert [row["id"] for row in body["results"]] == [changed.pk]
    error = error_of(reader.get(PROJECTS, {"updated_since": "0001-01-01T00:00:00+14:00"}), 400)
    assert "updated_since" in error["fields"]
