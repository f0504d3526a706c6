"""``plantool leads``: open, overdue, RED and due-soon actions per lead, most at risk first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from plantool.queries import Workload
from plantool.render.listing import Fit, fit_widths, fixed, measure, new_table, table_room
from plantool.render.style import md_cell, md_table, user_text


def workloads_json(loads: Sequence[Workload], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "leads": [
            {
                # The no-lead row is not a person: no id, no name, and a flag to find it by.
                "id": None if w.unowned else w.lead,
                "name": w.name,
                "unowned": w.unowned,
                "role": w.role,
                "open": w.open,
                "overdue": w.overdue,
                "red": w.red,
                "due_soon": w.due_soon,
            }
            for w in loads
        ],
    }


_COUNT_HEADERS = ("Open", "Overdue", "RED", "Due soon")


def _name(load: Workload) -> str:
    return load.label if load.label == load.lead else f"{load.label} ({load.lead})"


def _count_cells(load: Workload) -> list[Text]:
    return [
        Text(str(load.open)),
        Text(str(load.overdue), style="bold red" if load.overdue else "dim"),
        Text(str(load.red), style="bold red" if load.red else "dim"),
        # Yellow, not dark_orange: a 16-colour terminal shows dark_orange as bright red, the colour of overdue.
        Text(str(load.due_soon), style="yellow" if load.due_soon else "dim"),
    ]


def print_workloads(loads: Sequence[Workload], as_of: date, out: Console) -> None:
    out.print(Text(f"Workload per lead as of {as_of.isoformat()} (open actions; most at risk first)", style="bold"))
    widths = _widths(loads, out)
    if widths is None:
        _print_stacked(loads, out)
        return
    table = new_table(out)
    for header, width in zip(("Lead", "Role", *_COUNT_HEADERS), widths, strict=True):
        table.add_column(
            header, width=width, overflow="fold", justify="left" if header in ("Lead", "Role") else "right"
        )
    for load in loads:
        table.add_row(user_text(_name(load)), user_text(load.role or ""), *_count_cells(load))
    out.print(table)


def _widths(loads: Sequence[Workload], out: Console) -> list[int] | None:
    """Lead and role give way first, then the count headers wrap ("Due soon"); None if even that is too wide."""
    lead = measure("Lead", (_name(load) for load in loads))
    role = measure("Role", (load.role or "" for load in loads))
    numbers = [max((len(cell.plain) for cell in _count_cells(load)), default=1) for load in loads]
    widest = max(numbers, default=1)
    room = table_room(out, 2 + len(_COUNT_HEADERS))
    whole = fit_widths([lead, role, *(fixed(max(len(h), widest)) for h in _COUNT_HEADERS)], room)
    if whole is not None:
        return whole
    wrapped = [Fit(max(measure(h, []).floor, widest), max(len(h), widest)) for h in _COUNT_HEADERS]
    return fit_widths([lead, role, *wrapped], room)


def _print_stacked(loads: Sequence[Workload], out: Console) -> None:
    """For a terminal too narrow for the table: each lead, then their role and counts as a sentence."""
    for load in loads:
        out.print(user_text(_name(load), "bold"))
        counts = Text()
        for index, (cell, word) in enumerate(
            zip(_count_cells(load), ("open", "overdue", "RED", "due soon"), strict=True)
        ):
            counts.append(", " if index else "")
            counts.append_text(cell)
            counts.append(f" {word}")
        lines = [user_text(load.role), counts] if load.role else [counts]
        for line in lines:
            out.print(Padding(line, (0, 0, 0, 2)))


def workloads_markdown(loads: Sequence[Workload], as_of: date) -> str:
    rows = [
        [md_cell(_name(load)), md_cell(load.role or ""),
         str(load.open), str(load.overdue), str(load.red), str(load.due_soon)]
        for load in loads
    ]  # fmt: skip
    lines = [
        f"Workload per lead as of {as_of.isoformat()}",
        "",
        *md_table(["Lead", "Role", "Open", "Overdue", "RED", "Due soon"], rows),
    ]
    return "\n".join(lines) + "\n"
