"""Rich text: Markdown rendered to HTML and sanitized with an allow-list.

Every rich-text field (briefing items, event descriptions, meeting agendas and minutes, biographies,
publications, project summaries) reaches every output through this module: pages and PDFs through
``render_markdown`` (the ``richtext`` template filter), plain-text outputs such as mails and
calendar files through ``plain_text``.

Images are kept only when they point at the portal's own static or media files, so neither a page
nor a PDF ever fetches anything from another host.
"""

from __future__ import annotations

import html

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i", "img",
    "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "th": {"scope"},
}


def _keep_local_images(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        local = value.startswith((settings.STATIC_URL, settings.MEDIA_URL))
        return value if local and not value.startswith("//") else None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_local_images,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def render_markdown(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(sanitize(html))  # noqa: S308 - sanitized by nh3 just above


def plain_text(text: str) -> str:
    """Rich text for a plain-text output (a mail, a calendar file): the Markdown as written, which
    reads well as it is, without any HTML (tags dropped, scripts and styles with their content)."""
    return html.unescape(nh3.clean(text or "", tags=set()))
