"""A campaign in headless Chromium, on the Chinese site: staff write it in both languages, read the
preview, send themselves a test, choose the audience and send it; the real worker mails it to the
SMTP sink and the page's counts follow by themselves. Nothing comes from elsewhere."""

from __future__ import annotations

import pytest

from talentpool.campaigns.models import Campaign
from tests.browser.browsing import act_as, assert_only_local_and_clean, expect, path_is, session_of
from tests.conftest import make_person
from tests.factories import PolicyPageFactory, TalentProfileFactory, receive_news
from workstation.reference.models import Region

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SUBJECT_ZH = "兰州人才政策说明会邀请"
SUBJECT_EN = "Invitation: Lanzhou talent policy briefing"


def test_staff_write_preview_test_and_send_a_campaign_in_chinese(
    page, live_server, browser_log, celery_worker, smtp_sink
):
    staff = make_person("staff", "campaign.staff@example.org", is_staff=True, full_name="李工")
    lanzhou, tianshui = Region.objects.get(code="620102"), Region.objects.get(code="620500")
    chinese_reader = receive_news(
        TalentProfileFactory(native_region=lanzhou, preferred_language="zh-hans")
    )
    english_reader = receive_news(TalentProfileFactory(native_region=lanzhou))
    receive_news(TalentProfileFactory(native_region=tianshui))  # outside the audience
    TalentProfileFactory(native_region=lanzhou)  # no consent to news
    PolicyPageFactory(title_zh_hans="2027年海外人才政策", title_en="Overseas talent 2027")

    # Write: both languages side by side, and the policy it points to.
    act_as(page, live_server, session_of(staff))
    page.goto(page.live_url + "/zh-hans/")
    page.locator(".site-nav").get_by_role("link", name="群发邮件", exact=True).click()
    page.get_by_role("link", name="新建群发邮件").click()
    page.get_by_label("中文主题").fill(SUBJECT_ZH)
    page.get_by_label("英文主题").fill(SUBJECT_EN)
    page.get_by_label("中文正文").fill("诚邀您参加**说明会**。")
    page.get_by_label("英文正文").fill("Join us at the **briefing**.")
    page.get_by_label("政策").select_option(label="2027年海外人才政策")
    page.get_by_role("button", name="保存").click()
    campaign = Campaign.objects.get()
    detail = f"/zh-hans/talent/campaigns/{campaign.pk}/"
    page.wait_for_url(path_is(page, detail))
    expect()(page.locator(".messages")).to_contain_text("群发邮件已保存")

    # Preview: the mail in each language, rich text rendered, the policy in both languages.
    chinese = page.locator('.campaign-preview[lang="zh-hans"]')
    english = page.locator('.campaign-preview[lang="en"]')
    expect()(chinese.locator(".campaign-subject")).to_have_text(SUBJECT_ZH)
    expect()(chinese.locator("strong")).to_have_text("说明会")
    expect()(english.locator("strong")).to_have_text("briefing")
    expect()(chinese.locator(".campaign-links li")).to_have_text(
        ["2027年海外人才政策", "Overseas talent 2027"]
    )
    expect()(page.locator(".badge-missing")).to_have_count(0)

    # A test to oneself, in both languages.
    page.get_by_role("button", name="给我发一封测试邮件").click()
    expect()(page.locator(".messages")).to_contain_text(f"测试邮件正在发往 {staff.email}")
    tests = smtp_sink.wait_for(2, to=staff.email, timeout=20)
    assert sorted(mail.subject for mail in tests) == sorted(
        [f"[测试] {SUBJECT_ZH}", f"[Test] {SUBJECT_EN}"]
    )

    # The audience: the directory's filters, counted, then used.
    page.get_by_role("link", name="选择收件范围").first.click()
    page.get_by_label("兰州籍人才").check()
    page.get_by_role("button", name="统计人数").click()
    expect()(page.locator(".result-count")).to_have_text("按这些筛选条件，共有 2 人收到这封邮件。")
    page.get_by_role("button", name="使用此收件范围").click()
    page.wait_for_url(path_is(page, detail))
    expect()(page.locator(".campaign-audience-filters")).to_contain_text("兰州籍人才")

    # Send, after the browser's question; the counts then follow by themselves.
    questions = []
    page.once("dialog", lambda dialog: questions.append(dialog.message) or dialog.accept())
    page.get_by_role("button", name="发送给 2 人").click()
    expect()(page.locator(".messages")).to_contain_text("已开始发送：共 2 封邮件")
    assert questions == ["现在就把这封邮件发给 2 人吗？发送后不能再修改。"]
    expect()(page.locator('[data-count="sent"]')).to_have_text("2", timeout=30_000)
    expect()(page.locator("[data-state-label]")).to_have_text("已发送")
    expect()(page.locator('[data-count="queued"]')).to_have_text("0")
    expect()(page.get_by_role("link", name="编辑邮件")).to_have_count(0)

    (to_chinese,) = smtp_sink.wait_for(1, to=chinese_reader.email)
    (to_english,) = smtp_sink.wait_for(1, to=english_reader.email)
    assert (to_chinese.subject, to_english.subject) == (SUBJECT_ZH, SUBJECT_EN)
    assert "/zh-hans/talent/unsubscribe/" in to_chinese.body
    assert len(smtp_sink.messages) == 4  # the two tests and the two readers, nobody else
    assert_only_local_and_clean(page, browser_log)
