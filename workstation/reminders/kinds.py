"""The kinds of reminder, registered by the apps that send them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReminderKind:
    """``template`` names ``templates/emails/<template>_subject.txt`` and ``..._body.txt``.

    ``context`` builds the mail's context from the target object, in the recipient's language;
    it returns None when the reminder is no longer due (it is then cancelled, not sent). An
    ``attachments`` key in the context, a list of ``(file name, content, MIME type)``, is attached
    to the mail and not passed to the templates.

    ``language`` gives the mail's language from the target, for recipients who may have no
    account (e.g. the language of the page a person registered on); without it the recipient's
    preferred language is used, or the site's default.
    """

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    language: Callable[[Any], str] | None = None


KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    KINDS[kind.key] = kind
    return kind
