"""Forms of the invitation pages: the VIP's details (both languages side by side), the staff's
protocol notes and follow-up, and the note that may go with a step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workstation.events.forms import EventChoiceField
from workstation.events.models import Event
from workstation.forms import BilingualRowsMixin, markdown_field
from workstation.invitations.models import Invitation
from workstation.invitations.services import APPROVED_FIELDS

LANGUAGE_PAIRS = (("affiliation_zh_hans", "affiliation_en"), ("bio_zh_hans", "bio_en"))


class InvitationForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = LANGUAGE_PAIRS

    event = EventChoiceField(
        label=_("Event"),
        queryset=Event.objects.order_by("-starts_at", "-pk"),
        help_text=_("The Lanzhou event the VIP is invited to."),
    )
    affiliation_zh_hans = forms.CharField(
        label=_("Title and affiliation in Chinese"), max_length=300, required=False
    )
    affiliation_en = forms.CharField(
        label=_("Title and affiliation in English"), max_length=300, required=False
    )
    bio_zh_hans = markdown_field(_("Biography in Chinese"), max_length=10000)
    bio_en = markdown_field(_("Biography in English"), max_length=10000)

    class Meta:
        model = Invitation
        fields = ["name", "kind", "event", "email", *[f for pair in LANGUAGE_PAIRS for f in pair]]
        help_texts = {"name": _("As the person writes it.")}

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if locked:
            # What the official approved: shown, not changed (a disabled field keeps its value).
            for name in APPROVED_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once submitted for approval.")

    def clean_name(self) -> str:
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(_("Give the VIP's name."))
        return name


class NotesForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["protocol_notes", "follow_up"]
        widgets = {
            "protocol_notes": forms.Textarea(attrs={"rows": 6}),
            "follow_up": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"follow_up": _("What was promised, who follows up and when.")}


class StepForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What should change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year of the event"), required=False, min_value=2000, max_value=2100
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, years=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget = forms.Select(choices=[(y, y) for y in years])
        self.fields["status"].choices = [("", _("All statuses")), *statuses]
