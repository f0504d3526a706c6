"""Shared look: status words and colours, the RAG bar, relative dates, Markdown cell escaping."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from rich.text import Text

from plantool.dates import describe_offset
from plantool.queries import STATUS_KEYS, UNRATED
from plantool.render.console import safe_text

STATUS_STYLE = {
    "GREEN": "bold green",
    "AMBER": "bold yellow",
    "RED": "bold red",
    "BLUE": "bold blue",
    UNRATED: "dim",
}
STATUS_WORD = {"GREEN": "GREEN", "AMBER": "AMBER", "RED": "RED", "BLUE": "BLUE", UNRATED: "not rated"}
# Without colour the bar still has to say which part is which: one letter per status.
BAR_LETTER = {"GREEN": "G", "AMBER": "A", "RED": "R", "BLUE": "B", UNRATED: "."}
BAR_WIDTH = 20


def status_text(status: str) -> Text:
    return Text(STATUS_WORD[status], style=STATUS_STYLE[status])


def user_text(text: str, style: str = "") -> Text:
    """Plan text for the terminal: never markup, control characters made visible."""
    return Text(safe_text(text), style=style)


def bar_segments(by_status: Mapping[str, int], width: int = BAR_WIDTH) -> list[tuple[str, int]]:
    """Split ``width`` cells between the statuses in proportion (largest remainder, so they add up)."""
    total = sum(by_status.values())
    if total == 0:
        return []
    exact = {key: by_status.get(key, 0) * width / total for key in STATUS_KEYS}
    cells = {key: int(value) for key, value in exact.items()}
    for key in sorted(STATUS_KEYS, key=lambda k: exact[k] - cells[k], reverse=True)[: width - sum(cells.values())]:
        cells[key] += 1
    return [(key, cells[key]) for key in STATUS_KEYS if cells[key]]


def bar(by_status: Mapping[str, int], colour: bool, width: int = BAR_WIDTH) -> Text:
    text = Text()
    for key, cells in bar_segments(by_status, width):
        if colour:
            text.append("█" * cells, style=STATUS_STYLE[key].replace("bold ", ""))
        else:
            text.append(BAR_LETTER[key] * cells)
    return text


def bar_plain(by_status: Mapping[str, int], width: int = BAR_WIDTH) -> str:
    return "".join(BAR_LETTER[key] * cells for key, cells in bar_segments(by_status, width))


def relative(due: date | None, as_of: date, complete: bool = False) -> str:
    if due is None:
        return "no date"
    if complete:
        return due.isoformat()
    return f"{due.isoformat()} ({describe_offset(due, as_of)})"


def number(value: float) -> str:
    """A figure as the plan wrote it: 999999999999999, not 1e+15; 12.5, not 12.50000; 0.00001, not 1e-05."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


# Plan text in Markdown is shown, never obeyed: no link, image, emphasis, heading or
# list can come out of it. Brackets are enough to stop links and images ("[t](url)");
# backticks, stars, underscores and tildes would format (GFM strikethrough is ~~x~~);
# & < > would start HTML or entities; | would end a table cell. Parentheses are left
# alone: harmless once [ ] are escaped, and escaping them would make the raw Markdown
# hard to read. A backslash escape splits text into separate pieces, which is what
# keeps GitHub's and GitLab's autolinking ("https://...", "www....") off plan text.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*_[]|~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_TABLE = str.maketrans(_MD_ESCAPES)
_MD_URL = re.compile(r"(?<=[A-Za-z0-9])://")
_MD_WWW = re.compile(r"(?<![A-Za-z0-9])([Ww]{3})\.")
# What makes a line a heading, a list item or a setext underline when it starts a
# paragraph (">" is already "&gt;") ("# Finding 1", "1. First", "- item", "=====").
_MD_LINE_START = re.compile(r"^(\s*)(?:([#+=-])|(\d{1,9})([.)]))")


def md_cell(text: str) -> str:
    """Plan text safe inside Markdown (a table cell, a heading, a paragraph): escaped, line breaks as <br>."""
    cleaned = safe_text(text).translate(_MD_TABLE)
    # "https\://x" and "www\.x" render as the text written, but no longer as a link.
    cleaned = _MD_WWW.sub(r"\1\\.", _MD_URL.sub(r"\\://", cleaned))
    return "<br>".join(part.strip() for part in cleaned.splitlines()) or " "


def md_paragraph(text: str) -> str:
    """``md_cell`` for text that starts a line of its own: a leading ``#``, ``-`` or ``1.`` stays text."""
    return _MD_LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if m[2] else m[3] + "\\" + m[4]), md_cell(text), count=1)


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
