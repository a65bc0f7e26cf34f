"""The staff's contact log: recording a call, meeting, mail or event with a person of the pool,
and a person's own "I'm interested" in a Lanzhou demand, which staff follow up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talentpool.interactions.models import Interaction
from talentpool.rules import check_own_profile, check_pool_staff
from workstation.audit.services import record
from workstation.translated import LANGUAGE_CODES, translated


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


@transaction.atomic
def record_demand_interest(*, profile, demand, actor) -> tuple[Interaction, bool]:
    """The person says they are interested in an open Lanzhou demand: one entry of their
    interaction log, however often they say it (a double click, two tabs); ``True`` when it is
    new. Audited."""
    check_own_profile(actor, profile)
    if not demand.is_active:
        raise ValidationError(_("This demand is no longer open."), code="closed")
    # The person's row is the lock: a second click waits for the first and then finds its entry.
    type(profile).objects.select_for_update().filter(pk=profile.pk).exists()
    existing = Interaction.objects.demand_interests().filter(profile=profile, demand=demand)
    if interaction := existing.first():
        return interaction, False
    interaction = Interaction.objects.create(
        profile=profile,
        kind=Interaction.Kind.DEMAND_INTEREST,
        demand=demand,
        happened_on=timezone.localdate(),
        # Both titles, so that the entry still says which demand if the demand is deleted.
        summary=" / ".join(translated(demand, "title", LANGUAGE_CODES)) or str(demand),
        recorded_by=actor,
    )
    record(
        actor=actor,
        action="talent_interaction.demand_interest",
        target=profile,
        interaction=interaction.pk,
        demand=demand.pk,
    )
    return interaction, True


def interested_demand_ids(profile, demand_ids) -> set[int]:
    """Which of ``demand_ids`` the person said they are interested in (one query)."""
    return set(
        Interaction.objects.demand_interests()
        .filter(profile=profile, demand_id__in=list(demand_ids))
        .values_list("demand_id", flat=True)
    )
