"""Every command's output formats, and the shape of a renderer.

The enums are what ``--format`` offers; each output module maps every member of its
enum to a renderer in a ``FORMATS`` registry (``render/listing.py``, ``render/board.py``,
...), and a test checks that none is missing. They live here, apart from the renderers,
because the command line needs them to declare its options before any command runs:
this module imports nothing but the standard library, so ``plantool --help`` pays for
no renderer, no model and no rich.

A renderer takes the command's result and a view (what it needs besides the result to
word it: the as-of day, the people...) and returns the output, text or bytes: whole, or,
where it grows with the number of actions, as chunks produced one at a time (a JSON
array's rows), so the whole is never held at once. Only terminal renderers draw with
rich, and they too return text, so every command ends in the same ``deliver``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum
from typing import TypeVar

R = TypeVar("R")
V = TypeVar("V")

Output = str | bytes | Iterable[str] | Iterable[bytes]
"""The whole output, or its chunks in order (all text, or all bytes where the format is bytes)."""
Renderer = Callable[[R, V], Output]
"""``renderer(result, view)``: the output of one format."""


class ListFormat(str, Enum):
    """``list`` and ``overdue``."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class BoardFormat(str, Enum):
    """``status`` and ``leads``."""

    text = "text"
    json = "json"
    markdown = "markdown"


class TextOrJson(str, Enum):
    """``show`` and ``validate``."""

    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


class ChangesFormat(str, Enum):
    """``diff`` and ``history``."""

    text = "text"
    markdown = "markdown"
    json = "json"


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    ics = "ics"


# The formats an ``-o`` file's suffix names, for commands whose ``--format`` may be left out.
REPORT_SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".md": ReportFormat.markdown,
                   ".markdown": ReportFormat.markdown}  # fmt: skip
EXPORT_SUFFIXES = {".csv": ExportFormat.csv, ".xlsx": ExportFormat.xlsx, ".json": ExportFormat.json,
                   ".ics": ExportFormat.ics}  # fmt: skip
