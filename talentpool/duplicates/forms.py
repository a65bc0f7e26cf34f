"""The side-by-side merge: one choice per field where the two profiles differ."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.utils.translation import gettext as _

from talentpool.duplicates.services import differing_fields
from talentpool.profiles.models import TalentProfile

KEEP, OTHER = "keep", "other"


def _is_empty(value) -> bool:
    return value in (None, "", [], ())


def display_value(profile, field: str) -> str:
    """A field's value as staff read it on the merge page."""
    value = getattr(profile, field)
    if field == "cv":
        if not value:
            return _("No CV")
        suffix = PurePath(value.name).suffix.lstrip(".").upper() or "?"
        return _("A CV file (%(type)s)") % {"type": suffix}
    if _is_empty(value):
        return "—"
    if field == "interests":
        return ", ".join(profile.interest_labels()) or "—"
    if field == "phone":
        return value.as_international if hasattr(value, "as_international") else str(value)
    model_field = TalentProfile._meta.get_field(field)
    if model_field.choices:
        return str(getattr(profile, f"get_{field}_display")())
    return str(value)


class MergeForm(forms.Form):
    """``keep`` survives; for each differing field, staff pick whose value it keeps."""

    def __init__(self, *args, keep, other, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep, self.other = keep, other
        for field in differing_fields(keep, other):
            keep_empty = _is_empty(getattr(keep, field)) or (field == "cv" and not keep.cv)
            other_empty = _is_empty(getattr(other, field)) or (field == "cv" and not other.cv)
            self.fields[field] = forms.ChoiceField(
                label=TalentProfile._meta.get_field(field).verbose_name,
                choices=[(KEEP, display_value(keep, field)), (OTHER, display_value(other, field))],
                widget=forms.RadioSelect,
                initial=OTHER if keep_empty and not other_empty else KEEP,
            )

    def take_from_other(self) -> list[str]:
        return [field for field, choice in self.cleaned_data.items() if choice == OTHER]
