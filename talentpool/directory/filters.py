"""The directory's filters and search box, shared by the list page and the exports."""

from __future__ import annotations

from functools import lru_cache

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from talentpool.profiles.models import Interest, Source, Verification
from workstation.digests import READ_AT, table_select, versions_select
from workstation.events.forms import EventChoiceField
from workstation.events.models import Event, Registration
from workstation.forms import FilterSelect
from workstation.reference.models import Industry, Region


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    prefecture = forms.ModelChoiceField(
        label=_("Native prefecture"),
        queryset=Region.objects.filter(kind=Region.Kind.PREFECTURE),
        required=False,
        empty_label=_("Any"),
        widget=FilterSelect,
    )
    district = forms.ModelChoiceField(
        label=_("Lanzhou district or county"),
        queryset=Region.objects.filter(kind__in=[Region.Kind.DISTRICT, Region.Kind.NEW_AREA]),
        required=False,
        empty_label=_("Any"),
        widget=FilterSelect,
    )
    gansu = forms.BooleanField(label=_("Gansu natives"), required=False)
    lanzhou = forms.BooleanField(label=_("Lanzhou natives"), required=False)
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        required=False,
        empty_label=_("Any"),
        widget=FilterSelect,
    )
    interest = forms.ChoiceField(
        label=_("Cooperation interest"),
        choices=[("", _("Any")), *Interest.choices],
        required=False,
        widget=FilterSelect,
    )
    verification = forms.ChoiceField(
        label=_("Verification"),
        choices=[("", _("Any")), *Verification.choices],
        required=False,
        widget=FilterSelect,
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[("", _("Any")), *Source.choices],
        required=False,
        widget=FilterSelect,
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    registered_since = forms.DateField(
        label=_("Registered since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    attended = EventChoiceField(
        label=_("Came to the event"),
        queryset=Event.objects.none(),  # the events begun so far (__init__)
        required=False,
        empty_label=_("Any"),
        help_text=_("Checked in at the event (with the address of the profile or its account)."),
    )

    # Fields only staff may filter by (officials never see tags, verification notes or who came
    # to which event).
    STAFF_ONLY = ("verification", "source", "tag", "attended")

    def __init__(self, *args, staff: bool = True, search: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            for name in self.STAFF_ONLY:
                del self.fields[name]
        if "attended" in self.fields:
            self.fields["attended"].queryset = begun_events(timezone.now())
        if not search:  # filters only (a campaign's audience), without the search box
            del self.fields["q"]

    @classmethod
    def searched(cls, data) -> str | None:
        """The search box's text when ``data`` holds nothing else (but a page number), checked by
        its field alone, so that the form need not be built to list the matches; None when
        ``data`` holds filters or a text the form must show as wrong."""
        if set(data) - {"q", "page"}:
            return None
        try:
            return cls.base_fields["q"].clean(data.get("q", ""))
        except forms.ValidationError:
            return None

    def clean_registered_since(self):
        value = self.cleaned_data["registered_since"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return value

    def filter(self, queryset):
        """Apply the filters (not the search box: see ``search_profiles``)."""
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data.get("prefecture"):
            # A prefecture covers its districts and counties (and the Lanzhou New Area).
            region = data["prefecture"]
            queryset = queryset.filter(Q(native_region=region) | Q(native_region__parent=region))
        if data.get("district"):
            queryset = queryset.filter(native_region=data["district"])
        if data.get("gansu"):
            queryset = queryset.gansu()
        if data.get("lanzhou"):
            queryset = queryset.lanzhou()
        if data.get("industry"):
            queryset = queryset.filter(industry=data["industry"])
        if data.get("interest"):
            queryset = queryset.filter(interests__contains=[data["interest"]])
        if data.get("verification"):
            queryset = queryset.filter(verification=data["verification"])
        if data.get("source"):
            queryset = queryset.filter(source=data["source"])
        if data.get("tag"):
            queryset = queryset.filter(tags__contains=[data["tag"].strip()])
        if data.get("registered_since"):
            queryset = queryset.filter(created_at__date__gte=data["registered_since"])
        if data.get("attended"):
            queryset = queryset.filter(Exists(attendance_of(data["attended"])))
        return queryset


def begun_events(now):
    """The events a filter offers: those begun by ``now`` (``READ_AT`` in a digest written
    once)."""
    return Event.objects.filter(starts_at__lte=now).order_by("-starts_at", "-pk")


@lru_cache(maxsize=8)
def _choice_digests(language: str, staff: bool) -> tuple[tuple[str, list], ...]:
    digests = (table_select(Region, language), table_select(Industry, language))
    return (*digests, versions_select(begun_events(READ_AT))) if staff else digests


def choice_digests(*, staff: bool) -> tuple[tuple[str, list], ...]:
    """What the filters offer (and what the list's rows name), as digest expressions computed
    with the list's page (``directory_page``): every place and industry, and for staff the events
    begun so far; written once per language."""
    return _choice_digests(get_language(), staff)


def attendance_of(event: Event):
    """The check-ins at ``event`` of the outer query's profile: a registration under the
    profile's address or by its account (a person may register with another address)."""
    return Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED, attended_at__isnull=False
    ).filter(Q(email__iexact=OuterRef("email")) | Q(user=OuterRef("user")))
