"""Fitting a table to the terminal, and the tables themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table


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


def table_room(out: Console, columns: int) -> int:
    """The width left for cells once the one-space gaps between ``columns`` columns are taken."""
    return out.width - (columns - 1)


def new_table(out: Console, **options: Any) -> Table:
    """A table whose columns are one space apart, with a rule under the header on a terminal only."""
    if out.is_terminal:
        return Table(box=box.SIMPLE_HEAD, show_edge=False, padding=0, **options)
    return Table(box=None, pad_edge=False, collapse_padding=True, **options)


# ---------------------------------------------------------------------------
# The terminal listing
