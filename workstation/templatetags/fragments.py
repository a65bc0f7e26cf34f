"""Keys of cached fragments of the lists staff open all day: what the fragment's records hold.

A list's rows are cached (``{% cache ... using="fragments" %}``, one cache per process) under a
digest of everything the page read for them: each record's fields, the related records fetched
with it and its annotations. Any change to what a row shows changes the digest, so a cached row is
never stale and nothing has to be invalidated; the page still reads its records (one query), it
only skips rendering them again. A fragment cached this way must show nothing but those records
and the other values named in its key (the language, the reader's view, the day): no CSRF token,
no user, no clock.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

from django import template
from django.db.models import Model, QuerySet

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


@register.filter
def fingerprint(value) -> str:
    """A digest of what ``value`` holds (records, lists, dataclasses, plain values)."""
    return hashlib.blake2b(pickle.dumps(_contents(value), protocol=5), digest_size=16).hexdigest()
