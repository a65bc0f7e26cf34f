"""Campaigns, in the test process: what staff may do with one, who receives it, and the mails
(to Django's outbox, or over real SMTP to the loopback sink). The worker tests are in
test_sending.py."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from talentpool.campaigns import services
from talentpool.campaigns.models import Campaign, CampaignState
from talentpool.campaigns.services import CAMPAIGN_KIND, CampaignError
from talentpool.consents.models import Consent
from talentpool.profiles.models import TalentProfile
from tests.factories import (
    CampaignFactory,
    EventFactory,
    NewsPostFactory,
    PolicyPageFactory,
    TalentProfileFactory,
    receive_news,
)
from workstation.audit.models import AuditEntry
from workstation.reference.models import Region
from workstation.reminders.models import Reminder

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
LINK = re.compile(r"https?://\S+")


def reader(language: str = "en", **values) -> TalentProfile:
    """A profile whose person consents to news and invitations."""
    return receive_news(TalentProfileFactory(preferred_language=language, **values))


def mails_of(campaign: Campaign):
    return Reminder.objects.filter(kind=CAMPAIGN_KIND, object_id=campaign.pk)


@pytest.fixture
def fast(settings):
    """Ten mails a batch, a new batch every second."""
    settings.CAMPAIGN_SEND_RATE = 600
    return settings


def started(campaign: Campaign, staff) -> Campaign:
    """Sent as the view does, its mails queued as the worker does (enqueueing nothing)."""
    services.start_sending(campaign=campaign, actor=staff)
    services.queue_mails(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    return campaign


@pytest.fixture(autouse=True)
def no_broker(monkeypatch):
    """Batches are run by the tests themselves here."""
    enqueued = []
    monkeypatch.setattr(
        services, "enqueue_queueing", lambda pk: enqueued.append(("queue", pk)) or True
    )
    monkeypatch.setattr(
        services, "enqueue_batch", lambda pk, countdown=0: enqueued.append(("batch", pk)) or True
    )
    return enqueued


def run_batch(campaign: Campaign) -> str:
    """A batch, its time slot made due first (as when its countdown has passed)."""
    Campaign.objects.filter(pk=campaign.pk).update(next_batch_at=None)
    return services.send_batch(campaign_id=campaign.pk)


# --- Writing


def test_only_staff_write_test_and_send(talent, official):
    campaign = CampaignFactory()
    reader()
    for person in (talent, official):
        with pytest.raises(PermissionDenied):
            services.save_campaign(campaign=campaign, actor=person)
        with pytest.raises(PermissionDenied):
            services.choose_audience(campaign=campaign, filters={}, actor=person)
        with pytest.raises(PermissionDenied):
            services.send_test(campaign=campaign, actor=person)
        with pytest.raises(PermissionDenied):
            services.start_sending(campaign=campaign, actor=person)
    assert Campaign.objects.get().state == CampaignState.DRAFT
    assert not Campaign.objects.visible_to(official).exists()
    assert not Campaign.objects.visible_to(talent).exists()


def test_saving_is_audited_without_the_text(staff):
    campaign = services.save_campaign(
        campaign=Campaign(subject_en="Hello", body_en="Secret plans"),
        actor=staff,
        changed=["subject_en", "body_en"],
    )
    entry = AuditEntry.objects.get(action="campaign.created")
    assert entry.actor == staff and entry.object_id == str(campaign.pk)
    assert entry.details == {"fields": ["body_en", "subject_en"]}
    assert campaign.created_by == staff


def test_nothing_changes_once_sending_started(staff, fast):
    reader()
    campaign = started(CampaignFactory(), staff)
    campaign.subject_en = "Changed"
    with pytest.raises(CampaignError, match="can no longer be changed"):
        services.save_campaign(campaign=campaign, actor=staff)
    with pytest.raises(CampaignError, match="can no longer be changed"):
        services.choose_audience(campaign=campaign, filters={"lanzhou": "on"}, actor=staff)
    with pytest.raises(CampaignError, match="already"):
        services.start_sending(campaign=campaign, actor=staff)
    campaign.refresh_from_db()
    assert campaign.subject_en != "Changed" and campaign.audience == {}


# --- The audience


def test_the_audience_is_the_directorys_filters_among_people_who_take_news(staff, talent):
    chengguan = Region.objects.get(code="620102")
    tianshui = Region.objects.get(code="620500")
    lanzhou_reader = reader(native_region=chengguan, interests=["invest"])
    reader(native_region=tianshui, interests=["invest"])
    reader(native_region=chengguan, interests=["speak"])
    TalentProfileFactory(native_region=chengguan, interests=["invest"])  # never consented
    withdrawn = reader(native_region=chengguan, interests=["invest"])
    receive_news(withdrawn, given=False)
    reader(native_region=chengguan, interests=["invest"], email="")  # no address to write to
    # The same person twice (a duplicate not merged yet): one mail.
    reader(native_region=chengguan, interests=["invest"], email=lanzhou_reader.email.upper())

    campaign = CampaignFactory()
    filters = {"prefecture": str(Region.objects.get(code="620100").pk), "interest": "invest"}
    services.choose_audience(campaign=campaign, filters=filters, actor=staff)
    campaign.refresh_from_db()
    assert campaign.audience == filters
    assert services.count_audience(campaign.audience) == 1
    assert services.count_audience({}) == 3  # everyone who takes news, one per address

    with pytest.raises(CampaignError):
        services.choose_audience(
            campaign=campaign, filters={"registered_since": "2999-01-01"}, actor=staff
        )
    campaign.refresh_from_db()
    assert campaign.audience == filters


def test_queueing_writes_one_mail_per_address_and_is_safe_twice(staff, fast):
    first = reader()
    twin = reader(email=first.email.upper())
    others = [reader() for _ in range(3)]
    TalentProfileFactory()  # no consent
    campaign = started(CampaignFactory(), staff)
    assert campaign.recipients == 4 and campaign.outbox_built_at is not None

    assert services.queue_mails(campaign_id=campaign.pk) == 0  # built already: nothing more
    mails = mails_of(campaign)
    assert mails.count() == 4
    periods = set(mails.values_list("period", flat=True))
    assert periods == {str(profile.pk) for profile in [first, *others]}
    assert str(twin.pk) not in periods
    assert set(mails.values_list("state", flat=True)) == {Reminder.State.PENDING}


# --- Refusals before sending


def test_an_audience_of_nobody_is_refused(staff):
    TalentProfileFactory()  # in the pool, without the consent
    campaign = CampaignFactory()
    with pytest.raises(CampaignError, match="Nobody in this audience consents"):
        services.start_sending(campaign=campaign, actor=staff)
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.DRAFT and campaign.started_at is None


@pytest.mark.parametrize("missing", ["subject_zh_hans", "body_en"])
def test_a_missing_language_is_refused(staff, missing):
    reader()
    campaign = CampaignFactory(**{missing: ""})
    count, problems = services.sending_check(campaign)
    assert count == 1
    assert problems == [
        "The subject and the text are needed in Chinese and in English before sending: see "
        "what is marked “translation missing”."
    ]
    with pytest.raises(CampaignError, match="needed in Chinese and in English"):
        services.start_sending(campaign=campaign, actor=staff)
    assert not mails_of(campaign).exists()


def test_a_link_to_a_page_that_is_not_public_is_refused(staff):
    reader()
    draft = PolicyPageFactory(is_published=False)
    campaign = CampaignFactory(policy=draft)
    with pytest.raises(CampaignError, match="not public"):
        services.start_sending(campaign=campaign, actor=staff)


# --- The mails


def test_each_person_gets_the_mail_in_their_language_with_the_unsubscribe_link(
    staff, fast, mailoutbox
):
    english, chinese = reader("en"), reader("zh-hans")
    policy = PolicyPageFactory(title_en="Talent policy 2027", title_zh_hans="2027年人才政策")
    campaign = started(CampaignFactory(policy=policy), staff)

    assert run_batch(campaign) == "sent"

    assert len(mailoutbox) == 2
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    mail = by_address[english.email]
    assert mail.subject == campaign.subject_en
    assert "Join the **briefing**" in mail.body  # the Markdown as written, in plain text
    assert not CJK.search(mail.body.split("Read more:")[0])
    # The linked page in both languages, the reader's first.
    assert mail.body.index("Talent policy 2027") < mail.body.index("2027年人才政策")
    assert "/en/policies/" in mail.body and "/zh-hans/policies/" in mail.body
    html, kind = mail.alternatives[0]
    assert kind == "text/html"
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("strong").get_text() == "briefing"
    assert soup.html["lang"] == "en"

    zh = by_address[chinese.email]
    assert zh.subject == campaign.subject_zh_hans
    assert "欢迎参加" in zh.body and "/zh-hans/talent/unsubscribe/" in zh.body
    assert zh.body.index("2027年人才政策") < zh.body.index("Talent policy 2027")

    for message in (mail, zh):
        (link,) = [url for url in LINK.findall(message.body) if "/unsubscribe/" in url]
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert link in message.alternatives[0][0]  # a visible link in the HTML part too


def test_a_batch_sends_at_the_rate_and_the_campaign_ends_sent(staff, fast, mailoutbox):
    people = [reader() for _ in range(25)]
    campaign = started(CampaignFactory(), staff)
    assert services.batch_size() == 100  # 600 a minute: 100 every 10 seconds

    fast.CAMPAIGN_SEND_RATE = 60  # 10 every 10 seconds
    assert services.send_batch(campaign_id=campaign.pk) == "sent"
    assert len(mailoutbox) == 10
    # The next slot is 10 seconds away: an early batch (e.g. enqueued twice) sends nothing.
    assert services.send_batch(campaign_id=campaign.pk) == "not due"
    assert len(mailoutbox) == 10
    campaign.refresh_from_db()
    assert timedelta(seconds=9) < campaign.next_batch_at - timezone.now() <= timedelta(seconds=10)

    # A batch a moment early (another host's clock) is on time: the chain goes on.
    Campaign.objects.filter(pk=campaign.pk).update(
        next_batch_at=timezone.now() + timedelta(milliseconds=500)
    )
    assert services.send_batch(campaign_id=campaign.pk) == "sent"
    assert run_batch(campaign) == "sent"
    assert len(mailoutbox) == 25
    assert run_batch(campaign) == "finished"
    campaign.refresh_from_db()
    assert (campaign.state, campaign.sent_count, campaign.failed_count) == ("sent", 25, 0)
    assert campaign.finished_at is not None
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in people)
    assert services.send_batch(campaign_id=campaign.pk) == "not sending"
    assert AuditEntry.objects.filter(action="campaign.sent").get().details["sent"] == 25


def test_an_unsubscribe_between_queueing_and_sending_wins(staff, fast, mailoutbox):
    staying, leaving, moved, deleted = reader(), reader(), reader(), reader()
    campaign = started(CampaignFactory(), staff)
    receive_news(leaving, given=False)
    TalentProfile.objects.filter(pk=moved.pk).update(email="new-address@example.org")
    deleted.delete()

    assert run_batch(campaign) == "sent"
    assert [mail.to for mail in mailoutbox] == [[staying.email]]
    assert run_batch(campaign) == "finished"
    campaign.refresh_from_db()
    progress = services.progress_of([campaign])[campaign.pk]
    assert (progress.sent, progress.skipped, progress.queued) == (1, 3, 0)


def test_a_refusing_mail_server_pauses_the_campaign(staff, fast, smtp_settings, smtp_sink):
    reader(), reader()
    campaign = started(CampaignFactory(), staff)
    smtp_sink.refuse = True

    assert run_batch(campaign) == "deferred"
    campaign.refresh_from_db()
    assert campaign.next_batch_at - timezone.now() > timedelta(minutes=4)
    first = mails_of(campaign).order_by("pk").first()
    assert (first.state, first.attempts) == (Reminder.State.PENDING, 1)
    assert mails_of(campaign).filter(attempts=0).count() == 1  # the batch stopped there

    smtp_sink.refuse = False
    assert run_batch(campaign) == "sent"
    assert len(smtp_sink.wait_for(2)) == 2


def test_an_unreachable_mail_server_leaves_every_mail_pending(staff, fast, settings):
    from tests.fixtures.smtp import free_port

    reader()
    campaign = started(CampaignFactory(), staff)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    assert run_batch(campaign) == "deferred"
    assert mails_of(campaign).get().state == Reminder.State.PENDING


def test_a_mail_in_a_dead_workers_hands_waits_for_the_sweep(staff, fast, mailoutbox):
    reader(), reader()
    campaign = started(CampaignFactory(), staff)
    claimed = mails_of(campaign).order_by("pk").first()
    Reminder.objects.filter(pk=claimed.pk).update(
        state=Reminder.State.SENDING, claimed_at=timezone.now() - timedelta(minutes=20)
    )
    assert run_batch(campaign) == "sent"
    assert run_batch(campaign) == "waiting"  # not finished while a mail is claimed
    Campaign.objects.filter(pk=campaign.pk).update(next_batch_at=None)  # the slot is over
    assert services.sweep_campaigns() == 1  # releases the claim, enqueues the batch
    assert run_batch(campaign) == "sent"
    assert run_batch(campaign) == "finished"
    assert len(mailoutbox) == 2


def test_the_sweep_queues_lost_campaigns_and_due_batches(staff, fast, no_broker):
    reader()
    lost = CampaignFactory()
    services.start_sending(campaign=lost, actor=staff)  # its message to the worker was lost
    due = started(CampaignFactory(), staff)
    waiting = started(CampaignFactory(), staff)
    Campaign.objects.filter(pk=waiting.pk).update(
        next_batch_at=timezone.now() + timedelta(minutes=3)
    )
    CampaignFactory()  # a draft
    no_broker.clear()
    assert services.sweep_campaigns() == 2
    assert sorted(no_broker) == sorted([("queue", lost.pk), ("batch", due.pk)])


def test_the_test_mail_goes_to_the_writer_in_each_language(staff, mailoutbox, client):
    from workstation.reminders.tasks import send_reminder

    campaign = CampaignFactory(event=EventFactory(title_en="Forum", title_zh_hans="论坛"))
    assert services.send_test(campaign=campaign, actor=staff) == ["zh-hans", "en"]
    tests = Reminder.objects.filter(kind=services.TEST_KIND)
    assert tests.count() == 2
    for reminder in tests:
        send_reminder(reminder.pk)
    subjects = sorted(mail.subject for mail in mailoutbox)
    assert subjects == sorted(
        [f"[Test] {campaign.subject_en}", f"[测试] {campaign.subject_zh_hans}"]
    )
    assert {tuple(mail.to) for mail in mailoutbox} == {(staff.email,)}
    assert all("Forum" in mail.body and "论坛" in mail.body for mail in mailoutbox)
    assert all("List-Unsubscribe" not in mail.extra_headers for mail in mailoutbox)
    # Again: new mails, not the same reminder twice.
    services.send_test(campaign=campaign, actor=staff)
    assert Reminder.objects.filter(kind=services.TEST_KIND).count() == 4

    empty = CampaignFactory(body_zh_hans="", body_en="")
    with pytest.raises(CampaignError, match="at least one language"):
        services.send_test(campaign=empty, actor=staff)


def test_a_news_post_link_shows_in_both_languages(staff):
    post = NewsPostFactory(title_en="Expo dates", title_zh_hans="科博会日期")
    campaign = CampaignFactory(news_post=post)
    pages = services.linked_pages(campaign, "zh-hans")
    assert [(page.title, page.language) for page in pages] == [
        ("科博会日期", "zh-hans"),
        ("Expo dates", "en"),
    ]
    assert pages[0].url.endswith(f"/zh-hans/news/{post.pk}/")
    assert pages[1].url.endswith(f"/en/news/{post.pk}/")


def test_the_one_click_unsubscribe_of_a_mail_withdraws_the_consent(staff, fast, mailoutbox):
    person = reader("zh-hans")
    campaign = started(CampaignFactory(), staff)
    run_batch(campaign)
    (mail,) = mailoutbox
    link = mail.extra_headers["List-Unsubscribe"].strip("<>")
    # What a mail client does (RFC 8058): a POST with this body, no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(link).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert not person.receives_news
    row = Consent.objects.filter(profile=person).latest("at")
    assert (row.purpose, row.action, row.by) == ("workstation_news", "withdrawn", None)
