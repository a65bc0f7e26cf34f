"""The campaign pages, as staff use them: write, preview in both languages, choose the audience
with the directory's filters and see its count, test on oneself, send, follow the counts; and
what is refused, with a message, keeping what was typed."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from talentpool.campaigns import services
from talentpool.campaigns.models import Campaign, CampaignState
from tests.conftest import signed_in_client
from tests.factories import (
    CampaignFactory,
    PolicyPageFactory,
    TalentProfileFactory,
    receive_news,
)
from workstation.reference.models import Region
from workstation.reminders.models import Reminder

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"talentpool:{name}", kwargs=kwargs)


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def staff_client(staff):
    return signed_in_client(staff)


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    """The worker's part is test_sending.py's: here nothing is handed to a worker."""
    monkeypatch.setattr(services, "enqueue_queueing", lambda pk: True)
    monkeypatch.setattr(services, "enqueue_batch", lambda pk, countdown=0: True)


def readers(count: int, **values):
    return [receive_news(TalentProfileFactory(**values)) for _ in range(count)]


MAIL = {
    "subject_zh_hans": "兰州人才政策说明会",
    "subject_en": "Lanzhou talent policy briefing",
    "body_zh_hans": "欢迎参加**说明会**。",
    "body_en": "Join the **briefing**.",
}


def test_staff_write_preview_choose_the_audience_and_send(staff_client, staff):
    chengguan = Region.objects.get(code="620102")
    readers(3, native_region=chengguan)
    readers(2, native_region=Region.objects.get(code="620500"))
    TalentProfileFactory(native_region=chengguan)  # no consent: never counted

    # Written in Chinese first: saved, and the page says English is missing.
    response = staff_client.post(
        url("campaign_create"), {"subject_zh_hans": MAIL["subject_zh_hans"], "body_zh_hans": "你好"}
    )
    campaign = Campaign.objects.get()
    assert response.url == url("campaign_detail", pk=campaign.pk)
    page = text_of(staff_client.get(response.url))
    assert "Translation missing" in page
    assert "The subject and the text are needed in Chinese and in English" in page
    assert "Send to" not in page

    response = staff_client.post(url("campaign_edit", pk=campaign.pk), MAIL)
    assert response.status_code == 302
    detail = staff_client.get(url("campaign_detail", pk=campaign.pk))
    soup = BeautifulSoup(detail.content, "html.parser")
    previews = {part["lang"]: part for part in soup.select(".campaign-preview")}
    assert previews["zh-hans"].select_one(".campaign-subject").get_text() == "兰州人才政策说明会"
    assert previews["zh-hans"].find("strong").get_text() == "说明会"
    assert previews["en"].find("strong").get_text() == "briefing"
    assert "5 people" in text_of(detail)
    assert soup.select_one("button.campaign-send").get_text(strip=True) == "Send to 5 people"

    # The audience: the directory's filters, a count, then saved.
    audience = url("campaign_audience", pk=campaign.pk)
    page = staff_client.get(audience)
    assert "5 people receive the campaign with these filters." in text_of(page)
    choice = {"district": str(chengguan.pk), "action": "count"}
    page = staff_client.post(audience, choice)
    assert "3 people receive the campaign with these filters." in text_of(page)
    assert Campaign.objects.get().audience == {}  # counted, not saved
    response = staff_client.post(audience, {**choice, "action": "save"})
    assert response.url == url("campaign_detail", pk=campaign.pk)
    page = text_of(staff_client.get(response.url))
    assert "Lanzhou district or county: Chengguan District" in page
    assert "Send to 3 people" in page

    response = staff_client.post(url("campaign_send", pk=campaign.pk), follow=True)
    assert "Sending started: 3 mails go out at 60 a minute." in text_of(response)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.SENDING and campaign.started_by == staff
    assert campaign.recipients == 3

    # Once sending started, the mail and its audience stay as they are.
    for name in ("campaign_edit", "campaign_audience"):
        response = staff_client.get(url(name, pk=campaign.pk), follow=True)
        assert "it can no longer be changed" in text_of(response)
    response = staff_client.post(url("campaign_edit", pk=campaign.pk), {**MAIL, "subject_en": "X"})
    assert response.status_code == 302
    response = staff_client.post(url("campaign_send", pk=campaign.pk), follow=True)
    assert "being sent or was sent already" in text_of(response)
    campaign.refresh_from_db()
    assert campaign.subject_en == MAIL["subject_en"]


def test_the_progress_shows_live_counts(staff_client, staff):
    readers(3)
    campaign = CampaignFactory()
    services.start_sending(campaign=campaign, actor=staff)
    progress = url("campaign_progress", pk=campaign.pk)
    # Not queued yet: the people counted at the click wait.
    assert staff_client.get(progress).json() == {
        "state": "sending",
        "state_label": "Sending",
        "queued": 3,
        "sent": 0,
        "failed": 0,
        "skipped": 0,
    }
    services.queue_mails(campaign_id=campaign.pk)
    mails = Reminder.objects.filter(kind=services.CAMPAIGN_KIND).order_by("pk")
    Reminder.objects.filter(pk=mails[0].pk).update(state="sent")
    Reminder.objects.filter(pk=mails[1].pk).update(state="failed")
    answer = staff_client.get(progress)
    assert answer["Cache-Control"].startswith("max-age=0")
    assert (answer.json()["queued"], answer.json()["sent"], answer.json()["failed"]) == (1, 1, 1)

    page = staff_client.get(url("campaign_detail", pk=campaign.pk))
    soup = BeautifulSoup(page.content, "html.parser")
    section = soup.select_one("[data-progress-url][data-refresh]")
    assert section["data-progress-url"] == progress
    assert {dd["data-count"]: dd.get_text() for dd in section.select("[data-count]")} == {
        "queued": "1",
        "sent": "1",
        "failed": "1",
        "skipped": "0",
    }
    assert soup.find("script", src=lambda src: src and "campaign_progress" in src)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"body_en": "Only a text"}, "subject_zh_hans", "Write the subject in at least one"),
        ({**MAIL, "subject_en": "x" * 201}, "subject_en", "at most 200 characters"),
    ],
)
def test_bad_input_is_refused_and_keeps_what_was_typed(staff_client, data, field, message):
    response = staff_client.post(url("campaign_create"), data)
    assert response.status_code == 200
    assert message in text_of(response)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[name=body_en]").get_text().strip() == data["body_en"]
    assert not Campaign.objects.exists()


def test_one_linked_page_at_most_and_only_public_ones(staff_client):
    policy = PolicyPageFactory()
    draft = PolicyPageFactory(is_published=False, title_en="Draft policy")
    from tests.factories import NewsPostFactory

    post = NewsPostFactory()
    page = staff_client.get(url("campaign_create"))
    soup = BeautifulSoup(page.content, "html.parser")
    offered = [option["value"] for option in soup.select("select[name=policy] option")]
    assert str(policy.pk) in offered and str(draft.pk) not in offered
    response = staff_client.post(
        url("campaign_create"), {**MAIL, "policy": policy.pk, "news_post": post.pk}
    )
    assert "Link one page at most" in text_of(response)
    assert not Campaign.objects.exists()


def test_the_audience_page_refuses_bad_filters_with_a_message(staff_client):
    campaign = CampaignFactory()
    response = staff_client.post(
        url("campaign_audience", pk=campaign.pk),
        {"registered_since": "2999-01-01", "action": "save"},
    )
    assert response.status_code == 200
    assert "The date cannot be in the future." in text_of(response)
    campaign.refresh_from_db()
    assert campaign.audience == {}


def test_sending_to_nobody_is_refused_with_a_message(staff_client):
    campaign = CampaignFactory()
    page = text_of(staff_client.get(url("campaign_detail", pk=campaign.pk)))
    assert "Nobody in this audience consents to news and invitations" in page
    response = staff_client.post(url("campaign_send", pk=campaign.pk), follow=True)
    assert "Nobody in this audience consents" in text_of(response)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT


def test_a_test_mail_is_sent_to_the_writer(staff_client, staff):
    campaign = CampaignFactory()
    response = staff_client.post(url("campaign_test", pk=campaign.pk), follow=True)
    assert f"A test mail in Chinese and English is on its way to {staff.email}." in text_of(
        response
    )
    assert set(
        Reminder.objects.filter(kind=services.TEST_KIND).values_list("recipient_email", flat=True)
    ) == {staff.email}


def test_the_pages_speak_chinese(staff_client):
    readers(2)
    campaign = CampaignFactory(body_en="")
    for name, kwargs in (
        ("campaign_list", {}),
        ("campaign_create", {}),
        ("campaign_detail", {"pk": campaign.pk}),
        ("campaign_audience", {"pk": campaign.pk}),
    ):
        page = text_of(staff_client.get(url(name, "zh-hans", **kwargs)))
        assert "Campaign" not in page and "campaign" not in page, name
    detail = text_of(staff_client.get(url("campaign_detail", "zh-hans", pk=campaign.pk)))
    assert "缺少译文" in detail and "发送前需要中英文的主题和正文" in detail


def test_officials_and_talents_see_no_campaign(clients):
    campaign = CampaignFactory()
    for role in ("official", "talent"):
        for name, kwargs in (
            ("campaign_list", {}),
            ("campaign_detail", {"pk": campaign.pk}),
            ("campaign_progress", {"pk": campaign.pk}),
        ):
            assert clients[role].get(url(name, **kwargs)).status_code == 403
    page = clients["official"].get(reverse("talentpool:directory")).content.decode()
    assert url("campaign_list") not in page


def test_the_list_shows_each_campaigns_state_and_counts(staff_client, staff):
    readers(2)
    sent = CampaignFactory()
    services.start_sending(campaign=sent, actor=staff)
    Campaign.objects.filter(pk=sent.pk).update(
        state=CampaignState.SENT, sent_count=2, failed_count=0
    )
    CampaignFactory(subject_en="Draft one")
    page = staff_client.get(url("campaign_list"))
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("th, td")]
        for row in BeautifulSoup(page.content, "html.parser").select("tbody tr")
    ]
    assert [row[:5] for row in rows] == [
        ["Draft one", "Draft", "—", "—", "—"],
        [sent.subject_en, "Sent", "2", "2", "0"],
    ]


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_list_query_count_does_not_grow(staff_client, staff):
    readers(3)

    def add(number: int) -> None:
        for _ in range(number):
            for state in ("draft", "sending", "sent"):
                campaign = CampaignFactory(created_by=staff)
                if state != "draft":
                    services.start_sending(campaign=campaign, actor=staff)
                    services.queue_mails(campaign_id=campaign.pk)
                if state == "sent":
                    Campaign.objects.filter(pk=campaign.pk).update(state=state, sent_count=3)

    add(1)
    few = queries(staff_client, url("campaign_list"))
    add(6)
    assert queries(staff_client, url("campaign_list")) == few
