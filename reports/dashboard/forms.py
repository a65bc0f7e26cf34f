from django import forms
from django.utils.translation import gettext_lazy as _

from reports.dashboard.figures import this_year
from workstation.forms import FilterSelect

FIRST_YEAR = 2024


def year_choices() -> list[tuple[int, int]]:
    return [(year, year) for year in range(this_year() + 1, FIRST_YEAR - 1, -1)]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), coerce=int, choices=year_choices, widget=FilterSelect
    )
