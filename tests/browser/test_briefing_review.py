"""The monthly briefing's review in headless Chromium: staff write and submit in English, an
official comments, requests changes and approves in Chinese, staff publish; nothing comes from
elsewhere."""

from __future__ import annotations

import re

import pytest

from reports.briefings.models import MonthlyBriefing, Status
from reports.editions.models import BriefingPDF
from tests.browser.browsing import act_as, assert_only_local_and_clean, path_is, session_of
from tests.conftest import make_person
from tests.factories import BriefingItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE_ZH = "湾区电池初创企业完成新一轮融资"
HEADLINE_EN = "Bay Area battery startup raises a new round"
COMMENT = "请补充这笔融资的金额和来源。"


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def open_briefing(page, home: str, nav: str, issue: str) -> None:
    """From the home page, through the header's link and the archive, to the briefing."""
    page.goto(page.live_url + home)
    page.locator(".site-nav").get_by_role("link", name=nav, exact=True).click()
    page.get_by_role("link", name=issue, exact=True).click()


def status_badge(page):
    return page.locator(".page-heading .briefing-status")


def messages(page):
    return page.locator(".messages")


def test_a_briefing_is_written_reviewed_in_chinese_and_published(page, live_server, browser_log):
    staff = make_person("staff", "briefing.staff@example.org", is_staff=True, full_name="Amy Staff")
    official = make_person(
        "official", "briefing.official@example.org", "zh-hans", full_name="王官员"
    )
    briefing = BriefingItemFactory().briefing
    detail_en = f"/en/reports/briefings/{briefing.pk}/"
    staff_session, official_session = session_of(staff), session_of(official)

    # 1. Staff open the month's briefing and add an item, in Chinese only at first.
    act_as(page, live_server, staff_session)
    open_briefing(page, "/en/", "Briefings", "2026, No. 10")
    page.wait_for_url(path_is(page, detail_en))
    expect()(page.get_by_role("heading", level=1)).to_have_text("Briefing 2026, No. 10")
    expect()(status_badge(page)).to_have_text("Draft")
    expect()(page.locator(".badge-missing")).to_have_count(0)

    section = page.locator("#section-venture_capital")
    expect()(section).to_contain_text("No item in this section yet.")
    section.get_by_role("link", name="Add an item").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Add an item")
    expect()(page.get_by_label("Section")).to_have_value("venture_capital")
    page.get_by_label("Headline in Chinese").fill(HEADLINE_ZH)
    page.get_by_label("Summary in Chinese").fill("一家固态电池初创企业完成了B轮融资。")
    page.get_by_label("Date").fill("2026-10-20")  # required, and not filled in beforehand
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text("The item is saved.")
    added = section.locator(".briefing-item")
    expect()(added).to_have_count(1)
    expect()(added).to_contain_text(HEADLINE_ZH)
    expect()(added.locator('.bilingual-part[lang="en"]')).to_contain_text("Translation missing")
    expect()(page.locator(".badge-missing")).to_have_count(1)
    expect()(page.locator(".briefing-actions .warning")).to_contain_text(
        "1 item has a missing or outdated translation"
    )

    # ... then give it its English and submit it for review.
    added.get_by_role("link", name="Edit").click()
    expect()(page.get_by_role("heading", level=1)).to_have_text("Edit the item")
    expect()(page.get_by_label("Headline in Chinese")).to_have_value(HEADLINE_ZH)
    page.get_by_label("Headline in English").fill(HEADLINE_EN)
    page.get_by_label("Summary in English").fill(
        "A solid-state battery startup closed its Series B."
    )
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text("The item is saved.")
    expect()(added).to_contain_text(HEADLINE_EN)
    expect()(page.locator(".badge-missing")).to_have_count(0)
    # A translation added to a text is as current as that text: nothing is outdated.
    expect()(page.locator(".badge-missing, .badge-outdated")).to_have_count(0)
    expect()(page.locator(".briefing-actions .warning")).to_have_count(0)

    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text(
        "The briefing is submitted; the officials are told by mail."
    )
    expect()(status_badge(page)).to_have_text("In review")
    expect()(page.locator(".briefing-actions")).to_contain_text(
        "Waiting for the Lanzhou bureau's review."
    )
    expect()(page.get_by_role("link", name="Add an item")).to_have_count(0)

    # 2. The official reads it in Chinese, comments on a section and requests changes.
    detail_zh = f"/zh-hans/reports/briefings/{briefing.pk}/"
    act_as(page, live_server, official_session)
    open_briefing(page, "/zh-hans/", "简报", "2026年第10期")
    page.wait_for_url(path_is(page, detail_zh))
    expect()(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect()(page.get_by_role("heading", level=1)).to_have_text("简报 2026年第10期")
    expect()(status_badge(page)).to_have_text("审阅中")
    section = page.locator("#section-venture_capital")
    expect()(section.get_by_role("heading", level=2)).to_have_text("风险投资")
    expect()(section).to_contain_text(HEADLINE_ZH)
    section.get_by_label("对本栏目提出意见").fill(COMMENT)
    section.get_by_role("button", name="添加意见").click()
    page.wait_for_url(path_is(page, detail_zh))
    expect()(messages(page)).to_contain_text("您的意见已添加。")
    expect()(section.locator(".review-comment")).to_contain_text(COMMENT)

    page.locator(".briefing-actions").get_by_role("button", name="要求修改", exact=True).click()
    page.wait_for_url(path_is(page, detail_zh))
    expect()(messages(page)).to_contain_text("您的修改要求已发送给工作站。")
    expect()(status_badge(page)).to_have_text("已要求修改")
    expect()(page.get_by_role("button", name="批准简报")).to_have_count(0)

    # 3. Staff find the comment under its section, rework the item and resubmit.
    act_as(page, live_server, staff_session)
    page.goto(page.live_url + detail_en)
    expect()(status_badge(page)).to_have_text("Changes requested")
    section = page.locator("#section-venture_capital")
    comment = section.locator(".review-comment")
    expect()(comment).to_have_count(1)
    expect()(comment).to_contain_text(COMMENT)
    expect()(comment).to_contain_text("Round 1")
    expect()(page.locator("#section-us_innovation .review-comment")).to_have_count(0)

    section.locator(".briefing-item").get_by_role("link", name="Edit").click()
    page.get_by_label("Summary in Chinese").fill(
        "一家固态电池初创企业完成了3000万美元的B轮融资（来源：公司新闻稿）。"
    )
    page.get_by_label("Summary in English").fill(
        "A solid-state battery startup closed a $30 million Series B (source: its press release)."
    )
    page.get_by_role("button", name="Save the item").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text("The item is saved.")
    expect()(status_badge(page)).to_have_text("Draft")
    expect()(page.locator(".briefing-history")).to_contain_text("Back to draft")
    expect()(section).to_contain_text("$30 million Series B")
    expect()(page.locator(".badge-missing, .badge-outdated")).to_have_count(0)

    page.get_by_role("button", name="Resubmit for review").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text(
        "The briefing is submitted; the officials are told by mail."
    )
    expect()(status_badge(page)).to_have_text("In review")
    expect()(page.locator(".page-heading + p.meta")).to_contain_text("Review round 2.")

    # 4. The official approves it.
    act_as(page, live_server, official_session)
    page.goto(page.live_url + detail_zh)
    expect()(status_badge(page)).to_have_text("审阅中")
    expect()(page.locator("#section-venture_capital")).to_contain_text("3000万美元")
    page.get_by_role("button", name="批准简报").click()
    page.wait_for_url(path_is(page, detail_zh))
    expect()(messages(page)).to_contain_text("简报已批准。")
    expect()(status_badge(page)).to_have_text("已批准")
    expect()(page.locator(".briefing-actions")).to_contain_text("已批准，等待工作站发布。")

    # 5. Staff publish it: its three final editions are being made.
    act_as(page, live_server, staff_session)
    page.goto(page.live_url + detail_en)
    expect()(status_badge(page)).to_have_text("Approved")
    page.get_by_role("button", name="Publish the briefing").click()
    page.wait_for_url(path_is(page, detail_en))
    expect()(messages(page)).to_contain_text(
        "The briefing is published; its PDF editions are being made and everyone is told."
    )
    expect()(status_badge(page)).to_have_text("Published")
    expect()(page.locator(".briefing-actions")).to_contain_text("Published ")
    pdfs = page.locator("#pdfs")
    expect()(pdfs.get_by_role("heading", name="Published editions")).to_be_visible()
    editions = pdfs.locator(".pdf-list li")
    expect()(editions).to_have_count(3)
    languages = editions.locator(".pdf-language").all_inner_texts()
    assert sorted(languages) == ["Bilingual", "Chinese", "English"], languages
    for index in range(3):
        expect()(editions.nth(index)).to_contain_text(re.compile(r"Being made|Download the PDF"))
    expect()(pdfs.get_by_role("button", name="Make a draft PDF")).to_have_count(0)

    briefing = MonthlyBriefing.objects.get(pk=briefing.pk)
    assert briefing.status == Status.PUBLISHED and briefing.review_round == 2
    assert briefing.approved_by == official and briefing.published_by == staff
    assert list(briefing.comments.values_list("section", "body")) == [("venture_capital", COMMENT)]
    assert briefing.pdfs.filter(kind=BriefingPDF.Kind.PUBLISHED).count() == 3
    assert_only_local_and_clean(page, browser_log)
