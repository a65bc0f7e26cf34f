"""The services check the actor's role themselves: a shell, the admin or an API caller that skips
the views still cannot review a briefing as staff, publish one as an official, or move a VIP
invitation along as a talent. The message is in the user's language."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from projects.delegations import services as delegations
from projects.delegations.models import Delegation
from projects.demands import services as demands
from projects.matching import services as matching
from projects.pipeline import services as pipeline
from reports.briefings import services as briefings
from reports.briefings.models import HistoryEntry, Status
from reports.editions import services as editions
from tests.factories import (
    ActionItemFactory,
    BriefingItemFactory,
    DemandFactory,
    EventFactory,
    InvitationFactory,
    MeetingFactory,
    ProjectFactory,
    RegistrationFactory,
)
from workstation.events import services as events
from workstation.invitations import services as invitations
from workstation.invitations.models import InvitationStatus
from workstation.meetings import services as meetings

pytestmark = pytest.mark.django_db

WRITER_ONLY = "Only workstation staff write, submit and publish a briefing."
REVIEWER_ONLY = "Only a Lanzhou official comments on, sends back or approves a briefing."


@pytest.fixture
def item(db):
    return BriefingItemFactory()


def submitted(item, staff):
    return briefings.submit(briefing=item.briefing, actor=staff)


def test_only_staff_write_and_submit(item, official, talent):
    for actor in (official, talent):
        with pytest.raises(briefings.BriefingError, match=WRITER_ONLY):
            briefings.save_item(item=item, edited_languages={"en"}, actor=actor)
        with pytest.raises(briefings.BriefingError, match=WRITER_ONLY):
            briefings.delete_item(item=item, actor=actor)
        with pytest.raises(briefings.BriefingError, match=WRITER_ONLY):
            briefings.confirm_translation(item=item, language="en", actor=actor)
        with pytest.raises(briefings.BriefingError, match=WRITER_ONLY):
            briefings.submit(briefing=item.briefing, actor=actor)
    item.briefing.refresh_from_db()
    assert item.briefing.status == Status.DRAFT and item.briefing.review_round == 0
    assert item.briefing.items.exists()


def test_only_officials_review(item, staff, talent):
    briefing = submitted(item, staff)
    for actor in (staff, talent):
        with pytest.raises(briefings.BriefingError, match=REVIEWER_ONLY):
            briefings.add_comment(briefing=briefing, section="whole", body="Fine.", actor=actor)
        with pytest.raises(briefings.BriefingError, match=REVIEWER_ONLY):
            briefings.request_changes(briefing=briefing, note="More data.", actor=actor)
        with pytest.raises(briefings.BriefingError, match=REVIEWER_ONLY):
            briefings.approve(briefing=briefing, actor=actor)
    briefing.refresh_from_db()
    assert briefing.status == Status.IN_REVIEW and not briefing.comments.exists()
    assert not briefing.history.filter(action=HistoryEntry.Action.APPROVED).exists()


def test_only_staff_publish(item, staff, official):
    briefing = submitted(item, staff)
    briefings.approve(briefing=briefing, actor=official)
    with pytest.raises(briefings.BriefingError, match=WRITER_ONLY):
        editions.publish(briefing=briefing, actor=official)
    briefing.refresh_from_db()
    assert briefing.status == Status.APPROVED


def test_the_refusal_is_translated(item, official):
    with translation.override("zh-hans"), pytest.raises(briefings.BriefingError) as refusal:
        briefings.submit(briefing=item.briefing, actor=official)
    assert "工作站" in str(refusal.value)


def test_only_staff_move_an_invitation_along(staff, official, talent):
    draft = InvitationFactory()
    for actor in (official, talent):
        with pytest.raises(invitations.InvitationError, match="Only workstation staff"):
            invitations.submit_for_approval(invitation=draft, actor=actor)
        with pytest.raises(invitations.InvitationError, match="Only workstation staff"):
            invitations.save_notes(
                invitation=draft, protocol_notes="Vegetarian.", follow_up="", actor=actor
            )
    invitation = invitations.submit_for_approval(invitation=draft, actor=staff)
    invitations.approve(invitation=invitation, actor=official)
    for step in (invitations.mark_sent, invitations.arrange_travel, invitations.mark_attended):
        with pytest.raises(invitations.InvitationError, match="Only workstation staff"):
            step(invitation=invitation, actor=official)
    with pytest.raises(invitations.InvitationError, match="Only workstation staff"):
        invitations.record_answer(invitation=invitation, accepted=True, actor=talent)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.APPROVED


def test_only_staff_keep_the_pipeline(official, talent):
    project, demand = ProjectFactory(), DemandFactory()
    delegation = Delegation.objects.create(
        title_en="Delegation", starts_on=date(2026, 9, 14), ends_on=date(2026, 9, 20)
    )
    steps = (
        lambda actor: pipeline.save_project(project=project, actor=actor),
        lambda actor: pipeline.move_project(project=project, to_stage="contacted", by=actor),
        lambda actor: demands.save_demand(demand=demand, actor=actor),
        lambda actor: matching.decide_match(
            project=project, demand=demand, decision="confirm", actor=actor
        ),
        lambda actor: delegations.save_delegation(delegation=delegation, actor=actor),
        lambda actor: delegations.remove_member(delegation=delegation, member_id=1, actor=actor),
    )
    for actor in (official, talent):
        for step in steps:
            with pytest.raises(PermissionDenied, match="Only workstation staff keep the project"):
                step(actor)
    project.refresh_from_db()
    assert project.stage == "lead" and not project.stage_changes.exists()


def test_only_staff_keep_events_and_meetings(official, talent):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    meeting = MeetingFactory()
    for actor in (official, talent):
        with pytest.raises(PermissionDenied, match="Only workstation staff keep the events"):
            events.save_event(event=event, actor=actor)
        with pytest.raises(PermissionDenied, match="Only workstation staff keep the events"):
            events.mark_attended(registration_id=registration.pk, actor=actor)
        with pytest.raises(PermissionDenied, match="Only workstation staff keep the monthly"):
            meetings.save_minutes(meeting=meeting, actor=actor)
        with pytest.raises(PermissionDenied, match="Only workstation staff keep the monthly"):
            meetings.delete_action_item(item=ActionItemFactory(meeting=meeting), actor=actor)


def test_only_the_owner_or_staff_mark_an_action_item_done(official, staff):
    item = ActionItemFactory(owner=staff)
    with pytest.raises(PermissionDenied, match="Only the item's owner"):
        meetings.set_action_item_done(item=item, done=True, actor=official)
    item.owner = official
    assert meetings.set_action_item_done(item=item, done=True, actor=official).done_at


def test_only_staff_keep_the_talent_pool(official, talent, other_talent, staff):
    from talentpool.directory import services as directory
    from talentpool.duplicates import services as duplicates
    from talentpool.interactions import services as interactions
    from talentpool.profiles import services as profiles
    from talentpool.profiles.models import TalentProfile
    from tests.factories import TalentProfileFactory

    first, second = TalentProfileFactory(), TalentProfileFactory()
    steps = (
        lambda actor: directory.verify_profile(profile=first, actor=actor),
        lambda actor: directory.invite_to_claim(profile=first, actor=actor),
        lambda actor: duplicates.mark_different_people(first=first, second=second, actor=actor),
        lambda actor: duplicates.merge_profiles(
            keep=first, other=second, take_from_other=(), actor=actor
        ),
        lambda actor: interactions.add_interaction(
            profile=first, actor=actor, kind="call", happened_on=date(2026, 9, 1), summary="x"
        ),
        lambda actor: profiles.delete_profile(profile=first, actor=actor),
    )
    for actor in (official, talent):
        for step in steps:
            with pytest.raises(PermissionDenied, match="Only workstation staff keep the talent"):
                step(actor)
    assert TalentProfile.objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert not first.interactions.exists()

    # A profile is changed by its person or by staff, never by another talent or an official.
    own = TalentProfileFactory(user=talent, email=talent.email)
    own.employer = "Changed"
    for actor in (other_talent, official):
        with pytest.raises(PermissionDenied, match="Only the person or workstation staff"):
            profiles.save_profile(profile=own, actor=actor, changed=["employer"])
    profiles.save_profile(profile=own, actor=talent, changed=["employer"])
    profiles.save_profile(profile=own, actor=staff, changed=["employer"])
    own.refresh_from_db()
    assert own.employer == "Changed"
