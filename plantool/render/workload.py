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
                "accountable": w.accountable,
            }
            for w in loads
        ],
    }


_COUNT_HEADERS = ("Open", "Overdue", "RED", "Due soon")


def _accountable(loads: Sequence[Workload]) -> bool:
    """Whether any plan names someone accountable: only then does the table give them a column."""
    return any(load.accountable for load in loads)


def _name(load: Workload) -> str:
    return load.label if load.label == load.lead else f"{load.label} ({load.lead})"


def _headers(loads: Sequence[Workload]) -> tuple[str, ...]:
    return (*_COUNT_HEADERS, "Accountable") if _accountable(loads) else _COUNT_HEADERS


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
    extra = _accountable(loads)
    for header, width in zip(("Lead", "Role", *_headers(loads)), widths, strict=True):
        table.add_column(
            header, width=width, overflow="fold", justify="left" if header in ("Lead", "Role") else "right"
        )
    for load in loads:
        table.add_row(user_text(_name(load)), user_text(load.role or ""), *_count_cells(load, extra))
    out.print(table)


def _widths(loads: Sequence[Workload], out: Console) -> list[int] | None:
    """Lead and role give way first, then the count headers wrap ("Due soon"); None if even that is too wide."""
    lead = measure("Lead", (_name(load) for load in loads))
    role = measure("Role", (load.role or "" for load in loads))
    headers = _headers(loads)
    numbers = [max((len(cell.plain) for cell in _count_cells(load, True)), default=1) for load in loads]
    widest = max(numbers, default=1)
    room = table_room(out, 2 + len(headers))
    whole = fit_widths([lead, role, *(fixed(max(len(h), widest)) for h in headers)], room)
    if whole is not None:
        return whole
    wrapped = [Fit(max(measure(h, []).floor, widest), max(len(h), widest)) for h in headers]
    return fit_widths([lead, role, *wrapped], room)


def _print_stacked(loads: Sequence[Workload], out: Console) -> None:
    """For a terminal too narrow for the table: each lead, then their role and counts as a sentence."""
    for load in loads:
        out.print(user_text(_name(load), "bold"))
        counts = Text()
        extra = _accountable(loads)
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


def workloads_markdown(loads: Sequence[Workload], as_of: date) -> str:
    extra = _accountable(loads)
    rows = [
        [md_cell(_name(load)), md_cell(load.role or ""),
         str(load.open), str(load.overdue), str(load.red), str(load.due_soon),
         *([str(load.accountable)] if extra else [])]
        for load in loads
    ]  # fmt: skip
    lines = [
        f"Workload per lead as of {as_of.isoformat()}",
        "",
        *md_table(["Lead", "Role", *_headers(loads)], rows),
    ]
    return "\n".join(lines) + "\n"
