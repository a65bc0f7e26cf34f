"""Forms of the event pages: the staff's event form (both languages side by side, times typed in
the venue's zone) and the public registration form."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workstation.events.models import Coverage, Event, EventKind, MediaPartner, Speaker
from workstation.forms import (
    BilingualRowsMixin,
    WallClockField,
    markdown_field,
    place_in_time_zone,
)
from workstation.timezones import wall_time_of

THANKS_HELP = _(
    "Markdown. Mailed once after the event to the people checked in, in the language they "
    "registered in (or the other one when theirs is blank). Blank in both languages: no mail."
)


class EventChoiceField(forms.ModelChoiceField):
    """An event chosen by its title in the page's language and its date."""

    def label_from_instance(self, event: Event) -> str:
        return f"{event.text().title} ({timezone.localdate(event.starts_at):%Y-%m-%d})"


class EventForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (
        ("title_zh_hans", "title_en"),
        ("venue_zh_hans", "venue_en"),
        ("description_zh_hans", "description_en"),
        ("thank_you_zh_hans", "thank_you_en"),
    )

    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    venue_zh_hans = forms.CharField(label=_("Venue in Chinese"), max_length=300, required=False)
    venue_en = forms.CharField(label=_("Venue in English"), max_length=300, required=False)
    description_zh_hans = markdown_field(
        _("Description in Chinese"),
        rows=6,
        help_text=_("Markdown. Links are kept; images must be local."),
    )
    description_en = markdown_field(
        _("Description in English"),
        rows=6,
        help_text=_("Markdown. Links are kept; images must be local."),
    )
    thank_you_zh_hans = markdown_field(
        _("Thank-you mail in Chinese"), rows=4, help_text=THANKS_HELP
    )
    thank_you_en = markdown_field(_("Thank-you mail in English"), rows=4, help_text=THANKS_HELP)
    starts_at = WallClockField(label=_("Starts at"))
    ends_at = WallClockField(label=_("Ends at"))

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_zh_hans",
            "title_en",
            "venue_zh_hans",
            "venue_en",
            "description_zh_hans",
            "description_en",
            "thank_you_zh_hans",
            "thank_you_en",
            "time_zone",
            "starts_at",
            "ends_at",
            "expo_year",
            "is_public",
            "registration_open",
            "capacity",
        ]
        labels = {"time_zone": _("Times are in")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # The stored UTC moments, shown as the venue's wall clock.
            for name in ("starts_at", "ends_at"):
                self.initial[name] = wall_time_of(
                    getattr(self.instance, name), self.instance.time_zone
                )

    def clean(self):
        data = super().clean()
        self.require_one_language(
            data,
            ("title_zh_hans", "title_en"),
            _("Give the event a title in at least one language."),
        )
        place_in_time_zone(self, data, ("starts_at", "ends_at"), data.get("time_zone"))
        if data.get("kind") == EventKind.EXPO and not data.get("expo_year"):
            self.add_error("expo_year", _("Say which year's Expo this is."))
        if data.get("kind") == EventKind.MONTHLY_MEETING and data.get("is_public"):
            self.add_error(
                "is_public",
                _(
                    "A monthly meeting is never public: it is for the workstation staff and the "
                    "Lanzhou officials only."
                ),
            )
        if data.get("registration_open") and not data.get("is_public"):
            self.add_error(
                "registration_open",
                _("Only a public event can take registrations: make it public first."),
            )
        return data


phone_characters = RegexValidator(
    r"^\+?[0-9 ()./-]{6,30}$",
    _(
        "Enter a phone number: digits with spaces, brackets, dots or dashes, and an optional "
        "leading +."
    ),
)


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The confirmation and the calendar file are sent to this address."),
    )
    organisation = forms.CharField(label=_("Organization"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=40, required=False, validators=[phone_characters]
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name


class SpeakerForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (("affiliation_zh_hans", "affiliation_en"), ("bio_zh_hans", "bio_en"))

    affiliation_zh_hans = forms.CharField(
        label=_("Title and affiliation in Chinese"), max_length=300, required=False
    )
    affiliation_en = forms.CharField(
        label=_("Title and affiliation in English"), max_length=300, required=False
    )
    bio_zh_hans = forms.CharField(
        label=_("Biography in Chinese"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    bio_en = forms.CharField(
        label=_("Biography in English"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    class Meta:
        model = Speaker
        fields = [
            "name",
            "affiliation_zh_hans",
            "affiliation_en",
            "bio_zh_hans",
            "bio_en",
            "position",
        ]
        help_texts = {
            "name": _("As the speaker writes it."),
            "position": _("Speakers are listed in this order."),
        }


class MediaPartnerForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = (("name_zh_hans", "name_en"),)

    name_zh_hans = forms.CharField(label=_("Name in Chinese"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = MediaPartner
        fields = ["name_zh_hans", "name_en", "website", "position"]
        help_texts = {"position": _("Partners are listed in this order.")}

    def clean(self):
        data = super().clean()
        self.require_one_language(
            data,
            ("name_zh_hans", "name_en"),
            _("Give the partner's name in at least one language."),
        )
        return data


class CoverageForm(forms.ModelForm):
    url = forms.URLField(
        label=_("link"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The article, video or post."),
    )

    class Meta:
        model = Coverage
        fields = ["title", "url", "published_on", "reach"]
        widgets = {"published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
