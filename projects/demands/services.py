"""Lanzhou demands: what staff keep about the needs of Lanzhou enterprises, parks and universities.

``save_demand`` is the one way a demand is written: it saves, refreshes the demand's matching
document (``projects.matching.services.index_demand``) and audits the change.
"""

from __future__ import annotations

import re

from django.db import transaction

from projects.demands.models import Demand
from projects.matching.services import index_demand
from projects.rules import check_pipeline_staff
from workstation.audit.services import record
from workstation.reference.models import Organization

# The organizations a demand may belong to.
DEMAND_ORGANIZATION_KINDS = (
    Organization.Kind.LANZHOU_ENTERPRISE,
    Organization.Kind.INDUSTRIAL_PARK,
    Organization.Kind.UNIVERSITY,
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def demand_organizations():
    return Organization.objects.filter(kind__in=DEMAND_ORGANIZATION_KINDS)


def create_organization(*, name: str, kind: str, actor) -> Organization:
    """A Lanzhou organization typed in the demand form; its name goes in the language it is in."""
    check_pipeline_staff(actor)
    name = " ".join(name.split())
    language_field = "name_zh_hans" if _HAN.search(name) else "name_en"
    organization = Organization.objects.create(kind=kind, **{language_field: name})
    record(actor=actor, action="organization.created", target=organization, kind=kind)
    return organization


@transaction.atomic
def save_demand(
    *,
    demand: Demand,
    actor,
    changed=(),
    new_organization_name: str = "",
    new_organization_kind: str = "",
) -> Demand:
    """Save a new or changed demand (with, if given, a new organization), index it, audit it."""
    check_pipeline_staff(actor)
    created = demand.pk is None
    if new_organization_name:
        demand.organization = create_organization(
            name=new_organization_name, kind=new_organization_kind, actor=actor
        )
    if created and actor is not None and actor.is_authenticated:
        demand.created_by = actor
    demand.save()
    index_demand(demand)
    record(
        actor=actor,
        action="project_demand.created" if created else "project_demand.changed",
        target=demand,
        fields=sorted(changed),
    )
    return demand


def filtered_demands(
    demands, *, status: str = "", kind: str = "", industry=None, organization=None
):
    queryset = demands.select_related("organization", "industry").defer("match_document")
    if status == "open":
        queryset = queryset.filter(is_active=True)
    elif status == "closed":
        queryset = queryset.filter(is_active=False)
    if kind:
        queryset = queryset.filter(kind=kind)
    if industry is not None:
        queryset = queryset.filter(industry=industry)
    if organization is not None:
        queryset = queryset.filter(organization=organization)
    return queryset
