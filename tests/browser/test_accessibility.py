"""axe-core over the main pages in headless Chromium, signed out, as staff and as a talent, in both
languages: no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.checkers import axe_script
from tests.conftest import make_person, signed_in_client
from tests.main_pages import main_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
RUN_AXE = """() => axe.run(document, {resultTypes: ["violations"]}).then(results =>
    results.violations.map(violation => ({
        id: violation.id, impact: violation.impact, help: violation.help,
        targets: violation.nodes.slice(0, 3).map(node => node.target.join(" ")),
    })))"""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_main_pages_have_no_serious_accessibility_violation(
    browser, live_server, reference_data, language
):
    source = axe_script()
    staff = make_person("staff", "a11y.staff@example.org", language, is_staff=True)
    talent = make_person("talent", "a11y.talent@example.org", language)
    pages = main_pages(staff, talent)
    sessions = {
        role: signed_in_client(person).cookies["sessionid"].value
        for role, person in (("staff", staff), ("talent", talent))
    }
    found = []
    for role in ("anonymous", "staff", "talent"):
        context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
        # Injected into every page before the page's own scripts, outside its CSP.
        context.add_init_script(script=source)
        if role in sessions:
            context.add_cookies(
                [{"name": "sessionid", "value": sessions[role], "url": live_server.url}]
            )
        tab = context.new_page()
        for page in (page for page in pages if page.role == role):
            response = tab.goto(live_server.url + page.url(language))
            assert response.status == 200, (page, response.status)
            for violation in tab.evaluate(RUN_AXE):
                if violation["impact"] in BLOCKING:
                    found.append(
                        f"{page.label} ({role}): {violation['impact']} {violation['id']} – "
                        f"{violation['help']} {violation['targets']}"
                    )
        context.close()
    assert not found, "\n".join(found)
