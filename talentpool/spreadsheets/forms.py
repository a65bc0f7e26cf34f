"""The upload form, and the check of one imported row (its field names are the column keys)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from talentpool.directory.forms import TagsField
from talentpool.profiles.models import Degree, Interest, TalentProfile
from talentpool.profiles.validators import (
    validate_graduation_year,
    validate_linkedin_url,
    validate_person_name,
    validate_wechat_id,
)
from workstation.reference.models import Industry, Region

IMPORT_MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "A CSV file in UTF-8 or an Excel workbook (.xlsx), at most 5 MB and 10,000 rows."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (%(size)s MB): an import may be at most 5 MB."),
                code="too_large",
                params={"size": f"{upload.size / 1024 / 1024:.1f}"},
            )
        return upload


@dataclass(frozen=True)
class ReferenceData:
    """Native places and industries by code, key and name, loaded once per import."""

    regions: dict[str, Region]
    region_names: dict[str, Region]
    industries: dict[str, Industry]

    @classmethod
    def load(cls) -> ReferenceData:
        regions, names, industries = {}, {}, {}
        for region in Region.objects.all():
            regions[region.code.lower()] = region
            for name in (region.name_en, region.name_zh_hans):
                if name:
                    names.setdefault(name.strip().lower(), region)
        for industry in Industry.objects.all():
            for name in (industry.key, industry.name_en, industry.name_zh_hans):
                if name:
                    industries.setdefault(name.strip().lower(), industry)
        return cls(regions=regions, region_names=names, industries=industries)


LIST_SEPARATORS = re.compile(r"[,，、;；]")
LANGUAGE_ALIASES = {
    "en": "en",
    "english": "en",
    "英文": "en",
    "英语": "en",
    "zh-hans": "zh-hans",
    "zh_hans": "zh-hans",
    "zh": "zh-hans",
    "zh-cn": "zh-hans",
    "chinese": "zh-hans",
    "中文": "zh-hans",
    "简体中文": "zh-hans",
}


def _char(max_length: int, **kwargs):
    return forms.CharField(required=False, max_length=max_length, **kwargs)


class ImportRowForm(forms.Form):
    """One row of an import. Errors come back keyed by column, in the active language."""

    name_zh = _char(50, validators=[validate_person_name])
    name_en = _char(100, validators=[validate_person_name])
    native_place = _char(200)
    native_place_name = _char(200)
    current_city = _char(100)
    current_state = _char(100)
    employer = _char(200)
    title = _char(200)
    industry = _char(200)
    expertise = _char(500)
    degree = _char(100)
    school = _char(200)
    graduation_year = forms.IntegerField(
        required=False, min_value=1940, validators=[validate_graduation_year]
    )
    email = forms.EmailField(required=False, max_length=254)
    phone = PhoneNumberField(
        required=False,
        region=None,
        error_messages={
            "invalid": _(
                "Enter the phone number in international form, starting with + and the country "
                "code, e.g. +1 650 253 0000 or +86 139 0931 0000."
            )
        },
    )
    wechat_id = _char(50, validators=[validate_wechat_id])
    linkedin_url = forms.URLField(
        required=False, max_length=200, assume_scheme="https", validators=[validate_linkedin_url]
    )
    preferred_language = _char(20)
    interests = _char(500)
    tags = TagsField(required=False)

    def __init__(self, *args, reference: ReferenceData, **kwargs):
        super().__init__(*args, **kwargs)
        self.reference = reference

    def clean_native_place(self):
        value = self.cleaned_data.get("native_place", "")
        if not value:
            return None
        region = self.reference.regions.get(value.lower())
        if region is None:
            raise forms.ValidationError(
                _(
                    "Unknown native place code “%(value)s”: use a code listed on the import page, "
                    "e.g. 620102 for Chengguan District."
                ),
                code="unknown_place",
                params={"value": value[:40]},
            )
        return region

    def clean_native_place_name(self):
        value = self.cleaned_data.get("native_place_name", "")
        if not value:
            return None
        region = self.reference.region_names.get(value.lower())
        if region is None and not self.data.get("native_place"):
            raise forms.ValidationError(
                _(
                    "Unknown native place “%(value)s”: write it as listed on the import page, "
                    "e.g. 兰州市 or Lanzhou, or give its code."
                ),
                code="unknown_place_name",
                params={"value": value[:40]},
            )
        return region

    def clean_industry(self):
        value = self.cleaned_data.get("industry", "")
        if not value:
            return None
        industry = self.reference.industries.get(value.lower())
        if industry is None:
            keys = sorted({industry.key for industry in self.reference.industries.values()})
            raise forms.ValidationError(
                _("Unknown industry “%(value)s”: use one of %(keys)s."),
                code="unknown_industry",
                params={"value": value[:40], "keys": ", ".join(keys)},
            )
        return industry

    def clean_degree(self):
        value = self.cleaned_data.get("degree", "").lower()
        if value and value not in Degree.values:
            raise forms.ValidationError(
                _("Unknown degree “%(value)s”: use one of %(keys)s."),
                code="unknown_degree",
                params={"value": value[:40], "keys": ", ".join(Degree.values)},
            )
        return value

    def clean_preferred_language(self):
        value = self.cleaned_data.get("preferred_language", "")
        if not value:
            return settings.LANGUAGE_CODE
        language = LANGUAGE_ALIASES.get(value.lower())
        if language is None:
            raise forms.ValidationError(
                _("Unknown language “%(value)s”: use en or zh-hans."),
                code="unknown_language",
                params={"value": value[:40]},
            )
        return language

    def clean_interests(self):
        keys = []
        for part in LIST_SEPARATORS.split(self.cleaned_data.get("interests", "")):
            key = part.strip().lower()
            if key and key not in keys:
                keys.append(key)
        unknown = [key for key in keys if key not in Interest.values]
        if unknown:
            raise forms.ValidationError(
                _("Unknown cooperation interest “%(value)s”: use %(keys)s."),
                code="unknown_interest",
                params={"value": unknown[0][:40], "keys": ", ".join(Interest.values)},
            )
        return keys

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("name_zh") or cleaned.get("name_en")) and not (
            self.has_error("name_zh") or self.has_error("name_en")
        ):
            raise forms.ValidationError(
                _("Each row needs a Chinese name, an English name or both."), code="no_name"
            )
        return cleaned

    def profile(self) -> TalentProfile:
        """The unsaved profile of a valid row."""
        data = self.cleaned_data
        return TalentProfile(
            name_zh=data["name_zh"],
            name_en=data["name_en"],
            native_region=data["native_place"] or data["native_place_name"],
            current_city=data["current_city"],
            current_state=data["current_state"],
            employer=data["employer"],
            title=data["title"],
            industry=data["industry"],
            expertise=data["expertise"],
            degree=data["degree"],
            school=data["school"],
            graduation_year=data["graduation_year"],
            email=data["email"],
            phone=data["phone"] or "",
            wechat_id=data["wechat_id"],
            linkedin_url=data["linkedin_url"],
            preferred_language=data["preferred_language"],
            interests=data["interests"],
            tags=data["tags"],
        )
