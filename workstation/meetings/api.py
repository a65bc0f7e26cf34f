"""Monthly meetings with the bureau and their action items in the API, for staff and officials
(as on the meetings pages); agenda and minutes as sanitized HTML."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from workstation.api.filters import StartsBetween
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.events.api import EventOutlineSerializer
from workstation.meetings.models import ActionItem, Meeting


class ActionItemStatus:
    OPEN = "open"
    DONE = "done"
    CHOICES = [(OPEN, pgettext_lazy("action item", "Open")), (DONE, _("Done"))]


@extend_schema_field(serializers.ChoiceField(choices=ActionItemStatus.CHOICES))
class ActionItemStatusField(serializers.Field):
    def __init__(self, **kwargs):
        # The whole item: a field whose value is None would not be asked to show it.
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item: ActionItem) -> str:
        return ActionItemStatus.OPEN if item.done_at is None else ActionItemStatus.DONE


class ActionItemSerializer(BilingualSerializer):
    owner = serializers.CharField(
        source="owner.get_short_name", default=None, allow_null=True, read_only=True
    )
    status = ActionItemStatusField()

    class Meta:
        model = ActionItem
        bilingual = ("description",)
        fields = ["id", "meeting", "owner", "due_on", "status", "done_at", "created_at"]


class MeetingSerializer(BilingualSerializer):
    event = EventOutlineSerializer(read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        bilingual = ("agenda", "minutes")
        rich_text = ("agenda", "minutes")
        fields = ["id", "event", "minutes_status", "created_at", "updated_at", "action_items"]


class MeetingFilter(StartsBetween):
    starts_field = "event__starts_at"

    class Meta:
        model = Meeting
        fields: list[str] = []


class MeetingViewSet(ReadOnlyViewSet):
    """Monthly meetings with the Lanzhou bureau, newest first: their event, agenda and minutes
    in both languages, and the action items agreed (soonest due first)."""

    model = Meeting
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["event__starts_at", "updated_at", "created_at", "id"]
    ordering = ["-event__starts_at", "-id"]

    def rows(self, queryset):
        return queryset.select_related("event").prefetch_related(
            Prefetch("action_items", ActionItem.objects.select_related("owner"))
        )


class ActionItemFilter(django_filters.FilterSet):
    meeting = django_filters.NumberFilter(field_name="meeting_id", label=_("A meeting's id"))
    status = django_filters.ChoiceFilter(
        choices=ActionItemStatus.CHOICES, method="in_status", label=_("Open or done")
    )
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due on or after (e.g. 2026-12-01)")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lt", label=_("Due before (e.g. 2027-01-01)")
    )

    class Meta:
        model = ActionItem
        fields = ["meeting"]

    def in_status(self, queryset, name, value):
        return queryset.filter(done_at__isnull=value == ActionItemStatus.OPEN)


class ActionItemViewSet(ReadOnlyViewSet):
    """The action items of the meetings the reader sees, soonest due first; ``?meeting=`` gives
    one meeting's, ``?status=open`` those not done yet."""

    model = ActionItem
    serializer_class = ActionItemSerializer
    filterset_class = ActionItemFilter
    ordering_fields = ["due_on", "created_at", "id"]
    ordering = ["due_on", "id"]

    def rows(self, queryset):
        return queryset.select_related("owner")
