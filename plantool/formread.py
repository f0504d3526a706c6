"""Reading a returned update-round form (``.xlsx`` or ``.csv``) into plain data: the I/O edge of ``collect``.

A form comes back from someone's inbox, so it is untrusted input like any
plan file: read with a size cap, never evaluated (formulas are read as the
text Excel last showed, never computed), and anything that is not one of our
forms is a ``FormUnreadable`` with a sentence saying why, never a traceback.
Judging the rows is ``forms.check_returned``'s job.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from plantool.dates import parse_day
from plantool.forms import (
    AS_OF_ROW,
    FORM_MARK,
    FORM_VERSION,
    HEADER_ROW,
    LEAD_ROW,
    PLANS_ROW,
    SENT_COL,
    SENT_HEADING,
    STATUS_COL,
    UPDATE_COL,
    Returned,
    SentRow,
)

MAX_FORM_BYTES = 20 * 1024 * 1024
"""A form for one lead is tens of kilobytes; anything this large is not one."""
MAX_CELLS = 200_000
MAX_ROWS = 20_000
FORM_SHEET, HIDDEN_SHEET, HIDDEN_HEADER_ROW = "Update", "plantool", 6
_NEUTRALISED = ("'=", "'+", "'-", "'@", "'\t", "'\r")


class FormUnreadable(Exception):
    """The file is not an update form plantool can read; the message says why."""


def read_form(path: Path) -> Returned:
    """A returned form as plain data, by its suffix (``.csv``) or content (a workbook is a zip file)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FORM_BYTES + 1)
    except OSError as error:
        raise FormUnreadable(f"cannot read it: {error.strerror or error}") from None
    if len(data) > MAX_FORM_BYTES:
        raise FormUnreadable(f"it is larger than {MAX_FORM_BYTES // (1024 * 1024)} MB, far more than a form")
    if data[:4] == b"PK\x03\x04":
        return _read_workbook(str(path), data)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise FormUnreadable("it is not a workbook (re-save it from Excel as .xlsx)")
    return _read_csv(str(path), data)


# ---------------------------------------------------------------------------
# Workbooks


def _read_workbook(path: str, data: bytes) -> Returned:
    from openpyxl import load_workbook  # the one slow import, paid only when a workbook is read

    try:
        # data_only: a formula is read as the value Excel last showed, never as code to run.
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise FormUnreadable(f"it is not a workbook plantool can read ({type(error).__name__})") from None
    try:
        return _read_sheets(path, workbook)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise FormUnreadable(f"it is a damaged workbook ({type(error).__name__})") from None
    finally:
        workbook.close()


def _read_sheets(path: str, workbook: Any) -> Returned:
    if HIDDEN_SHEET not in workbook.sheetnames or FORM_SHEET not in workbook.sheetnames:
        raise FormUnreadable(f"it is not a plantool update form (no '{FORM_SHEET}' and '{HIDDEN_SHEET}' sheets)")
    # Bounded: a sheet may claim a million rows by sixteen thousand columns, and a
    # read-only sheet would hand back every empty one.
    hidden = _grid(workbook[HIDDEN_SHEET].iter_rows(max_row=MAX_ROWS, max_col=3, values_only=True))
    if hidden.get((1, 1)) != FORM_MARK:
        raise FormUnreadable("it is not a plantool update form")
    _check_version(hidden.get((1, 2), ""))
    sent = []
    row = HIDDEN_HEADER_ROW + 1
    while (row, 2) in hidden:
        sheet_row = hidden.get((row, 1), "")
        if not sheet_row.isdigit():
            raise FormUnreadable(f"its hidden sheet is damaged (row {row})")
        sent.append(SentRow(int(sheet_row), hidden[(row, 2)], hidden.get((row, 3), "")))
        row += 1
    cells = _grid(workbook[FORM_SHEET].iter_rows(max_row=MAX_ROWS, max_col=SENT_COL + 5, values_only=True))
    return Returned(
        path=path,
        lead=_required(hidden, (2, 2), "lead"),
        as_of=_as_of(hidden.get((3, 2), "")),
        plans=tuple(hidden.get((4, 2), "").split()),
        sent=tuple(sent),
        cells=cells,
        sent_is_hidden=True,
    )


# ---------------------------------------------------------------------------
# CSV


def _read_csv(path: str, data: bytes) -> Returned:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            # Excel's "CSV" (not "CSV UTF-8") saves in the machine's code page; on the
            # Windows machines forms go to that is Windows-1252.
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise FormUnreadable("it is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8'") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FormUnreadable(f"it is not CSV plantool can read ({error})") from None
    # Only the columns the form wrote were neutralised; what the lead typed is read as typed.
    cells = _grid(
        tuple(cell if col in (STATUS_COL, UPDATE_COL) else _undo_neutralised(cell) for col, cell in enumerate(row, 1))
        for row in rows
    )
    if not cells.get((1, 1), "").startswith(FORM_MARK):
        raise FormUnreadable("it is not a plantool update form (its first cell is not 'plantool update form')")
    if cells.get((HEADER_ROW, SENT_COL)) != SENT_HEADING:
        raise FormUnreadable(f"its columns were moved: '{SENT_HEADING}' is not in its place")
    sent = []
    for (row, col), value in sorted(cells.items()):
        if col == SENT_COL and row > HEADER_ROW:
            ref, _, print_ = value.strip().rpartition(" ")
            if ref:
                sent.append(SentRow(row, ref, print_))
    return Returned(
        path=path,
        lead=_required(cells, (LEAD_ROW, 2), "lead"),
        as_of=_as_of(cells.get((AS_OF_ROW, 2), "")),
        plans=tuple(cells.get((PLANS_ROW, 2), "").split()),
        sent=tuple(sent),
        cells={key: value for key, value in cells.items() if key[1] != SENT_COL},
        sent_is_hidden=False,
    )


def _undo_neutralised(cell: str) -> str:
    """The form wrote ``'=x`` for a cell starting ``=`` so no spreadsheet runs it; read it back as written."""
    return cell[1:] if cell.startswith(_NEUTRALISED) else cell


# ---------------------------------------------------------------------------
# Shared


def _grid(rows: Iterable[Iterable[object]]) -> dict[tuple[int, int], str]:
    """Every non-empty cell as text, by 1-based (row, column)."""
    grid: dict[tuple[int, int], str] = {}
    count = 0
    for row_number, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            text = _as_text(value)
            if text:
                count += 1
                if count > MAX_CELLS:
                    raise FormUnreadable(f"it has more than {MAX_CELLS:,} cells, far more than a form")
                grid[(row_number, col)] = text
    return grid


def _as_text(value: object) -> str:
    """A cell's value as the lead sees it: a number without a stray '.0', a date as a day."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _required(cells: dict[tuple[int, int], str], where: tuple[int, int], what: str) -> str:
    value = cells.get(where, "").strip()
    if not value:
        raise FormUnreadable(f"it does not say its {what}")
    return value


def _as_of(text: str) -> date:
    try:
        return parse_day(text)
    except ValueError:
        raise FormUnreadable("it does not say the day it was made (its 'As of' is damaged)") from None


def _check_version(version: str) -> None:
    if version != FORM_VERSION:
        raise FormUnreadable(f"it is a version {version or '?'} form; this plantool reads version {FORM_VERSION}")
