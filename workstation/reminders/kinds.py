"""The kinds of reminder, registered by the apps that send them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReminderKind:
    """``template`` names ``templates/emails/<template>_subject.txt`` and ``..._body.txt`` (and
    ``..._body.html``, an HTML alternative of the text, when ``html`` is true).

    ``context`` builds the mail's context from the reminder and its target object, in the
    recipient's language; it returns None when the reminder is no longer due (it is then
    cancelled, not sent). An ``attachments`` key in the context, a list of ``(file name,
    content, MIME type)``, is attached to the mail, and a ``headers`` key (a dict) adds headers
    to it; neither is passed to the templates.

    ``language`` gives the mail's language from the reminder and its target, for recipients who
    may have no account (e.g. the language of the page a person registered on); without it the
    recipient's preferred language is used, or the site's default.

    ``batched`` kinds are many mails of one target (a campaign's): recording one enqueues nothing
    and the sweep leaves them alone; their own task sends them in batches at a rate
    (``pending_reminders`` and ``deliver_reminder`` with one mail connection).
    """

    key: str
    template: str
    context: Callable[[Any, Any], dict | None]
    language: Callable[[Any, Any], str] | None = None
    html: bool = False
    batched: bool = False


KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    KINDS[kind.key] = kind
    return kind


def batched_kinds() -> list[str]:
    return [key for key, kind in KINDS.items() if kind.batched]
