"""The staff's form for a profile: what they enter for someone, or correct."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from talentpool.profiles.models import PERSON_FIELDS, Interest, Source, TalentProfile
from talentpool.profiles.validators import validate_person_name
from workstation.reference.models import Region

TAG_MAX_LENGTH = 50
MAX_TAGS = 20
# Tags are separated by commas; Chinese keyboards type "，" or "、".
TAG_SEPARATORS = re.compile(r"[,，、;；]")


def native_place_choices() -> list:
    """Native places grouped: Gansu and its prefectures, Lanzhou's districts and counties and the
    Lanzhou New Area, the other provinces, outside China (one query, in the page's language)."""
    gansu, lanzhou, provinces, abroad = [], [], [], []
    for region in Region.objects.order_by("position", "code"):
        if region.kind == Region.Kind.PROVINCE and region.is_gansu:
            label = _("%(region)s (prefecture not known)") % {"region": region}
            gansu.insert(0, (region.pk, label))
        elif region.kind == Region.Kind.PREFECTURE:
            gansu.append((region.pk, str(region)))
        elif region.kind in (Region.Kind.DISTRICT, Region.Kind.NEW_AREA):
            lanzhou.append((region.pk, str(region)))
        elif region.kind == Region.Kind.PROVINCE:
            provinces.append((region.pk, str(region)))
        else:
            abroad.append((region.pk, str(region)))
    return [
        ("", _("Not known")),
        (_("Gansu: prefecture-level divisions"), gansu),
        (_("Lanzhou: districts, counties and Lanzhou New Area"), lanzhou),
        (_("Other provinces and regions of China"), provinces),
        (_("Outside China"), abroad),
    ]


class TagsField(forms.Field):
    """A list of tags typed as one line, separated by commas."""

    widget = forms.TextInput

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return list(value)
        tags: list[str] = []
        for part in TAG_SEPARATORS.split(value or ""):
            tag = " ".join(part.split())
            if tag and tag not in tags:
                tags.append(tag)
        too_long = [tag for tag in tags if len(tag) > TAG_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("A tag may have at most %(limit)d characters: “%(tag)s” is longer."),
                code="tag_too_long",
                params={"limit": TAG_MAX_LENGTH, "tag": too_long[0][:60]},
            )
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("At most %(limit)d tags, please."), code="too_many", params={"limit": MAX_TAGS}
            )
        return tags


class StaffProfileForm(forms.ModelForm):
    native_region = forms.ModelChoiceField(
        label=_("Native place"), queryset=Region.objects.all(), required=False
    )
    interests = forms.MultipleChoiceField(
        label=_("Cooperation interests"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    graduation_year = forms.IntegerField(
        label=_("Year of graduation"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    linkedin_url = forms.URLField(
        label=_("LinkedIn profile"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_(
            "The address of the person's LinkedIn page, e.g. https://www.linkedin.com/in/…"
        ),
    )
    tags = TagsField(
        label=_("Tags"),
        required=False,
        help_text=_("Separated by commas, e.g. AI, speaker 2026."),
    )

    class Meta:
        model = TalentProfile
        # The person's data but the CV (uploaded on its own) and the verification (its own
        # action), then the staff's own fields.
        fields = [
            *(name for name in PERSON_FIELDS if name not in ("cv", "verification")),
            "tags",
            "staff_notes",
        ]
        widgets = {
            "staff_notes": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        error_messages = {
            "phone": {
                "invalid": _(
                    "Enter the phone number in international form: a + and the country code "
                    "first, e.g. +1 650 555 0100 or +86 131 2345 6789."
                )
            },
        }

    # Field groups of the page, in order: (legend, field names).
    SECTIONS = (
        (_("Name"), ("name_zh", "name_en")),
        (_("Origin and location"), ("native_region", "current_city", "current_state")),
        (_("Work"), ("employer", "title", "industry", "expertise")),
        (_("Education"), ("degree", "school", "graduation_year")),
        (_("Contact"), ("email", "phone", "wechat_id", "linkedin_url", "preferred_language")),
        (_("Cooperation"), ("interests",)),
        (_("Staff only"), ("source", "tags", "staff_notes")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_zh", "name_en"):
            self.fields[name].validators.append(validate_person_name)
        for field in self.fields.values():
            # A browser cuts a pasted text at maxlength without a word: the server's check says
            # instead how long the text may be, and keeps it for correcting.
            field.widget.attrs.pop("maxlength", None)
        self.fields["native_region"].choices = native_place_choices()
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("source", Source.STAFF)

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("name_zh")
            and not cleaned.get("name_en")
            and "name_zh" not in self.errors
            and "name_en" not in self.errors
        ):
            self.add_error(
                "name_zh", _("Enter the Chinese name, the English or pinyin name, or both.")
            )
        return cleaned
