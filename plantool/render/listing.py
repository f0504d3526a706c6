"""``plantool list`` and ``overdue``: one row per action as a table, JSON (as docs/reports.md describes), CSV or Markdown.

The table on a terminal is drawn by ``terminal/listing.py``; piped, it is ``plain_table``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from plantool.dates import Precision
from plantool.queries import Row
from plantool.render import plaintable
from plantool.render.formats import ListFormat, Renderer
from plantool.render.style import md_cell, md_row, md_table, number, relative, status_word
from plantool.render.text import json_array_chunks, safe_text
from plantool.workspace import Item, People, Workspace


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
        "due_note": item.due_note,
        "source_ref": item.tracked.source_ref,
        "group_source_ref": item.group.source_ref if item.group is not item.tracked else None,
        "accountable": list(item.accountable),
        "outcome": item.tracked.outcome,
        "completed": str(item.completed) if item.completed else None,
        "target": _target_json(item),
        "status": item.status.key if item.status else None,
        "means": item.status.means.value if item.status else None,
        "status_label": item.plan.scale.label(item.status.key) if item.status else None,
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


def _target_json(row_item: Item) -> dict[str, Any] | None:
    target = row_item.target
    if target is None:
        return None
    return {
        "measure": target.measure,
        "unit": target.unit,
        "baseline": target.baseline,
        "target": target.target,
        "current": target.current,
        "current_as_of": str(target.current_as_of) if target.current_as_of else None,
    }


def _target_text(row_item: Item) -> str:
    target = row_item.target
    if target is None:
        return ""
    figures = [f"{name} {number(value)}" for name, value in (("baseline", target.baseline), ("target", target.target),
               ("current", target.current)) if value is not None]  # fmt: skip
    unit = f" ({target.unit})" if target.unit else ""
    return f"{target.measure}{unit}" + (f": {', '.join(figures)}" if figures else "")


def rows_json_chunks(rows: Sequence[Row], people: People, as_of: date) -> Iterator[str]:
    """An array (the shape docs/reports.md describes), so the as-of day goes on every row; a row at a time."""
    return json_array_chunks(row_json(row, people, as_of) for row in rows)


def source_words(item: Item) -> str:
    """Which part of the source document the action answers: its own ``source_ref``, else its priority's or
    finding's ("Rec 3"); shown under the title, where a reader matching the plan to its source looks."""
    source = item.tracked.source_ref or item.group.source_ref
    return f"source {source}" if source else ""


def title_words(item: Item) -> str:
    """The title, and the source's own number on a line of its own under it."""
    source = source_words(item)
    return f"{item.title}\n{source}" if source else item.title


def lead_words(row: Row, people: People) -> str:
    return ", ".join(
        f"{people.name_or_role(lead)} ({lead})" if people.name_or_role(lead) != lead else lead
        for lead in row.item.leads
    )


def due_words(row: Row, as_of: date) -> str:
    note = row.item.due_note
    if row.judgement.due is None and note:
        text = note  # "To be confirmed": the plan's words stand where the date would
    else:
        text = relative(row.judgement.due, as_of, row.item.complete) + (f"; {note}" if note else "")
        written = row.item.due
        if written is not None and written.precision > Precision.MONTH and row.judgement.due == written.end:
            text = f"{written}, {text}"  # a quarter or a year, which the day alone would hide
    nxt = row.judgement.next_date
    if nxt is not None and nxt != row.judgement.due:
        text += f"; milestone {relative(nxt, as_of)}"
    return text


# ---------------------------------------------------------------------------
# Fitting a table to the terminal
#
# Given a table wider than the terminal, rich shrinks the wrapping columns and then, as a
# last resort, every column alike: no_wrap cells are cropped ("Statu", "not r") and narrow
# columns vanish. So the widths are decided here first. A table is drawn only when every
# column can keep its longest word whole; otherwise the command prints a stacked form that
# wraps like prose. Either way nothing is cut off (docs/decisions.md, "The commands").


_PLAIN_COLUMNS = (
    plaintable.Column("Ref", ratio=1, min_width=10, prefer=30),
    plaintable.Column("Title", ratio=4, min_width=20, prefer=26),
    plaintable.Column("Leads", ratio=1, min_width=8, prefer=14),
    plaintable.Column("Due", ratio=1, min_width=10, prefer=15),
    plaintable.Column("Status", wrap=False),
)


