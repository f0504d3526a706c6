"""An update-round form as a workbook (``.xlsx``) or as CSV, for a lead who never opens git.

The workbook is built for the person filling it in and for the owner who
reads it back (docs/update-round.md):

- one sheet, "Update", whose cells are all locked (sheet protection, no
  password: it guards against slips, not against the lead) except the two a
  lead fills in, New status and This month's update, shaded so they stand out;
- New status offers the plan's own scale as a drop-down (data validation that
  refuses anything else), and both editable columns are formatted as text so
  Excel does not turn "3/4" into a date;
- the form's as-of day, lead, plans and each row's item and fingerprint as
  sent are kept on a second, very hidden sheet ("plantool") that ``collect``
  reads back; the workbook's structure is locked, so the sheet stays hidden;
- printed, it is landscape A4, one page wide, with the column headings on
  every page and the page number in the footer.

The CSV form holds the same rows for leads without Excel; having no hidden
sheet, it keeps what was sent in a last column, "Sent (do not edit)".

openpyxl is imported here and nowhere else on the writing side; the command
imports this module only when it runs, so no other command pays for it
(importing openpyxl costs about as much as all of typer).
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from plantool.forms import (
    COLUMNS,
    FIRST_ROW,
    FORM_MARK,
    FORM_VERSION,
    HEADER_ROW,
    HOW_ROW,
    SCALE_ROW,
    STATUS_COL,
    Column,
    Form,
    ScaleKey,
    column_letter,
    headings,
    preamble,
    sent_cell,
)
from plantool.render.listing import spreadsheet_safe

FORM_SHEET = "Update"
HIDDEN_SHEET = "plantool"
HIDDEN_HEADER_ROW = 6
"""On the hidden sheet: rows 1 to 4 say what the form is; from row 7, one row per item sent."""
SCALE_FIRST_COL = 5
"""On the hidden sheet: from column E, one column per plan with its scale's keys (for long scales' drop-downs)."""

_EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
# The default scale's colours, pale enough to print and to read black text on; the word is always there too.
_STATUS_FILL = {
    "GREEN": PatternFill("solid", fgColor="C6EFCE"),
    "AMBER": PatternFill("solid", fgColor="FFEB9C"),
    "RED": PatternFill("solid", fgColor="FFC7CE"),
    "BLUE": PatternFill("solid", fgColor="BDD7EE"),
}
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_BODY = Font(size=10)
_LINE_POINTS = 13  # one line of 10-point text, with its leading
_CHARS_PER_WIDTH = 1.15  # a column N wide holds about this many times N characters of 10-point text
_INLINE_LIST_LIMIT = 255  # Excel's limit on a drop-down list written into the rule itself


def form_xlsx(form: Form) -> bytes:
    """The form as an ``.xlsx`` workbook."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    hidden = workbook.create_sheet(HIDDEN_SHEET)
    _write_preamble(sheet, form)
    _write_table(sheet, form)
    scale_ranges = _write_hidden(hidden, form)
    _add_drop_downs(sheet, form, scale_ranges)
    _protect(sheet, hidden)
    _print_setup(sheet, form)
    workbook.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def form_csv(form: Form) -> str:
    """The form as CSV (with the rows and columns of the workbook's sheet, plus the sent column)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in preamble(form):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    writer.writerow(headings(with_sent=True))
    for line in form.lines:
        writer.writerow([spreadsheet_safe(cell) for cell in (*line.cells, sent_cell(line))])
    return buffer.getvalue()


def _text(cell: Cell | MergedCell, value: str) -> None:
    """Put ``value`` in ``cell`` as text, even when it starts with '=' (openpyxl would write a formula)."""
    cell.value = value
    cell.data_type = "s"


def _write_preamble(sheet: Worksheet, form: Form) -> None:
    last = column_letter(len(COLUMNS))
    for row_number, row in enumerate(preamble(form), start=1):
        for col, value in enumerate(row[:2], start=1):
            _text(sheet.cell(row_number, col), value)
        if len(row) > 2:  # the lead's name beside the id: shown after it in the same merged cell
            _text(sheet.cell(row_number, 2), f"{row[1]}, {row[2]}" if row[2] != row[1] else row[1])
        sheet.merge_cells(f"B{row_number}:{last}{row_number}")
        sheet.cell(row_number, 1).font = Font(bold=True, color="595959")
        sheet.cell(row_number, 1).alignment = Alignment(vertical="top")
        sheet.cell(row_number, 2).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(1, 1).font = Font(size=8, color="808080")
    sheet.cell(1, 2).font = Font(size=14, bold=True)
    sheet.row_dimensions[1].height = 22
    for row_number in (SCALE_ROW, HOW_ROW):
        sheet.row_dimensions[row_number].height = 32


def _write_table(sheet: Worksheet, form: Form) -> None:
    for col, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, col)
        _text(cell, column.heading)
        cell.font = Font(bold=True)
        cell.fill = _EDITABLE_FILL if column.editable else _HEADER_FILL
        cell.alignment = _WRAP
        cell.border = _BORDER
        sheet.column_dimensions[column_letter(col)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 3 * _LINE_POINTS + 2  # "Last update date" wraps to three lines
    for row_number, line in enumerate(form.lines, start=FIRST_ROW):
        for col, (column, value) in enumerate(zip(COLUMNS, line.cells, strict=True), start=1):
            cell = sheet.cell(row_number, col)
            if value:
                _text(cell, value)
            cell.font = _BODY
            cell.alignment = _WRAP
            cell.border = _BORDER
            if column.editable:
                cell.protection = Protection(locked=False)
                cell.fill = _EDITABLE_FILL
                cell.number_format = "@"  # text: what the lead types stays as typed
        # Spreadsheets do not grow a row to fit wrapped text they did not lay out themselves,
        # so each row is given the height its longest cell needs (and room to write in).
        sheet.row_dimensions[row_number].height = _LINE_POINTS * max(2, *map(_lines, COLUMNS, line.cells))
        due = sheet.cell(row_number, 5)
        if line.overdue:
            due.font = Font(size=10, bold=True, color="C00000")
        if line.status in _STATUS_FILL:
            sheet.cell(row_number, 6).fill = _STATUS_FILL[line.status]
    sheet.freeze_panes = f"B{FIRST_ROW}"  # the headings and the reference stay in view


def _lines(column: Column, text: str) -> int:
    """About how many lines ``text`` wraps to in ``column``."""
    per_line = max(1, int(column.width * _CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in text.split("\n"))


def _write_hidden(hidden: Worksheet, form: Form) -> dict[str, str]:
    """What was sent, for ``collect``; returns each plan's scale as a cell range for its drop-down."""
    for row_number, (key, value) in enumerate(
        (
            (FORM_MARK, FORM_VERSION),
            ("lead", form.lead),
            ("as_of", form.as_of.isoformat()),
            ("plans", " ".join(form.plans)),
        ),
        start=1,
    ):
        _text(hidden.cell(row_number, 1), key)
        _text(hidden.cell(row_number, 2), value)
    for col, heading in enumerate(("row", "reference", "fingerprint"), start=1):
        _text(hidden.cell(HIDDEN_HEADER_ROW, col), heading)
    for index, line in enumerate(form.lines):
        row_number = HIDDEN_HEADER_ROW + 1 + index
        hidden.cell(row_number, 1).value = FIRST_ROW + index
        _text(hidden.cell(row_number, 2), line.ref)
        _text(hidden.cell(row_number, 3), line.fingerprint)
    ranges = {}
    for offset, (plan, scale) in enumerate(form.scales.items()):
        col = SCALE_FIRST_COL + offset
        letter = column_letter(col)
        _text(hidden.cell(1, col), plan)
        for index, entry in enumerate(scale, start=2):
            _text(hidden.cell(index, col), entry.key)
        ranges[plan] = f"{HIDDEN_SHEET}!${letter}$2:${letter}${len(scale) + 1}"
    hidden.sheet_state = "veryHidden"
    return ranges


