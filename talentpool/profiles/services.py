"""Actions on profiles that span models or leave an audit trail."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import PurePath

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from talentpool.pool_invitations.models import PoolInvitation
from talentpool.profiles.models import PERSON_FIELDS, Source, TalentProfile
from talentpool.rules import check_may_change, check_pool_staff
from talentpool.search.services import index_profile
from workstation.audit.services import record

# Fields a change of which is worth naming in the audit log (values are never logged).
AUDITED_FIELDS = (*PERSON_FIELDS, "staff_notes", "tags")


def pinyin_of(name_zh: str) -> str:
    """``王伟`` → ``wang wei`` (ü written ``v``, as people type it: 吕 → ``lv``)."""
    # Imported on first use: pypinyin's dictionaries take some 57 MB, which a worker that never
    # saves a profile (e.g. one making PDFs) need not hold.
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(name_zh or "")).strip()


@transaction.atomic
def save_profile(*, profile: TalentProfile, actor, changed: list[str] | tuple[str, ...] = ()):
    """Save a profile with its derived fields and search index; staff changes are audited."""
    check_may_change(actor, profile)
    profile.name_pinyin = pinyin_of(profile.name_zh)
    created = profile.pk is None
    profile.save()
    index_profile(profile)
    from workstation.accounts.models import Role

    if actor is not None and actor.is_authenticated and not actor.has_role(Role.TALENT):
        record(
            actor=actor,
            action="talent_profile.created" if created else "talent_profile.changed",
            target=profile,
            fields=sorted(field for field in changed if field in AUDITED_FIELDS),
        )
    return profile


# --- Self-service: the wizard, claiming, export and deletion by the person themself.

WIZARD_STEPS = (1, 2, 3, 4)


def own_profile_of(user) -> TalentProfile | None:
    """The profile linked to ``user``, or None."""
    if not user.is_authenticated:
        return None
    return (
        TalentProfile.objects.filter(user=user)
        .select_related("native_region__parent__parent")
        .first()
    )


def new_own_profile(*, user) -> TalentProfile:
    """An unsaved profile for a person starting the wizard. Its email stays empty until the
    contact step is saved (the form offers the account's address): an email marks that step done."""
    return TalentProfile(
        user=user,
        source=Source.SELF_REGISTERED,
        preferred_language=user.preferred_language,
        is_complete=False,
    )


def first_unfinished_step(profile: TalentProfile | None) -> int | None:
    """The wizard step to show next, or None when every step is done.

    Step 1 needs a name and a native place, step 2 an industry, step 3 an email address and
    step 4 the privacy notice accepted (a claimed profile that staff entered stops there).
    """
    from talentpool.consents.models import Consent
    from talentpool.consents.services import current_consents

    if profile is None or profile.pk is None:
        return 1
    if not (profile.name_zh or profile.name_en) or profile.native_region_id is None:
        return 1
    if profile.industry_id is None:
        return 2
    if not profile.email:
        return 3
    given = current_consents(profile).get(Consent.Purpose.PRIVACY_NOTICE)
    if not profile.is_complete or given != Consent.Action.GIVEN:
        return 4
    return None


def delete_cv_after_commit(name: str) -> None:
    """Remove a CV file once the database change that dropped it has committed."""
    if not name:
        return
    storage = TalentProfile._meta.get_field("cv").storage
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def save_own_profile(
    *, profile: TalentProfile, actor, changed: list[str] | tuple[str, ...], previous_cv: str = ""
) -> TalentProfile:
    """Save what the person changed; a replaced or removed CV file leaves the storage too.

    The first step sent twice at once (a double click) makes one profile: the request that
    comes second finds the person's profile made by the first and returns that one.
    """
    creating = profile.pk is None
    try:
        with transaction.atomic():
            save_profile(profile=profile, actor=actor, changed=changed)
    except IntegrityError:
        if not creating or profile.user_id is None:
            raise
        made_meanwhile = TalentProfile.objects.filter(user_id=profile.user_id).first()
        if made_meanwhile is None:
            raise
        return made_meanwhile
    if previous_cv and previous_cv != profile.cv.name:
        delete_cv_after_commit(previous_cv)
    return profile


@transaction.atomic
def complete_profile(
    *, profile: TalentProfile, actor, share_with_lanzhou: bool, receive_news: bool
) -> TalentProfile:
    """The wizard's last step: the privacy notice accepted, the separate (optional) consents to
    share with Lanzhou officials and to receive the workstation's news and invitations given or
    not, and the profile marked complete."""
    check_may_change(actor, profile)
    from talentpool.consents.models import Consent
    from talentpool.consents.services import set_consent

    set_consent(profile=profile, purpose=Consent.Purpose.PRIVACY_NOTICE, given=True, by=actor)
    for purpose, given in (
        (Consent.Purpose.SHARE_WITH_LANZHOU, share_with_lanzhou),
        (Consent.Purpose.WORKSTATION_NEWS, receive_news),
    ):
        set_consent(profile=profile, purpose=purpose, given=given, by=actor)
    if not profile.is_complete:
        profile.is_complete = True
        save_profile(profile=profile, actor=actor, changed=["is_complete"])
    return profile


class ClaimRefused(Exception):
    """The profile cannot be claimed by this person; the message says why."""


def can_claim(*, user, email: str) -> bool:
    """The invitation's address must be one of the user's verified addresses."""
    from allauth.account.models import EmailAddress

    return (
        bool(email)
        and EmailAddress.objects.filter(user=user, verified=True, email__iexact=email).exists()
    )


@transaction.atomic
def claim_profile(*, profile_id: int, email: str, user) -> TalentProfile:
    """Link a staff-entered profile to the person's account. The source stays as it was, and
    no consent is recorded: the person gives (or not) their consents in the wizard's last step."""
    if not can_claim(user=user, email=email):
        raise ClaimRefused("email")
    if TalentProfile.objects.filter(user=user).exists():
        raise ClaimRefused("has_profile")
    profile = TalentProfile.objects.select_for_update().filter(pk=profile_id).first()
    if profile is None or profile.user_id is not None:
        raise ClaimRefused("taken")
    profile.user = user
    save_profile(profile=profile, actor=user, changed=["user"])
    record(actor=user, action="talent_profile.claimed", target=profile)
    return profile


# --- The person's own data: export (a zip) and deletion.


def _region_data(region) -> dict | None:
    if region is None:
        return None
    return {"code": region.code, "name_en": region.name_en, "name_zh": region.name_zh_hans}


def _industry_data(industry) -> dict | None:
    if industry is None:
        return None
    return {"key": industry.key, "name_en": industry.name_en, "name_zh": industry.name_zh_hans}


def _when(value) -> str | None:
    return value.isoformat() if value else None


def personal_data(*, user) -> dict:
    """Everything the portal holds about ``user``, as JSON-ready data.

    This includes the staff's notes, tags and verification and the interaction log: a person's
    right of access covers all data held about them, even where the portal shows it only to staff.
    Staff members are not named (their own personal data); the roles of those who looked at or
    changed the profile are listed from the audit log.
    """
    from allauth.account.models import EmailAddress

    from talentpool.consents.models import Consent
    from talentpool.interactions.models import Interaction
    from workstation.audit.models import AuditEntry

    data: dict = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "preferred_language": user.preferred_language,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "profile": None,
        "consents": [],
        "interactions": [],
        "activity": [],
    }
    profile = own_profile_of(user)
    if profile is None:
        return data
    data["profile"] = {
        "id": profile.pk,
        "name_zh": profile.name_zh,
        "name_en": profile.name_en,
        "name_pinyin": profile.name_pinyin,
        "native_place": _region_data(profile.native_region),
        "current_city": profile.current_city,
        "current_state": profile.current_state,
        "employer": profile.employer,
        "title": profile.title,
        "industry": _industry_data(profile.industry),
        "expertise": profile.expertise,
        "degree": profile.degree,
        "school": profile.school,
        "graduation_year": profile.graduation_year,
        "email": profile.email,
        "phone": str(profile.phone) if profile.phone else "",
        "wechat_id": profile.wechat_id,
        "linkedin_url": profile.linkedin_url,
        "preferred_language": profile.preferred_language,
        "interests": list(profile.interests),
        "cv": cv_export_name(profile),
        "source": profile.source,
        "verification": profile.verification,
        "verified_at": _when(profile.verified_at),
        "staff_notes": profile.staff_notes,
        "tags": list(profile.tags),
        "is_complete": profile.is_complete,
        "registered_at": _when(profile.created_at),
        "updated_at": _when(profile.updated_at),
    }
    data["consents"] = [
        {
            "purpose": consent.purpose,
            "action": consent.action,
            "policy_version": consent.policy_version,
            "at": _when(consent.at),
        }
        for consent in Consent.objects.filter(profile=profile).order_by("at", "pk")
    ]
    data["interactions"] = [
        {
            "kind": interaction.kind,
            "date": interaction.happened_on.isoformat(),
            "summary": interaction.summary,
            "recorded_at": _when(interaction.created_at),
        }
        for interaction in Interaction.objects.filter(profile=profile).order_by("happened_on", "pk")
    ]
    data["activity"] = [
        {"action": entry.action, "by_role": entry.actor_role, "at": _when(entry.at)}
        for entry in AuditEntry.objects.filter(
            object_type=TalentProfile._meta.label_lower, object_id=str(profile.pk)
        ).order_by("at", "pk")
    ]
    return data


