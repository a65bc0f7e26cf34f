"""Matches of projects with Lanzhou demands in the API, for staff and officials (as on the
pages): the pair, its score and the decision; who decided and the matching's reasons stay on the
workstation's pages."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from projects.matching.models import Match
from workstation.api.filters import Instant, UpdatedSince
from workstation.api.viewsets import ReadOnlyViewSet


class MatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Match
        fields = ["id", "project", "demand", "score", "status", "decided_at"]


class MatchFilter(UpdatedSince):
    # A match changes only by a decision, which sets decided_at: the bureau pulls by it.
    updated_since = Instant(
        field_name="decided_at",
        lookup_expr="gte",
        label=UpdatedSince.base_filters["updated_since"].label,
    )
    # By id, without loading the project or demand to validate it.
    project = django_filters.NumberFilter(field_name="project_id", label=_("Project id"))
    demand = django_filters.NumberFilter(field_name="demand_id", label=_("Demand id"))
    status = django_filters.ChoiceFilter(choices=Match.Status.choices)

    class Meta:
        model = Match
        fields = ["project", "demand", "status"]


class MatchViewSet(ReadOnlyViewSet):
    """Confirmed and rejected pairs of a project and a demand; ``?project=``, ``?demand=``."""

    model = Match
    serializer_class = MatchSerializer
    filterset_class = MatchFilter
    ordering_fields = ["decided_at", "score", "id"]
    ordering = ["-decided_at", "-id"]