def drop_down_source(scale: tuple[ScaleKey, ...], cell_range: str) -> str:
    """The list a drop-down offers: written into the rule when Excel allows, else the hidden sheet's cells."""
    keys = [entry.key for entry in scale]
    inline = ",".join(keys)
    if len(inline) + 2 <= _INLINE_LIST_LIMIT and not any(c in key for key in keys for c in ',"'):
        return f'"{inline}"'
    return cell_range


def _add_drop_downs(sheet: Worksheet, form: Form, scale_ranges: dict[str, str]) -> None:
    rows_by_plan: dict[str, list[int]] = defaultdict(list)
    for row_number, line in enumerate(form.lines, start=FIRST_ROW):
        rows_by_plan[line.plan].append(row_number)
    letter = column_letter(STATUS_COL)
    for plan, rows in rows_by_plan.items():
        scale = form.scales[plan]
        listed = "; ".join(f"{entry.key}: {entry.label}" for entry in scale)
        validation = DataValidation(
            type="list",
            formula1=drop_down_source(scale, scale_ranges[plan]),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Not on the plan's scale",
            error=_cut(f"Pick a status from the list, or leave it blank. {listed}"),
            showInputMessage=True,
            promptTitle="New status",
            prompt=_cut(f"Leave blank to keep the current status. {listed}"),
        )
        for row_number in rows:
            validation.add(f"{letter}{row_number}")
        sheet.add_data_validation(validation)


def _cut(text: str, limit: int = 250) -> str:
    """Excel refuses a validation message over 255 characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _protect(sheet: Worksheet, hidden: Worksheet) -> None:
    for protected in (sheet, hidden):
        protected.protection.sheet = True
        # Widening a column or a row to read a long update is not an edit: allow it.
        protected.protection.formatColumns = False
        protected.protection.formatRows = False


def _print_setup(sheet: Worksheet, form: Form) -> None:
    last_row = FIRST_ROW + len(form.lines) - 1 if form.lines else HEADER_ROW
    sheet.print_area = f"A1:{column_letter(len(COLUMNS))}{last_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None  # openpyxl makes one with every sheet
    fit.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None
    header.left.text = form.title.replace("&", "&&")  # '&' starts a code in a header
    footer.right.text = "Page &P of &N"
