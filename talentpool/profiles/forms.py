"""Forms a person fills in about themself: the wizard's steps and the edit page share one form."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from talentpool.profiles.models import Degree, Interest, TalentProfile
from talentpool.profiles.validators import validate_cv, validate_person_name
from workstation.reference.models import Industry, Region

# The fields of each wizard step (step 4 is the consent form below).
STEP_FIELDS = {
    1: ("name_zh", "name_en", "native_region", "current_city", "current_state"),
    2: ("employer", "title", "industry", "expertise", "degree", "school", "graduation_year"),
    3: (
        "email",
        "phone",
        "wechat_id",
        "linkedin_url",
        "preferred_language",
        "interests",
        "cv",
        "remove_cv",
    ),
}
ALL_FIELDS = tuple(name for names in STEP_FIELDS.values() for name in names)


def native_place_choices() -> list:
    """Grouped choices: Lanzhou's districts and counties, the rest of Gansu, the other provinces,
    outside China. Region names come in the page's language."""
    regions = list(Region.objects.order_by("position", "code"))
    lanzhou = [r for r in regions if r.code == "620100"]
    lanzhou_parts = [r for r in regions if r.is_lanzhou and r.code != "620100"]
    gansu = [r for r in regions if r.code == "620000"]
    prefectures = [r for r in regions if r.kind == Region.Kind.PREFECTURE and r.code != "620100"]
    provinces = [r for r in regions if r.kind == Region.Kind.PROVINCE and r.code != "620000"]
    outside = [r for r in regions if r.kind == Region.Kind.OUTSIDE_CHINA]
    return [
        ("", _("Choose your native place")),
        (
            _("Lanzhou"),
            [(r.pk, _("Lanzhou (district or county not listed)")) for r in lanzhou]
            + [(r.pk, r.name) for r in lanzhou_parts],
        ),
        (
            _("Elsewhere in Gansu"),
            [(r.pk, r.name) for r in prefectures]
            + [(r.pk, _("Gansu (prefecture not listed)")) for r in gansu],
        ),
        (_("Other provinces of China"), [(r.pk, r.name) for r in provinces]),
        (_("Outside China"), [(r.pk, r.name) for r in outside]),
    ]


