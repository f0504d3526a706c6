"""``plantool leads``: open, overdue, RED and due-soon actions per lead, most at risk first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plantool.queries import Workload
from plantool.render.style import md_cell, md_table, user_text


def workloads_json(loads: Sequence[Workload], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "leads": [
            {
                "id": w.lead,
                "name": w.label,
                "role": w.role,
                "open": w.open,
                "overdue": w.overdue,
                "red": w.red,
                "due_soon": w.due_soon,
            }
            for w in loads
        ],
    }


def print_workloads(loads: Sequence[Workload], as_of: date, out: Console) -> None:
    out.print(Text(f"Workload per lead as of {as_of.isoformat()} (open actions; most at risk first)", style="bold"))
    table = Table(box=box.SIMPLE_HEAD if out.is_terminal else None, pad_edge=False, collapse_padding=True)
    table.add_column("Lead", overflow="fold", ratio=2)
    table.add_column("Role", overflow="fold", ratio=3)
    for header in ("Open", "Overdue", "RED", "Due soon"):
        table.add_column(header, justify="right", no_wrap=True)
    for load in loads:
        name = load.label if load.label == load.lead else f"{load.label} ({load.lead})"
        table.add_row(
            user_text(name),
            user_text(load.role or ""),
            str(load.open),
            Text(str(load.overdue), style="bold red" if load.overdue else "dim"),
            Text(str(load.red), style="bold red" if load.red else "dim"),
            Text(str(load.due_soon), style="dark_orange" if load.due_soon else "dim"),
        )
    out.print(table)


def workloads_markdown(loads: Sequence[Workload], as_of: date) -> str:
    rows = [
        [md_cell(load.label if load.label == load.lead else f"{load.label} ({load.lead})"), md_cell(load.role or ""),
         str(load.open), str(load.overdue), str(load.red), str(load.due_soon)]
        for load in loads
    ]  # fmt: skip
    lines = [
        f"Workload per lead as of {as_of.isoformat()}",
        "",
        *md_table(["Lead", "Role", "Open", "Overdue", "RED", "Due soon"], rows),
    ]
    return "\n".join(lines) + "\n"
