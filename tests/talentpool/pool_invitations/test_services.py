"""Registrants of an event who are not in the talent pool are invited to join it: once per
person (not per event, however the runs race), in the language they registered in, never to
members of the pool, staff or officials, nor to people told their details serve the event only."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from talentpool.pool_invitations import services
from talentpool.pool_invitations.models import PoolInvitation
from talentpool.profiles.services import delete_own_data
from tests.concurrency import TIMEOUT, at_once
from tests.factories import EventFactory, RegistrationFactory, TalentProfileFactory, UserFactory
from workstation.reminders.models import Reminder
from workstation.reminders.services import deliver_reminder

KIND = services.POOL_INVITATION_KIND


def ended_event(hours_ago: int = 1, **fields):
    end = timezone.now().replace(second=0, microsecond=0) - timedelta(hours=hours_ago)
    return EventFactory(starts_at=end - timedelta(hours=2), ends_at=end, **fields)


def registered(event, email: str, **fields):
    fields.setdefault("name", email.split("@")[0])
    return RegistrationFactory(event=event, email=email, **fields)


def send_all() -> list[str]:
    pending = Reminder.objects.filter(state="pending").order_by("pk")
    return [deliver_reminder(reminder_id=pk) for pk in pending.values_list("pk", flat=True)]


def invited() -> list[str]:
    return sorted(Reminder.objects.filter(kind=KIND).values_list("recipient_email", flat=True))


@pytest.mark.django_db
def test_registrants_outside_the_pool_are_invited_once_in_their_language(reference_data, staff):
    event = ended_event(title_en="Battery forum")
    registered(event, "outsider@example.com", attended_at=event.starts_at)
    registered(event, "waiwei@example.com", language="zh-hans")  # registered, did not come
    TalentProfileFactory(email="member@example.com")
    registered(event, "member@example.com")
    account = UserFactory(email="has-profile@example.com")
    TalentProfileFactory(user=account, email="another-address@example.com")
    registered(event, "has-profile@example.com", user=account)
    registered(event, staff.email)
    registered(event, "cancelled@example.com", status="cancelled")
    registered(  # told, when registering, that their details serve the event only
        event, "told-otherwise@example.com", created_at=services.ANNOUNCED_ON - timedelta(days=1)
    )

    assert services.invite_registrants() == 2
    assert invited() == ["outsider@example.com", "waiwei@example.com"]
    assert send_all() == ["sent", "sent"]

    english, chinese = sorted(mail.outbox, key=lambda message: message.to[0])
    assert english.to == ["outsider@example.com"]
    assert english.subject == (
        "An invitation to join the Lanzhou Silicon Valley Workstation's talent pool"
    )
    assert english.body.startswith("Hello outsider,")
    assert "Thank you for registering for “Battery forum”." in english.body
    assert f"{settings.SITE_URL}/en/accounts/signup/" in english.body
    assert f"{settings.SITE_URL}/en/talent/privacy/" in english.body
    assert chinese.to == ["waiwei@example.com"]
    assert chinese.subject == "诚邀您加入兰州科技创新（硅谷）工作站人才库"
    assert f"{settings.SITE_URL}/zh-hans/accounts/signup/" in chinese.body
    assert "此事我们仅致函您这一次" in chinese.body

    # Once per person: another event later, the same people registered again, nothing new.
    later = ended_event(hours_ago=0)
    registered(later, "outsider@example.com")
    registered(later, "waiwei@example.com")
    registered(later, "newcomer@example.com")
    assert services.invite_registrants() == 1
    assert invited() == ["newcomer@example.com", "outsider@example.com", "waiwei@example.com"]


@pytest.mark.django_db
def test_no_invitation_before_the_event_ended_nor_for_an_event_long_past(reference_data):
    upcoming = EventFactory()
    registered(upcoming, "early@example.com")
    old = ended_event(hours_ago=24 * 40)
    registered(old, "long-ago@example.com")
    assert services.invite_registrants() == 0


@pytest.mark.django_db
def test_someone_who_joins_before_the_mail_goes_out_is_not_sent_it(reference_data):
    registered(ended_event(), "joined-meanwhile@example.com")
    assert services.invite_registrants() == 1
    TalentProfileFactory(email="Joined-Meanwhile@example.com")
    assert send_all() == ["cancelled"]
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_registrant_with_an_account_but_no_profile_is_sent_to_the_profile_form(talent):
    registered(ended_event(), talent.email, user=talent)
    assert services.invite_registrants() == 1
    assert send_all() == ["sent"]
    (message,) = mail.outbox
    assert f"{settings.SITE_URL}/en/talent/me/" in message.body
    assert "/accounts/signup/" not in message.body


@pytest.mark.django_db
def test_deleting_ones_own_data_deletes_the_record_of_the_invitation(talent):
    registered(ended_event(), talent.email, user=talent)
    services.invite_registrants()
    assert PoolInvitation.objects.filter(email=talent.email).exists()
    delete_own_data(user=talent)
    assert not PoolInvitation.objects.exists()
    assert not Reminder.objects.filter(kind=KIND).exists()


@pytest.mark.django_db(transaction=True)
def test_two_racing_runs_invite_a_person_once(reference_data, monkeypatch):
    event = ended_event()
    registered(event, "racer@example.com")
    registered(ended_event(hours_ago=2), "racer@example.com")  # two events, one person
    original = services._invite
    together = threading.Barrier(2, timeout=TIMEOUT)

    def at_the_same_moment(registration):
        together.wait()  # both runs found no invitation; both try to create it now
        return original(registration)

    monkeypatch.setattr(services, "_invite", at_the_same_moment)

    outcomes = at_once(services.invite_registrants, services.invite_registrants)

    assert sorted(outcomes) == [0, 1], outcomes
    assert PoolInvitation.objects.count() == 1
    assert invited() == ["racer@example.com"]
