"""The header on a phone: staff have a dozen sections, so the links fold behind a "Menu" button
that opens them; on a wide screen every link shows and there is no button."""

from __future__ import annotations

import pytest

from tests.conftest import make_person, signed_in_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"locale": "zh-CN", "viewport": {"width": 390, "height": 844}, "is_mobile": True}
WIDE = {"locale": "en-US", "viewport": {"width": 1280, "height": 900}}


def sign_in_staff(page, live_server):
    person = make_person("staff", "nav.staff@example.org", "zh-hans", is_staff=True)
    client = signed_in_client(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_on_a_phone_the_links_open_from_the_menu_button(page, live_server, browser_log):
    from playwright.sync_api import expect

    sign_in_staff(page, live_server)
    page.goto(f"{live_server.url}/zh-hans/meetings/")
    toggle = page.get_by_role("button", name="菜单")
    meetings = page.locator(".site-nav").get_by_role("link", name="例会", exact=True)
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(meetings).to_be_hidden()
    # The header is short: the page's heading is on the first screen, well up.
    assert page.locator("h1").bounding_box()["y"] < 200

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(meetings).to_be_visible()
    page.locator(".site-nav").get_by_role("link", name="年度职责", exact=True).click()
    page.wait_for_url(f"{live_server.url}/zh-hans/reports/dashboard/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert browser_log.console_errors == [] and browser_log.page_errors == []


@pytest.mark.parametrize("browser_context_options", [WIDE])
def test_on_a_wide_screen_every_link_shows_without_a_button(page, live_server):
    from playwright.sync_api import expect

    sign_in_staff(page, live_server)
    page.goto(f"{live_server.url}/en/meetings/")
    expect(page.locator(".nav-toggle")).to_be_hidden()
    expect(
        page.locator(".site-nav").get_by_role("link", name="Meetings", exact=True)
    ).to_be_visible()
