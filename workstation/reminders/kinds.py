"""The kinds of reminder, registered by the apps that send them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReminderKind:
    """``template`` names ``templates/emails/<template>_subject.txt`` and ``..._body.txt``.

    ``context`` builds the mail's context from the target object, in the recipient's language;
    it returns None when the reminder is no longer due (it is then cancelled, not sent).
    """

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]


KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    KINDS[kind.key] = kind
    return kind
