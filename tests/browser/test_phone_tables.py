"""Staff on a phone: the tables of the new pages (a meeting's action items, the invitation list,
a conference's coverage) scroll inside their own box; the page itself never scrolls sideways."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import make_person, signed_in_client
from tests.factories import ActionItemFactory, EventFactory, InvitationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"locale": "en-US", "viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_the_new_pages_tables_fit_a_phone(page, live_server, browser_log):
    from workstation.events.models import Coverage, MediaPartner

    staff = make_person("staff", "tables.staff@example.org", is_staff=True)
    client = signed_in_client(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    item = ActionItemFactory(owner=staff, description_en="Send the itinerary of the delegation")
    invitation = InvitationFactory(name="Dr. Casey Wu of the Example Institute")
    conference = EventFactory(kind="conference")
    partner = MediaPartner.objects.create(
        event=conference, name="Example Media", name_en="Example Media"
    )
    Coverage.objects.create(
        partner=partner,
        title="A very long headline about the Lanzhou conference in Santa Clara",
        url="https://media.example/a-very-long-address-of-the-article-about-the-conference",
        published_on=datetime.date(2026, 11, 8),
        reach=12000,
    )

    year = invitation.event.starts_at.year
    for path, table in (
        (f"/en/meetings/{item.meeting_id}/", ".action-items"),
        (f"/en/invitations/?year={year}", ".invitation-table"),
        (f"/en/events/{conference.pk}/", ".coverage-table"),
    ):
        page.goto(live_server.url + path)
        assert page.locator(table).count() == 1, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    assert browser_log.page_errors == []
