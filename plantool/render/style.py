"""Shared words (no rich): status words, the RAG bar in letters, relative dates, Markdown cell escaping.

The terminal's colours and rich ``Text`` are in ``render/terminal/style.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from plantool.dates import describe_offset
from plantool.queries import STATUS_KEYS, UNRATED
from plantool.render.text import safe_text

STATUS_WORD = {"GREEN": "GREEN", "AMBER": "AMBER", "RED": "RED", "BLUE": "BLUE", UNRATED: "not rated"}
# Without colour the bar still has to say which part is which: one letter per status.
BAR_LETTER = {"GREEN": "G", "AMBER": "A", "RED": "R", "BLUE": "B", UNRATED: "."}
BAR_WIDTH = 20


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


def bar_plain(by_status: Mapping[str, int], width: int = BAR_WIDTH) -> str:
    return "".join(BAR_LETTER[key] * cells for key, cells in bar_segments(by_status, width))


def relative(due: date | None, as_of: date, complete: bool = False) -> str:
    if due is None:
        return "no date"
    if complete:
        return due.isoformat()
    return f"{due.isoformat()} ({describe_offset(due, as_of)})"


# Plan text in Markdown is shown, never obeyed: no link, image or emphasis can come
# out of it. Brackets are enough to stop links and images ("[t](url)", "![t](url)");
# backticks, stars and underscores would format; & < > would start HTML or entities;
# | would end a table cell. Parentheses and # are left alone: harmless once [ ] are
# escaped, and escaping them would make the raw Markdown hard to read.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*_[]|"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_TABLE = str.maketrans(_MD_ESCAPES)


def md_cell(text: str) -> str:
    """Plan text safe inside Markdown (a table cell or a heading): escaped, line breaks as <br>."""
    cleaned = safe_text(text).translate(_MD_TABLE)
    return "<br>".join(part.strip() for part in cleaned.splitlines()) or " "


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
