from __future__ import annotations

from django.core import signing

from talentpool.consents.models import PRIVACY_POLICY_VERSION, Consent


def current_consents(profile) -> dict[str, str]:
    """purpose → latest action."""
    latest: dict[str, str] = {}
    for purpose, action in (
        Consent.objects.filter(profile=profile)
        .order_by("at", "pk")
        .values_list("purpose", "action")
    ):
        latest[purpose] = action
    return latest


def set_consent(*, profile, purpose: str, given: bool, by) -> Consent | None:
    """Add a ledger row when the state changes; nothing when it is already so."""
    action = Consent.Action.GIVEN if given else Consent.Action.WITHDRAWN
    current = current_consents(profile).get(purpose)
    if current == action or (current is None and not given):
        return None
    row = Consent.objects.create(
        profile=profile,
        purpose=purpose,
        action=action,
        policy_version=PRIVACY_POLICY_VERSION,
        by=by if by is not None and by.is_authenticated else None,
    )
    if purpose in STORED_STATES:
        store_consent_states(profile, purposes=(purpose,))
    return row


# The purposes whose current state is stored on the profile, by column, so that the lists that
# depend on it (officials' lists and searches; a campaign's audience) filter on a column with a
# partial index instead of reading the ledger's history.
STORED_STATES = {
    Consent.Purpose.SHARE_WITH_LANZHOU: "shares_with_lanzhou",
    Consent.Purpose.WORKSTATION_NEWS: "receives_news",
}


def store_consent_states(profile, *, purposes=tuple(STORED_STATES)) -> None:
    """Store on the profile what its ledger's latest rows say for ``purposes`` (after a new row,
    or, for all of them, after a merge brought another profile's rows over)."""
    current = current_consents(profile)
    values = {
        STORED_STATES[purpose]: current.get(purpose) == Consent.Action.GIVEN for purpose in purposes
    }
    type(profile).objects.filter(pk=profile.pk).update(**values)
    for column, value in values.items():
        setattr(profile, column, value)


def consent_ledger(profile):
    """Every row of the profile's ledger, newest first: what the person sees and exports."""
    return Consent.objects.filter(profile=profile).order_by("-at", "-pk")


# --- Withdrawal by a link in a mail (no sign-in): a signed token per profile and purpose

WITHDRAWAL_TOKEN_SALT = "talentpool.consents.withdrawal"  # noqa: S105 (a salt, not a secret)
# The purposes a mail's link may withdraw: those of the mails that carry one.
WITHDRAWN_BY_LINK = (Consent.Purpose.WORKSTATION_NEWS,)


class WithdrawalRefused(Exception):
    """The link cannot withdraw anything: ``reason`` is "invalid" (altered, made for something
    else) or "gone" (the profile was deleted)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def make_withdrawal_token(profile, purpose: str) -> str:
    """Signed, without expiry: an unsubscribe link must work however old the mail is."""
    return signing.dumps({"profile": profile.pk, "purpose": purpose}, salt=WITHDRAWAL_TOKEN_SALT)


def profile_of_withdrawal(token: str, profiles):
    """``(profile, purpose)`` of a token, the profile taken from ``profiles`` (a queryset);
    raises ``WithdrawalRefused``."""
    try:
        data = signing.loads(token, salt=WITHDRAWAL_TOKEN_SALT)
        profile_id, purpose = int(data["profile"]), str(data["purpose"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise WithdrawalRefused("invalid") from None
    if purpose not in WITHDRAWN_BY_LINK:
        raise WithdrawalRefused("invalid")
    profile = profiles.filter(pk=profile_id).first()
    if profile is None:
        raise WithdrawalRefused("gone")
    return profile, purpose


def is_given(profile, purpose: str) -> bool:
    return current_consents(profile).get(purpose) == Consent.Action.GIVEN
