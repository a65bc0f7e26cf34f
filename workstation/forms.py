"""Form pieces shared by the apps: fields in both languages side by side, Markdown texts, times
typed on a wall clock in a chosen time zone, and the select of the lists' filters."""

from __future__ import annotations

import html
from datetime import UTC, datetime

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from workstation.timezones import CHINA, PACIFIC, wall_time_readings, zone_with_offset

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


MARKDOWN_HELP = _("Markdown.")


def markdown_field(label, *, rows: int = 8, help_text=MARKDOWN_HELP, **kwargs) -> forms.CharField:
    """A text in Markdown, typed in a box of ``rows`` lines; one language of a pair, so optional."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        **kwargs,
    )


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
    clock skips (spring forward) is an error on its field, a time it shows twice (fall back) is
    asked about. The end may not come before the start (``names`` is start, end)."""
    for name in names:
        naive = data.get(name)
        if naive is None or not zone_name:
            continue
        readings = wall_time_readings(naive, zone_name)
        if len(readings) == 2:
            data[name] = which_reading(form, name, naive, readings, zone_name)
            continue
        if not readings:
            form.add_error(
                name,
                _(
                    "This time does not exist in the chosen time zone "
                    "(the clocks move forward then)."
                ),
            )
        data[name] = readings[0] if readings else None
    starts, ends = (data.get(name) for name in names)
    if starts and ends and ends < starts:
        form.add_error(names[1], _("The end cannot come before the start."))


def which_reading(form: forms.Form, name: str, naive: datetime, readings, zone_name):
    """The one of two moments a wall-clock time shown twice (the clocks go back) means.

    A question joins the form just after the time's field (``<name>_reading``: the first or the
    second); until it is answered the time is an error that names both moments."""
    time = naive.strftime("%H:%M")
    first, second = (zone_with_offset(moment, zone_name) for moment in readings)
    later = gettext("The second, after the clocks go back: %(time)s %(zone)s")
    question = forms.ChoiceField(
        label=gettext("Which %(time)s?") % {"time": time},
        choices=[
            ("first", gettext("The first: %(time)s %(zone)s") % {"time": time, "zone": first}),
            ("second", later % {"time": time, "zone": second}),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    question_name = f"{name}_reading"
    fields = {}
    for field_name, field in form.fields.items():
        fields[field_name] = field
        if field_name == name:
            fields[question_name] = question
    form.fields = fields
    answer = form[question_name].value()
    if answer in ("first", "second"):
        return readings[0 if answer == "first" else 1]
    # Translators: a date format (as for Django's "date" filter) inside a sentence.
    day = dateformat.format(naive, pgettext("date in a sentence", "j F Y"))
    form.add_error(
        name,
        gettext(
            "%(time)s happens twice on %(day)s, as the clocks go back: first in %(first)s, "
            "then in %(second)s. Say which one below."
        )
        % {"time": time, "day": day, "first": first, "second": second},
    )
    return None


def _escaped(value) -> str:
    """``conditional_escape`` without its wrappers (called for every option of every select)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def select_options(choices, chosen, *, multiple: bool = False):
    """The ``<option>`` elements of ``choices`` (value, label; or group name, choices), those whose
    value is in ``chosen`` (strings) selected (only the first unless ``multiple``), as Django's
    select template writes them."""
    taken = False
    parts = []

    def add(value, label):
        nonlocal taken
        value = "" if value is None else str(value)
        selected = value in chosen and (multiple or not taken)
        taken |= selected
        parts.append(
            f'<option value="{_escaped(value)}"{" selected" if selected else ""}>'
            f"{_escaped(label)}</option>"
        )

    for value, label in choices:
        if isinstance(label, list | tuple):  # a group of options
            parts.append(f'<optgroup label="{_escaped(value)}">')
            for pair in label:
                add(*pair)
            parts.append("</optgroup>")
        else:
            add(value, label)
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


class FilterSelect(forms.Select):
    """A select written in Python rather than through Django's two templates per option.

    The filters of the lists staff and officials open all day (directory, pipeline, dashboard)
    offer every region, industry and stage: rendered option by option through templates they
    cost more than the list itself (bench/staff_pages.py). The HTML is the same as Django's.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = select_options(
            listed_choices(self.choices),
            set(self.format_value(value)),
            multiple=self.allow_multiple_selected,
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


def listed_choices(choices):
    """A field's or widget's choices; a model choice field's rows read in one query (iterating
    its choices opens a server-side cursor: three round trips to the database)."""
    if not isinstance(choices, ModelChoiceIterator):
        return choices
    field = choices.field
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    return empty + [choices.choice(row) for row in field.queryset.all()]
