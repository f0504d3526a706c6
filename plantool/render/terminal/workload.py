"""``plantool leads`` on a terminal: a table of workloads, or a sentence per lead when narrow."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from plantool.queries import Workload
from plantool.render.terminal.console import drawn
from plantool.render.terminal.style import user_text
from plantool.render.terminal.tables import Fit, fit_widths, fixed, measure, new_table, table_room
from plantool.render.workload import has_accountable, headers, lead_name


def _count_cells(load: Workload, accountable: bool = False) -> list[Text]:
    cells = [
        Text(str(load.open)),
        Text(str(load.overdue), style="bold red" if load.overdue else "dim"),
        Text(str(load.red), style="bold red" if load.red else "dim"),
        # Yellow, not dark_orange: a 16-colour terminal shows dark_orange as bright red, the colour of overdue.
        Text(str(load.due_soon), style="yellow" if load.due_soon else "dim"),
    ]
    if accountable:
        cells.append(Text(str(load.accountable), style="" if load.accountable else "dim"))
    return cells


def print_workloads(loads: Sequence[Workload], as_of: date, out: Console) -> None:
    out.print(Text(f"Workload per lead as of {as_of.isoformat()} (open actions; most at risk first)", style="bold"))
    widths = _widths(loads, out)
    if widths is None:
        _print_stacked(loads, out)
        return
    table = new_table(out)
    extra = has_accountable(loads)
    for header, width in zip(("Lead", "Role", *headers(loads)), widths, strict=True):
        table.add_column(
            header, width=width, overflow="fold", justify="left" if header in ("Lead", "Role") else "right"
        )
    for load in loads:
        table.add_row(user_text(lead_name(load)), user_text(load.role or ""), *_count_cells(load, extra))
    out.print(table)


def _widths(loads: Sequence[Workload], out: Console) -> list[int] | None:
    """Lead and role give way first, then the count headers wrap ("Due soon"); None if even that is too wide."""
    lead = measure("Lead", (lead_name(load) for load in loads))
    role = measure("Role", (load.role or "" for load in loads))
    shown = headers(loads)
    numbers = [max((len(cell.plain) for cell in _count_cells(load, True)), default=1) for load in loads]
    widest = max(numbers, default=1)
    room = table_room(out, 2 + len(shown))
    whole = fit_widths([lead, role, *(fixed(max(len(h), widest)) for h in shown)], room)
    if whole is not None:
        return whole
    wrapped = [Fit(max(measure(h, []).floor, widest), max(len(h), widest)) for h in shown]
    return fit_widths([lead, role, *wrapped], room)


def _print_stacked(loads: Sequence[Workload], out: Console) -> None:
    """For a terminal too narrow for the table: each lead, then their role and counts as a sentence."""
    for load in loads:
        out.print(user_text(lead_name(load), "bold"))
        counts = Text()
        extra = has_accountable(loads)
        words = (
            ("open", "overdue", "RED", "due soon", "accountable") if extra else ("open", "overdue", "RED", "due soon")
        )
        for index, (cell, word) in enumerate(zip(_count_cells(load, extra), words, strict=True)):
            counts.append(", " if index else "")
            counts.append_text(cell)
            counts.append(f" {word}")
        lines = [user_text(load.role), counts] if load.role else [counts]
        for line in lines:
            out.print(Padding(line, (0, 0, 0, 2)))


def workloads_terminal(loads: Sequence[Workload], as_of: date) -> str:
    return drawn(lambda out: print_workloads(loads, as_of, out))
