from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from workstation.accounts.models import Role, User
from workstation.accounts.services import INVITABLE_ROLES


class InviteColleagueForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"), choices=[(role.value, role.label) for role in INVITABLE_ROLES]
    )
    preferred_language = forms.ChoiceField(
        label=_("Language of mails"), choices=settings.LANGUAGES, initial="zh-hans"
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this email address already exists."))
        return email

    def clean_role(self) -> Role:
        return Role(self.cleaned_data["role"])


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
