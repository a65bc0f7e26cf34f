"""The briefing's forms: an item in both languages side by side, review comments, search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from reports.briefings.models import WRITTEN_SECTIONS, BriefingItem, Section
from workstation.forms import BilingualRowsMixin, markdown_field
from workstation.translated import LANGUAGE_CODES

LANGUAGE_PAIRS = (("headline_zh_hans", "headline_en"), ("summary_zh_hans", "summary_en"))


class ItemForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = LANGUAGE_PAIRS

    headline_zh_hans = forms.CharField(
        label=_("Headline in Chinese"), max_length=300, required=False
    )
    headline_en = forms.CharField(label=_("Headline in English"), max_length=300, required=False)
    summary_zh_hans = markdown_field(
        _("Summary in Chinese"),
        help_text=_("Markdown: **bold**, *italic*, lists and [links](address)."),
        max_length=10000,
    )
    summary_en = markdown_field(
        _("Summary in English"),
        help_text=_("Markdown: **bold**, *italic*, lists and [links](address)."),
        max_length=10000,
    )
    item_date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    source_url = forms.URLField(
        label=_("Source link"), max_length=500, required=False, assume_scheme="https"
    )

    class Meta:
        model = BriefingItem
        fields = [
            "section",
            "item_date",
            "source_url",
            *[f for pair in LANGUAGE_PAIRS for f in pair],
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.value, s.label) for s in WRITTEN_SECTIONS]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(field) for pair in LANGUAGE_PAIRS for field in pair):
            raise forms.ValidationError(
                _("Write the item in at least one language: a headline and a summary.")
            )
        return cleaned

    def edited_languages(self) -> list[str]:
        """The languages whose text this form changed, each then as current as the other.

        All written ones for a new item; and when a missing translation is added, the text it was
        made from counts as edited too: a translation made now is not older than its original.
        """
        written, edited, added = [], [], False
        for language in LANGUAGE_CODES:
            fields = tuple(
                build_localized_fieldname(field, language) for field in ("headline", "summary")
            )
            if any(self.cleaned_data.get(field) for field in fields):
                written.append(language)
            if self.instance.pk is None or any(field in self.changed_data for field in fields):
                edited.append(language)
                was_empty = not any(self.initial.get(field) for field in fields)
                added = added or (self.instance.pk is not None and was_empty)
        if self.instance.pk is None or added:
            return written
        return edited


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=Section.choices)
    body = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequestChangesForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the workstation (optional when you have commented on sections)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the briefings"), max_length=200, required=False)
