"""What the browser tests share: signing in, switching person, and the checks every page passes
(local requests only, no errors, styled)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.conftest import make_person, signed_in_client

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
TRANSPARENT = {"rgba(0, 0, 0, 0)", "transparent"}


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def path_is(page, path: str) -> re.Pattern:
    return re.compile(re.escape(page.live_url + path) + r"$")


def assert_styled(page) -> None:
    """The vendored and portal stylesheets came through WhiteNoise and apply."""
    background = page.locator("header.site-header").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background not in TRANSPARENT, (
        f"header is unstyled: portal.css did not load ({background})"
    )
    sheets = page.evaluate(
        "() => Array.from(document.styleSheets, sheet => [sheet.href, sheet.cssRules.length])"
    )
    assert len(sheets) >= 2 and all(rules > 0 for _, rules in sheets), sheets


def assert_only_local_and_clean(page, browser_log) -> None:
    foreign = [
        url
        for url in browser_log.requests
        if urlsplit(url).scheme not in {"data", "blob", "about"}
        and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    assert browser_log.requests, "no request was recorded"
    assert not foreign, f"requests to third-party hosts: {foreign}"
    assert not browser_log.failed_requests, browser_log.failed_requests
    assert not browser_log.error_responses, browser_log.error_responses
    assert not browser_log.console_errors, f"console errors: {browser_log.console_errors}"
    assert not browser_log.page_errors, f"page errors: {browser_log.page_errors}"


# A talent's phone: touch, a small high-density screen (give the locale beside it).
TALENTS_PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 3,
}


def fits_the_phone(page) -> None:
    """No horizontal scroll: the page fits the phone's width."""
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"horizontal scroll on {page.url}: {widths}"


def session_of(user) -> str:
    """The session of a client that signed in with two factors (as staff and officials must)."""
    return signed_in_client(user).cookies["sessionid"].value


def act_as(page, live_server, session: str) -> None:
    """Hand the browser to another person: their session cookie, and no one else's."""
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def sign_in_as_staff(page, live_server):
    """Staff need two-factor sign-in: reuse the session of a client that passed it."""
    staff = make_person("staff", "board.staff@example.org", is_staff=True, full_name="Board Staff")
    client = signed_in_client(staff)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return staff
