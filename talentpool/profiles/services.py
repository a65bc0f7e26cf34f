"""Actions on profiles that span models or leave an audit trail."""

from __future__ import annotations

from django.db import transaction
from pypinyin import lazy_pinyin

from talentpool.profiles.models import TalentProfile
from talentpool.search.services import index_profile
from workstation.audit.services import record

# Fields a change of which is worth naming in the audit log (values are never logged).
AUDITED_FIELDS = (
    "name_zh", "name_en", "native_region", "current_city", "current_state", "employer", "title",
    "industry", "expertise", "degree", "school", "graduation_year", "email", "phone",
    "wechat_id", "linkedin_url", "preferred_language", "interests", "cv", "source",
    "verification", "staff_notes", "tags",
)  # fmt: skip


def pinyin_of(name_zh: str) -> str:
    """``王伟`` → ``wang wei`` (ü written ``v``, as people type it: 吕 → ``lv``)."""
    return " ".join(lazy_pinyin(name_zh or "")).strip()


@transaction.atomic
def save_profile(*, profile: TalentProfile, actor, changed: list[str] | tuple[str, ...] = ()):
    """Save a profile with its derived fields and search index; staff changes are audited."""
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
