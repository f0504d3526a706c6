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
from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from plantool.queries import Row
from plantool.render.svg import MEANING_FILL, PALETTE, ink_for
from plantool.render.xmltext import xml_text
from plantool.workspace import People

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

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
    """The workbook's bytes: one sheet, "Actions", one row per action in ``rows``' order.

    The sheet is written in openpyxl's write-only mode, a row at a time, instead of
    built as a grid of cells in memory first: at 100,000 actions the grid took 1.5 GB
    and four minutes. That mode writes the column widths and the frozen header before
    the first row, so a first pass over the rows measures the widths.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    for index, width in enumerate(_widths(rows, people, as_of)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 2)}"

    styles = _Styles(sheet)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.header)
        styles.apply(cell, heading=True)
        header.append(cell)
    sheet.append(header)
    status_at = next(i for i, column in enumerate(COLUMNS) if column.header == "Status")
    for row in rows:
        colours = status_colours(row)
        cells = []
        for index, column in enumerate(COLUMNS):
            cell = WriteOnlyCell(sheet)
            _set(cell, column.value(row, people, as_of))
            styles.apply(cell, wrap=column.wrap, colours=colours if index == status_at else None)
            cells.append(cell)
        sheet.append(cells)
    book.properties.creator = "plantool"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _widths(rows: Sequence[Row], people: People, as_of: date) -> list[float]:
    """Each column's width: its longest line of text (or heading) plus a margin, within the column's bounds."""
    longest = [len(column.header) for column in COLUMNS]
    texts = [index for index, column in enumerate(COLUMNS) if column.width[0] != column.width[1]]
    for row in rows:
        for index in texts:
            value = COLUMNS[index].value(row, people, as_of)
            if isinstance(value, str):
                longest[index] = max(longest[index], *(len(line) for line in value.splitlines() or [""]))
    return [min(max(longest[index] + 2, column.width[0]), column.width[1]) for index, column in enumerate(COLUMNS)]


class _Styles:
    """Each distinct look of a cell, worked out once and then given to every cell that has it.

    Setting a font or an alignment makes openpyxl look the style up by hashing it,
    field by field: done for each of 1.8 million cells, that was most of the time of a
    100,000-action export. A cell's whole style is a small array of indexes, so a look
    seen before is copied as that array (how openpyxl itself copies a cell's style).
    """

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.seen: dict[tuple[object, ...], Any] = {}

    def apply(
        self, cell: Cell, *, heading: bool = False, wrap: bool = False, colours: tuple[str, str] | None = None
    ) -> None:
        key = (heading, wrap, colours, cell.data_type == "d", cell.quotePrefix)
        raw: Any = cell  # the style array is openpyxl's own attribute, not in its type stubs
        known = self.seen.get(key)
        if known is not None:
            raw._style = copy(known)
            return
        from openpyxl.styles import Alignment, Font, PatternFill

        if cell.data_type == "d":
            cell.number_format = DATE_FORMAT
        if heading:
            cell.font = Font(bold=True)
        # A heading wraps rather than being cut by a narrow column.
        cell.alignment = Alignment(wrap_text=True, vertical="top") if heading or wrap else Alignment(vertical="top")
        if colours:
            cell.fill = PatternFill(fill_type="solid", fgColor=colours[0])
            cell.font = Font(bold=True, color=colours[1])
        self.seen[key] = copy(raw._style)


def _set(cell: Cell, value: CellValue) -> None:
    if isinstance(value, str):
        text = xml_text(value)
        if len(text) > EXCEL_CELL_LIMIT:
            note = f" … (shortened: {len(text):,} characters in the plan file)"
            text = text[: EXCEL_CELL_LIMIT - len(note)] + note
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if text.startswith(_FORMULA_STARTS):
            cell.quotePrefix = True
    else:
        cell.value = value  # a date's number format is its style (_Styles)
