"""Events in the API: what the reader sees on the events pages (staff and officials every event),
with how many registered, never who."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from workstation.api.filters import StartsBetween
from workstation.api.serializers import BilingualSerializer
from workstation.api.viewsets import ReadOnlyViewSet
from workstation.events.models import Event, EventKind


class RegistrationCountsSerializer(serializers.Serializer):
    confirmed = serializers.IntegerField(help_text=_("Confirmed places taken."))
    attended = serializers.IntegerField(help_text=_("Confirmed people who checked in."))
    waiting = serializers.IntegerField(help_text=_("People on the waiting list."))


class EventSerializer(BilingualSerializer):
    registrations = RegistrationCountsSerializer(source="*", read_only=True)

    class Meta:
        model = Event
        bilingual = ("title", "description", "venue")
        rich_text = ("description",)
        fields = [
            "id",
            "kind",
            "starts_at",
            "ends_at",
            "time_zone",
            "expo_year",
            "is_public",
            "registration_open",
            "capacity",
            "is_sample",
            "created_at",
            "updated_at",
            "registrations",
        ]


class EventOutlineSerializer(BilingualSerializer):
    """An event named from another record (a meeting, an invitation): its title, place and time."""

    class Meta:
        model = Event
        bilingual = ("title", "venue")
        fields = ["id", "kind", "starts_at", "ends_at", "time_zone"]


class EventFilter(StartsBetween):
    kind = django_filters.MultipleChoiceFilter(choices=EventKind.choices)

    class Meta:
        model = Event
        fields = ["kind"]


class EventViewSet(ReadOnlyViewSet):
    """Events as the events pages show them to the reader, newest first, with the number of
    registrations (confirmed, checked in, waiting); the people who registered are not given."""

    model = Event
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at", "updated_at", "created_at", "id"]
    ordering = ["-starts_at", "-id"]

    def rows(self, queryset):
        return queryset.with_registration_counts()
