"""A visitor's journey through the real pages in headless Chromium; nothing comes from elsewhere."""

from __future__ import annotations

import re

import pytest

from tests.browser.browsing import (
    assert_only_local_and_clean,
    assert_styled,
    expect,
    path_is,
)
from tests.conftest import make_person
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME_EN = "Lanzhou Science and Technology Innovation (Silicon Valley) Workstation"
NAME_ZH = "兰州科技创新（硅谷）工作站"
CJK = re.compile(r"[\u4e00-\u9fff]")


def switch_language(page, to_label: str, then_path: str) -> None:
    button = page.locator("form.language-switch button[name=language]")
    expect()(button).to_have_text(to_label)
    button.click()
    page.wait_for_url(path_is(page, then_path))


def test_switch_languages_and_sign_in_as_talent(page, browser_log):
    make_person("talent", "browser.talent@example.org", full_name="Browser Talent")

    # An English browser is sent from / to the English home page.
    page.goto(page.live_url + "/")
    page.wait_for_url(path_is(page, "/en/"))
    expect()(page.locator("html")).to_have_attribute("lang", "en")
    expect()(page.get_by_role("heading", level=1)).to_have_text(NAME_EN)
    expect()(page.locator("header .brand-en")).to_have_text(NAME_EN)
    assert_styled(page)

    # The switch shows the same page in Chinese.
    switch_language(page, "简体中文", "/zh-hans/")
    expect()(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect()(page.locator("header .brand-zh")).to_be_visible()
    expect()(page.locator("header .brand-zh")).to_have_text(NAME_ZH)
    expect()(page.get_by_role("heading", level=1)).to_have_text(NAME_ZH)
    assert_styled(page)

    # A second page, then back to English: the switch keeps the page.
    page.locator(".site-nav a[href='/zh-hans/about/']").click()
    page.wait_for_url(path_is(page, "/zh-hans/about/"))
    expect()(page.get_by_role("heading", level=1)).to_have_text(CJK)
    switch_language(page, "English", "/en/about/")
    expect()(page.locator("html")).to_have_attribute("lang", "en")
    expect()(page.get_by_role("heading", level=1)).to_have_text("About the workstation")

    # Sign in as a talent through the real form, from the header's link.
    page.locator(".account-nav").get_by_role("link", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(page.live_url + "/en/accounts/login/")))
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill("browser.talent@example.org")
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(page.live_url + "/en/") + r"(\?.*)?$"))
    account_nav = page.locator(".account-nav")
    expect()(account_nav.get_by_role("button", name="Sign out")).to_be_visible()
    expect()(account_nav.get_by_role("link", name="Browser")).to_be_visible()
    expect()(account_nav.get_by_role("link", name="Sign in")).to_have_count(0)

    assert_only_local_and_clean(page, browser_log)


@pytest.mark.parametrize(
    "browser_context_options",
    [
        {
            "locale": "en-US",
            "viewport": {"width": 390, "height": 844},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 3,
        }
    ],
)
@pytest.mark.parametrize("path", ["/en/", "/zh-hans/"])
def test_home_page_fits_a_phone(page, browser_log, path):
    page.goto(page.live_url + path)
    assert_styled(page)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"horizontal scroll on a phone: {widths}"
    # The narrow layout drops the long English name from the header.
    expect()(page.locator("header .brand-zh")).to_be_visible()
    expect()(page.locator("header .brand-en")).to_be_hidden()
    assert_only_local_and_clean(page, browser_log)
