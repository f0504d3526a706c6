"""Fitting a table to the terminal, and the tables themselves."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from plantool.render.fitting import Fit, fit_widths, fixed, measure

__all__ = ["Fit", "fit_widths", "fixed", "measure", "new_table", "table_room"]


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
