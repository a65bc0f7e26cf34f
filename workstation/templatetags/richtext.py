from django import template

from workstation.richtext import plain_text, render_markdown

register = template.Library()


@register.filter
def richtext(text: str):
    return render_markdown(text)


@register.filter
def plaintext(text: str) -> str:
    """Rich text for a plain-text mail (see ``workstation.richtext.plain_text``)."""
    return plain_text(text)
