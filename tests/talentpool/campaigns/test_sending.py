"""A campaign sent by the real Celery worker to the loopback SMTP sink: each consenting person
once, nobody else, even when the worker's processes are killed in the middle of a mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from talentpool.campaigns.models import Campaign, CampaignState
from talentpool.campaigns.services import CAMPAIGN_KIND, start_sending
from talentpool.campaigns.tasks import sweep_campaigns
from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent
from talentpool.consents.services import make_withdrawal_token
from talentpool.profiles.models import TalentProfile
from tests.conftest import make_person
from tests.factories import CampaignFactory
from tests.fixtures.celery_worker import wait_until
from workstation.reminders.models import Reminder
from workstation.reminders.services import STALE_CLAIM

NEWS = Consent.Purpose.WORKSTATION_NEWS


def people(prefix: str, count: int, *, ledger: tuple[str, ...]) -> list[TalentProfile]:
    """``count`` profiles made at once, half of them reading Chinese, with the news consent's
    ledger rows ``ledger`` (oldest first) and the state the last one leaves on the profile."""
    profiles = TalentProfile.objects.bulk_create(
        TalentProfile(
            name_en=f"{prefix} {n}",
            email=f"{prefix}{n}@example.org",
            preferred_language="zh-hans" if n % 2 else "en",
            receives_news=bool(ledger) and ledger[-1] == Consent.Action.GIVEN,
            is_complete=True,
        )
        for n in range(count)
    )
    Consent.objects.bulk_create(
        Consent(profile=profile, purpose=NEWS, action=action, policy_version=PRIVACY_POLICY_VERSION)
        for profile in profiles
        for action in ledger
    )
    return profiles


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_each_consenting_person_gets_the_campaign_once_even_when_the_worker_dies(
    reference_data, celery_worker, smtp_sink
):
    staff = make_person("staff", "staff@example.org", is_staff=True)
    readers = people("reader", 1000, ledger=("given",))
    # They unsubscribe while it is sent (their addresses come last: the queue goes by address).
    leaving = people("unsubscribing", 10, ledger=("given",))
    people("never", 30, ledger=())
    people("withdrawn", 20, ledger=("given", "withdrawn"))
    campaign = CampaignFactory()
    smtp_sink.hold_at = 400  # the 400th mail is in the middle of its sending when ...

    start_sending(campaign=campaign, actor=staff)  # the worker queues the mails, then sends

    assert smtp_sink.holding.wait(60), celery_worker.log_tail()
    assert Campaign.objects.get(pk=campaign.pk).recipients == 1010
    # Between queueing and sending, ten people whose turn has not come use their link.
    for profile in leaving:
        token = make_withdrawal_token(profile, NEWS)
        url = reverse("talentpool:unsubscribe", kwargs={"token": token})
        response = Client().post(url, "List-Unsubscribe=One-Click", content_type="text/plain")
        assert response.status_code == 200
    # ... the worker's processes are killed, that mail with them (the sink keeps no message
    # whose sender left before the reply).
    assert celery_worker.kill_pool()
    wait_until(lambda: celery_worker.ping(), what="the worker to answer again")
    smtp_sink.release()

    # The dead worker's claim is released by the sweep once it is old enough (15 minutes).
    wait_until(
        lambda: Reminder.objects.filter(kind=CAMPAIGN_KIND, state="sending").exists(),
        what="the dead worker's claim",
    )
    Reminder.objects.filter(kind=CAMPAIGN_KIND, state="sending").update(
        claimed_at=timezone.now() - STALE_CLAIM - timedelta(minutes=1)
    )
    sweep_campaigns.delay()
    wait_until(
        lambda: Campaign.objects.filter(pk=campaign.pk, state=CampaignState.SENT).exists(),
        timeout=120,
        interval=0.5,
        what="the campaign to be sent",
    )

    mails = smtp_sink.messages
    assert len(mails) == 1000
    assert sorted(mail.to[0] for mail in mails) == sorted(reader.email for reader in readers)
    assert len({mail.message["Message-ID"] for mail in mails}) == 1000
    chinese = [mail for mail in mails if mail.to[0].endswith(("1@example.org", "3@example.org"))]
    assert chinese and all(mail.subject == campaign.subject_zh_hans for mail in chinese)
    one_click = "List-Unsubscribe=One-Click"
    assert all(mail.message["List-Unsubscribe-Post"] == one_click for mail in mails)
    campaign.refresh_from_db()
    assert (campaign.sent_count, campaign.skipped_count, campaign.failed_count) == (1000, 10, 0)
    assert not Reminder.objects.filter(kind=CAMPAIGN_KIND, state__in=["pending", "sending"])
