"""``plantool list``: one row per action as a terminal table, JSON (CLI.md's shape), CSV or Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plantool.queries import Row
from plantool.render import plaintable
from plantool.render.console import safe_text
from plantool.render.style import STATUS_WORD, md_cell, md_table, relative, status_text, user_text
from plantool.workspace import People, Workspace


def row_json(row: Row, people: People, as_of: date) -> dict[str, Any]:
    item, judgement = row.item, row.judgement
    latest = item.latest_update
    return {
        "ref": item.ref,
        "plan": item.plan.id,
        "id": item.id,
        "title": item.title,
        "leads": list(item.leads),
        "lead_names": [people.label(lead) for lead in item.leads],
        "due": judgement.due.isoformat() if judgement.due else None,
        "due_as_written": str(item.due) if item.due else None,
        "status": item.status.value if item.status else None,
        "overdue": judgement.overdue,
        "due_soon": judgement.due_soon,
        "next_date": judgement.next_date.isoformat() if judgement.next_date else None,
        "priority": item.priority.id if item.priority else None,
        "finding": item.finding.id if item.finding else None,
        "area": item.finding.area if item.finding else None,
        "carried_forward": item.carried_forward,
        "tags": list(item.tracked.tags),
        "latest_update": {"date": str(latest.date), "text": latest.text} if latest else None,
        "file": item.path,
        "line": item.line,
        "as_of": as_of.isoformat(),
    }


def rows_json(rows: Sequence[Row], people: People, as_of: date) -> list[dict[str, Any]]:
    """CLI.md's shape: an array, so the as-of day goes on every row."""
    return [row_json(row, people, as_of) for row in rows]


def _leads(row: Row, people: People) -> str:
    return ", ".join(
        f"{people.label(lead)} ({lead})" if people.label(lead) != lead else lead for lead in row.item.leads
    )


def _due(row: Row, as_of: date) -> str:
    text = relative(row.judgement.due, as_of, row.item.complete)
    nxt = row.judgement.next_date
    if nxt is not None and nxt != row.judgement.due:
        text += f"; milestone {relative(nxt, as_of)}"
    return text


def print_rows(rows: Sequence[Row], workspace: Workspace, as_of: date, out: Console) -> None:
    """The terminal table; references are shortened to the tail that still names one action."""
    people = workspace.people
    out.print(Text(f"{len(rows)} action{'' if len(rows) == 1 else 's'} as of {as_of.isoformat()}", style="bold"))
    if not rows:
        return
    if not out.is_terminal:
        out.file.write(_plain_table(rows, workspace, as_of, out.width))
        out.file.flush()
        return
    table = Table(box=box.SIMPLE_HEAD if out.is_terminal else None, pad_edge=False, collapse_padding=True)
    table.add_column("Ref", overflow="fold", ratio=2, min_width=10)
    table.add_column("Title", overflow="fold", ratio=5, min_width=20)
    table.add_column("Leads", overflow="fold", ratio=2, min_width=8)
    table.add_column("Due", overflow="fold", ratio=2, min_width=10)
    table.add_column("Status", no_wrap=True)
    for row in rows:
        due_style = "bold red" if row.judgement.overdue else ("dark_orange" if row.judgement.due_soon else "")
        table.add_row(
            user_text(workspace.short_ref(row.item, row.item.ref)),
            user_text(row.item.title),
            user_text(_leads(row, people)),
            user_text(_due(row, as_of), due_style),
            status_text(row.status),
        )
    out.print(table)


_PLAIN_COLUMNS = (
    plaintable.Column("Ref", ratio=1, min_width=10, prefer=30),
    plaintable.Column("Title", ratio=4, min_width=20, prefer=26),
    plaintable.Column("Leads", ratio=1, min_width=8, prefer=14),
    plaintable.Column("Due", ratio=1, min_width=10, prefer=15),
    plaintable.Column("Status", wrap=False),
)


def _plain_table(rows: Sequence[Row], workspace: Workspace, as_of: date, width: int) -> str:
    people = workspace.people
    body = [
        [safe_text(workspace.short_ref(row.item, row.item.ref)), safe_text(row.item.title), safe_text(_leads(row, people)),
         _due(row, as_of), STATUS_WORD[row.status]]
        for row in rows
    ]  # fmt: skip
    return plaintable.render(_PLAIN_COLUMNS, body, width)


CSV_COLUMNS = ["ref", "plan", "group", "id", "title", "leads", "lead_names", "due", "status", "overdue", "due_soon",
               "carried_forward", "latest_update_date", "latest_update", "file", "line", "as_of"]  # fmt: skip


def spreadsheet_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or CR)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows_csv(rows: Sequence[Row], people: People, as_of: date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        item, judgement = row.item, row.judgement
        latest = item.latest_update
        cells = [
            item.ref, item.plan.id, item.group.id, item.id, item.title,
            "; ".join(item.leads), "; ".join(people.label(lead) for lead in item.leads),
            judgement.due.isoformat() if judgement.due else "", row.status if item.status else "",
            str(judgement.overdue).lower(), str(judgement.due_soon).lower(), str(item.carried_forward).lower(),
            str(latest.date) if latest else "", latest.text if latest else "", item.path, str(item.line), as_of.isoformat(),
        ]  # fmt: skip
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def rows_markdown(rows: Sequence[Row], people: People, as_of: date) -> str:
    lines = [f"{len(rows)} action{'' if len(rows) == 1 else 's'} as of {as_of.isoformat()}", ""]
    if rows:
        body = [
            [md_cell(row.item.ref), md_cell(row.item.title), md_cell(_leads(row, people)), md_cell(_due(row, as_of)),
             "not rated" if row.item.status is None else row.status]
            for row in rows
        ]  # fmt: skip
        lines += md_table(["Ref", "Title", "Leads", "Due", "Status"], body)
    return "\n".join(lines) + "\n"
