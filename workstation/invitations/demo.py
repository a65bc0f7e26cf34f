"""Sample VIP invitations for the demo data of `make run`, marked as sample content: one accepted
with travel arranged and one draft, both to a sample Lanzhou Sci-Tech Expo."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from workstation.accounts.models import User
from workstation.events.models import Event, EventKind
from workstation.invitations.models import (
    Invitation,
    InvitationStatus,
    InvitationStep,
    StepKind,
    VipKind,
)

SAMPLE_NAME_PREFIX = "Sample VIP"
SAMPLE_NOTE_EN = "*Sample content for demonstration; not an actual person.*"
SAMPLE_NOTE_ZH = "*演示用示例内容，并非真实人物。*"
EXPO_TITLE_EN = "Sample: Lanzhou Sci-Tech Expo"


def _sample_expo() -> Event:
    expo = Event.objects.filter(is_sample=True, kind=EventKind.EXPO).first()
    if expo is not None:
        return expo
    starts = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0) + timedelta(days=60)
    return Event.objects.create(
        kind=EventKind.EXPO,
        is_sample=True,
        is_public=False,
        time_zone="china",
        expo_year=timezone.localtime(starts).year,
        title=EXPO_TITLE_EN,
        title_en=EXPO_TITLE_EN,
        title_zh_hans="示例：兰州科技成果博览会",
        venue_en="Lanzhou",
        venue_zh_hans="兰州",
        description_en="*Sample content for demonstration; not an actual event.*",
        description_zh_hans="*演示用示例内容，并非真实活动。*",
        starts_at=starts,
        ends_at=starts + timedelta(days=2),
    )


@transaction.atomic
def load_demo_invitations() -> int:
    """Two sample invitations; running it twice creates nothing twice."""
    if Invitation.objects.filter(name__startswith=SAMPLE_NAME_PREFIX).exists():
        return 0
    expo = _sample_expo()
    staff = User.objects.filter(email="staff@lanzhou-sv.example").first()
    official = User.objects.filter(email="official@lanzhou-sv.example").first()
    accepted = Invitation.objects.create(
        event=expo,
        name=f"{SAMPLE_NAME_PREFIX} Jordan Lee",
        kind=VipKind.INVESTOR,
        affiliation_en="Managing partner, Example Ventures (sample)",
        affiliation_zh_hans="示例创投 管理合伙人（示例）",
        bio_en=f"{SAMPLE_NOTE_EN}\n\nInvests in **biomedicine** and new materials.",
        bio_zh_hans=f"{SAMPLE_NOTE_ZH}\n\n投资**生物医药**与新材料领域。",
        email="jordan.lee@example.com",
        status=InvitationStatus.TRAVEL_ARRANGED,
        protocol_notes="Sample: vegetarian; address as Mr. Lee.",
        follow_up="Sample: send the Expo programme one month ahead.",
        created_by=staff,
    )
    at = timezone.now() - timedelta(days=20)
    steps = (
        (StepKind.SUBMITTED, staff),
        (StepKind.APPROVED, official),
        (StepKind.SENT, staff),
        (StepKind.ACCEPTED, staff),
        (StepKind.TRAVEL_ARRANGED, staff),
    )
    for days, (status, by) in enumerate(steps):
        InvitationStep.objects.create(
            invitation=accepted, status=status, by=by, at=at + timedelta(days=days * 3)
        )
    # Written a day before it was submitted, as the history then reads.
    Invitation.objects.filter(pk=accepted.pk).update(created_at=at - timedelta(days=1))
    Invitation.objects.create(
        event=expo,
        name=f"{SAMPLE_NAME_PREFIX} Dr. Casey Wu",
        kind=VipKind.SCIENTIST,
        affiliation_en="Professor of materials science (sample)",
        affiliation_zh_hans="材料科学教授（示例）",
        bio_en=f"{SAMPLE_NOTE_EN}\n\nWorks on solid-state batteries.",
        bio_zh_hans="",
        status=InvitationStatus.DRAFT,
        created_by=staff,
    )
    return 2
