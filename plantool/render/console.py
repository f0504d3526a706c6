"""The terminal: colour and box drawing only on a TTY, ``NO_COLOR`` honoured, plain and stable when piped."""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

from rich.console import Console

# Control characters (C0, DEL, C1) and bidi overrides/isolates. The loader already
# refuses them in plan files; this is the second guard, for text from anywhere else
# (a file name, a git author) before it reaches a terminal.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``) instead of obeyed."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class _Console(Console):
    """rich's Console, except that a closed pipe is left to the CLI's error boundary.

    rich's own handling exits with status 1, which in plantool means "the plans
    have problems"; the boundary gives a broken pipe its own exit status instead.
    """

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


class _TrimmedLines:
    """A text stream that drops the spaces rich pads lines with: piped output and golden files stay clean."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self._stream.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending.rstrip(" "))
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False


def one_line(text: str) -> str:
    """``safe_text`` that also shows line breaks as ``\\n``: for output whose lines must stay one record each
    (``path:line:col:`` problems), so no text can start a line of its own."""
    return safe_text(text.replace("\r", "\\r").replace("\n", "\\n"))


def console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr). Piped output gets no colour, a fixed width of 100 columns and no trailing spaces."""
    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    return _Console(
        file=stream if terminal else _TrimmedLines(stream),  # type: ignore[arg-type]
        width=width if width is not None else (None if terminal else 100),
        force_terminal=False if not terminal else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def emit_json(document: Any) -> None:
    """One JSON document on stdout, nothing else (CLI.md)."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
