"""What happens to a campaign: written in Chinese and English, its audience chosen with the talent
directory's filters, tried on the writer's own address, then sent.

Sending queues one row per address in the reminder outbox (``CAMPAIGN_KIND``, a batched kind),
built on a worker in chunks, and workers send them in batches at ``CAMPAIGN_SEND_RATE`` mails a
minute: each batch claims its time slot on the campaign row (so two batches never run in one
slot, whoever enqueued them) and each mail is claimed in the database before it goes out (so it
goes out once, even when workers die: the sweep releases a dead worker's claims and re-enqueues
the batches). Each mail is composed when it is sent, in the person's preferred language, and only
while the person still consents to news and invitations: an unsubscribe in between wins.

Only staff write and send campaigns; these functions check it themselves. Refused: sending a
campaign that lacks a language, links a page that is not public, or reaches nobody; changing one
once sending has started.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentpool.campaigns.models import Campaign, CampaignState
from talentpool.campaigns.rules import check_campaign_staff
from talentpool.consents.models import Consent
from talentpool.consents.services import make_withdrawal_token
from talentpool.directory.filters import DirectoryFilterForm
from talentpool.profiles.models import TalentProfile
from workstation.audit.services import record
from workstation.events.models import Event
from workstation.reminders.models import Reminder
from workstation.reminders.services import (
    BULK_CHUNK,
    count_by_state,
    deliver_reminder,
    pending_reminders,
    record_reminders,
    release_stale_claims,
    reminders_of,
    schedule_reminder,
)
from workstation.translated import LANGUAGE_CODES, other_language, translated_value

logger = logging.getLogger(__name__)

CAMPAIGN_KIND = "campaign"
TEST_KIND = "campaign_test"
# At most this many mails per batch (10 seconds' worth at the rate, at least one): a worker that
# dies loses little, and the page's counts move while a campaign is sent.
MAX_BATCH = 100
# How early a batch may come for its time slot.
EARLY = timedelta(seconds=1)
# After the mail server refused or could not be reached, the next batch waits this long.
DEFERRED_PAUSE = timedelta(minutes=5)


NOT_CHANGEABLE = gettext_lazy(
    "This campaign is being sent or was sent: it can no longer be changed."
)


class CampaignError(Exception):
    """A step the campaign's state or content does not allow; the message is for people."""


def _check_draft(campaign: Campaign) -> None:
    if not campaign.is_draft:
        raise CampaignError(NOT_CHANGEABLE)


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


# --- Writing


def linkable(model) -> QuerySet:
    """The pages of ``model`` a campaign may link to: those everyone can open."""
    if model is Event:
        return Event.objects.filter(is_public=True)
    return model.objects.published()


@transaction.atomic
def save_campaign(*, campaign: Campaign, actor, changed=()) -> Campaign:
    check_campaign_staff(actor)
    created = campaign.pk is None
    if created:
        campaign.created_by = actor if actor is not None and actor.is_authenticated else None
    else:
        _check_draft(_locked(campaign))
    campaign.save()
    record(
        actor=actor,
        action="campaign.created" if created else "campaign.changed",
        target=campaign,
        fields=sorted(changed),
    )
    return campaign


@dataclass(frozen=True)
class LinkedPage:
    title: str
    url: str
    language: str


def linked_pages(campaign: Campaign, language: str) -> list[LinkedPage]:
    """The linked page's title and address in ``language`` and then in the other language (a
    language without a title is left out)."""
    page = campaign.linked
    if page is None:
        return []
    pages = []
    for code in (language, other_language(language)):
        title = translated_value(page, "title", code)
        if title:
            with translation.override(code):
                pages.append(
                    LinkedPage(title, f"{settings.SITE_URL}{page.get_absolute_url()}", code)
                )
    return pages


def mail_context(campaign: Campaign, language: str, *, unsubscribe_url: str) -> dict:
    """What a campaign's mail says in ``language``: for the mail and for its preview."""
    return {
        "language": language,
        "subject": translated_value(campaign, "subject", language),
        "body": translated_value(campaign, "body", language),
        "linked_pages": linked_pages(campaign, language),
        "unsubscribe_url": unsubscribe_url,
    }


