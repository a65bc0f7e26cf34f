"""Forms of the meeting pages: scheduling (the event and the meeting in one form), the minutes,
and an action item; both languages side by side."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workstation.events.forms import EventForm
from workstation.events.models import Event
from workstation.forms import BilingualRowsMixin, markdown_field, place_in_time_zone
from workstation.meetings.models import ActionItem, Meeting
from workstation.meetings.services import meeting_people


class PersonChoiceMixin:
    def label_from_instance(self, user) -> str:
        if user.full_name:
            return f"{user.full_name} <{user.email}>"
        return user.email


class PeopleField(PersonChoiceMixin, forms.ModelMultipleChoiceField):
    pass


class PersonField(PersonChoiceMixin, forms.ModelChoiceField):
    pass


class MeetingEventForm(EventForm):
    """The meeting's event: title, venue and times; always a monthly meeting, never public."""

    description_zh_hans = None
    description_en = None

    class Meta(EventForm.Meta):
        model = Event
        fields = [
            "title_zh_hans",
            "title_en",
            "venue_zh_hans",
            "venue_en",
            "time_zone",
            "starts_at",
            "ends_at",
        ]

    def clean(self):
        data = forms.ModelForm.clean(self)  # the event form's own rules are about public events
        self.require_one_language(
            data,
            ("title_zh_hans", "title_en"),
            _("Give the meeting a title in at least one language."),
        )
        place_in_time_zone(self, data, ("starts_at", "ends_at"), data.get("time_zone"))
        return data

    language_pairs = (("title_zh_hans", "title_en"), ("venue_zh_hans", "venue_en"))


class MeetingForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (("agenda_zh_hans", "agenda_en"),)

    invitees = PeopleField(
        label=_("Workstation staff and Lanzhou officials"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each person ticked gets a reminder by mail 24 hours before."),
    )
    agenda_zh_hans = markdown_field(_("Agenda in Chinese"))
    agenda_en = markdown_field(_("Agenda in English"))

    class Meta:
        model = Meeting
        fields = ["agenda_zh_hans", "agenda_en", "invitees"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invitees"].queryset = meeting_people()


class MinutesForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (("minutes_zh_hans", "minutes_en"),)

    minutes_zh_hans = markdown_field(_("Minutes in Chinese"), rows=14)
    minutes_en = markdown_field(_("Minutes in English"), rows=14)

    class Meta:
        model = Meeting
        fields = ["minutes_zh_hans", "minutes_en"]

    def clean(self):
        data = super().clean()
        self.require_one_language(
            data, self.language_pairs[0], _("Write the minutes in at least one language.")
        )
        return data


class ActionItemForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (("description_zh_hans", "description_en"),)

    description_zh_hans = forms.CharField(
        label=_("Action in Chinese"), max_length=500, required=False
    )
    description_en = forms.CharField(label=_("Action in English"), max_length=500, required=False)
    owner = PersonField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = ActionItem
        fields = ["description_zh_hans", "description_en", "owner", "due_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = meeting_people()

    def clean(self):
        data = super().clean()
        self.require_one_language(
            data, self.language_pairs[0], _("Describe the action in at least one language.")
        )
        return data
