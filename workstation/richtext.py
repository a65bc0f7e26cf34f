"""Rich text: Markdown rendered to HTML and sanitized with an allow-list.

Every rich-text field (briefing items, event descriptions, meeting agendas and minutes, biographies,
publications, project summaries) reaches every output through this module: pages and PDFs through
``render_markdown`` (the ``richtext`` template filter), plain-text outputs such as mails and
calendar files through ``plain_text``.

Images are kept only when they point at the portal's own static or media files, so neither a page
nor a PDF ever fetches anything from another host. What the allow-list leaves must still make
sense to a screen reader: an image that lost its source goes, a kept image always has an alt
(empty, i.e. decorative, when the author gave none), a link that lost its target becomes its text.
"""

from __future__ import annotations

import functools
import html
import threading
from html import escape
from html.parser import HTMLParser

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
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


class _AccessibleMarkup(HTMLParser):
    """A second pass over nh3's output (well-formed, nothing unsafe left) that fixes what the
    allow-list cannot: images without a source, images without an alt, links without a target."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_unwrapped_link = False  # links do not nest

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "img":
            if not values.get("src"):
                return
            values.setdefault("alt", "")
        elif tag == "a" and not values.get("href"):
            self.in_unwrapped_link = True
            return
        attributes = "".join(f' {name}="{escape(value or "")}"' for name, value in values.items())
        self.parts.append(f"<{tag}{attributes}>")

    def handle_endtag(self, tag):
        if tag == "a" and self.in_unwrapped_link:
            self.in_unwrapped_link = False
            return
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(escape(data, quote=False))


def sanitize(html: str) -> str:
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_local_images,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    markup = _AccessibleMarkup()
    markup.feed(cleaned)
    markup.close()
    return "".join(markup.parts)


# Building a Markdown converter (its extensions, patterns) costs far more than converting a short
# text: each thread keeps one and resets it between texts (a converter is not thread-safe).
_converters = threading.local()


def _markdown_converter() -> markdown.Markdown:
    converter = getattr(_converters, "converter", None)
    if converter is None:
        converter = _converters.converter = markdown.Markdown(extensions=["tables", "sane_lists"])
    return converter.reset()


def render_markdown(text: str) -> SafeString:
    # The allow-list keeps images under these URLs: they are part of what the HTML depends on.
    html = _rendered(text or "", settings.STATIC_URL, settings.MEDIA_URL)
    return mark_safe(html)  # noqa: S308 - sanitized by nh3 in _rendered


# The same texts are rendered again and again (a project's summary on the board, its page, each
# API read and PDF): the HTML of a text is the same every time, so each process keeps the latest.
@functools.lru_cache(maxsize=2048)
def _rendered(text: str, static_url: str, media_url: str) -> str:
    return sanitize(_markdown_converter().convert(text))


def plain_text(text: str) -> str:
    """Rich text for a plain-text output (a mail, a calendar file): the Markdown as written, which
    reads well as it is, without any HTML (tags dropped, scripts and styles with their content)."""
    return html.unescape(nh3.clean(text or "", tags=set()))
