"""The staff's demand form (both languages side by side) and the list's filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.demands.models import Demand
from projects.demands.services import DEMAND_ORGANIZATION_KINDS, demand_organizations
from workstation.forms import BilingualRowsMixin
from workstation.reference.models import Industry, Organization

LANGUAGE_PAIRS = (("title_zh_hans", "title_en"), ("description_zh_hans", "description_en"))


class DemandForm(BilingualRowsMixin, forms.ModelForm):
    language_pairs = LANGUAGE_PAIRS

    organization = forms.ModelChoiceField(
        label=_("Lanzhou organization"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("A Lanzhou enterprise, industrial park, university or research institute."),
    )
    new_organization_name = forms.CharField(
        label=_("Or a new organization: its name"),
        max_length=200,
        required=False,
        help_text=_("Only if the organization is not in the list above."),
    )
    new_organization_kind = forms.ChoiceField(
        label=_("Kind of the new organization"),
        choices=[(kind.value, kind.label) for kind in DEMAND_ORGANIZATION_KINDS],
        required=False,
    )
    title_zh_hans = forms.CharField(label=_("Title in Chinese"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description_zh_hans = forms.CharField(
        label=_("Description in Chinese"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    class Meta:
        model = Demand
        fields = [
            "organization",
            "kind",
            "industry",
            "title_zh_hans",
            "title_en",
            "description_zh_hans",
            "description_en",
            "is_active",
        ]
        labels = {"is_active": _("Open (still sought)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = demand_organizations()
        self.fields["industry"].queryset = Industry.objects.all()
        if self.instance.pk is None:
            self.initial.setdefault("is_active", True)

    def clean(self):
        data = super().clean()
        organization = data.get("organization")
        new_name = " ".join((data.get("new_organization_name") or "").split())
        data["new_organization_name"] = new_name
        if organization and new_name:
            self.add_error(
                "new_organization_name",
                _("Choose an organization from the list or type a new one, not both."),
            )
        elif not organization and not new_name and "organization" not in self.errors:
            self.add_error(
                "organization", _("Choose the Lanzhou organization or type the name of a new one.")
            )
        if new_name and not data.get("new_organization_kind"):
            self.add_error("new_organization_kind", _("Say what kind of organization it is."))
        if (
            not (data.get("title_zh_hans") or "").strip()
            and not (data.get("title_en") or "").strip()
        ):
            self.add_error(
                None,
                forms.ValidationError(
                    _("Give the title in at least one language, Chinese or English."),
                    code="no_title",
                ),
            )
        for title, description in (
            ("title_zh_hans", "description_zh_hans"),
            ("title_en", "description_en"),
        ):
            if (data.get(description) or "").strip() and not (data.get(title) or "").strip():
                self.add_error(title, _("A description in this language needs a title in it too."))
        return data


class DemandFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Open")), ("closed", _("Closed")), ("all", _("Open and closed"))],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any")), *Demand.Kind.choices], required=False
    )
    industry = forms.ModelChoiceField(
        label=_("Industry"), queryset=Industry.objects.all(), required=False, empty_label=_("Any")
    )
    organization = forms.ModelChoiceField(
        label=_("Lanzhou organization"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Any"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = demand_organizations()
