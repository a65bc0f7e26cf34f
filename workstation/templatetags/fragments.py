"""Keys of cached fragments of the lists staff open all day: what the fragment's records hold.

A list's rows are cached (``{% cache ... using="fragments" %}``, one cache per process) under a
digest of everything the page read for them: each record's fields, the related records fetched
with it and its annotations; a filter form's fields with their values, choices and errors. Any
change to what a fragment shows changes the digest, so a cached fragment is never stale and nothing
has to be invalidated; the page still reads its records (and a form's choices), it only skips
rendering them again. A fragment cached this way must show nothing but those records
and the other values named in its key (the language, the reader's view, the day): no CSRF token,
no user, no clock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

from django import template
from django.db.models import Model, QuerySet
from django.forms import BaseForm

from workstation.forms import listed_choices

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
    """What a form's fields show: their kind, label, help, value and choices (the model choices
    read from the database: a filter form's regions and industries), and the errors."""
    fields = []
    for name, field in form.fields.items():
        bound = form[name]
        choices = getattr(field, "choices", None)
        fields.append(
            (
                name,
                type(field).__name__,
                type(field.widget).__name__,
                field.widget.attrs,
                str(field.label),
                str(field.help_text),
                bound.value(),
                None
                if choices is None
                else [(str(value), str(label)) for value, label in listed_choices(choices)],
            )
        )
    errors = form.errors.get_json_data() if form.is_bound else {}
    return (type(form).__name__, form.prefix, form.auto_id, fields, errors)


@register.filter
def fingerprint(value) -> str:
    """A digest of what ``value`` holds (records, lists, dataclasses, plain values)."""
    return hashlib.blake2b(pickle.dumps(_contents(value), protocol=5), digest_size=16).hexdigest()
