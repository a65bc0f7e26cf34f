"""A talent's "For you" page: the policies tagged for people like them, the open Lanzhou demands
matching their expertise (with the reason), the upcoming public events; "I'm interested" on a
demand, recorded once (what staff see of it: tests/talentpool/interactions/)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from projects.demands.models import Demand
from projects.demands.services import save_demand
from talentpool.interactions.models import Interaction
from talentpool.interactions.services import record_demand_interest
from talentpool.profiles.services import complete_profile
from tests.factories import DemandFactory, EventFactory, PolicyPageFactory, TalentProfileFactory
from workstation.reference.models import Industry, Region

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"talentpool:{name}", kwargs=kwargs or None)


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(page: BeautifulSoup, heading_id: str) -> BeautifulSoup:
    return page.find(id=heading_id).find_parent("section")


def titles(part: BeautifulSoup) -> list[str]:
    return [" ".join(title.get_text(" ").split()) for title in part.find_all("h3")]


def text(part: BeautifulSoup) -> str:
    return " ".join(part.get_text(" ").split())


def policy(title: str, *, regions=(), **fields):
    page = PolicyPageFactory(title_en=title, title_zh_hans=f"{title}（中文）", **fields)
    page.audience_regions.set(Region.objects.filter(code__in=regions))
    return page


def demand(title_zh: str, title_en: str = "", *, description_zh: str = "", **fields):
    """A demand saved as staff save one (indexed for matching)."""
    made = DemandFactory.build(
        title_zh_hans=title_zh,
        title=title_zh,
        title_en=title_en,
        description_zh_hans=description_zh,
        **fields,
    )
    return save_demand(demand=made, actor=None)


@pytest.fixture
def new_energy():
    return Industry.objects.get(key="new_energy")


@pytest.fixture
def profile(talent, new_energy):
    """A Lanzhou native (Chengguan District) with a doctorate, who would start a company; a
    battery engineer."""
    made = TalentProfileFactory(
        user=talent,
        email=talent.email,
        source="self_registered",
        native_region=Region.objects.get(code="620102"),
        degree="doctorate",
        interests=["start_company"],
        industry=new_energy,
        expertise="锂电池, solid-state batteries",
    )
    complete_profile(profile=made, actor=talent, share_with_lanzhou=False, receive_news=False)
    return made


@pytest.fixture
def content(new_energy):
    """Policies, demands and events, some fitting the sample talent and some not."""
    biomedicine = Industry.objects.get(key="biomedicine")
    made = {
        "lanzhou_founders": policy(
            "Lanzhou founders", regions=["620100"], audience_interests=["start_company"]
        ),
        "gansu_doctors": policy(
            "Gansu doctors", regions=["620000"], audience_degrees=["doctorate"]
        ),
        "tianshui": policy("Tianshui natives", regions=["620500"]),
        "investors": policy("Investors", audience_interests=["invest"]),
        "untagged": policy("Untagged policy"),
        "draft": policy("Draft for Lanzhou", regions=["620100"], is_published=False),
        "cathode": demand(
            "锂电池正极材料技术需求",
            description_zh="希望引进锂电池正极材料技术。",
            industry=biomedicine,
        ),
        "pilot": demand("储能电站运维", "Energy storage operations", industry=new_energy),
        "drugs": demand("创新药物研发合作", "Drug discovery partners", industry=biomedicine),
        "closed": demand("锂电池回收", "Lithium battery recycling", is_active=False),
        "forum": EventFactory(title_en="Battery forum", title_zh_hans="电池论坛"),
        "past": EventFactory(
            title_en="Last year's forum", starts_at=timezone.now() - timedelta(days=40)
        ),
        "private": EventFactory(title_en="Staff retreat", is_public=False),
        "meeting": EventFactory(title_en="Monthly meeting", kind="monthly_meeting"),
    }
    return made


def test_the_page_chooses_what_fits_the_talent_and_says_why(clients, profile, content):
    page = soup(clients["talent"].get(url("for_you")))
    policies = section(page, "policies-heading")
    assert titles(policies) == ["Gansu doctors", "Lanzhou founders"]  # newest first
    assert "Native place: Lanzhou Interest: Start a company in Lanzhou" in text(policies)
    assert "Native place: Gansu Degree: Doctorate" in text(policies)

    demands = section(page, "demands-heading")
    # The shared keyword ranks above the industry alone; closed and unrelated demands stay out.
    assert titles(demands) == ["锂电池正极材料技术需求", "Energy storage operations"]
    cards = demands.find_all("li", class_="match-card")
    assert "Shared keywords: 锂电池" in text(cards[0])
    assert "Same industry" in text(cards[1]) and "Shared keywords" not in text(cards[1])
    # A title only in Chinese shows as such on the English page, marked.
    assert cards[0].find("h3")["lang"] == "zh-hans"
    assert "Translation missing" in text(cards[0])
    assert "示例兰州企业" not in text(cards[0]) and "Example Lanzhou Enterprise" in text(cards[0])
    assert len(demands.find_all("button", string="I'm interested")) == 2

    events = section(page, "events-heading")
    assert titles(events) == ["Battery forum"]


def test_in_chinese_the_titles_and_reasons_are_chinese(clients, profile, content):
    page = soup(clients["talent"].get(url("for_you", "zh-hans")))
    policies = section(page, "policies-heading")
    assert titles(policies) == ["Gansu doctors（中文）", "Lanzhou founders（中文）"]
    assert "籍贯：兰州市" in text(policies) and "学历：博士学位" in text(policies)
    demands = section(page, "demands-heading")
    assert titles(demands) == ["锂电池正极材料技术需求", "储能电站运维"]
    assert "共同关键词：锂电池" in text(demands) and "同一行业" in text(demands)
    assert titles(section(page, "events-heading")) == ["电池论坛"]


def test_nothing_fits_a_talent_from_elsewhere_with_other_skills(clients, talent, content):
    TalentProfileFactory(
        user=talent,
        native_region=Region.objects.get(code="610000"),  # Shaanxi
        expertise="",
        industry=None,
        interests=[],
    )
    page = soup(clients["talent"].get(url("for_you")))
    assert titles(section(page, "policies-heading")) == []
    assert "No policy is aimed at people with your profile yet." in text(page)
    assert "Add your expertise and industry to your profile" in text(page)
    assert titles(section(page, "events-heading")) == ["Battery forum"]


def test_a_talent_without_a_profile_is_asked_to_complete_it(clients, content):
    page = soup(clients["other_talent"].get(url("for_you")))
    assert "Tell us about yourself first" in text(page)
    assert page.find("a", string="Complete my profile")["href"] == url("profile_start")
    assert page.find(id="policies-heading") is None and page.find(id="demands-heading") is None
    assert titles(section(page, "events-heading")) == ["Battery forum"]


def test_the_talents_navigation_leads_to_the_page(clients, profile):
    for role in ("talent", "other_talent"):
        nav = soup(clients[role].get("/en/")).find("nav", class_="site-nav")
        assert nav.find("a", string="For you")["href"] == url("for_you")
    for role in ("anonymous", "official", "staff"):
        nav = soup(clients[role].get("/en/")).find("nav", class_="site-nav")
        assert nav.find("a", string="For you") is None


def test_i_am_interested_is_recorded_once_and_the_page_says_so(clients, profile, content):
    cathode = content["cathode"]
    target = url("demand_interest", pk=cathode.pk)
    first = clients["talent"].post(target, follow=True)
    assert first.redirect_chain == [(url("for_you") + f"#demand-{cathode.pk}", 302)]
    assert "Thank you: the workstation's staff will contact you about it." in text(soup(first))
    again = clients["talent"].post(target, follow=True)  # a double click
    assert "Thank you" not in text(soup(again))
    assert Interaction.objects.filter(profile=profile, demand=cathode).count() == 1

    page = soup(clients["talent"].get(url("for_you")))
    card = page.find(id=f"demand-{cathode.pk}")
    assert "You said you're interested" in text(card) and card.find("button") is None
    other = page.find(id=f"demand-{content['pilot'].pk}")
    assert other.find("button", string="I'm interested") is not None


def test_a_closed_demand_is_gone_from_the_talents_view(clients, profile, content):
    response = clients["talent"].post(url("demand_interest", pk=content["closed"].pk))
    assert response.status_code == 404
    assert not Interaction.objects.filter(profile=profile).exists()


def test_a_talent_without_a_profile_is_sent_to_make_one(clients, content):
    response = clients["other_talent"].post(url("demand_interest", pk=content["cathode"].pk))
    assert response.headers["Location"] == url("profile_start")
    assert not Interaction.objects.exists()


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_rows(number: int, start: int, industry) -> None:
    """Fitting policies, matching demands (some marked interesting) and upcoming events."""
    for index in range(start, start + number):
        policy(f"Policy {index}", regions=["620100", "620000"], audience_degrees=["doctorate"])
        demand(f"锂电池需求{index}", f"Battery need {index}", industry=industry)
        EventFactory(starts_at=timezone.now() + timedelta(days=index + 1))


def test_the_query_count_does_not_grow_with_the_rows(clients, profile, talent, new_energy):
    add_rows(2, 0, new_energy)
    few = queries(clients["talent"], url("for_you"))
    add_rows(30, 100, new_energy)
    for item in Demand.objects.all()[:5]:
        record_demand_interest(profile=profile, demand=item, actor=talent)
    assert queries(clients["talent"], url("for_you")) == few
