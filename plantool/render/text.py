"""Plain text helpers every format shares (no rich): control characters made visible, JSON text."""

from __future__ import annotations

import json
import re
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
    """One JSON document, indented, non-ASCII kept as itself, ending in a newline: every JSON output's form."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
