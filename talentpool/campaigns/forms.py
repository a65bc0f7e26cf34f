"""The campaign's form: its subject and text in Chinese and English side by side, and the page it
may link to. Its audience is chosen with the talent directory's filter form."""

from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from talentpool.campaigns.models import Campaign
from talentpool.campaigns.services import linkable
from workstation.events.forms import EventChoiceField
from workstation.events.models import Event
from workstation.forms import BilingualRowsMixin, markdown_field
from workstation.publications.models import NewsPost, PolicyPage

LANGUAGE_PAIRS = (("subject_zh_hans", "subject_en"), ("body_zh_hans", "body_en"))
LINK_FIELDS = ("policy", "news_post", "event")
TEXT_HELP = _(
    "Markdown: **bold**, *italic*, lists and [links](address). Readers get it in their preferred "
    "language, with the unsubscribe link at the end."
)


class PublicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page) -> str:
        return page.text().title


class CampaignForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = LANGUAGE_PAIRS

    subject_zh_hans = forms.CharField(label=_("Subject in Chinese"), max_length=200, required=False)
    subject_en = forms.CharField(label=_("Subject in English"), max_length=200, required=False)
    body_zh_hans = markdown_field(
        _("Text in Chinese"), rows=12, help_text=TEXT_HELP, max_length=20000
    )
    body_en = markdown_field(_("Text in English"), rows=12, help_text=TEXT_HELP, max_length=20000)
    policy = PublicationChoiceField(
        label=_("Policy"), queryset=PolicyPage.objects.none(), required=False
    )
    news_post = PublicationChoiceField(
        label=_("News post"), queryset=NewsPost.objects.none(), required=False
    )
    event = EventChoiceField(label=_("Event"), queryset=Event.objects.none(), required=False)

    class Meta:
        model = Campaign
        fields = [
            *(name for pair in LANGUAGE_PAIRS for name in pair),
            "policy",
            "news_post",
            "event",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only pages everyone can open: a reader's link must not lead to a refusal.
        for name, model in (("policy", PolicyPage), ("news_post", NewsPost), ("event", Event)):
            self.fields[name].queryset = linkable(model)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)  # the server says how long, keeps the text

    def link_fields(self):
        return [self[name] for name in LINK_FIELDS]

    def clean(self):
        cleaned = super().clean()
        self.require_one_language(
            cleaned,
            ("subject_zh_hans", "subject_en"),
            _("Write the subject in at least one language."),
        )
        linked = [name for name in ("policy", "news_post", "event") if cleaned.get(name)]
        if len(linked) > 1:
            self.add_error(
                linked[1], _("Link one page at most: a policy, a news post or an event.")
            )
        return cleaned


def describe_filters(form) -> list[tuple[str, str]]:
    """The chosen filters of a (valid) directory filter form as (label, value) for people."""
    if not form.is_bound or not form.is_valid():
        return []
    described = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if not value:
            continue
        if isinstance(field, forms.ModelChoiceField):
            text = field.label_from_instance(value)
        elif isinstance(field, forms.ChoiceField):
            text = str(dict(field.choices).get(value, value))
        elif isinstance(field, forms.BooleanField):
            text = _("yes")
        elif isinstance(field, forms.DateField):
            text = date_format(value)
        else:
            text = str(value)
        described.append((str(field.label), str(text)))
    return described
