"""A face of an installed font cut to some characters, by HarfBuzz's subsetter (the library
WeasyPrint itself subsets with: libharfbuzz-subset, see the README), called through ctypes.

Used by workstation.pdf to hand WeasyPrint a Chinese face of a few hundred kilobytes instead of a
font collection of twenty megabytes (see there why).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

logger = logging.getLogger(__name__)

_pointer = ctypes.c_void_p


@functools.cache
def _libraries() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    """HarfBuzz and its subsetter with the signatures used here, or None where either is missing
    (or too old: these functions came with HarfBuzz 2.9)."""
    try:
        harfbuzz = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        subsetter = ctypes.CDLL(
            ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0"
        )
        signatures = (
            (harfbuzz.hb_blob_create_from_file_or_fail, _pointer, [ctypes.c_char_p]),
            (harfbuzz.hb_blob_get_data, _pointer, [_pointer, ctypes.POINTER(ctypes.c_uint)]),
            (harfbuzz.hb_blob_destroy, None, [_pointer]),
            (harfbuzz.hb_face_create, _pointer, [_pointer, ctypes.c_uint]),
            (harfbuzz.hb_face_reference_blob, _pointer, [_pointer]),
            (harfbuzz.hb_face_destroy, None, [_pointer]),
            (harfbuzz.hb_set_add, None, [_pointer, ctypes.c_uint32]),
            (subsetter.hb_subset_input_create_or_fail, _pointer, []),
            (subsetter.hb_subset_input_unicode_set, _pointer, [_pointer]),
            (subsetter.hb_subset_input_destroy, None, [_pointer]),
            (subsetter.hb_subset_or_fail, _pointer, [_pointer, _pointer]),
        )
    except (OSError, AttributeError) as error:
        logger.warning("HarfBuzz's subsetter cannot be loaded: %s", error)
        return None
    for function, result, arguments in signatures:
        function.restype, function.argtypes = result, arguments
    return harfbuzz, subsetter


def subsetter_available() -> bool:
    return _libraries() is not None


def subset_face(path: str, index: int, characters: str) -> bytes | None:
    """The font file of face ``index`` of ``path`` (a .ttc holds several) cut to ``characters``,
    with the glyphs and layout rules they need (its metrics kept, so text is set exactly as with
    the whole face); None when it cannot be made."""
    libraries = _libraries()
    if libraries is None:
        return None
    harfbuzz, subsetter = libraries
    blob = harfbuzz.hb_blob_create_from_file_or_fail(path.encode())
    if not blob:
        return None
    face = harfbuzz.hb_face_create(blob, index)
    harfbuzz.hb_blob_destroy(blob)  # the face holds its own reference
    plan = subsetter.hb_subset_input_create_or_fail()
    if not plan:
        harfbuzz.hb_face_destroy(face)
        return None
    wanted = subsetter.hb_subset_input_unicode_set(plan)
    for code in sorted({ord(character) for character in characters}):
        harfbuzz.hb_set_add(wanted, code)
    subset = subsetter.hb_subset_or_fail(face, plan)
    subsetter.hb_subset_input_destroy(plan)
    harfbuzz.hb_face_destroy(face)
    if not subset:
        return None
    data_blob = harfbuzz.hb_face_reference_blob(subset)
    length = ctypes.c_uint()
    data = harfbuzz.hb_blob_get_data(data_blob, ctypes.byref(length))
    content = ctypes.string_at(data, length.value) if data and length.value else None
    harfbuzz.hb_blob_destroy(data_blob)
    harfbuzz.hb_face_destroy(subset)
    return content
