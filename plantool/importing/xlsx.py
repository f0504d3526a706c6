"""Excel workbooks: every sheet (or the one ``--sheet`` names), in openpyxl's read-only mode.

Read-only mode streams the sheet instead of building every cell as an object,
so a large tracker reads in bounded memory; formulas are read as the values
Excel last computed. A cell holding a real date keeps it (and whether its
number format shows only a month, "Jul-23"). A whole number stays "3", never
"3.0"; a decimal stays as Python writes it. Read-only mode does not report
merged ranges, so they are read from the sheet's own XML: as in a Word table,
a cell merged across columns is read once and a cell merged down rows is read
in every row it spans (docs/moving-in.md).

openpyxl is imported here only, when a workbook is read: it costs half a
second that no other command should pay.
"""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from plantool.importing.cells import Cell, Grid, ImportFailure, clean_text

_MAX_ROWS = 100_000
_MAX_COLUMNS = 200


def read_xlsx(path: Path, sheet: str | None = None) -> list[Grid]:
    try:
        import openpyxl
    except ImportError:
        raise ImportFailure("reading .xlsx needs openpyxl: pip install 'plantool[import]'") from None
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zipfile, KeyError, ValueError or its own errors for a bad file
        raise ImportFailure(f"{path} is not an Excel workbook openpyxl can read ({type(error).__name__})") from None
    try:
        names = list(workbook.sheetnames)
        if sheet is not None:
            if sheet not in names:
                raise ImportFailure(f"{path} has no sheet {sheet!r} (it has: {', '.join(repr(n) for n in names)})")
            names = [sheet]
        return [_grid(workbook[name], name, _merged_ranges(path, workbook[name])) for name in names]
    finally:
        workbook.close()


def _grid(worksheet: Any, name: str, merged: list[tuple[int, int, int, int]]) -> Grid:
    rows: list[list[Cell]] = []
    for number, row in enumerate(worksheet.iter_rows(max_col=_MAX_COLUMNS), start=1):
        if number > _MAX_ROWS:
            raise ImportFailure(f"sheet {name!r} has more than {_MAX_ROWS:,} rows; is it a plan?")
        rows.append([_cell(cell, number, column) for column, cell in enumerate(row, start=1)])
    for first_column, first_row, last_column, last_row in merged:
        if first_row > len(rows) or not rows[first_row - 1][first_column - 1 : first_column]:
            continue
        top = rows[first_row - 1][first_column - 1]
        for number in range(first_row, min(last_row, len(rows)) + 1):
            cells = rows[number - 1]
            for column in range(first_column, min(last_column, _MAX_COLUMNS) + 1):
                if (number, column) == (first_row, first_column):
                    continue
                while len(cells) < column:
                    cells.append(Cell("", number, len(cells) + 1))
                if column == first_column:  # merged down: the same text stands beside each row
                    cells[column - 1] = dataclasses.replace(top, row=number)
                else:  # merged across: read once, at its first column
                    cells[column - 1] = Cell("", number, column, top.colour, spanned=True)
    return Grid(f"sheet {name!r}", tuple(tuple(row) for row in rows))


def _merged_ranges(path: Path, worksheet: Any) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges as (first column, first row, last column, last row).

    openpyxl's read-only mode skips them, so the sheet's XML is streamed once more for its
    ``<mergeCell ref="A4:A6"/>`` elements. Should openpyxl not say where the sheet is
    (a private detail that may change), no merges are known and each cell is read alone.
    """
    from openpyxl.utils.cell import range_boundaries

    sheet_path = getattr(worksheet, "_worksheet_path", None)
    if not isinstance(sheet_path, str):
        return []
    ranges: list[tuple[int, int, int, int]] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(sheet_path) as stream:
            for _event, element in ElementTree.iterparse(stream):
                if element.tag.endswith("}mergeCell") and (ref := element.get("ref")):
                    bounds = range_boundaries(ref)
                    if None not in bounds:
                        ranges.append(bounds)  # type: ignore[arg-type]
                element.clear()
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError):
        return []
    return ranges


def _cell(cell: Any, row: int, column: int) -> Cell:
    value = getattr(cell, "value", None)
    colour = _fill(cell)
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        fmt = str(getattr(cell, "number_format", "") or "").lower()
        month_only = "d" not in fmt.replace("[red]", "") and ("m" in fmt or "y" in fmt)
        shown = day.strftime("%Y-%m") if month_only else day.isoformat()
        return Cell(shown, row, column, colour, day=day, month_only=month_only)
    if value is None:
        return Cell("", row, column, colour)
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return Cell(clean_text(text), row, column, colour)


def _fill(cell: Any) -> str | None:
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return None
    rgb = getattr(fill.fgColor, "rgb", None)
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None  # a theme or indexed colour: no plain RGB to read
    return rgb[-6:].upper()
