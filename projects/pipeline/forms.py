"""Forms of the pipeline: the public intake, the staff's project form, stage moves, documents."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from projects.pipeline.models import PROJECT_FACTS, LandingMode, Project, Stage, TechnologyStage
from projects.pipeline.services import Criterion
from workstation.accounts.models import Role, User
from workstation.reference.models import Industry
from workstation.uploads import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    PPTX,
    XLSX,
    kinds_by_extension,
    validate_upload,
)

MAX_FUNDING = 10**13  # ten trillion dollars: more is a typing slip
INTAKE_SALT = "projects.pipeline.intake"
INTAKE_MIN_SECONDS = 3


def _without_maxlength(form: forms.BaseForm) -> None:
    # A browser cuts a pasted text at maxlength without a word: the server's check says instead
    # how long the text may be, and keeps it for correcting.
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)


def intake_token(started_at: float | None = None) -> str:
    """A signed timestamp of when the form was shown."""
    return signing.dumps(time.time() if started_at is None else started_at, salt=INTAKE_SALT)


class IntakeForm(forms.Form):
    company = forms.CharField(label=_("Company"), max_length=200)
    company_website = forms.URLField(
        label=_("Company website"), required=False, max_length=200, assume_scheme="https"
    )
    company_location = forms.CharField(
        label=_("Company location"),
        required=False,
        max_length=200,
        help_text=_("City and state or province, e.g. San Jose, California."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=100)
    contact_email = forms.EmailField(label=_("Contact email"))
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=40)
    title = forms.CharField(label=_("Project title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the technology does, who uses it and what you would do in Lanzhou."),
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), empty_label=_("Choose an industry")
    )
    technology_stage = forms.ChoiceField(
        label=_("Technology stage"),
        choices=[("", _("Choose a stage")), *TechnologyStage.choices],
    )
    funding_sought = forms.IntegerField(
        label=_("Funding sought (US dollars)"),
        required=False,
        min_value=0,
        max_value=MAX_FUNDING,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("A whole number of US dollars; leave empty if you are not seeking funding."),
    )
    landing_mode = forms.ChoiceField(
        label=_("Preferred landing mode"),
        choices=[("", _("Choose a landing mode")), *LandingMode.choices],
    )
    # Spam traps: a field people do not see (bots fill it) and when the form was shown.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    SECTIONS = (
        (_("Company"), ("company", "company_website", "company_location")),
        (_("Contact"), ("contact_name", "contact_email", "contact_phone")),
        (
            _("Project"),
            ("title", "summary", "industry", "technology_stage", "funding_sought", "landing_mode"),
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_maxlength(self)
        if not self.is_bound:
            self.initial["started"] = intake_token()

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def looks_like_spam(self) -> bool:
        """The hidden field was filled, or the form came back too fast (or without its stamp)."""
        if (self.data.get("homepage") or "").strip():
            return True
        try:
            started = float(
                signing.loads(self.data.get("started") or "", salt=INTAKE_SALT, max_age=86400)
            )
        except (signing.BadSignature, TypeError, ValueError):
            return True
        return time.time() - started < INTAKE_MIN_SECONDS

    def project_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("homepage", "started"):
            data.pop(name, None)
        return data


class ProjectForm(forms.ModelForm):
    """The staff's form for every field of a project; the stage moves only through a move."""

    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No owner"),
    )
    funding_sought = forms.IntegerField(
        label=_("Funding sought (US dollars)"),
        required=False,
        min_value=0,
        max_value=MAX_FUNDING,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    company_website = forms.URLField(
        label=_("Company website"), required=False, max_length=200, assume_scheme="https"
    )
    expo_year = forms.IntegerField(
        label=_("Expo year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = Project
        fields = [
            "title_zh_hans",
            "title_en",
            "summary_zh_hans",
            "summary_en",
            *PROJECT_FACTS,
            "owner",
            "next_action",
            "next_action_on",
            "notes",
        ]
        widgets = {
            "summary_zh_hans": forms.Textarea(attrs={"rows": 5}),
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "next_action_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "title_zh_hans": _("Project title (Chinese)"),
            "title_en": _("Project title (English)"),
            "summary_zh_hans": _("Summary (Chinese)"),
            "summary_en": _("Summary (English)"),
        }
        # Summaries are rich text, shown through workstation.richtext wherever they appear.
        help_texts = {"summary_zh_hans": _("Markdown."), "summary_en": _("Markdown.")}

    SECTIONS = (
        (
            _("Project"),
            (
                "title_zh_hans",
                "title_en",
                "summary_zh_hans",
                "summary_en",
                "industry",
                "technology_stage",
                "funding_sought",
                "landing_mode",
                "expo_year",
            ),
        ),
        (
            _("Company and contact"),
            (
                "company",
                "company_website",
                "company_location",
                "contact_name",
                "contact_email",
                "contact_phone",
            ),
        ),
        (_("Staff only"), ("owner", "next_action", "next_action_on", "notes")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_maxlength(self)
        self.fields["owner"].queryset = (
            User.objects.filter(groups__name=Role.STAFF, is_active=True)
            .distinct()
            .order_by("full_name", "email")
        )

    def sections(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.SECTIONS]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title_zh_hans") and not cleaned.get("title_en"):
            self.add_error("title_en", _("Give the project's title in Chinese or in English."))
        return cleaned


class StageMoveForm(forms.Form):
    """What a move needs; which fields a target stage requires is checked by the service."""

    to_stage = forms.ChoiceField(label=_("Move to"), choices=Stage.choices)
    criteria = forms.MultipleChoiceField(
        label=_("The Expo's criteria met"),
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Needed when moving to Qualified: all five are required."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when moving to Dropped."),
    )
    on_date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Needed when moving to On hold (the date to look at the project again, in the "
            "future) or to Landed (the date the entity was registered)."
        ),
    )
    amount = forms.IntegerField(
        label=_("Amount (US dollars)"),
        required=False,
        min_value=0,
        max_value=MAX_FUNDING,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Needed when moving to Signed at the Expo (the amount signed) or to Landed (the "
            "investment that arrived)."
        ),
    )
    agreement_type = forms.CharField(
        label=_("Agreement type"),
        required=False,
        max_length=100,
        help_text=_("Needed when moving to Signed at the Expo."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, project: Project | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _without_maxlength(self)
        if project is not None:
            self.fields["to_stage"].choices = [
                (value, label) for value, label in Stage.choices if value != project.stage
            ]

    def move_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "to_stage": data["to_stage"],
            "criteria": data.get("criteria") or (),
            "reason": data.get("reason", ""),
            "on_date": data.get("on_date"),
            "amount": data.get("amount"),
            "agreement_type": data.get("agreement_type", ""),
            "note": data.get("note", ""),
        }


# --- Documents: PDF, Office (DOCX, XLSX, PPTX), PNG or JPEG, recognised by their content
# (workstation.uploads).

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_KINDS = kinds_by_extension(PDF, DOCX, XLSX, PPTX, PNG, JPEG)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, PNG or JPEG, at most 20 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _without_maxlength(self)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        kind = validate_upload(
            uploaded,
            accepted=DOCUMENT_KINDS.values(),
            max_bytes=DOCUMENT_MAX_BYTES,
            too_large_message=_(
                "The file is too large (%(size)s MB): a document may be at most 20 MB."
            ),
            wrong_type_message=_(
                "This file is not a PDF, Word, Excel, PowerPoint, PNG or JPEG file. Please "
                "upload the document in one of these formats."
            ),
        )
        # Stored under the extension of what it is, not of what it was called.
        uploaded.name = f"document{kind.extension}"
        return uploaded
