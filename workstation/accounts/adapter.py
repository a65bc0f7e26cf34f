"""allauth adapter: mails in the recipient's language; self-registered users become talent."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation

from workstation.accounts.models import Role, User


def language_of(email: str) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user is not None:
        return user.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


class PortalAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"site_url": settings.SITE_URL, **context}
        with translation.override(language_of(email)):
            super().send_mail(template_prefix, email, context)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
            user.groups.add(Group.objects.get(name=Role.TALENT))
        return user
