from django import template

from workstation.richtext import render_markdown

register = template.Library()


@register.filter
def richtext(text: str):
    return render_markdown(text)
