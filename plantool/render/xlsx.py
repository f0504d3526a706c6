"""``export --format xlsx``: every action as an Excel workbook whose cells keep their types.

A CSV file leaves the typing to whatever opens it, and every spreadsheet guesses:
the id ``1.10`` becomes the number 1.1 (colliding with action 1.1), and a UTF-8
file may be read as Windows-1252. A workbook says what each cell is:

- references, ids, leads and all plan text are text, whatever they look like;
- due dates are dates; a due month is its last day (the day plantool judges it
  by), with the due date as the plan wrote it in the next column;
- overdue, due soon and carried forward are TRUE or FALSE; the line is a number;
- nothing is ever a formula: openpyxl would store text that starts with ``=`` as
  one, so every text cell is typed as text after it is set, and text that a
  spreadsheet would read as a formula once edited is marked with a quote prefix.

The sheet is ready to work with: the header row frozen, filters on, columns wide
enough to read, the status cells in the report's colours.

openpyxl costs a quarter of a second to import, so only this module imports it,
and only the xlsx export imports this module.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from plantool.queries import Row
from plantool.render.svg import MEANING_FILL, PALETTE, ink_for
from plantool.render.xmltext import xml_text
from plantool.workspace import People

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell

CellValue = str | date | bool | int | None

EXCEL_CELL_LIMIT = 32_767
"""Excel refuses a cell longer than this; a longer text is shortened, with a note saying so."""

_FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Row, People, date], CellValue]
    width: tuple[int, int]
    """The least and most width (in characters); within them, the longest line of the column decides."""
    wrap: bool = False


def _due_as_written(row: Row) -> str | None:
    return str(row.item.due) if row.item.due is not None else None


def _latest(row: Row) -> tuple[str | None, str | None]:
    latest = row.item.latest_update
    return (str(latest.date), latest.text) if latest else (None, None)


COLUMNS = (
    Column("Ref", lambda r, p, d: r.item.ref, (8, 40)),
    Column("Plan", lambda r, p, d: r.item.plan.id, (6, 24)),
    Column("Priority or finding", lambda r, p, d: r.item.group.id, (8, 24)),
    Column("Id", lambda r, p, d: r.item.id, (4, 16)),
    Column("Title", lambda r, p, d: r.item.title, (20, 60), wrap=True),
    Column("Leads", lambda r, p, d: "; ".join(r.item.leads), (6, 24)),
    Column("Lead names", lambda r, p, d: "; ".join(p.label(lead) for lead in r.item.leads), (10, 40), wrap=True),
    Column("Due", lambda r, p, d: r.judgement.due, (11, 11)),
    Column("Due as written", lambda r, p, d: _due_as_written(r), (10, 16)),
    Column("Status", lambda r, p, d: r.status if r.item.status else None, (9, 12)),
    Column("Overdue", lambda r, p, d: r.judgement.overdue, (9, 9)),
    Column("Due soon", lambda r, p, d: r.judgement.due_soon, (9, 9)),
    Column("Carried forward", lambda r, p, d: r.item.carried_forward, (9, 9)),
    Column("Latest update on", lambda r, p, d: _latest(r)[0], (10, 16)),
    Column("Latest update", lambda r, p, d: _latest(r)[1], (30, 80), wrap=True),
    Column("File", lambda r, p, d: r.item.path, (10, 40)),
    Column("Line", lambda r, p, d: r.item.line, (5, 6)),
    Column("As of", lambda r, p, d: d, (11, 11)),
)

DATE_FORMAT = "yyyy-mm-dd"


def status_colours(row: Row) -> tuple[str, str] | None:
    """The fill and text colour of a row's status cell, as the board report colours it: the default scale's
    colours, else the plan's own colour for its key, else its meaning's; the text black or white for contrast."""
    if row.item.status is None:
        return None
    if row.status in PALETTE:
        fill, ink = PALETTE[row.status]
    else:
        grade = row.item.plan.scale.grade(row.status)
        fill = (grade.colour if grade else None) or MEANING_FILL[row.means]
        ink = ink_for(fill)
    return fill.lstrip("#").upper(), ink.lstrip("#").upper()


def rows_xlsx(rows: Sequence[Row], people: People, as_of: date) -> bytes:
    """The workbook's bytes: one sheet, "Actions", one row per action in ``rows``' order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its one sheet
    sheet.title = "Actions"
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")  # a narrow column's heading wraps, not cut
    longest = [len(column.header) for column in COLUMNS]
    status_at = next(i for i, column in enumerate(COLUMNS) if column.header == "Status")
    for number, row in enumerate(rows, start=2):
        for index, column in enumerate(COLUMNS):
            cell = sheet.cell(row=number, column=index + 1)
            value = column.value(row, people, as_of)
            _set(cell, value)
            if column.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
            if isinstance(value, str):
                longest[index] = max(longest[index], *(len(line) for line in value.splitlines() or [""]))
        colours = status_colours(row)
        if colours:
            status = sheet.cell(row=number, column=status_at + 1)
            status.fill = PatternFill(fill_type="solid", fgColor=colours[0])
            status.font = Font(bold=True, color=colours[1])
    for index, column in enumerate(COLUMNS):
        least, most = column.width
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest[index] + 2, least), most)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 2)}"
    book.properties.creator = "plantool"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _set(cell: Cell | MergedCell, value: CellValue) -> None:
    if isinstance(value, str):
        text = xml_text(value)
        if len(text) > EXCEL_CELL_LIMIT:
            note = f" … (shortened: {len(text):,} characters in the plan file)"
            text = text[: EXCEL_CELL_LIMIT - len(note)] + note
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value
