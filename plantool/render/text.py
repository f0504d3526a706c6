"""Plain text helpers every format shares (no rich): control characters made visible, JSON text."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

# Control characters (C0, DEL, C1) and bidi overrides/isolates. The loader already
# refuses them in plan files; this is the second guard, for text from anywhere else
# (a file name, a git author) before it reaches a terminal.
PIPED_WIDTH = 100
"""Piped output's width in columns, whatever the terminal's: files and diffs stay stable."""

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``) instead of obeyed."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def one_line(text: str) -> str:
    """``safe_text`` that also shows line breaks as ``\\n``: for output whose lines must stay one record each
    (``path:line:col:`` problems), so no text can start a line of its own."""
    return safe_text(text.replace("\r", "\\r").replace("\n", "\\n"))


def json_text(document: Any) -> str:
    """One JSON document, indented, non-ASCII kept as itself, ending in a newline: every JSON output's form.

    The same text as ``json.dumps(document, indent=2, ensure_ascii=False)``, built here:
    json's indenting encoder runs in Python anyway and joins millions of small pieces at
    once (700 MB beside 126 MB of output for 100,000 actions); this joins each container's
    own entries, with C's string escaping.
    """
    return _indented(document, "\n") + "\n"


def json_chunks(document: Any) -> Iterator[str]:
    """``json_text`` of ``document`` as chunks, with an iterator (a generator, not a list) written as an
    array an item at a time: each item is built, handed on and let go, so a listing of 100,000 actions
    never holds all its rows, as dictionaries or as text, at once. The iterator may be the document
    itself or a value in its objects, at any depth (an iterator inside a list is not JSON here). Joined,
    the chunks are the same text as ``json_text`` of the document with each iterator made a list."""
    yield from _chunks(document, "\n")
    yield "\n"


def json_array_chunks(items: Iterable[Any]) -> Iterator[str]:
    """``json_chunks`` of a list of ``items``, one chunk per item."""
    return json_chunks(iter(items))


def _chunks(value: Any, newline: str) -> Iterator[str]:
    if not _lazy(value):
        yield _indented(value, newline)
        return
    inner = newline + "  "
    opening = "["
    if isinstance(value, dict):
        opening = "{"
        for key, item in value.items():
            head = opening + inner + _string(_key(key)) + ": "
            if _lazy(item):
                yield head
                yield from _chunks(item, inner)
            else:
                yield head + _indented(item, inner)
            opening = ","
    else:
        for item in value:
            yield opening + inner + _indented(item, inner)
            opening = ","
    if opening == ",":
        yield newline + ("}" if isinstance(value, dict) else "]")
    else:
        yield "{}" if isinstance(value, dict) else "[]"


def _lazy(value: Any) -> bool:
    """Whether ``value`` is, or holds, an array to be written an item at a time."""
    if isinstance(value, Iterator):
        return True
    return isinstance(value, dict) and any(_lazy(item) for item in value.values())


def _indented(value: Any, newline: str) -> str:
    """``value`` as JSON, ``newline`` being a line break and the indent of the line it stands on."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = newline + "  "
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([_indented(item, inner) for item in value]) + newline + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        entries = [_string(_key(key)) + ": " + _indented(item, inner) for key, item in value.items()]
        return "{" + inner + ("," + inner).join(entries) + newline + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_string = json.encoder.encode_basestring


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    """A dict key as json writes it: text as it is, numbers, true, false and null as their JSON."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
