"""Rich text: Markdown rendered to HTML and sanitized with an allow-list.

Images are kept only when they point at the portal's own static or media files, so neither a page
nor a PDF ever fetches anything from another host.
"""

from __future__ import annotations

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
