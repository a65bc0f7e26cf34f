"""Lanzhou delegations visiting North America: members, itinerary, times in two zones."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.delegations.models import Delegation, DelegationMember, ItineraryItem
from projects.rules import check_pipeline_staff
from workstation.audit.services import record
from workstation.pdf import made_on
from workstation.timezones import dual_time
from workstation.translated import in_languages, translated

# --- Changes (staff only; each audited)


def save_delegation(*, delegation: Delegation, actor, changed=()) -> Delegation:
    check_pipeline_staff(actor)
    created = delegation.pk is None
    if created:
        delegation.created_by = actor
    with transaction.atomic():
        delegation.save()
        record(
            actor=actor,
            action="delegation.created" if created else "delegation.changed",
            target=delegation,
            fields=sorted(changed),
        )
    return delegation


def add_member(*, delegation: Delegation, actor, **fields) -> DelegationMember:
    check_pipeline_staff(actor)
    with transaction.atomic():
        member = DelegationMember.objects.create(delegation=delegation, **fields)
        record(actor=actor, action="delegation.member_added", target=delegation, member=member.pk)
    return member


def remove_member(*, delegation: Delegation, member_id: int, actor) -> bool:
    check_pipeline_staff(actor)
    with transaction.atomic():
        deleted, _rows = delegation.members.filter(pk=member_id).delete()
        if deleted:
            record(
                actor=actor,
                action="delegation.member_removed",
                target=delegation,
                member=member_id,
            )
    return bool(deleted)


def add_itinerary_item(*, delegation: Delegation, actor, **fields) -> ItineraryItem:
    check_pipeline_staff(actor)
    with transaction.atomic():
        item = ItineraryItem.objects.create(delegation=delegation, **fields)
        record(actor=actor, action="delegation.item_added", target=delegation, item=item.pk)
    return item


def remove_itinerary_item(*, delegation: Delegation, item_id: int, actor) -> bool:
    check_pipeline_staff(actor)
    with transaction.atomic():
        deleted, _rows = delegation.itinerary.filter(pk=item_id).delete()
        if deleted:
            record(actor=actor, action="delegation.item_removed", target=delegation, item=item_id)
    return bool(deleted)


# --- Reading


def with_organizations(delegations):
    return delegations.select_related("lanzhou_organization", "created_by")


def itinerary_of(delegation: Delegation) -> list[ItineraryItem]:
    items = list(delegation.itinerary.select_related("organization", "project"))
    for item in items:
        item.starts_dual = dual_time(item.starts_at)
        item.ends_dual = dual_time(item.ends_at)
    return items


ITINERARY_COLUMNS = (
    gettext_noop("Time"),
    gettext_noop("What"),
    gettext_noop("Where"),
    gettext_noop("Meeting with"),
)


def itinerary_context(*, delegation_id: int, languages) -> dict:
    """What the itinerary PDF shows, each text in each of ``languages`` (Chinese first)."""
    delegation = with_organizations(Delegation.objects).get(pk=delegation_id)
    items = []
    for item in itinerary_of(delegation):
        met = []
        if item.organization:
            met += in_languages(languages, lambda o=item.organization: str(o))
        if item.project:
            met += translated(item.project, "title", languages) or [item.project.company]
        items.append(
            {
                "starts": item.starts_dual,
                "ends": item.ends_dual,
                "title": translated(item, "title", languages),
                "place": item.place,
                "met": met,
                "notes": item.notes,
            }
        )
    members = list(delegation.members.all())
    return {
        "delegation": delegation,
        "title": translated(delegation, "title", languages),
        "heading": in_languages(languages, lambda: _("Delegation itinerary")),
        "dates": f"{delegation.starts_on.isoformat()} – {delegation.ends_on.isoformat()}",
        "members_heading": in_languages(languages, lambda: _("Members")),
        "leader_label": in_languages(languages, lambda: _("Leader")),
        "itinerary_heading": in_languages(languages, lambda: _("Itinerary")),
        "time_note": in_languages(
            languages,
            lambda: _("Times are given in Pacific time and in China Standard Time."),
        ),
        "columns": [
            in_languages(languages, lambda label=label: _(label)) for label in ITINERARY_COLUMNS
        ],
        "empty": in_languages(languages, lambda: _("No itinerary item yet.")),
        "members": members,
        "items": items,
        "organization": in_languages(languages, lambda: str(delegation.lanzhou_organization or "")),
        "made_on": made_on(languages),
        "language": translation.get_language(),
    }
