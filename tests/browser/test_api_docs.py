"""The API documentation page in headless Chromium: Swagger UI from the portal's own static files
loads the schema and shows the operations, with no request to any other host (no CDN), in the
reader's language; axe finds no serious violation in the page."""

from __future__ import annotations

import pytest

from tests.browser.browsing import assert_only_local_and_clean, expect
from tests.checkers import axe_script

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS = "/api/docs/"
BLOCKING = {"serious", "critical"}
# Swagger UI nests the copy-to-clipboard and lock buttons inside each operation's summary button:
# its generated markup, which no setting changes. Only that rule is left out, and only inside
# #swagger-ui; our own markup and every other rule are checked (its colours are fixed in
# api_docs.css).
RUN_AXE = """async () => {
    const ours = await axe.run({exclude: ["#swagger-ui"]}, {resultTypes: ["violations"]});
    const swagger = await axe.run({include: ["#swagger-ui"]},
        {resultTypes: ["violations"], rules: {"nested-interactive": {enabled: false}}});
    return [...ours.violations, ...swagger.violations].map(violation => ({
        id: violation.id, impact: violation.impact, help: violation.help,
        targets: violation.nodes.slice(0, 3).map(node => node.target.join(" ")),
    }));
}"""


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Lanzhou Silicon Valley Workstation API"),
        ("zh-hans", "兰州科技创新（硅谷）工作站 API"),
    ],
)
def test_the_docs_show_the_operations_from_the_portal_alone(
    page, live_server, browser_log, language, title
):
    page.goto(f"{live_server.url}{DOCS}?lang={language}")
    expect()(
        page.locator(".opblock-summary-path", has_text="/api/v1/projects/").first
    ).to_be_visible()
    expect()(page.locator(".info .title")).to_contain_text(title)
    schema_requests = [url for url in browser_log.requests if "/api/schema/" in url]
    assert schema_requests, browser_log.requests
    assert_only_local_and_clean(page, browser_log)


def test_the_docs_page_has_no_serious_accessibility_violation(browser, live_server, reference_data):
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.add_init_script(script=axe_script())
    tab = context.new_page()
    tab.goto(live_server.url + DOCS)
    expect()(tab.locator(".opblock").first).to_be_visible()
    found = [
        f"{violation['impact']} {violation['id']} – {violation['help']} {violation['targets']}"
        for violation in tab.evaluate(RUN_AXE)
        if violation["impact"] in BLOCKING
    ]
    context.close()
    assert not found, "\n".join(found)
