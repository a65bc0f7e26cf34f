"""Finding the same person entered twice, and merging the two profiles into one.

Two profiles are flagged when, after normalisation:
- their email addresses match (lowercase, surrounding spaces removed; kept simple on purpose:
  no Gmail dot or ``+tag`` folding, which is right for one provider and wrong for the next);
- their phone numbers match (E.164, as ``phonenumbers`` writes them; the model stores E.164);
- their WeChat IDs match (lowercase, surrounding spaces removed);
- their Chinese names match and their employers match (employer compared case-insensitively);
- the pinyin of one's Chinese name is the other's English name: compared lowercase with spaces,
  hyphens, dots and apostrophes removed, in Chinese order and with the surname (one or two
  syllables) moved to the end, so 王伟 matches "Wang Wei", "wangwei" and "Wei Wang"; pinyin's ü
  (written ``v``) also matches ``u``, so 吕伟 matches "Wei Lu" and "Wei Lv".

Each rule has a Python form (for rows not yet in the database, e.g. an import) and an SQL form
(for the whole pool): the two must agree, and the tests hold them to it. Over the whole pool
the pairs come from one SQL statement of hash joins on the normalised keys, never from comparing
every profile with every other in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from django.db import connection, transaction
from django.db.models import F, Func, Q
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext_lazy as _

from talentpool.consents.services import store_consent_states
from talentpool.duplicates.models import DistinctPair
from talentpool.profiles.models import PERSON_FIELDS, TalentProfile
from talentpool.profiles.services import delete_cv_after_commit, pinyin_of, save_profile
from talentpool.rules import check_pool_staff
from workstation.audit.services import record


class Reason:
    EMAIL = "email"
    PHONE = "phone"
    WECHAT = "wechat"
    NAME_EMPLOYER = "name_employer"
    PINYIN_NAME = "pinyin_name"


REASON_LABELS = {
    Reason.EMAIL: _("Same email address"),
    Reason.PHONE: _("Same phone number"),
    Reason.WECHAT: _("Same WeChat ID"),
    Reason.NAME_EMPLOYER: _("Same Chinese name and employer"),
    Reason.PINYIN_NAME: _("The pinyin of one is the other's English name"),
}


def reason_labels(reasons: Iterable[str]) -> list[str]:
    return [str(REASON_LABELS[reason]) for reason in reasons if reason in REASON_LABELS]


# --- Normalisation (Python) ----------------------------------------------------------------


def normalise_email(value: str | None) -> str:
    """Lowercase and trimmed; nothing provider-specific (see the module's docstring)."""
    return (value or "").strip().lower()


def normalise_phone(value, region: str | None = None) -> str:
    """E.164 (``+16505550100``), or ``""`` when the value is not a valid phone number."""
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_wechat(value: str | None) -> str:
    return (value or "").strip().lower()


# Removed from English names before comparing; ``v`` becomes ``u`` (pinyin writes ü as ``v``).
_NAME_TRANSLATION = str.maketrans("v", "u", " .'-")


def english_name_key(name_en: str | None) -> str:
    """``"Wei Wang"`` → ``"weiwang"`` (ü as ``u``: ``"Lv"`` and ``"Lu"`` → ``"lu"``)."""
    return (name_en or "").lower().translate(_NAME_TRANSLATION)


def _pinyin_words(name_pinyin: str | None) -> list[str]:
    return [word for word in (name_pinyin or "").lower().split(" ") if word]


def pinyin_name_keys(name_pinyin: str | None) -> set[str]:
    """The ways the pinyin ``"wang wei"`` is written as an English name: ``wangwei``, ``weiwang``.

    The surname may be one syllable (王) or two (欧阳): both are moved to the end in turn.
    """
    words = _pinyin_words(name_pinyin)
    orders = [words, words[1:] + words[:1], words[2:] + words[:2]]
    return {"".join(order).replace("v", "u") for order in orders if order}


def _rotations(key: str) -> set[str]:
    """Every rotation of a string: a pinyin key is one of the rotations of its compact form."""
    return {key[index:] + key[:index] for index in range(len(key))}


def name_employer_key(name_zh: str | None, employer: str | None) -> str:
    name, company = (name_zh or "").strip(), (employer or "").strip().lower()
    return f"{name}\x1f{company}" if name and company else ""


def profile_keys(profile) -> dict[str, set[str]]:
    """Every normalised key of a profile (saved or not), by reason; the English name apart."""
    pinyin = profile.name_pinyin or pinyin_of(profile.name_zh)
    keys = {
        Reason.EMAIL: {normalise_email(profile.email)},
        Reason.PHONE: {normalise_phone(profile.phone)},
        Reason.WECHAT: {normalise_wechat(profile.wechat_id)},
        Reason.NAME_EMPLOYER: {name_employer_key(profile.name_zh, profile.employer)},
        Reason.PINYIN_NAME: pinyin_name_keys(pinyin) if (profile.name_zh or "").strip() else set(),
    }
    return {reason: {key for key in values if key} for reason, values in keys.items()}


# --- Normalisation (SQL), the same rules -------------------------------------------------------
# Plain string functions (no regular expressions: they cost more than the joins at 100k rows).
# ``{column}`` is a column or an SQL expression.

SQL_ENGLISH_KEY = "translate(lower({column}), 'v .''-', 'u')"
_SQL_WORDS = "(array_remove(string_to_array(lower({column}), ' '), ''))"
# Chinese order; the surname of one syllable last; the surname of two syllables last.
SQL_PINYIN_KEYS = tuple(
    f"translate(array_to_string({order}, ''), 'v', 'u')"
    for order in ("{words}", "{words}[2:] || {words}[1:1]", "{words}[3:] || {words}[1:2]")
)
SQL_PINYIN_COMPACT = "translate(replace(lower({column}), ' ', ''), 'v', 'u')"


def _sql(template: str, column: str) -> str:
    return template.format(column=column, words=_SQL_WORDS.format(column=column))


class _Sql(Func):
    """One of the expressions above over a model field, for the ORM."""

    def __init__(self, field: str, template: str):
        super().__init__(F(field), template=_sql(template, "%(expressions)s"))


# --- Finding duplicates -------------------------------------------------------------------------


def _candidate_conditions(keys: dict[str, set[str]], english_keys: set[str]) -> list[Q]:
    """Conditions finding every stored profile that may share a key with the given ones.

    They may find a few too many (a pinyin is looked up by every rotation of an English name);
    ``_reasons_between`` then decides exactly. Each runs as a query of its own: PostgreSQL
    evaluates one condition over 100,000 rows in tens of milliseconds, their OR in seconds.
    """
    conditions = []
    if keys[Reason.EMAIL]:
        conditions.append(Q(email_key__in=keys[Reason.EMAIL]))
    if keys[Reason.PHONE]:
        conditions.append(Q(phone__in=keys[Reason.PHONE]))
    if keys[Reason.WECHAT]:
        conditions.append(Q(wechat_key__in=keys[Reason.WECHAT]))
    names = {key.split("\x1f")[0] for key in keys[Reason.NAME_EMPLOYER]}
    if names:
        conditions.append(Q(name_zh__in=names))
    if keys[Reason.PINYIN_NAME]:
        conditions.append(Q(english_key__in=keys[Reason.PINYIN_NAME]))
    if english_keys:
        rotations = set().union(*(_rotations(key) for key in english_keys))
        conditions.append(Q(pinyin_compact__in=rotations) & ~Q(name_zh=""))
    return conditions


def _annotated(queryset):
    return queryset.annotate(
        email_key=Lower(Trim("email")),
        wechat_key=Lower(Trim("wechat_id")),
        english_key=_Sql("name_en", SQL_ENGLISH_KEY),
        pinyin_compact=_Sql("name_pinyin", SQL_PINYIN_COMPACT),
    )


def _reasons_between(keys_a, english_a: str, keys_b, english_b: str) -> list[str]:
    reasons = [
        reason
        for reason in (Reason.EMAIL, Reason.PHONE, Reason.WECHAT, Reason.NAME_EMPLOYER)
        if keys_a[reason] & keys_b[reason]
    ]
    if (english_b and english_b in keys_a[Reason.PINYIN_NAME]) or (
        english_a and english_a in keys_b[Reason.PINYIN_NAME]
    ):
        reasons.append(Reason.PINYIN_NAME)
    return reasons


def reasons_between(first, second) -> list[str]:
    """Why two profiles are flagged as the same person (empty: they are not)."""
    return _reasons_between(
        profile_keys(first),
        english_name_key(first.name_en),
        profile_keys(second),
        english_name_key(second.name_en),
    )


def find_duplicates_of_many(profiles: list, queryset=None) -> list[list[tuple]]:
    """For each (saved or unsaved) profile, the stored profiles it may duplicate, with reasons.

    At most seven queries whatever the number of profiles (an import's rows are checked in
    one go). Returns, per given profile, ``[(other, [reason, ...]), ...]``, strongest first.
    """
    if not profiles:
        return []
    keys = [profile_keys(profile) for profile in profiles]
    englishes = [english_name_key(profile.name_en) for profile in profiles]
    union = {reason: set().union(*(k[reason] for k in keys)) for reason in keys[0]}
    conditions = _candidate_conditions(union, {key for key in englishes if key})
    base = queryset if queryset is not None else TalentProfile.objects.all()
    ids: set[int] = set()
    for condition in conditions:
        ids.update(_annotated(base).order_by().filter(condition).values_list("pk", flat=True))
    candidates = list(
        TalentProfile.objects.filter(pk__in=ids).select_related("native_region", "industry")
    )
    # Index the candidates by every key, so each profile meets only those sharing one of its keys.
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    candidate_keys = []
    for position, candidate in enumerate(candidates):
        own = profile_keys(candidate)
        english = english_name_key(candidate.name_en)
        candidate_keys.append((candidate, own, english))
        for reason, values in own.items():
            for value in values:
                index[(reason, value)].append(position)
        if english:
            index[("english", english)].append(position)
    results = []
    for profile, own_keys, own_english in zip(profiles, keys, englishes, strict=True):
        positions = set()
        for reason, values in own_keys.items():
            for value in values:
                positions.update(index.get((reason, value), ()))
                if reason == Reason.PINYIN_NAME:
                    positions.update(index.get(("english", value), ()))
        if own_english:
            positions.update(index.get((Reason.PINYIN_NAME, own_english), ()))
        found = []
        for position in sorted(positions):
            other, other_keys, other_english = candidate_keys[position]
            if profile.pk is not None and other.pk == profile.pk:
                continue
            reasons = _reasons_between(own_keys, own_english, other_keys, other_english)
            if reasons:
                found.append((other, reasons))
        found.sort(key=lambda item: (-len(item[1]), item[0].pk))
        results.append(found)
    return results


def find_duplicates(profile, queryset=None) -> list[tuple]:
    """The stored profiles that may be the same person as ``profile``: ``[(other, reasons)]``."""
    return find_duplicates_of_many([profile], queryset=queryset)[0]


@dataclass(frozen=True)
class DuplicatePair:
    first: TalentProfile  # the older profile (lower id): the one kept by default
    second: TalentProfile
    reasons: list[str]

    @property
    def reason_labels(self) -> list[str]:
        return reason_labels(self.reasons)


PAIRS_WORK_MEM = "64MB"


def _pairs_sql(base_sql: str) -> str:
    """Pairs from groups of equal keys (hash aggregates), never a comparison of every two rows."""
    table = TalentProfile._meta.db_table
    distinct = DistinctPair._meta.db_table  # pairs staff found to be different people
    pinyin = [key.format(words="w") for key in SQL_PINYIN_KEYS]  # over the words CTE
    # Only constants and the model's table are put in; values go in as parameters.
    return f"""
WITH base AS (
  SELECT id, email, phone, wechat_id, name_zh, employer, name_en, name_pinyin
  FROM {table} {base_sql}
), keys AS (
  SELECT id, 'email' AS reason, lower(btrim(email)) AS k FROM base WHERE btrim(email) <> ''
  UNION ALL SELECT id, 'phone', phone FROM base WHERE phone <> ''
  UNION ALL SELECT id, 'wechat', lower(btrim(wechat_id)) FROM base WHERE btrim(wechat_id) <> ''
  UNION ALL SELECT id, 'name_employer', btrim(name_zh) || chr(31) || lower(btrim(employer))
    FROM base WHERE btrim(name_zh) <> '' AND btrim(employer) <> ''
), exact AS (
  SELECT reason, array_agg(id) AS ids FROM keys GROUP BY reason, k HAVING count(*) > 1
), words AS (
  SELECT id, {_SQL_WORDS.format(column="name_pinyin")} AS w FROM base WHERE btrim(name_zh) <> ''
), names AS (
  SELECT id, {pinyin[0]} AS k, true AS is_pinyin FROM words
  UNION SELECT id, {pinyin[1]}, true FROM words
  UNION SELECT id, {pinyin[2]}, true FROM words
  UNION ALL SELECT id, {_sql(SQL_ENGLISH_KEY, "name_en")}, false FROM base
), named AS (
  SELECT array_agg(id) FILTER (WHERE is_pinyin) AS p,
    array_agg(id) FILTER (WHERE NOT is_pinyin) AS e
  FROM names WHERE k <> '' GROUP BY k HAVING bool_or(is_pinyin) AND bool_or(NOT is_pinyin)
), matches AS (
  SELECT a AS x, b AS y, reason FROM exact, unnest(ids) AS a, unnest(ids) AS b WHERE a < b
  UNION ALL
  SELECT least(a, b), greatest(a, b), 'pinyin_name' FROM named, unnest(p) AS a, unnest(e) AS b
    WHERE a <> b
)
SELECT x, y, array_agg(DISTINCT reason ORDER BY reason) FROM matches
WHERE NOT EXISTS (SELECT 1 FROM {distinct} d WHERE d.first_id = x AND d.second_id = y)
GROUP BY x, y ORDER BY y DESC, x DESC LIMIT %s
"""  # noqa: S608


def duplicate_pairs(queryset=None, limit: int = 200) -> list[DuplicatePair]:
    """The flagged pairs among ``queryset`` (all profiles by default), newest first.

    One SQL statement: the normalised keys of every profile are joined on equality (hash joins),
    so the work grows with the number of profiles and of pairs, not with its square.
    """
    params: list = []
    base_sql = ""
    if queryset is not None:
        inner_sql, inner_params = queryset.order_by().values("pk").query.sql_with_params()
        base_sql = f"WHERE id IN ({inner_sql})"
        params.extend(inner_params)
    params.append(limit)
    with transaction.atomic(), connection.cursor() as cursor:
        # Room to hash and sort the keys of 100,000 profiles in memory (this transaction only).
        cursor.execute(f"SET LOCAL work_mem = '{PAIRS_WORK_MEM}'")
        cursor.execute(_pairs_sql(base_sql), params)
        rows = cursor.fetchall()
    ids = {pk for first, second, _reasons in rows for pk in (first, second)}
    profiles = TalentProfile.objects.select_related("native_region", "industry", "user").in_bulk(
        ids
    )
    order = [Reason.EMAIL, Reason.PHONE, Reason.WECHAT, Reason.NAME_EMPLOYER, Reason.PINYIN_NAME]
    return [
        DuplicatePair(
            first=profiles[first],
            second=profiles[second],
            reasons=sorted(reasons, key=order.index),
        )
        for first, second, reasons in rows
        if first in profiles and second in profiles
    ]


def mark_different_people(*, first: TalentProfile, second: TalentProfile, actor) -> bool:
    """Record that two flagged profiles are different people, so the pair is no longer listed;
    returns False when it was recorded already. Audited without personal data."""
    check_pool_staff(actor)
    if first.pk == second.pk:
        raise ValueError("A pair needs two profiles.")
    low, high = sorted((first.pk, second.pk))
    _pair, created = DistinctPair.objects.get_or_create(
        first_id=low,
        second_id=high,
        defaults={"decided_by": actor if actor is not None and actor.is_authenticated else None},
    )
    if created:
        record(actor=actor, action="talent.not_duplicates", target=first, other=second.pk)
    return created


# --- Merging ------------------------------------------------------------------------------------

# The fields staff choose between, side by side. Not here, because they are combined instead:
# tags (united), staff notes (joined), the account (moved), registered at (the earlier one).
MERGE_FIELDS = PERSON_FIELDS


class MergeRefused(Exception):
    """The two profiles cannot be merged; the message says why, in the user's language."""


def _raw_value(profile, field: str):
    value = getattr(profile, field)
    if field in ("native_region", "industry"):
        return getattr(profile, f"{field}_id")
    if field == "cv":
        return value.name or ""
    if field == "phone":
        return str(value or "")
    return value


def differing_fields(keep, other) -> list[str]:
    return [field for field in MERGE_FIELDS if _raw_value(keep, field) != _raw_value(other, field)]


def check_mergeable(keep, other) -> None:
    if keep.pk == other.pk:
        raise MergeRefused(_("A profile cannot be merged with itself."))
    if keep.user_id and other.user_id:
        raise MergeRefused(
            _(
                "Both profiles belong to a registered account. Two accounts cannot be merged "
                "into one sign-in: ask one of the people to delete their account first, or "
                "leave both profiles."
            )
        )


def _move_related_rows(keep, other) -> dict[str, int]:
    """Every row pointing at ``other`` (interactions, consent ledger, …) now points at ``keep``.

    ``update()`` leaves ``auto_now_add`` timestamps alone, so consent rows keep their dates.
    Relations added later by other modules move too instead of being deleted with the profile.
    """
    moved: dict[str, int] = {}
    for relation in TalentProfile._meta.related_objects:
        if not relation.one_to_many:
            continue
        model = relation.related_model
        count = model._default_manager.filter(**{relation.field.name: other}).update(
            **{relation.field.name: keep}
        )
        moved[model._meta.model_name] = count
    return moved


@transaction.atomic
def merge_profiles(*, keep, other, take_from_other: Iterable[str], actor) -> TalentProfile:
    """Merge ``other`` into ``keep`` and delete ``other``.

    ``take_from_other``: the fields (of ``MERGE_FIELDS``) whose value comes from ``other``; the
    rest keep ``keep``'s value. Interactions and consent rows move over with their dates, tags
    are united, staff notes joined; ``other``'s account moves over when ``keep`` has none (both
    with an account: refused). The CV not chosen is deleted from storage once the merge is
    committed. Audited with both ids and the field names, never the values.
    """
    check_pool_staff(actor)
    locked = TalentProfile.objects.select_for_update().in_bulk([keep.pk, other.pk])
    if keep.pk not in locked or other.pk not in locked:
        raise MergeRefused(_("One of the profiles no longer exists: it may have been merged."))
    keep, other = locked[keep.pk], locked[other.pk]
    check_mergeable(keep, other)
    chosen = [field for field in MERGE_FIELDS if field in set(take_from_other)]

    discarded_cv = ""
    for field in chosen:
        if field == "cv":
            discarded_cv = keep.cv.name
        setattr(keep, field, getattr(other, field))
        if field == "verification":
            keep.verified_by_id, keep.verified_at = other.verified_by_id, other.verified_at
    if "cv" not in chosen:
        discarded_cv = other.cv.name if other.cv.name != keep.cv.name else ""

    keep.tags = list(dict.fromkeys([*keep.tags, *other.tags]))
    notes = [note.strip() for note in (keep.staff_notes, other.staff_notes) if note.strip()]
    keep.staff_notes = "\n\n".join(notes)
    keep.is_complete = keep.is_complete or other.is_complete
    if other.created_at < keep.created_at:
        keep.created_at = other.created_at
    account_moved = False
    if other.user_id and not keep.user_id:
        keep.user_id, other.user_id = other.user_id, None
        other.save(update_fields=["user"])  # the one-to-one must be free before it moves
        account_moved = True

    moved = _move_related_rows(keep, other)
    store_consent_states(keep)  # the ledger may now hold the other profile's later rows
    changed = [*chosen, "tags", "staff_notes"]
    save_profile(profile=keep, actor=actor, changed=changed)
    other_pk = other.pk
    other.cv = ""  # the kept profile may now hold this file: deleting ``other`` must not touch it
    other.delete()
    delete_cv_after_commit(discarded_cv)
    record(
        actor=actor,
        action="talent_profile.merged",
        target=keep,
        merged_profile_id=other_pk,
        fields_from_merged=chosen,
        moved_rows=moved,
        account_moved=account_moved,
    )
    return keep
