"""What the API tests of each endpoint share: a list's query count against its rows."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def list_queries(client, path: str, rows: int, **params) -> int:
    """The queries one read of ``path`` takes, checking it lists ``rows`` rows."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows
    return len(captured)


def assert_queries_do_not_grow(client, path: str, add, **params) -> None:
    """``add(n)`` makes ``n`` more rows of the list: 2 rows and 12 rows take as many queries.
    A first read beforehand notes the token's use, which a later read within the minute skips."""
    add(2)
    client.get(path)
    few = list_queries(client, path, 2, **params)
    add(10)
    assert list_queries(client, path, 12, **params) == few
