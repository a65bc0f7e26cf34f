"""The staff's match decision and the introduction log's form."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.demands.services import demand_organizations
from projects.matching.services import Decision, confirmed_demands
from workstation.reference.models import Organization


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Decision.CONFIRM, _("Confirm")), (Decision.REJECT, _("Reject"))]
    )


class IntroductionForm(forms.Form):
    demand = forms.ModelChoiceField(
        label=_("Confirmed match"),
        queryset=None,
        required=False,
        empty_label=_("None of them"),
        help_text=_("The demand this meeting was about, if it was about one."),
    )
    organization = forms.ModelChoiceField(
        label=_("Lanzhou organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("Leave empty to use the organization of the chosen demand."),
    )
    met_on = forms.DateField(label=_("Met on"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.CharField(
        label=_("Who met"),
        max_length=500,
        help_text=_("Names and roles of the people on both sides."),
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["demand"].queryset = confirmed_demands(project)
        self.fields["organization"].queryset = demand_organizations()

    def clean_met_on(self):
        value = self.cleaned_data["met_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The meeting date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("demand") and not data.get("organization") and not self.has_error("demand"):
            self.add_error(
                "organization", _("Choose the Lanzhou organization met, or a confirmed match.")
            )
        return data
