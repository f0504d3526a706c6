"""``plantool leads``: open, overdue, RED and due-soon actions per lead, most at risk first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from plantool.queries import Workload
from plantool.render.formats import BoardFormat, Renderer
from plantool.render.style import md_cell, md_table
from plantool.render.text import json_text


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


COUNT_HEADERS = ("Open", "Overdue", "RED", "Due soon")


def has_accountable(loads: Sequence[Workload]) -> bool:
    """Whether any plan names someone accountable: only then does the table give them a column."""
    return any(load.accountable for load in loads)


def lead_name(load: Workload) -> str:
    return load.label if load.label == load.lead else f"{load.label} ({load.lead})"


def headers(loads: Sequence[Workload]) -> tuple[str, ...]:
    return (*COUNT_HEADERS, "Accountable") if has_accountable(loads) else COUNT_HEADERS


def workloads_markdown(loads: Sequence[Workload], as_of: date) -> str:
    extra = has_accountable(loads)
    rows = [
        [md_cell(lead_name(load)), md_cell(load.role or ""),
         str(load.open), str(load.overdue), str(load.red), str(load.due_soon),
         *([str(load.accountable)] if extra else [])]
        for load in loads
    ]  # fmt: skip
    lines = [
        f"Workload per lead as of {as_of.isoformat()}",
        "",
        *md_table(["Lead", "Role", *headers(loads)], rows),
    ]
    return "\n".join(lines) + "\n"


def _terminal(loads: Sequence[Workload], as_of: date) -> str:
    from plantool.render.terminal.workload import workloads_terminal

    return workloads_terminal(loads, as_of)


FORMATS: dict[BoardFormat, Renderer[Sequence[Workload], date]] = {
    BoardFormat.text: _terminal,
    BoardFormat.json: lambda loads, as_of: json_text(workloads_json(loads, as_of)),
    BoardFormat.markdown: workloads_markdown,
}
