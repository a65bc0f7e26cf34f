"""The staff's and officials' directory of the talent pool: listing, verifying, inviting to claim.

Claim tokens (for the self-service claim page, ``talentpool:profile_claim``): ``make_claim_token``
and ``read_claim_token`` live in ``talentpool.directory.claims`` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.db import transaction
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone

from talentpool.directory.claims import (
    CLAIM_INVITATION_KIND,
    CLAIM_TOKEN_MAX_AGE,
    make_claim_token,
    read_claim_token,
)
from talentpool.profiles.models import TalentProfile, Verification
from talentpool.profiles.services import save_profile
from talentpool.rules import check_pool_staff
from talentpool.search.services import page_digest, search_profiles
from workstation.audit.services import record
from workstation.reminders.services import schedule_reminder

__all__ = [
    "CLAIM_INVITATION_KIND",
    "CLAIM_TOKEN_MAX_AGE",
    "ClaimNotPossible",
    "DirectoryPage",
    "can_invite_to_claim",
    "create_profile",
    "directory_page",
    "directory_queryset",
    "invite_to_claim",
    "make_claim_token",
    "page_number",
    "profile_viewed",
    "read_claim_token",
    "verify_profile",
]

PAGE_SIZE = 25
# With a search query, matches are counted up to this many; beyond, the page shows "1,000+".
COUNT_LIMIT = 1000


# --- The list


@dataclass
class DirectoryPage:
    number: int
    # Matches in all; None when there are more than ``counted_up_to`` (a search shows "1,000+").
    total: int | None
    counted_up_to: int
    has_next: bool
    rows: int  # on this page
    # What the page's rows show (workstation/digests.py): the list keeps its rendered rows under
    # it, and reads ``profiles`` only when they are not rendered yet.
    digest: str
    load: Callable[[], list]

    @cached_property
    def profiles(self) -> list:
        return self.load()

    @property
    def total_display(self) -> str:
        """``1,234``, or ``1,000+`` when a search stopped counting."""
        if self.total is None:
            return f"{self.counted_up_to:,}+"
        return f"{self.total:,}"

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def num_pages(self) -> int | None:
        if self.total is None:
            return None
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + self.rows


def directory_queryset(user) -> QuerySet:
    """The profiles ``user`` may list, with what a row shows fetched in the same query."""
    return TalentProfile.objects.visible_to(user).select_related(
        "native_region__parent", "industry"
    )


def page_number(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(1, number)


def directory_page(
    *, queryset: QuerySet, query: str = "", page: int = 1, beside: tuple = ()
) -> DirectoryPage:
    """One page of the list: search matches ranked by the search module, or newest first.

    Both count a bounded number of matches ("1,000+"), so pages go as far as the count does. The
    page first knows its rows by their digest (one query), with the digests ``beside`` (of the
    places and industries the rows name, of the filters' choices: ``DirectoryFilterForm.
    choice_digests``); it reads the rows when they are shown.
    """
    last = max(1, COUNT_LIMIT // PAGE_SIZE)
    page = min(page, last)
    now = timezone.now()  # the moment the page is made at (the events its filters offer)

    def summary(number: int):
        return page_digest(
            queryset,
            query,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            count_limit=COUNT_LIMIT,
            beside=beside,
            now=now,
        )

    found = summary(page)
    if not found.rows and page > 1 and found.total is not None:
        # Past the end: show the last page there is.
        page = max(1, -(-found.total // PAGE_SIZE))
        found = summary(page)
    more = found.total is None or found.total > page * PAGE_SIZE

    def load(number: int = page) -> list:
        profiles = list(
            search_profiles(
                queryset,
                query,
                limit=PAGE_SIZE,
                offset=(number - 1) * PAGE_SIZE,
                count_limit=COUNT_LIMIT,
            ).profiles
        )
        # A search's rows come without the related rows the list shows (the list's own query
        # joins them): fetched here in one query each.
        prefetch_related_objects(profiles, "native_region__parent", "industry")
        return profiles

    return DirectoryPage(
        number=page,
        total=found.total,
        counted_up_to=found.counted_up_to,
        has_next=more and page < last,
        rows=found.rows,
        digest=found.digest,
        load=load,
    )


# --- A profile's page


def profile_viewed(*, profile: TalentProfile, viewer, staff_view: bool) -> None:
    """Every view of a profile by an official is audited (the record holds no personal data)."""
    if not staff_view:
        record(actor=viewer, action="talent_profile.viewed_by_official", target=profile)


@transaction.atomic
def create_profile(*, profile: TalentProfile, actor, changed) -> TalentProfile:
    """A profile staff enter for someone: no consent of any kind is recorded for it."""
    check_pool_staff(actor)
    profile.created_by = actor
    return save_profile(profile=profile, actor=actor, changed=changed)


def verify_profile(*, profile: TalentProfile, actor) -> bool:
    """Mark the profile verified by ``actor`` now; False when it already was."""
    check_pool_staff(actor)
    if profile.verification == Verification.VERIFIED:
        return False
    profile.verification = Verification.VERIFIED
    profile.verified_by = actor
    profile.verified_at = timezone.now()
    save_profile(profile=profile, actor=actor, changed=["verification"])
    return True


# --- Inviting a person to claim the profile staff entered for them


class ClaimNotPossible(ValueError):
    """The profile already belongs to an account, or there is no address to invite."""


def can_invite_to_claim(profile: TalentProfile) -> bool:
    return profile.user_id is None and bool(profile.email)


@transaction.atomic
def invite_to_claim(*, profile: TalentProfile, actor) -> bool:
    """Mail the person an invitation to claim their profile (at most one a day per address).

    Returns False when an invitation already went to this address today.
    """
    check_pool_staff(actor)
    if not can_invite_to_claim(profile):
        raise ClaimNotPossible
    _reminder, created = schedule_reminder(
        kind=CLAIM_INVITATION_KIND,
        target=profile,
        period=timezone.localdate().isoformat(),
        recipient_email=profile.email,
    )
    if created:
        record(actor=actor, action="talent_profile.claim_invited", target=profile)
    return created
