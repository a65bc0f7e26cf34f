"""VIP invitations in the API, for staff and officials (as on the invitations pages). An
invitation holds a person's details: every read is audited. The staff's protocol notes and
follow-up, and the notes written beside each step, stay on the pages."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workstation.api.filters import UpdatedSince
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.events.api import EventOutlineSerializer
from workstation.invitations.models import Invitation, InvitationStatus, InvitationStep


class InvitationStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvitationStep
        fields = ["status", "at"]


class InvitationSerializer(BilingualSerializer):
    event = EventOutlineSerializer(read_only=True)
    steps = InvitationStepSerializer(many=True, read_only=True)

    class Meta:
        model = Invitation
        bilingual = ("affiliation", "bio")
        rich_text = ("bio",)
        fields = [
            "id",
            "name",
            "kind",
            "email",
            "status",
            "event",
            "created_at",
            "updated_at",
            "steps",
        ]


class InvitationFilter(UpdatedSince):
    status = django_filters.MultipleChoiceFilter(choices=InvitationStatus.choices)
    event = django_filters.NumberFilter(field_name="event_id", label=_("An event's id"))

    class Meta:
        model = Invitation
        fields = ["status", "event"]


class InvitationViewSet(ReadOnlyViewSet):
    """VIP invitations the reader sees on the pages (officials: once submitted to them), newest
    first, with the steps of their flow (oldest first). Every read is audited."""

    model = Invitation
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    ordering_fields = ["created_at", "updated_at", "id"]
    ordering = ["-created_at", "-id"]
    personal_data = "vip invitation"

    def rows(self, queryset):
        return queryset.select_related("event").prefetch_related(
            Prefetch("steps", InvitationStep.objects.order_by("at", "pk"))
        )
