"""What a talent's "For you" page offers, chosen from their profile: the published policies whose
audience they fit, the open Lanzhou demands that match their expertise (scored as projects are
matched, with the reasons), and the upcoming public events.

A policy without audience tags is meant for everyone and fits nobody in particular: it stays on
the public policy list and is not shown here. Each list is bounded, and the page takes the same
number of queries whatever the number of policies, demands and events.
"""

from __future__ import annotations

from dataclasses import dataclass

from projects.demands.models import Demand
from projects.matching.services import suggest_demands_for_expertise
from talentpool.interactions.services import interested_demand_ids
from talentpool.profiles.models import TalentProfile
from workstation.events.models import Event
from workstation.publications.models import PolicyPage, Reader
from workstation.translated import Shown, shown

POLICIES_SHOWN = 10
DEMANDS_SHOWN = 10
EVENTS_SHOWN = 5


@dataclass(frozen=True)
class PolicyForYou:
    policy: PolicyPage
    reasons: list[str]


@dataclass(frozen=True)
class DemandForYou:
    demand: Demand
    title: Shown
    description: Shown
    organization: Shown
    reasons: list[str]
    interested: bool


def reader_of(profile: TalentProfile) -> Reader:
    """The profile as policies' audiences read it (its native place with the places it is in)."""
    return Reader(
        places=tuple(profile.native_region.lineage()) if profile.native_region else (),
        degree=profile.degree,
        interests=tuple(profile.interests),
    )


def policies_for(profile: TalentProfile) -> list[PolicyForYou]:
    """The published policies tagged for people like this one, newest first (two queries)."""
    reader = reader_of(profile)
    policies = (
        PolicyPage.objects.published()
        .for_reader(reader)
        .prefetch_related("audience_regions")[:POLICIES_SHOWN]
    )
    return [PolicyForYou(policy=policy, reasons=policy.reasons_for(reader)) for policy in policies]


def demands_for(profile: TalentProfile) -> list[DemandForYou]:
    """The open demands matching the person's expertise and industry, best first."""
    if not profile.expertise.strip() and profile.industry_id is None:
        return []
    suggestions = suggest_demands_for_expertise(
        expertise=profile.expertise, industry_id=profile.industry_id, limit=DEMANDS_SHOWN
    )
    interested = interested_demand_ids(profile, [item.demand.pk for item in suggestions])
    return [
        DemandForYou(
            demand=item.demand,
            title=shown(item.demand, "title"),
            description=shown(item.demand, "description"),
            organization=shown(item.demand.organization, "name"),
            reasons=item.reasons,
            interested=item.demand.pk in interested,
        )
        for item in suggestions
    ]


def upcoming_events(user) -> list[Event]:
    return list(Event.objects.visible_to(user).upcoming()[:EVENTS_SHOWN])
