"""Form pieces shared by the apps: fields in both languages side by side, and times typed on a
wall clock in a chosen time zone."""

from __future__ import annotations

from datetime import UTC

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workstation.timezones import CHINA, PACIFIC, wall_time_in

TIME_ZONE_CHOICES = [
    (PACIFIC, _("Pacific time (Los Angeles, San Francisco)")),
    (CHINA, _("China Standard Time (Beijing, Lanzhou)")),
]


class BilingualRowsMixin:
    """(Chinese, English) field pairs shown side by side by ``includes/bilingual_fields.html``;
    the form's other visible fields follow them."""

    language_pairs: tuple[tuple[str, str], ...] = ()

    def language_rows(self):
        return [(self[zh], self[en]) for zh, en in self.language_pairs]

    def other_fields(self):
        paired = {name for pair in self.language_pairs for name in pair}
        return [field for field in self.visible_fields() if field.name not in paired]

    def require_one_language(self, data: dict, pair: tuple[str, str], message) -> None:
        """``message`` on the Chinese field when neither field of ``pair`` is filled in."""
        if not any((data.get(name) or "").strip() for name in pair):
            self.add_error(pair[0], message)


class WallClockField(forms.DateTimeField):
    """A date and time as typed, without a zone: the form's zone choice gives it one."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        with timezone.override(UTC):  # UTC has no clock changes: the typed time comes back as is
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else result


def time_zone_field(**kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Times are in"), choices=TIME_ZONE_CHOICES, initial=PACIFIC, **kwargs
    )


def place_in_time_zone(form: forms.Form, data: dict, names: tuple[str, ...], zone_name) -> None:
    """Turn the wall-clock times ``names`` of ``data`` into moments in ``zone_name``; a time the
    clock skips (spring forward) is an error on its field. The end may not come before the start
    (``names`` is start, end)."""
    for name in names:
        naive = data.get(name)
        if naive is None or not zone_name:
            continue
        moment = wall_time_in(naive, zone_name)
        if moment is None:
            form.add_error(
                name,
                _(
                    "This time does not exist in the chosen time zone "
                    "(the clocks move forward then)."
                ),
            )
        data[name] = moment
    starts, ends = (data.get(name) for name in names)
    if starts and ends and ends < starts:
        form.add_error(names[1], _("The end cannot come before the start."))
