"""Keys of cached fragments of the lists staff open all day: what the fragment's records hold.

A list's rows are cached (``{% cache ... using="fragments" %}``, one cache per process) under a
digest of everything the page read for them: each record's fields, the related records fetched
with it and its annotations; a filter form's fields with their values, choices and errors (a
model choice field's rows digested by the database, ``workstation.digests``, not read). Any
change to what a fragment shows changes the digest, so a cached fragment is never stale and nothing
has to be invalidated; the page still reads its records (and a form's choices), it only skips
rendering them again. A fragment cached this way must show nothing but those records
and the other values named in its key (the language, the reader's view, the day): no CSRF token,
no user, no clock: what must differ between requests in such a fragment (a form's CSRF token, the
page's own address) is written as a ``{% slot %}`` and filled in by the ``{% filled %}`` around it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import secrets

from django import template
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from workstation.digests import rows_digests

register = template.Library()


def _contents(value):
    if isinstance(value, Model):
        fields = vars(value).copy()
        del fields["_state"]
        prefetched = fields.pop("_prefetched_objects_cache", {})
        return (
            type(value).__name__,
            fields,
            [(name, _contents(item)) for name, item in value._state.fields_cache.items()],
            [(name, _contents(item)) for name, item in prefetched.items()],
        )
    if isinstance(value, BaseForm):
        return _form_contents(value)
    if isinstance(value, list | tuple | QuerySet):  # a query set: prefetched, so already read
        return [_contents(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            (field.name, _contents(getattr(value, field.name)))
            for field in dataclasses.fields(value)
        ]
    if isinstance(value, dict):
        return [(key, _contents(item)) for key, item in value.items()]
    return value


def _form_contents(form: BaseForm):
    """What a form's fields show: their kind, label, help, value and choices (a model choice
    field's rows as a digest; their labels may show dates, so the time zone too), and the
    errors."""
    model_fields = [name for name, field in form.fields.items() if hasattr(field, "queryset")]
    digests = dict(
        zip(
            model_fields,
            rows_digests([form.fields[name].queryset for name in model_fields]),
            strict=True,
        )
    )
    fields = []
    for name, field in form.fields.items():
        bound = form[name]
        choices = getattr(field, "choices", None)
        if name in digests:
            choices = [("", str(field.empty_label)), ("rows", digests[name])]
        fields.append(
            (
                name,
                type(field).__name__,
                type(field.widget).__name__,
                field.widget.attrs,
                str(field.label),
                str(field.help_text),
                bound.value(),
                None if choices is None else [(str(value), str(label)) for value, label in choices],
            )
        )
    errors = form.errors.get_json_data() if form.is_bound else {}
    zone = timezone.get_current_timezone_name()
    return (type(form).__name__, form.prefix, form.auto_id, zone, fields, errors)


@register.filter
def fingerprint(value) -> str:
    """A digest of what ``value`` holds (records, lists, dataclasses, plain values)."""
    return hashlib.blake2b(pickle.dumps(_contents(value), protocol=5), digest_size=16).hexdigest()


# Unguessable, so that no text a page shows can pose as a slot; the fragments cache is per process.
_SLOT_MARK = "slot-" + secrets.token_hex(12) + "-"


@register.simple_tag
def slot(name: str) -> str:
    """A place in a cached fragment that the enclosing ``{% filled %}`` fills in."""
    return mark_safe(_SLOT_MARK + name + ";")  # noqa: S308 - letters, digits and the name


class FilledNode(template.Node):
    def __init__(self, nodelist, values: dict):
        self.nodelist, self.values = nodelist, values

    def render(self, context) -> str:
        html = self.nodelist.render(context)
        for name, value in self.values.items():
            filling = str(conditional_escape(value.resolve(context)))
            html = html.replace(_SLOT_MARK + name + ";", filling)
        return mark_safe(html)  # noqa: S308 - rendered by the template, the values escaped


@register.tag
def filled(parser, token):
    """``{% filled name=value ... %}…{% endfilled %}``: the enclosed content with each
    ``{% slot "name" %}`` replaced by its value (escaped)."""
    bits = token.split_contents()[1:]
    values = {}
    for bit in bits:
        name, _sep, expression = bit.partition("=")
        if not name or not expression:
            raise template.TemplateSyntaxError("{% filled %} takes name=value arguments")
        values[name] = parser.compile_filter(expression)
    nodelist = parser.parse(("endfilled",))
    parser.delete_first_token()
    return FilledNode(nodelist, values)