def cv_export_name(profile: TalentProfile) -> str | None:
    """``cv.pdf`` or ``cv.docx``: the stored file's type, never the uploaded file's name."""
    if not profile.cv:
        return None
    return f"cv{PurePath(profile.cv.name).suffix.lower()}"


def export_personal_data(*, user) -> tuple[str, bytes]:
    """A zip of ``data.json`` and the CV; returns (file name, content)."""
    data = personal_data(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json", json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
        )
        profile = own_profile_of(user)
        if profile is not None and profile.cv:
            try:
                with profile.cv.open("rb") as cv:
                    archive.writestr(cv_export_name(profile), cv.read())
            except FileNotFoundError:
                pass
    filename = f"my-data-{timezone.localdate().isoformat()}.zip"
    return filename, buffer.getvalue()


@transaction.atomic
def delete_own_data(*, user) -> None:
    """Delete the person's profile (its consents and interactions go with it), CV file, the
    reminders owed to them, the record of an invitation to join the pool and their account, email
    addresses included. One audit entry without
    personal data remains; the statistics are counted from live rows, so they keep only what is
    left."""
    from allauth.account.models import EmailAddress

    from workstation.reminders.models import Reminder

    profile = TalentProfile.objects.filter(user=user).first()
    addresses = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    # Mails owed to the person (e.g. an invitation to claim) carry their address: they go too.
    Reminder.objects.filter(Q(recipient=user) | Q(recipient_email__in=addresses)).delete()
    PoolInvitation.objects.filter(email__in=addresses).delete()
    if profile is not None:
        _delete_profile(profile, actor=None, action="talent_profile.deleted_by_person")
    user_id = user.pk
    user.delete()
    record(
        actor=None,
        action="account.deleted_by_person",
        object_type=user._meta.label_lower,
        object_id=user_id,
    )


@transaction.atomic
def delete_profile(*, profile: TalentProfile, actor) -> None:
    """Staff delete a profile on its person's request (e.g. one staff entered and nobody
    claimed): the rows, the CV file and the mails owed about it. A person's account, if any,
    stays: they delete it themselves."""
    check_pool_staff(actor)
    _delete_profile(profile, actor=actor, action="talent_profile.deleted_by_staff")


def _delete_profile(profile: TalentProfile, *, actor, action: str) -> None:
    from django.contrib.contenttypes.models import ContentType

    from workstation.reminders.models import Reminder

    about_profile = Q(
        content_type=ContentType.objects.get_for_model(TalentProfile), object_id=profile.pk
    )
    if profile.email:
        about_profile |= Q(recipient_email__iexact=profile.email)
    Reminder.objects.filter(about_profile).delete()
    profile_id, cv_name = profile.pk, profile.cv.name
    profile.delete()  # consents and interactions go with it
    delete_cv_after_commit(cv_name)
    record(
        actor=actor,
        action=action,
        object_type=TalentProfile._meta.label_lower,
        object_id=profile_id,
    )
