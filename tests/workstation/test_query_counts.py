"""A list page's SQL query count does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import signed_in_client
from tests.factories import EventFactory, NewsPostFactory, PolicyPageFactory, RegistrationFactory
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


def add_events(number: int, start: int) -> None:
    """Upcoming and past events, public and not (staff see both)."""
    from datetime import timedelta

    from django.utils import timezone

    for index in range(start, start + number):
        EventFactory(starts_at=timezone.now() + timedelta(days=index + 1))
        EventFactory(starts_at=timezone.now() - timedelta(days=index + 1), is_public=False)


@pytest.mark.parametrize(
    ("path", "add"),
    [
        ("/en/", lambda n, s: (PolicyPageFactory.create_batch(n), NewsPostFactory.create_batch(n))),
        ("/en/policies/", lambda n, s: PolicyPageFactory.create_batch(n)),
        ("/en/news/", lambda n, s: NewsPostFactory.create_batch(n)),
        ("/zh-hans/colleagues/", add_colleagues),
        ("/en/events/", add_events),
        ("/zh-hans/events/", add_events),
    ],
)
def test_list_query_count_does_not_grow(path, add, staff):
    client = signed_in_client(staff)
    add(2, 0)
    few = queries(client, path)
    add(25, 100)
    assert queries(client, path) == few


def test_check_in_query_count_does_not_grow(staff):
    client = signed_in_client(staff)
    event = EventFactory()
    RegistrationFactory.create_batch(2, event=event)
    path = f"/en/events/{event.pk}/check-in/"
    few = queries(client, path)
    RegistrationFactory.create_batch(40, event=event)
    RegistrationFactory.create_batch(5, event=event, status="waiting")
    assert queries(client, path) == few


def test_conference_page_query_count_does_not_grow(staff):
    from workstation.events.models import Coverage, MediaPartner, Speaker

    client = signed_in_client(staff)
    event = EventFactory(kind="conference")

    def add(number: int) -> None:
        for index in range(number):
            Speaker.objects.create(event=event, name=f"Speaker {index}")
            partner = MediaPartner.objects.create(event=event, name_en=f"Media {index}")
            Coverage.objects.create(
                partner=partner,
                title="Story",
                url="https://news.example/a",
                published_on="2026-11-08",
                reach=1000,
            )

    add(1)
    few = queries(client, f"/en/events/{event.pk}/")
    add(10)
    assert queries(client, f"/en/events/{event.pk}/") == few
