"""The publication's mails, through the briefing's notices: everyone once the final editions
are ready, staff when one of them could not be made."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports.briefings.reminders import issue_label, register_notice
from reports.editions.services import EDITION_FAILED, PUBLISHED


def still_failed(reminder, edition) -> bool:
    return edition.status == edition.Status.FAILED


register_notice(
    PUBLISHED,
    lambda b: _("Published: %(issue)s") % {"issue": issue_label(b)},
    lambda b: (
        _(
            "%(issue)s has been published. Its Chinese, English and bilingual PDF editions can be "
            "downloaded from the briefing's page."
        )
        % {"issue": issue_label(b)}
    ),
)
register_notice(
    EDITION_FAILED,
    lambda e: _("PDF edition not made: %(issue)s") % {"issue": issue_label(e.briefing)},
    lambda e: (
        _(
            "A PDF edition of the published %(issue)s (%(language)s) could not be made: "
            "%(error)s\n\nOpen the briefing's page and choose “Try again” beside the edition; "
            "the publication is announced once every edition is ready."
        )
        % {
            "language": e.get_language_display(),
            "issue": issue_label(e.briefing),
            "error": e.error,
        }
    ),
    still_failed,
    fragment="#pdfs",
)
