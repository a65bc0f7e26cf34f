"""The English words left in a page meant to be Chinese (the interface's, not people's text)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

# Words that may appear in Chinese text: names of apps, file formats and standards that are not
# translated; "English", the name of a language given in that language in language pickers; and
# the romanised example name of the profile form.
ALLOWED_WORDS = {
    "English",
    "Google",
    "Microsoft",
    "Authenticator",
    "FreeOTP",
    "TOTP",
    "App",
    "app",
    "WeChat",
    "LinkedIn",
    "PDF",
    "DOCX",
    "Word",
    "JSON",
    "API",
    "ID",
    "CSV",
    "Excel",
    "xlsx",
    "UTF",
    "ZIP",
    "PNG",
    "JPEG",
    "PowerPoint",
    "XLSX",
    "PPTX",
    "GB",
    "T",
    "ISO",
    "UTC",
    "Wei",
    "Wang",
    "QR",
    "SVG",
    "ics",
    "Markdown",
}
READ_OUT_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")
URL = re.compile(r"https?://\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def english_words(html: str, content: tuple[str, ...] = ()) -> set[str]:
    """Latin words outside elements marked as another language; ``content`` (people's own text,
    e.g. the title of a post written only in English) is not interface and is left out."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    for element in soup.find_all(attrs={"lang": True}):
        if not element["lang"].lower().startswith("zh"):
            element.decompose()
    texts = [soup.get_text(" ")]
    for element in soup.find_all(True):
        texts += [element.get(attribute, "") for attribute in READ_OUT_ATTRIBUTES]
        if element.name in ("button", "input") and element.get("type") in ("submit", "button"):
            texts.append(element.get("value", "") if element.name == "input" else "")
    text = EMAIL.sub(" ", URL.sub(" ", " ".join(texts)))
    for piece in content:
        text = text.replace(piece, " ")
    return {word for word in LATIN_WORD.findall(text) if word not in ALLOWED_WORDS}
