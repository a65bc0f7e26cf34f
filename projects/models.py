"""Models of the project pipeline, one sub-package per domain noun."""

from projects.delegations.models import Delegation, DelegationMember, ItineraryItem
from projects.demands.models import Demand
from projects.expo.models import GeneratedPDF
from projects.matching.models import Introduction, Match
from projects.pipeline.models import Project, ProjectDocument, StageChange

__all__ = [
    "Delegation",
    "DelegationMember",
    "Demand",
    "GeneratedPDF",
    "Introduction",
    "ItineraryItem",
    "Match",
    "Project",
    "ProjectDocument",
    "StageChange",
]
