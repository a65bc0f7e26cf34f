from __future__ import annotations

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
    if purpose == Consent.Purpose.SHARE_WITH_LANZHOU:
        store_sharing(profile)
    return row


def store_sharing(profile) -> None:
    """Store on the profile what its ledger's latest sharing row says (after a new row, or after
    a merge brought another profile's rows over)."""
    shares = current_consents(profile).get(Consent.Purpose.SHARE_WITH_LANZHOU) == (
        Consent.Action.GIVEN
    )
    type(profile).objects.filter(pk=profile.pk).update(shares_with_lanzhou=shares)
    profile.shares_with_lanzhou = shares


def consent_ledger(profile):
    """Every row of the profile's ledger, newest first: what the person sees and exports."""
    return Consent.objects.filter(profile=profile).order_by("-at", "-pk")
