"""Fitting text to columns without rich: widths in terminal cells, column widths, and word wrap.

The terminal tables are drawn by rich; piped output is laid out here with plain string
work, because rich measures and renders every cell as segments (seconds for a board of
thousands of plans). ``wrap`` breaks lines where rich's word wrap does, so the same board
reads the same either way. rich is imported only to measure text outside ASCII.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\s*\S+\s*")

# Printable characters that each take one cell in every terminal (and in rich's tables):
# ASCII, Latin, Greek, Cyrillic, general punctuation (the middle dot, dashes, the ellipsis) and currency signs.
# Text made of them alone is measured without rich (which costs ~12 ms to import).
_ONE_CELL = re.compile("[\x20-\x7e\xa1-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*")


def one_cell_each(text: str) -> bool:
    """Whether every character of ``text`` is printable and takes one cell."""
    return _ONE_CELL.fullmatch(text) is not None and text.isprintable()


def cell_len(text: str) -> int:
    """How many terminal cells ``text`` takes (a CJK character or an emoji takes two)."""
    if (text.isascii() and text.isprintable()) or one_cell_each(text):
        return len(text)
    from rich.cells import cell_len as rich_cell_len  # wide characters, and controls that take none

    return rich_cell_len(text)


def _chop(word: str, width: int) -> list[str]:
    """``word`` cut into pieces of at most ``width`` cells."""
    if one_cell_each(word):
        return [word[start : start + width] for start in range(0, len(word), width)]
    from rich.cells import chop_cells

    return chop_cells(word, width)


def wrap(text: str, width: int) -> list[str]:
    """One line of ``text`` broken into lines of at most ``width`` cells, where rich breaks it.

    A word carries the spaces after it; a word too long for any line is folded. Lines keep
    trailing spaces only up to ``width`` characters and cells (as rich's), so callers strip or pad them.
    """
    if len(text) <= width and cell_len(text) <= width:
        return [text]  # the common case, and the same answer: nothing to break
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    lines = [text[begin:end] for begin, end in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    return [_rstrip_beyond(line, width) for line in lines]


def _rstrip_beyond(line: str, width: int) -> str:
    excess = len(line) - width
    if excess > 0:
        line = line[: max(len(line.rstrip()), len(line) - excess)]
    # Spaces kept by the count of characters can still pass the width where a character takes two cells:
    # rich then cuts them off by cells.
    while line[-1:] == " " and not line.isascii() and cell_len(line) > width:
        line = line[:-1]
    return line


@dataclass(frozen=True)
class Fit:
    """What one column needs: ``floor`` keeps every word whole; ``natural`` wraps nothing."""

    floor: int
    natural: int
    ratio: int = 1
    """While columns shrink, one with ratio 3 stays three times as wide as one with ratio 1."""


def measure(header: str, cells: Iterable[str], least: int = 1) -> Fit:
    """The floor and natural width of a column of text; ``least`` raises the floor for readability."""
    texts = [header, *cells]
    natural = max(cell_len(line) for text in texts for line in text.splitlines() or [""])
    longest_word = max((cell_len(word) for text in texts for word in text.split()), default=1)
    return Fit(max(longest_word, min(least, natural)), natural)


def fixed(width: int) -> Fit:
    return Fit(width, width)


def fit_widths(columns: Sequence[Fit], room: int) -> list[int] | None:
    """Widths summing to at most ``room``, the widest (by ratio) giving way first; None if the floors do not fit."""
    widths = [column.natural for column in columns]
    if sum(column.floor for column in columns) > room:
        return None
    for _ in range(sum(widths) - room):
        shrinkable = [i for i, column in enumerate(columns) if widths[i] > column.floor]
        # The rightmost of equals gives way first: rich did the same, so piped tables keep their shape.
        widest = max(reversed(shrinkable), key=lambda i: widths[i] / columns[i].ratio)
        widths[widest] -= 1
    return widths


def table_lines(rows: Sequence[Sequence[str]], widths: Sequence[int], right: Sequence[bool]) -> list[str]:
    """Rows of one-line-per-cell text as table lines: cells wrapped to their column, one space apart.

    ``right`` says which columns are right-aligned; every cell must be printable text. Lines carry no trailing
    spaces.
    """
    lines: list[str] = []
    for row in rows:
        if all(len(cell) <= width and one_cell_each(cell) for cell, width in zip(row, widths, strict=True)):
            # One line, a character a cell (the text is printable: callers check): str's own padding.
            parts = [
                cell.rjust(width) if aligned_right else cell.ljust(width)
                for cell, width, aligned_right in zip(row, widths, right, strict=True)
            ]
            lines.append(" ".join(parts).rstrip(" "))
            continue
        cells = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
        for index in range(max(len(cell) for cell in cells)):
            parts = []
            for cell, width, aligned_right in zip(cells, widths, right, strict=True):
                part = cell[index].rstrip() if index < len(cell) else ""
                pad = " " * (width - cell_len(part))
                parts.append(pad + part if aligned_right else part + pad)
            lines.append(" ".join(parts).rstrip(" "))
    return lines