def unsubscribe_url(profile: TalentProfile, language: str) -> str:
    token = make_withdrawal_token(profile, Consent.Purpose.WORKSTATION_NEWS)
    with translation.override(language):
        path = reverse("talentpool:unsubscribe", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


# --- The audience


def audience_form(filters: dict | None) -> DirectoryFilterForm:
    """The directory's filter form (staff's, without the search box) for ``filters``."""
    return DirectoryFilterForm(filters or None, staff=True, search=False)


def audience_of(filters: dict) -> QuerySet:
    """The profiles ``filters`` choose among those that consent to news and have an address."""
    profiles = TalentProfile.objects.receiving_news().exclude(email="")
    form = audience_form(filters)
    if not form.is_bound:
        return profiles
    if not form.is_valid():
        raise CampaignError(
            _(
                "The audience's filters are no longer valid (was an event deleted?): "
                "choose the audience again."
            )
        )
    return form.filter(profiles)


def count_audience(filters: dict) -> int:
    """People reached, one per address (two profiles of one person get one mail)."""
    return audience_of(filters).aggregate(count=Count(Lower("email"), distinct=True))["count"]


@transaction.atomic
def choose_audience(*, campaign: Campaign, filters: dict, actor) -> Campaign:
    check_campaign_staff(actor)
    campaign = _locked(campaign)
    _check_draft(campaign)
    form = audience_form(filters)
    if form.is_bound and not form.is_valid():
        raise CampaignError(_("Please correct the filters marked below."))
    campaign.audience = {
        name: value for name, value in filters.items() if name in form.fields and value
    }
    campaign.save(update_fields=["audience", "updated_at"])
    record(actor=actor, action="campaign.audience_chosen", target=campaign)
    return campaign


# --- Before sending


def sending_check(campaign: Campaign) -> tuple[int | None, list[str]]:
    """(people reached, what keeps the campaign from being sent)."""
    problems = []
    if campaign.missing_languages():
        problems.append(
            _(
                "The subject and the text are needed in Chinese and in English before sending: "
                "see what is marked “translation missing”."
            )
        )
    page = campaign.linked
    if page is not None and not linkable(type(page)).filter(pk=page.pk).exists():
        problems.append(
            _("The linked page is not public (a draft, or an event not on the public site).")
        )
    try:
        count = count_audience(campaign.audience)
    except CampaignError as error:
        return None, [*problems, str(error)]
    if not count:
        problems.append(
            _(
                "Nobody in this audience consents to news and invitations: no mail would go "
                "out. Choose a wider audience."
            )
        )
    return count, problems


def send_test(*, campaign: Campaign, actor) -> list[str]:
    """Mail the campaign to ``actor`` in each language it is written in; returns those."""
    check_campaign_staff(actor)
    languages = [
        code
        for code in LANGUAGE_CODES
        if translated_value(campaign, "subject", code) and translated_value(campaign, "body", code)
    ]
    if not languages:
        raise CampaignError(_("Write the subject and the text in at least one language first."))
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")  # each test is a new mail
    for language in languages:
        schedule_reminder(
            kind=TEST_KIND,
            target=campaign,
            period=f"test-{stamp}-{language}",
            recipient_email=actor.email,
            recipient=actor,
        )
    record(actor=actor, action="campaign.test_sent", target=campaign, languages=languages)
    return languages


# --- Sending


def _enqueue(task, campaign_id: int, countdown: float = 0) -> bool:
    """Hand work to a worker; with the broker down the sweep does it later."""
    try:
        task.apply_async((campaign_id,), countdown=countdown)
    except Exception:  # the broker's errors vary by transport; the campaign row is the record
        logger.warning("Broker unavailable; campaign %s left for the sweep", campaign_id)
        return False
    return True


def enqueue_queueing(campaign_id: int) -> bool:
    from talentpool.campaigns.tasks import queue_campaign

    return _enqueue(queue_campaign, campaign_id)


def enqueue_batch(campaign_id: int, countdown: float = 0) -> bool:
    from talentpool.campaigns.tasks import send_campaign_batch

    return _enqueue(send_campaign_batch, campaign_id, countdown)


@transaction.atomic
def start_sending(*, campaign: Campaign, actor) -> Campaign:
    """Refuse, or mark the campaign as sending and have a worker queue its mails."""
    check_campaign_staff(actor)
    campaign = _locked(campaign)
    if not campaign.is_draft:
        raise CampaignError(_("This campaign is being sent or was sent already."))
    count, problems = sending_check(campaign)
    if problems:
        raise CampaignError(" ".join(problems))
    campaign.state = CampaignState.SENDING
    campaign.started_at = timezone.now()
    campaign.started_by = actor if actor is not None and actor.is_authenticated else None
    campaign.recipients = count
    campaign.save()
    record(actor=actor, action="campaign.sending_started", target=campaign, recipients=count)
    transaction.on_commit(lambda: enqueue_queueing(campaign.pk))
    return campaign


def queue_mails(*, campaign_id: int) -> int:
    """Record the campaign's mails in the outbox, one per address (the audience read in one
    ordered pass and written in chunks: memory stays flat at 100,000 people), then enqueue the
    first batch. Safe to run twice; returns the mails queued."""
    campaign = Campaign.objects.filter(
        pk=campaign_id, state=CampaignState.SENDING, outbox_built_at__isnull=True
    ).first()
    if campaign is None:
        return 0
    try:
        audience = audience_of(campaign.audience)
    except CampaignError:
        # Its filters broke between the click and now: back to a draft that says why.
        Campaign.objects.filter(pk=campaign.pk).update(
            state=CampaignState.DRAFT, started_at=None, started_by=None, recipients=None
        )
        record(actor=None, action="campaign.audience_lost", target=campaign)
        return 0
    addresses = (
        audience.annotate(address=Lower("email"))
        .order_by("address", "pk")
        .distinct("address")
        .values_list("pk", "address", "user_id")
    )
    with transaction.atomic():
        record_reminders(
            kind=CAMPAIGN_KIND,
            target=campaign,
            recipients=(
                (str(pk), address, user_id)
                for pk, address, user_id in addresses.iterator(chunk_size=BULK_CHUNK)
            ),
        )
        queued = reminders_of(kind=CAMPAIGN_KIND, target=campaign).count()
        Campaign.objects.filter(pk=campaign.pk).update(
            outbox_built_at=timezone.now(), recipients=queued
        )
    transaction.on_commit(lambda: enqueue_batch(campaign.pk))
    return queued


def batch_size() -> int:
    """Ten seconds' worth of mails at the rate, between 1 and ``MAX_BATCH``."""
    return max(1, min(MAX_BATCH, settings.CAMPAIGN_SEND_RATE // 6))


def send_batch(*, campaign_id: int) -> str:
    """Send the next batch of the campaign's mails, if its time slot is due, and enqueue the next
    batch at the rate; mark the campaign sent once no mail is left."""
    now = timezone.now()
    campaign = (
        Campaign.objects.filter(pk=campaign_id, state=CampaignState.SENDING)
        .exclude(outbox_built_at=None)
        .first()
    )
    if campaign is None:
        return "not sending"
    size = batch_size()
    slot = timedelta(seconds=60 * size / settings.CAMPAIGN_SEND_RATE)
    slot_ends = now + slot
    # A batch a moment early still counts as on time (a worker's clock a little behind the one
    # that enqueued it): else the chain of batches would stop until the sweep.
    due = Q(next_batch_at__isnull=True) | Q(next_batch_at__lte=now + min(EARLY, slot / 2))
    if not Campaign.objects.filter(due, pk=campaign.pk).update(next_batch_at=slot_ends):
        return "not due"  # another batch holds this slot
    batch = pending_reminders(kind=CAMPAIGN_KIND, target=campaign, limit=size)
    if not batch:
        return _finish(campaign)
    if _deliver(batch) == "deferred":
        Campaign.objects.filter(pk=campaign.pk).update(next_batch_at=now + DEFERRED_PAUSE)
        return "deferred"  # the sweep enqueues the next batch once the pause is over
    enqueue_batch(campaign.pk, countdown=max(0.0, (slot_ends - timezone.now()).total_seconds()))
    return "sent"


def _deliver(batch: list[int]) -> str:
    """Each mail of the batch over one connection; "deferred" when the mail server refuses or
    cannot be reached (the rest of the batch waits for the next one)."""
    try:
        with get_connection() as connection:
            for reminder_id in batch:
                if deliver_reminder(reminder_id=reminder_id, connection=connection) == "deferred":
                    return "deferred"
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Campaign batch stopped: %s", error)
        return "deferred"
    return "sent"


def _finish(campaign: Campaign) -> str:
    """No mail pending: the campaign is sent once no mail is in a worker's hands either (the
    claims of a worker that died are released by the sweep, then sent)."""
    mails = reminders_of(kind=CAMPAIGN_KIND, target=campaign)
    if mails.filter(state=Reminder.State.SENDING).exists():
        return "waiting"
    counts = progress_of([campaign])[campaign.pk]
    finished = Campaign.objects.filter(pk=campaign.pk, state=CampaignState.SENDING).update(
        state=CampaignState.SENT,
        finished_at=timezone.now(),
        sent_count=counts.sent,
        failed_count=counts.failed,
        skipped_count=counts.skipped,
    )
    if finished:
        record(
            actor=None,
            action="campaign.sent",
            target=campaign,
            sent=counts.sent,
            failed=counts.failed,
            skipped=counts.skipped,
        )
    return "finished"


def sweep_campaigns() -> int:
    """Every minute: re-enqueue what a lost message, a dead worker or a refused mail left (the
    outbox of a campaign not queued yet, the next batch of one being sent); returns how many."""
    release_stale_claims()
    now = timezone.now()
    enqueued = 0
    for campaign in Campaign.objects.filter(state=CampaignState.SENDING).order_by("pk"):
        if campaign.outbox_built_at is None:
            done = enqueue_queueing(campaign.pk)
        elif campaign.next_batch_at is None or campaign.next_batch_at <= now:
            done = enqueue_batch(campaign.pk)
        else:
            continue
        if not done:
            break  # the broker is down
        enqueued += 1
    return enqueued


# --- Progress


@dataclass(frozen=True)
class Progress:
    queued: int
    sent: int
    failed: int
    skipped: int  # no longer consenting, or deleted, when their turn came

    def as_dict(self) -> dict:
        return {
            "queued": self.queued,
            "sent": self.sent,
            "failed": self.failed,
            "skipped": self.skipped,
        }


def progress_of(campaigns) -> dict[int, Progress]:
    """Each campaign's mails by state: counted in the outbox (one query) for those being sent,
    read from the campaign for the others."""
    campaigns = list(campaigns)
    sending = [c for c in campaigns if c.state == CampaignState.SENDING and c.outbox_built_at]
    counted = count_by_state(kind=CAMPAIGN_KIND, targets=sending)
    progress = {}
    for campaign in campaigns:
        if campaign.pk in counted:
            states = counted[campaign.pk]
            progress[campaign.pk] = Progress(
                queued=states.get(Reminder.State.PENDING, 0)
                + states.get(Reminder.State.SENDING, 0),
                sent=states.get(Reminder.State.SENT, 0),
                failed=states.get(Reminder.State.FAILED, 0),
                skipped=states.get(Reminder.State.CANCELLED, 0),
            )
        else:
            not_yet_queued = campaign.state == CampaignState.SENDING  # counted when started
            progress[campaign.pk] = Progress(
                queued=(campaign.recipients or 0) if not_yet_queued else 0,
                sent=campaign.sent_count or 0,
                failed=campaign.failed_count or 0,
                skipped=campaign.skipped_count or 0,
            )
    return progress