def plain_table(rows: Sequence[Row], workspace: Workspace, as_of: date, width: int) -> Iterator[str]:
    """The piped table, a line at a time (the column widths need every row's cells first)."""
    people = workspace.people
    body = [
        [safe_text(workspace.short_ref(row.item, row.item.ref)), safe_text(title_words(row.item)), safe_text(lead_words(row, people)),
         due_words(row, as_of), status_word(row.status, row.item.plan.scale)]
        for row in rows
    ]  # fmt: skip
    return plaintable.render_lines(_PLAIN_COLUMNS, body, width)


CSV_COLUMNS = ["ref", "plan", "group", "id", "title", "leads", "lead_names", "due", "status", "overdue", "due_soon",
               "carried_forward", "latest_update_date", "latest_update", "file", "line", "as_of",
               # format version 2; added at the end so a script that counts columns keeps working
               "due_as_written", "due_note", "source_ref", "group_source_ref", "status_label", "means", "completed",
               "accountable", "target", "finding_text", "outcome"]  # fmt: skip


def spreadsheet_safe(value: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or CR)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def rows_csv(rows: Sequence[Row], people: People, as_of: date) -> Iterator[str]:
    """The CSV text, a record at a time (the header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield _taken(buffer)
    for row in rows:
        item, judgement = row.item, row.judgement
        latest = item.latest_update
        cells = [
            item.ref, item.plan.id, item.group.id, item.id, item.title,
            "; ".join(item.leads), "; ".join(people.label(lead) for lead in item.leads),
            judgement.due.isoformat() if judgement.due else "", row.status if item.status else "",
            str(judgement.overdue).lower(), str(judgement.due_soon).lower(), str(item.carried_forward).lower(),
            str(latest.date) if latest else "", latest.text if latest else "", item.path, str(item.line), as_of.isoformat(),
            str(item.due) if item.due else "", item.due_note or "",
            item.tracked.source_ref or "", (item.group.source_ref or "") if item.group is not item.tracked else "",
            item.plan.scale.label(item.status.key) if item.status else "", row.means if item.status else "",
            str(item.completed) if item.completed else "", "; ".join(item.accountable), _target_text(item),
            (item.finding.finding or "") if item.finding else "", item.tracked.outcome or "",
        ]  # fmt: skip
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        yield _taken(buffer)


def _taken(buffer: io.StringIO) -> str:
    """What ``buffer`` holds, which it then forgets."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def rows_markdown(rows: Sequence[Row], people: People, as_of: date) -> Iterator[str]:
    """The heading and the table, a line at a time."""
    yield rows_heading(rows, as_of) + "\n\n"
    if rows:
        body = (
            [md_cell(row.item.ref), md_cell(_title_with_source(row.item)), md_cell(lead_words(row, people)), md_cell(due_words(row, as_of)),
             "not rated" if row.item.status is None else md_cell(status_word(row.status, row.item.plan.scale))]
            for row in rows
        )  # fmt: skip
        for line in md_table(["Ref", "Title", "Leads", "Due", "Status"], []):
            yield line + "\n"
        for cells in body:
            yield md_row(cells) + "\n"


def _title_with_source(item: Item) -> str:
    source = source_words(item)
    return f"{item.title} ({source})" if source else item.title


def rows_heading(rows: Sequence[Row], as_of: date) -> str:
    return f"{len(rows)} action{'' if len(rows) == 1 else 's'} as of {as_of.isoformat()}"


@dataclass(frozen=True)
class RowsView:
    """What a listing needs besides its rows: the workspace (people, short references) and the as-of day."""

    workspace: Workspace
    as_of: date


def _table(rows: Sequence[Row], view: RowsView) -> str | Iterator[str]:
    from plantool.render.terminal.listing import rows_terminal

    return rows_terminal(rows, view)


FORMATS: dict[ListFormat, Renderer[Sequence[Row], RowsView]] = {
    ListFormat.table: _table,
    ListFormat.json: lambda rows, view: rows_json_chunks(rows, view.workspace.people, view.as_of),
    ListFormat.csv: lambda rows, view: rows_csv(rows, view.workspace.people, view.as_of),
    ListFormat.markdown: lambda rows, view: rows_markdown(rows, view.workspace.people, view.as_of),
}
