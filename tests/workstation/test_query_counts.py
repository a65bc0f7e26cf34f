"""A list page's SQL query count does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import signed_in_client
from tests.factories import NewsPostFactory, PolicyPageFactory
from workstation.accounts.models import Role
from workstation.accounts.services import invite_colleague

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_colleagues(number: int, start: int) -> None:
    for index in range(start, start + number):
        invite_colleague(
            email=f"colleague{index}@example.org",
            full_name=f"同事{index}",
            role=Role.OFFICIAL,
            preferred_language="zh-hans",
            invited_by=None,
        )


@pytest.mark.parametrize(
    ("path", "add"),
    [
        ("/en/", lambda n, s: (PolicyPageFactory.create_batch(n), NewsPostFactory.create_batch(n))),
        ("/en/policies/", lambda n, s: PolicyPageFactory.create_batch(n)),
        ("/en/news/", lambda n, s: NewsPostFactory.create_batch(n)),
        ("/zh-hans/colleagues/", add_colleagues),
    ],
)
def test_list_query_count_does_not_grow(path, add, staff):
    client = signed_in_client(staff)
    add(2, 0)
    few = queries(client, path)
    add(25, 100)
    assert queries(client, path) == few
