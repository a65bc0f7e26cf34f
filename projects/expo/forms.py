"""Forms of the expo page: choosing the year, asking for a roster PDF."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.expo.models import GeneratedPDF

LANGUAGE_CHOICES = GeneratedPDF._meta.get_field("language").choices


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Expo year"), min_value=2000, max_value=2100)


class RosterRequestForm(forms.Form):
    year = forms.IntegerField(
        label=_("Expo year"), min_value=2000, max_value=2100, widget=forms.HiddenInput
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, initial="bilingual")

    def __init__(self, *args, **kwargs):
        # It shares the expo page with the year picker (YearForm): ids of its own, not id_year.
        kwargs.setdefault("auto_id", "roster_%s")
        super().__init__(*args, **kwargs)
