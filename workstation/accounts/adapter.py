"""allauth adapter: mails in the recipient's language, sent through the reminder outbox;
self-registered users become talent."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from workstation.accounts.models import Role, User
from workstation.accounts.services import keep_account_mail


def language_of(email: str) -> str:
    user = User.objects.filter(email__iexact=email).only("preferred_language").first()
    if user is not None:
        return user.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


class PortalAccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render the mail now and leave its sending to the reminder outbox.

        allauth would send it here, in the request: a mail server that is down then fails the
        page after the account was made. Rendered now, because its links and keys are made now.
        """
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_url": settings.SITE_URL,
            **context,
        }
        with translation.override(language_of(email)):
            message = self.render_mail(template_prefix, email, context)
        keep_account_mail(
            template=template_prefix,
            recipient_email=email,
            subject=message.subject,
            body=message.body,
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
            user.groups.add(Group.objects.get(name=Role.TALENT))
        return user
