"""Projects in the API, with their stage history, for staff and officials (as on the pages)."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from rest_framework import serializers

from projects.pipeline.models import PROJECT_FACTS, Project, Stage, StageChange
from workstation.api.filters import UpdatedSince
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet


class StageChangeSerializer(serializers.ModelSerializer):
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


class ProjectSerializer(BilingualSerializer):
    industry = serializers.CharField(source="industry.key", default=None, allow_null=True)
    stage_history = StageChangeSerializer(source="stage_changes", many=True, read_only=True)

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
        return queryset.select_related("industry").prefetch_related(
            Prefetch("stage_changes", StageChange.objects.order_by("-changed_at", "-pk"))
        )
