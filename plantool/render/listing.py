"""``plantool list``: one row per action as a terminal table, JSON (CLI.md's shape), CSV or Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.dates import Precision
from plantool.queries import Row
from plantool.render import plaintable
from plantool.render.console import safe_text
from plantool.render.style import md_cell, md_table, number, relative, status_text, status_word, user_text
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


def rows_json(rows: Sequence[Row], people: People, as_of: date) -> list[dict[str, Any]]:
    """CLI.md's shape: an array, so the as-of day goes on every row."""
    return [row_json(row, people, as_of) for row in rows]


def _leads(row: Row, people: People) -> str:
    return ", ".join(
        f"{people.name_or_role(lead)} ({lead})" if people.name_or_role(lead) != lead else lead
        for lead in row.item.leads
    )


def _due(row: Row, as_of: date) -> str:
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
# wraps like prose. Either way nothing is cut off (CLI.md, "Everywhere").


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


def print_rows(rows: Sequence[Row], workspace: Workspace, as_of: date, out: Console) -> None:
    """The terminal table, or one block per action when the table would not fit."""
    out.print(Text(f"{len(rows)} action{'' if len(rows) == 1 else 's'} as of {as_of.isoformat()}", style="bold"))
    if not rows:
        return
    if not out.is_terminal:
        out.file.write(_plain_table(rows, workspace, as_of, out.width))
        out.file.flush()
        return
    cells = [_terminal_cells(row, workspace, as_of) for row in rows]
    widths = fit_widths(_terminal_fits(cells), table_room(out, len(_HEADERS)))
    out.print(_terminal_table(cells, widths, out) if widths is not None else _stacked(cells))


_HEADERS = ("Ref", "Title", "Leads", "Due", "Status")


def _terminal_cells(row: Row, workspace: Workspace, as_of: date) -> list[Text]:
    due_style = "bold red" if row.judgement.overdue else ("yellow" if row.judgement.due_soon else "")
    return [
        user_text(workspace.short_ref(row.item, row.item.ref)),
        user_text(row.item.title),
        user_text(_leads(row, workspace.people)),
        user_text(_due(row, as_of), due_style),
        status_text(row.status, row.item.plan.scale),
    ]


def _terminal_fits(cells: Sequence[Sequence[Text]]) -> list[Fit]:
    ref, title, leads, due, status = (
        measure(header, (row[index].plain for row in cells)) for index, header in enumerate(_HEADERS)
    )
    # A reference is what a person copies into ``plantool show``: never folded, so never narrower than itself.
    # Below 20 columns a title reads a word or two a line; then the stacked form serves better.
    readable_title = Fit(max(title.floor, min(20, title.natural)), title.natural, ratio=3)
    return [fixed(ref.natural), readable_title, leads, due, fixed(status.natural)]


def _terminal_table(cells: Sequence[Sequence[Text]], widths: Sequence[int], out: Console) -> Table:
    table = new_table(out)
    for header, width in zip(_HEADERS, widths, strict=True):
        table.add_column(header, width=width, overflow="fold")
    for row in cells:
        table.add_row(*row)
    return table


def _stacked(cells: Sequence[Sequence[Text]]) -> Group:
    """One block per action: the reference and status, then the title, leads and due date, each wrapping under itself."""
    blocks: list[RenderableType] = []
    for ref, title, leads, due, status in cells:
        head = Text.assemble(ref.copy(), "  ", status)
        head.stylize("bold", 0, len(ref))
        details = Table.grid(padding=(0, 1))
        details.add_column(style="bold", no_wrap=True)
        details.add_column(overflow="fold")
        details.add_row("Leads", leads if leads.plain else Text("none", style="dim"))
        details.add_row("Due", due)
        blocks += [Text(), head, Padding(Group(title, details), (0, 0, 0, 2))]
    return Group(*blocks)


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
         _due(row, as_of), status_word(row.status, row.item.plan.scale)]
        for row in rows
    ]  # fmt: skip
    return plaintable.render(_PLAIN_COLUMNS, body, width)


CSV_COLUMNS = ["ref", "plan", "group", "id", "title", "leads", "lead_names", "due", "status", "overdue", "due_soon",
               "carried_forward", "latest_update_date", "latest_update", "file", "line", "as_of",
               # format version 2; added at the end so a script that counts columns keeps working
               "due_as_written", "due_note", "source_ref", "group_source_ref", "status_label", "means", "completed",
               "accountable", "target", "finding_text", "outcome"]  # fmt: skip


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
            str(item.due) if item.due else "", item.due_note or "",
            item.tracked.source_ref or "", (item.group.source_ref or "") if item.group is not item.tracked else "",
            item.plan.scale.label(item.status.key) if item.status else "", row.means if item.status else "",
            str(item.completed) if item.completed else "", "; ".join(item.accountable), _target_text(item),
            (item.finding.finding or "") if item.finding else "", item.tracked.outcome or "",
        ]  # fmt: skip
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


def rows_markdown(rows: Sequence[Row], people: People, as_of: date) -> str:
    lines = [f"{len(rows)} action{'' if len(rows) == 1 else 's'} as of {as_of.isoformat()}", ""]
    if rows:
        body = [
            [md_cell(row.item.ref), md_cell(row.item.title), md_cell(_leads(row, people)), md_cell(_due(row, as_of)),
             "not rated" if row.item.status is None else md_cell(status_word(row.status, row.item.plan.scale))]
            for row in rows
        ]  # fmt: skip
        lines += md_table(["Ref", "Title", "Leads", "Due", "Status"], body)
    return "\n".join(lines) + "\n"
