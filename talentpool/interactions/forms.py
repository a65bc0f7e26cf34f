from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentpool.interactions.models import Interaction


def latest_today():
    """Today where it is latest among the workstation's places (China): a meeting held in Lanzhou
    this morning is not "in the future" although it is still yesterday in California."""
    return datetime.now(ZoneInfo(settings.CHINA_TIME_ZONE)).date()


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["kind", "happened_on", "summary"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            choice
            for choice in self.fields["kind"].choices
            if not choice[0] or choice[0] in Interaction.RECORDED_BY_STAFF
        ]
        if not self.is_bound:
            self.initial.setdefault("happened_on", timezone.localdate())

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value and value > latest_today():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        return value
