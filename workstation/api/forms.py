from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workstation.api.services import DEFAULT_LIFETIME, LONGEST_LIFETIME


def _today():
    return timezone.localdate()


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the token is for, e.g. “Bureau statistics system”."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("At most a year from today. The token stops working at the end of that day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].initial = _today() + DEFAULT_LIFETIME

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = _today()
        if expires_on < today:
            raise forms.ValidationError(_("Choose today or a later day."))
        if expires_on > today + LONGEST_LIFETIME - timedelta(days=1):
            raise forms.ValidationError(_("Choose a day at most a year from today."))
        return expires_on

    def expires_at(self):
        """The end of the chosen day on the workstation's clock (the portal's time zone)."""
        next_day = self.cleaned_data["expires_on"] + timedelta(days=1)
        return timezone.make_aware(datetime.combine(next_day, time.min))
