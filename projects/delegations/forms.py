"""Forms of the delegation pages: the delegation, a member, an itinerary item, a PDF request."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.delegations.models import Delegation, DelegationMember
from projects.expo.forms import LANGUAGE_CHOICES
from projects.pipeline.models import Project
from workstation.forms import WallClockField, place_in_time_zone, time_zone_field
from workstation.reference.models import Organization


class DelegationForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = [
            "title_zh_hans",
            "title_en",
            "lanzhou_organization",
            "starts_on",
            "ends_on",
            "notes",
        ]
        labels = {
            "title_zh_hans": _("Title in Chinese"),
            "title_en": _("Title in English"),
        }
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        if (
            not (data.get("title_zh_hans") or "").strip()
            and not (data.get("title_en") or "").strip()
        ):
            self.add_error(
                "title_zh_hans", _("Give the delegation a title in at least one language.")
            )
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The delegation cannot leave before it arrives."))
        return data


class MemberForm(forms.ModelForm):
    class Meta:
        model = DelegationMember
        fields = ["name", "position", "organization", "is_leader"]

    def row_fields(self) -> dict:
        return self.cleaned_data


class ItineraryItemForm(forms.Form):
    time_zone = time_zone_field()
    starts_at = WallClockField(label=_("Starts at"))
    ends_at = WallClockField(label=_("Ends at"), required=False)
    title_zh_hans = forms.CharField(label=_("What (in Chinese)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("What (in English)"), max_length=200, required=False)
    place = forms.CharField(label=_("Where"), max_length=300, required=False)
    organization = forms.ModelChoiceField(
        label=_("Organization met"), queryset=Organization.objects.all(), required=False
    )
    project = forms.ModelChoiceField(
        label=_("Project met"), queryset=Project.objects.order_by("company", "pk"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean(self):
        data = super().clean()
        if not data.get("title_zh_hans", "").strip() and not data.get("title_en", "").strip():
            self.add_error(
                "title_zh_hans", _("Say what the meeting or visit is, in at least one language.")
            )
        place_in_time_zone(self, data, ("starts_at", "ends_at"), data.get("time_zone"))
        return data

    def row_fields(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "time_zone"}


class PDFRequestForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="bilingual")
