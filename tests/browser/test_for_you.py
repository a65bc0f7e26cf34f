"""A talent on a phone opens "For you" from the menu, reads the policy tagged for them and the
Lanzhou demand matching their expertise with its reason, and says they are interested: the button
gives way to a note, and staff find the interest in the person's interaction log."""

from __future__ import annotations

import pytest

from projects.demands.services import save_demand
from talentpool.interactions.models import Interaction
from talentpool.profiles.services import complete_profile
from tests.browser.browsing import (
    TALENTS_PHONE,
    act_as,
    assert_only_local_and_clean,
    assert_styled,
    expect,
    fits_the_phone,
    session_of,
)
from tests.conftest import make_person
from tests.factories import DemandFactory, EventFactory, PolicyPageFactory, TalentProfileFactory
from workstation.reference.models import Industry, Region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"locale": "zh-CN", **TALENTS_PHONE}


@pytest.mark.parametrize("browser_context_options", [PHONE])
def test_a_talent_reads_for_you_on_a_phone_and_marks_interest(page, live_server, browser_log):
    talent = make_person("talent", "phone.talent@example.org", "zh-hans", full_name="刘洋")
    profile = TalentProfileFactory(
        user=talent,
        email=talent.email,
        native_region=Region.objects.get(code="lanzhou-new-area"),
        interests=["start_company"],
        industry=Industry.objects.get(key="new_energy"),
        expertise="固态锂电池, solid-state batteries",
    )
    complete_profile(profile=profile, actor=talent, share_with_lanzhou=False, receive_news=False)
    founders = PolicyPageFactory(
        title_zh_hans="兰州市海外人才创业扶持（示例）",
        title_en="Lanzhou support for founders (sample)",
        audience_interests=["start_company"],
    )
    founders.audience_regions.set(Region.objects.filter(code="620100"))
    PolicyPageFactory(title_zh_hans="兰州市人才政策总览（示例）")  # untagged: not "for you"
    demand = save_demand(
        demand=DemandFactory.build(
            title="锂电池正极材料技术需求",
            title_zh_hans="锂电池正极材料技术需求",
            description_zh_hans="希望引进锂电池正极材料技术。",
        ),
        actor=None,
    )
    EventFactory(title_zh_hans="兰州投资与人才大会", kind="conference")

    act_as(page, live_server, session_of(talent))
    page.goto(f"{live_server.url}/zh-hans/")
    page.get_by_role("button", name="菜单").click()
    page.locator(".site-nav").get_by_role("link", name="为您推荐", exact=True).click()
    page.wait_for_url(f"{live_server.url}/zh-hans/talent/me/for-you/")
    expect()(page.get_by_role("heading", level=1)).to_have_text("为您推荐")
    assert_styled(page)
    fits_the_phone(page)

    policies = page.locator("section", has=page.locator("#policies-heading"))
    expect()(policies.get_by_role("heading", level=3)).to_have_text(
        ["兰州市海外人才创业扶持（示例）"]
    )
    expect()(policies).to_contain_text("籍贯：兰州市")
    expect()(policies).to_contain_text("合作意向：在兰州创业")

    card = page.locator(f"#demand-{demand.pk}")
    expect()(card.get_by_role("heading", level=3)).to_have_text("锂电池正极材料技术需求")
    expect()(card).to_contain_text("共同关键词：锂电池")
    card.get_by_text("描述").click()
    expect()(card).to_contain_text("希望引进锂电池正极材料技术。")
    expect()(page.locator("#events-heading + article")).to_contain_text("兰州投资与人才大会")

    card.get_by_role("button", name="我感兴趣").click()
    page.wait_for_url(f"{live_server.url}/zh-hans/talent/me/for-you/#demand-{demand.pk}")
    expect()(page.locator(".messages")).to_contain_text("工作站工作人员将就此与您联系")
    card = page.locator(f"#demand-{demand.pk}")
    expect()(card).to_contain_text("您已表示感兴趣")
    expect()(card.get_by_role("button", name="我感兴趣")).to_have_count(0)
    fits_the_phone(page)
    assert_only_local_and_clean(page, browser_log)

    entry = Interaction.objects.get(profile=profile)
    assert (entry.kind, entry.demand_id, entry.recorded_by_id) == (
        "demand_interest",
        demand.pk,
        talent.pk,
    )
