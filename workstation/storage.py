"""Where files no one may fetch by URL are kept: CVs, project documents, PDFs."""

from django.core.files.storage import storages


def private_storage():
    # A callable, so a FileField names it in migrations instead of the storage's settings.
    return storages["private"]
