"""Enrolling TOTP proves possession of the authenticator: count it as this session's MFA."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def record_mfa_on_enrolment(sender, request, user, authenticator, **kwargs) -> None:
    if request is not None and authenticator.type == authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
