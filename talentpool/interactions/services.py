"""The staff's contact log: recording a call, meeting, mail or event with a person of the pool."""

from __future__ import annotations

from talentpool.interactions.models import Interaction
from talentpool.rules import check_pool_staff
from workstation.audit.services import record


def add_interaction(*, profile, actor, kind: str, happened_on, summary: str) -> Interaction:
    check_pool_staff(actor)
    interaction = Interaction.objects.create(
        profile=profile, kind=kind, happened_on=happened_on, summary=summary, recorded_by=actor
    )
    record(
        actor=actor,
        action="talent_interaction.added",
        target=profile,
        interaction=interaction.pk,
        kind=kind,
    )
    return interaction