class NativePlaceField(forms.TypedChoiceField):
    """One select with option groups: works without JavaScript and on every phone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Native place"))
        kwargs.setdefault(
            "help_text",
            _(
                "Where you or your family come from: a district or county of Lanzhou, another "
                "prefecture of Gansu, another province, or outside China."
            ),
        )
        super().__init__(choices=native_place_choices, coerce=self.to_region, **kwargs)

    @staticmethod
    def to_region(value):
        return Region.objects.get(pk=int(value))

    def prepare_value(self, value):
        return value.pk if isinstance(value, Region) else value

    def valid_value(self, value):
        return super().valid_value(self.prepare_value(value))


class ProfileForm(forms.ModelForm):
    """Every field a person keeps about themself; ``fields=`` narrows it to a wizard step."""

    native_region = NativePlaceField()
    industry = forms.ModelChoiceField(
        label=_("Industry"),
        queryset=Industry.objects.all(),
        empty_label=_("Choose an industry"),
    )
    graduation_year = forms.IntegerField(
        label=_("Year of graduation"),
        required=False,
        min_value=1940,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("Where the workstation may write to you; your account's address at first."),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        required=False,
        region=None,
        help_text=_("In international form: + and the country code, e.g. +1 650 253 0000."),
        error_messages={
            "invalid": _(
                "Enter the phone number in international form, starting with + and the country "
                "code, e.g. +1 650 253 0000 or +86 139 0931 0000."
            )
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    linkedin_url = forms.URLField(
        label=_("LinkedIn profile"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For example https://www.linkedin.com/in/your-name"),
    )
    interests = forms.MultipleChoiceField(
        label=_("Cooperation interests"),
        choices=Interest.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What you would be open to; tick none, one or several."),
    )
    cv = forms.FileField(
        label=_("CV (optional)"),
        required=False,
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
        help_text=_(
            "A PDF or Word (DOCX) file of at most 10 MB. Only the workstation staff "
            "(and Lanzhou officials, if you agree to share) can open it."
        ),
    )
    remove_cv = forms.BooleanField(label=_("Remove my CV"), required=False)

    class Meta:
        model = TalentProfile
        fields = ALL_FIELDS[:-1]  # remove_cv is no model field
        widgets = {
            "name_zh": forms.TextInput(attrs={"autocomplete": "off", "lang": "zh-Hans"}),
            "name_en": forms.TextInput(attrs={"autocomplete": "name"}),
            "current_city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "current_state": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "employer": forms.TextInput(attrs={"autocomplete": "organization"}),
            "title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }
        help_texts = {
            "name_zh": _("As written in Chinese characters, e.g. 王伟."),
            "name_en": _("As you write it in English, or in pinyin, e.g. Wei Wang."),
        }

    def __init__(self, *args, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name_zh", "name_en"):
            self.fields[name].validators.append(validate_person_name)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if "degree" in self.fields:
            self.fields["degree"].choices = [("", _("Not given")), *Degree.choices]
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]
        if "remove_cv" in self.fields and not (self.instance and self.instance.cv):
            del self.fields["remove_cv"]

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if isinstance(upload, UploadedFile):
            kind = validate_cv(upload)
            # The stored name takes the type found in the content, never the person's file name.
            upload.name = f"cv{kind.extension}"
        return upload

    def clean(self):
        cleaned = super().clean()
        if {"name_zh", "name_en"} <= set(self.fields) and not (
            cleaned.get("name_zh")
            or cleaned.get("name_en")
            or self.has_error("name_zh")
            or self.has_error("name_en")
        ):
            self.add_error(
                "name_en", _("Give your name in Chinese characters, in English or pinyin, or both.")
            )
        if cleaned.get("remove_cv") and not isinstance(cleaned.get("cv"), UploadedFile):
            cleaned["cv"] = False  # the model form empties the field
        return cleaned

    @property
    def model_changes(self) -> list[str]:
        """The model fields the person changed (for the audit's field list)."""
        changed = [name for name in self.changed_data if name != "remove_cv"]
        if self.cleaned_data.get("remove_cv") and "cv" not in changed:
            changed.append("cv")
        return changed


class ConsentStepForm(forms.Form):
    """The wizard's last step: the privacy notice, and a separate, optional, unticked consent."""

    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that the workstation keeps my profile "
            "as it describes."
        ),
        error_messages={
            "required": _("To join the talent pool, please accept the privacy notice.")
        },
    )
    share_with_lanzhou = forms.BooleanField(
        label=_(
            "Also share my profile (with my contact details and CV) with officials of the "
            "Lanzhou Municipal Science and Technology Bureau in China. This is optional, and "
            "I can withdraw it at any time."
        ),
        required=False,
        initial=False,
    )
    receive_news = forms.BooleanField(
        label=_(
            "Also send me news and invitations from the workstation by email: Lanzhou's "
            "policies, events and cooperation. This is optional, and every such email has a "
            "link to stop them."
        ),
        required=False,
        initial=False,
    )


GIVE_OR_WITHDRAW = [("give", "give"), ("withdraw", "withdraw")]


class SharingForm(forms.Form):
    """Give or withdraw one of the optional consents: sharing with Lanzhou officials (``share``)
    or the workstation's news and invitations (``news``), one button each."""

    share = forms.ChoiceField(choices=GIVE_OR_WITHDRAW, required=False)
    news = forms.ChoiceField(choices=GIVE_OR_WITHDRAW, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("share") and not cleaned.get("news"):
            raise forms.ValidationError("give or withdraw", code="required")
        return cleaned


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account, my profile and my CV will be deleted for good."),
        error_messages={"required": _("Please tick the box to confirm the deletion.")},
    )


class ClaimForm(forms.Form):
    """Nothing to fill in: the button confirms."""
