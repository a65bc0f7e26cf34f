"""Projects in the API, with their stage history, for staff and officials (as on the pages)."""

from __future__ import annotations

import django_filters
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.pipeline.models import PROJECT_FACTS, Project, Stage, StageChange
from workstation.api.filters import UpdatedSince
from workstation.api.serializers import BilingualSerializer, rows_from_json
from workstation.api.viewsets import ReadOnlyViewSet


class StageChangeSerializer(serializers.ModelSerializer):
    """What each change of a project's ``stage_history`` holds (built by the database, below)."""

    class Meta:
        model = StageChange
        fields = [
            "from_stage",
            "to_stage",
            "changed_at",
            "reason",
            "on_date",
            "amount",
            "agreement_type",
        ]


@extend_schema_field(StageChangeSerializer(many=True))
class StageHistoryField(serializers.Field):
    """The ``stage_history`` the database built as JSON for each project (newest change first):
    a page of projects carries a thousand changes, which as rows and through a nested serializer
    cost more than the rest of the page."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, rows):
        return rows_from_json(rows, StageChangeSerializer.Meta.fields, times=("changed_at",))


def stage_history() -> ArraySubquery:
    fields = StageChangeSerializer.Meta.fields
    return ArraySubquery(
        StageChange.objects.filter(project=OuterRef("pk"))
        .order_by("-changed_at", "-pk")
        .values(change=JSONObject(**{name: name for name in fields}))
    )


class ProjectSerializer(BilingualSerializer):
    industry = serializers.CharField(source="industry.key", default=None, allow_null=True)
    stage_history = StageHistoryField()

    class Meta:
        model = Project
        bilingual = ("title", "summary")
        rich_text = ("summary",)
        fields = [
            "id",
            *PROJECT_FACTS,
            "stage",
            "stage_changed_at",
            "source",
            "created_at",
            "updated_at",
            "stage_history",
        ]


class ProjectFilter(UpdatedSince):
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    expo_year = django_filters.NumberFilter()

    class Meta:
        model = Project
        fields = ["stage", "expo_year"]


class ProjectViewSet(ReadOnlyViewSet):
    """Projects of the pipeline with their stage history (newest change first). Contacts are
    personal data: every read is audited."""

    model = Project
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    ordering_fields = ["created_at", "updated_at", "stage_changed_at", "id"]
    ordering = ["-created_at", "-id"]
    personal_data = "project contact"

    def rows(self, queryset):
        return queryset.select_related("industry").annotate(stage_history=stage_history())
