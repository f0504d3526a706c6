"""Excel workbooks: every sheet (or the one ``--sheet`` names), in openpyxl's read-only mode.

Read-only mode streams the sheet instead of building every cell as an object,
so a large tracker reads in bounded memory; formulas are read as the values
Excel last computed. A cell holding a real date keeps it (and whether its
number format shows only a month, "Jul-23"). A whole number stays "3", never
"3.0"; a decimal stays as Python writes it. Read-only mode does not report
merged ranges, so a cell merged down several rows is read once, in its first
row (docs/moving-in.md).

openpyxl is imported here only, when a workbook is read: it costs half a
second that no other command should pay.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

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
        return [_grid(workbook[name], name) for name in names]
    finally:
        workbook.close()


def _grid(worksheet: Any, name: str) -> Grid:
    rows = []
    for number, row in enumerate(worksheet.iter_rows(max_col=_MAX_COLUMNS), start=1):
        if number > _MAX_ROWS:
            raise ImportFailure(f"sheet {name!r} has more than {_MAX_ROWS:,} rows; is it a plan?")
        rows.append(tuple(_cell(cell, number, column) for column, cell in enumerate(row, start=1)))
    return Grid(f"sheet {name!r}", tuple(rows))


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
