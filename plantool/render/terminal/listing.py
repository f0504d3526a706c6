"""``plantool list`` on a terminal: a table fitted to its width, or one block per action."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.queries import Row
from plantool.render.listing import RowsView, due_words, lead_words, plain_table, rows_heading, source_words
from plantool.render.terminal.console import console, drawn, trimmed
from plantool.render.terminal.style import status_text, user_text
from plantool.render.terminal.tables import Fit, fit_widths, fixed, measure, new_table, table_room
from plantool.workspace import Item, Workspace


def rows_terminal(rows: Sequence[Row], view: RowsView) -> str | Iterator[str]:
    """The table fitted to the terminal; piped, the plain table at the console's width (no rich layout), a
    line at a time."""
    out = console()
    if out.is_terminal:
        return drawn(lambda out: print_rows(rows, view.workspace, view.as_of, out), out)
    return _piped(rows, view, out.width)


def _piped(rows: Sequence[Row], view: RowsView, width: int) -> Iterator[str]:
    yield trimmed(rows_heading(rows, view.as_of)) + "\n"
    if rows:
        yield from plain_table(rows, view.workspace, view.as_of, width)  # its lines carry no padding to trim


def print_rows(rows: Sequence[Row], workspace: Workspace, as_of: date, out: Console) -> None:
    """The terminal table, or one block per action when the table would not fit."""
    out.print(Text(rows_heading(rows, as_of), style="bold"))
    if not rows:
        return
    cells = [_terminal_cells(row, workspace, as_of) for row in rows]
    widths = fit_widths(_terminal_fits(cells), table_room(out, len(_HEADERS)))
    out.print(_terminal_table(cells, widths, out) if widths is not None else _stacked(cells))


_HEADERS = ("Ref", "Title", "Leads", "Due", "Status")


def _terminal_cells(row: Row, workspace: Workspace, as_of: date) -> list[Text]:
    due_style = "bold red" if row.judgement.overdue else ("yellow" if row.judgement.due_soon else "")
    return [
        user_text(workspace.short_ref(row.item, row.item.ref)),
        _title(row.item),
        user_text(lead_words(row, workspace.people)),
        user_text(due_words(row, as_of), due_style),
        status_text(row.status, row.item.plan.scale),
    ]


def _title(item: Item) -> Text:
    """The title, with the source's own number dim on a line under it."""
    title = user_text(item.title)
    source = source_words(item)
    if source:
        title.append("\n")
        title.append_text(user_text(source, "dim"))
    return title


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
