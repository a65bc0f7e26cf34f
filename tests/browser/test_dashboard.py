"""The annual-duties dashboard in headless Chromium: Chart.js draws every chart from the page's
JSON, under the self-only CSP, with no console error and nothing requested from another host."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from reports.dashboard.figures import this_year
from tests.conftest import make_person, signed_in_client
from tests.factories import EventFactory, TalentProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHARTS = ("duties", "registrations", "monthly", "prefectures")


def sign_in(page, live_server, role: str, language: str = "en"):
    person = make_person(role, f"dashboard.{role}@example.org", language, is_staff=role == "staff")
    client = signed_in_client(person)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize(("role", "path"), [("staff", "/en/"), ("official", "/zh-hans/")])
def test_the_charts_are_drawn_with_no_error_and_no_other_host(
    page, live_server, browser_log, role, path
):
    from playwright.sync_api import expect

    sign_in(page, live_server, role)
    yesterday = timezone.now() - timedelta(days=1)
    EventFactory(
        kind="monthly_meeting", starts_at=yesterday - timedelta(hours=1), ends_at=yesterday
    )
    for _ in range(4):
        TalentProfileFactory()

    page.goto(f"{live_server.url}{path}reports/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(this_year()))
    for key in CHARTS:
        canvas = page.locator(f'canvas[data-chart="{key}"]')
        expect(canvas).to_have_attribute("data-drawn", "true")
        drawn = canvas.evaluate(
            """canvas => {
                const chart = window.Chart.getChart(canvas);
                const pixels = canvas.getContext("2d")
                    .getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }
                return {chart: Boolean(chart), painted, width: canvas.width};
            }"""
        )
        assert drawn["chart"] and drawn["width"] > 0 and drawn["painted"] > 100, (key, drawn)
    # The numbers are in the page's tables too.
    expect(page.locator("#duty-meetings_held .figure")).to_have_text("1")

    assert browser_log.console_errors == []
    assert browser_log.page_errors == []
    assert browser_log.failed_requests == []
    assert browser_log.error_responses == []
    hosts = {urlsplit(url).hostname for url in browser_log.requests}
    assert hosts <= LOCAL_HOSTS, hosts
    assert any("chart.umd.min" in url for url in browser_log.requests)


PHONE = {"locale": "en-US", "viewport": {"width": 390, "height": 844}}


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_on_a_phone_nothing_runs_off_the_side_and_the_charts_have_room(page, live_server):
    """The month table scrolls inside its own box, the badges stay whole and every chart is drawn
    at a readable size inside the screen (Chart.js sizes it from a box of its own)."""
    from playwright.sync_api import expect

    sign_in(page, live_server, "staff")
    for _ in range(3):
        TalentProfileFactory()
    page.goto(f"{live_server.url}/en/reports/dashboard/")
    for key in CHARTS:
        expect(page.locator(f'canvas[data-chart="{key}"]')).to_have_attribute("data-drawn", "true")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for key in CHARTS:
        box = page.locator(f'canvas[data-chart="{key}"]').bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (key, box)
        assert box["height"] >= 200, (key, box)
    badge = page.locator(".months-table .badge").first.bounding_box()
    assert badge["height"] < 30, badge  # one line, not broken over three
