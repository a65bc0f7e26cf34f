"""What Schemathesis found, answered as documented: a missing record, an address that names no
endpoint, a page link not made by the API, an unknown ordering and a time PostgreSQL cannot take are
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


def test_pages_follow_next_links_to_the_end_without_a_row_twice(api_clients):
    ProjectFactory.create_batch(5)
    reader = api_clients["staff"]
    seen, link = [], f"{PROJECTS}?page_size=2&ordering=updated_at"
    while link:
        page = reader.get(link).json()
        assert "count" not in page  # counting every row costs more than the page
        seen += [row["id"] for row in page["results"]]
        link = page["next"]
    assert len(seen) == len(set(seen)) == 5
    back = reader.get(reader.get(f"{PROJECTS}?page_size=2").json()["next"]).json()["previous"]
    assert len(reader.get(back).json()["results"]) == 2


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "cD0yMDI2LTEzLTQ1",  # p=2026-13-45: a place that is no date
        "cD1ub3QtYS1kYXRl",  # p=not-a-date
    ],
)
def test_a_cursor_not_made_by_a_next_link_is_a_named_404(api_clients, cursor):
    ProjectFactory.create_batch(2)
    for ordering in ("-created_at", "id"):
        response = api_clients["staff"].get(PROJECTS, {"cursor": cursor, "ordering": ordering})
        error = error_of(response, 404)
        assert error["message"].startswith("This link to a page is not valid")


def test_a_cursor_past_any_id_is_an_empty_page(api_clients):
    ProjectFactory.create_batch(2)
    huge = "bz0xJnA9OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ=="  # o=1&p=999…9 (28 digits)
    page = api_clients["staff"].get(PROJECTS, {"cursor": huge, "ordering": "id"}).json()
    assert (page["results"], page["next"]) == ([], None)


def test_lists_are_ordered_only_by_fields_every_row_has(api_clients):
    # A cursor holds the place of the page's last row: a row without a value has no place.
    from django.urls import URLResolver, get_resolver
    from rest_framework.settings import api_settings

    def views(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from views(pattern.url_patterns)
            else:
                yield getattr(pattern.callback, "cls", None)

    assert api_settings.DEFAULT_PAGINATION_CLASS.__name__ == "Pages"
    viewsets = {view for view in views(get_resolver().url_patterns) if hasattr(view, "model")}
    assert len(viewsets) >= 10
    for viewset in viewsets:
        for name in viewset.ordering_fields:
            model = viewset.model
            for part in name.split("__"):
                field = model._meta.get_field(part)
                model = field.related_model or model
            assert not field.null, (viewset.__name__, name)


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
