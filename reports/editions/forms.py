"""The form that asks for a draft PDF edition of a briefing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EditionForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Edition"),
        choices=[("zh-hans", _("Chinese")), ("en", _("English")), ("bilingual", _("Bilingual"))],
    )
