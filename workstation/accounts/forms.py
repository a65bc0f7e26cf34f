from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
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


class PortalSignupForm(SignupForm):
    def try_save(self, request):
        """A second sign-up racing the first with the same address (a double click) gets the
        same "check your mail" page, and no second account.

        Both requests found the address free; the second one's insert then breaks the unique
        email. It sends nothing: allauth's "account already exists" mail would use up the
        address's confirmation cooldown, and the first request's confirmation would be skipped.
        Anything else that breaks is a real error.
        """
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            if not User.objects.filter(email__iexact=self.cleaned_data["email"]).exists():
                raise
        return None, get_adapter(request).respond_email_verification_sent(request, None)
