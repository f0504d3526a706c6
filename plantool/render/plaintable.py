"""A plain-text table for piped output: fixed width, words wrapped, nothing cut.

rich lays out a table by measuring and rendering every cell as segments,
which is right for a terminal and far too slow for a 10,000-row listing piped
to a file (measured: 18 s of a 23 s ``plantool list``). Piped output needs no
colour, so this draws the same columns with plain string work.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

GAP = " "


@dataclass(frozen=True)
class Column:
    header: str
    ratio: int = 1
    """Share of the width left over once the unwrapped columns have theirs."""
    min_width: int = 6
    wrap: bool = True
    prefer: int = 0
    """Width the column gets, if its text needs it, before the rest is shared out by ratio."""


_SEPARATORS = ",;"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap that keeps every character: words longer than the width are folded.

    A separator stays at the end of a line: a word folded just before its comma
    gives up a letter, so the next line never starts with ", " (docs/decisions.md).
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            while len(word) > width:
                if line:
                    lines.append(line)
                    line = ""
                cut = width
                rest = word[cut:]
                if rest and not rest.strip(_SEPARATORS) and len(rest) < cut:
                    cut -= len(rest)
                lines.append(word[:cut])
                word = word[cut:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int) -> list[int]:
    natural = [
        max([len(column.header)] + [max(map(len, row[i].split("\n"))) for row in rows])
        for i, column in enumerate(columns)
    ]
    available = total - len(GAP) * (len(columns) - 1)
    if sum(natural) <= available:
        return natural
    result = [
        min(natural[i], max(column.prefer, column.min_width)) if column.wrap else natural[i]
        for i, column in enumerate(columns)
    ]
    if sum(result) > available:  # too narrow for the preferred widths: fall back to the minimums
        result = [min(natural[i], column.min_width) if column.wrap else natural[i] for i, column in enumerate(columns)]
    # Share what is left by ratio among the columns whose text still needs room, until it is used up.
    while (spare := available - sum(result)) > 0:
        needy = [i for i, column in enumerate(columns) if column.wrap and result[i] < natural[i]]
        if not needy:
            break
        shares = sum(columns[i].ratio for i in needy)
        for i in needy:
            result[i] += min(natural[i] - result[i], max(1, spare * columns[i].ratio // shares))
            if sum(result) >= available:
                break
    return result


def render(columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int = 100) -> str:
    return "".join(render_lines(columns, rows, total))


def render_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int = 100) -> Iterator[str]:
    """``render``, a table row (its wrapped lines, each ending in a line break) at a time."""
    sizes = widths(columns, rows, total)
    yield _line([column.header for column in columns], sizes) + "\n"
    for row in rows:
        cells = [wrap(cell, size) for cell, size in zip(row, sizes, strict=True)]
        height = max(len(cell) for cell in cells)
        yield "".join(_line([cell[i] if i < len(cell) else "" for cell in cells], sizes) + "\n" for i in range(height))


def _line(cells: Sequence[str], sizes: Sequence[int]) -> str:
    return GAP.join(cell.ljust(size) for cell, size in zip(cells, sizes, strict=True)).rstrip()
