"""``plantool export --format xlsx``: a workbook read back with openpyxl, as a spreadsheet would read it.

What a CSV file loses in Excel, LibreOffice or pandas, the workbook must keep:
ids stay text (``1.10`` is not 1.1), due dates are dates, flags are TRUE/FALSE,
and no cell is a formula. The sheet opens ready to use: header frozen, filters
on, columns wide enough, status cells in the report's colours.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path
from textwrap import dedent
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from plantool.cli import app
from plantool.render.svg import PALETTE

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ARG = "tests/golden/report/plans"
AS_OF = "2024-10-15"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)


def export_xlsx(tmp_path: Path, *args: str, plans: str = FIXTURE_ARG) -> Worksheet:
    target = tmp_path / "actions.xlsx"
    result = CliRunner().invoke(app, ["export", "--plans", plans, "--as-of", AS_OF, "-o", str(target), *args])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Actions"]
    sheet = book["Actions"]
    assert isinstance(sheet, Worksheet)
    return sheet


def records(sheet: Worksheet) -> dict[str, dict[str, Any]]:
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    return {row["Ref"]: row for row in rows}


def cells_of(sheet: Worksheet, header: str) -> dict[str, Any]:
    """Each row's cell (the openpyxl object) in one column, by reference."""
    columns = [cell.value for cell in sheet[1]]
    ref, wanted = columns.index("Ref"), columns.index(header)
    return {row[ref].value: row[wanted] for row in sheet.iter_rows(min_row=2)}


def test_one_row_per_action_with_typed_cells(tmp_path: Path) -> None:
    sheet = export_xlsx(tmp_path)
    rows = records(sheet)
    assert len(rows) == 13
    first = rows["example-dev/1.1"]
    assert first["Id"] == "1.1" and first["Plan"] == "example-dev" and first["Priority or finding"] == "P1"
    # A due month is its last day, typed as a date, with the month as written beside it.
    assert first["Due"] == datetime(2024, 12, 31) and first["Due as written"] == "2024-12"
    assert cells_of(sheet, "Due")["example-dev/1.1"].number_format == "yyyy-mm-dd"
    assert rows["example-dev/1.2"]["Due"] == datetime(2024, 11, 10)
    assert rows["example-dev/1.2"]["Due as written"] == "2024-11-10"
    assert rows["example-dev/2.4"]["Due"] is None and rows["example-dev/2.4"]["Due as written"] is None
    assert first["Status"] == "GREEN"
    assert first["Overdue"] is False and rows["example-dev/1.3"]["Overdue"] is True
    assert isinstance(first["Line"], int) and first["File"].endswith("example-dev.yaml")
    assert first["As of"] == datetime(2024, 10, 15)
    for row in rows.values():
        assert isinstance(row["Ref"], str) and isinstance(row["Id"], str)


def test_no_cell_is_ever_a_formula(tmp_path: Path) -> None:
    sheet = export_xlsx(tmp_path)
    rows = records(sheet)
    # The text is kept as written: no quote added, as the CSV must; the cell's type says it is text.
    assert rows["example-dev/2.1"]["Title"] == '=HYPERLINK("http://example.invalid","click me")'
    assert rows["example-dev/2.1"]["Latest update"] == "@SUM(A1:A9) is not a formula here"
    title = cells_of(sheet, "Title")["example-dev/2.1"]
    assert title.data_type == "s" and title.quotePrefix
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    xml = b"".join(
        zipfile.ZipFile(tmp_path / "actions.xlsx").read(name)
        for name in zipfile.ZipFile(tmp_path / "actions.xlsx").namelist()
        if name.startswith("xl/worksheets/")
    )
    assert b"<f>" not in xml and b"<f " not in xml


def test_sheet_opens_ready_to_work_with(tmp_path: Path) -> None:
    sheet = export_xlsx(tmp_path)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}{sheet.max_row}"
    assert all(cell.font.b and cell.alignment.wrap_text for cell in sheet[1])
    widths = {sheet.cell(row=1, column=i).value: sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width
              for i in range(1, sheet.max_column + 1)}  # fmt: skip
    assert widths["Title"] >= 40 and widths["Ref"] >= len("example-inspection/area-a.1")
    assert all(width and 5 <= width <= 80 for width in widths.values()), widths


def test_each_cell_has_its_own_look_and_no_other(tmp_path: Path) -> None:
    # Looks are worked out once and shared between cells: one cell's look must never reach
    # another (a status colour beside it, a date format on text, a quote prefix on the next row).
    sheet = export_xlsx(tmp_path)
    header = [cell.value for cell in sheet[1]]
    wrapped = {"Title", "Lead names", "Latest update"}
    for row in sheet.iter_rows(min_row=2):
        for name, cell in zip(header, row, strict=True):
            assert cell.alignment.vertical == "top" and bool(cell.alignment.wrap_text) == (name in wrapped)
            if name != "Status":
                assert cell.fill.fill_type is None and not cell.font.b, (name, cell.coordinate)
            is_date = isinstance(cell.value, datetime)
            assert (cell.number_format == "yyyy-mm-dd") == is_date, (name, cell.coordinate)
            text = cell.value if isinstance(cell.value, str) else ""
            assert bool(cell.quotePrefix) == text.startswith(("=", "+", "-", "@")), (name, cell.coordinate)


@pytest.mark.parametrize("status", ["GREEN", "AMBER", "RED", "BLUE"])
def test_status_cells_are_coloured_as_in_the_report(tmp_path: Path, status: str) -> None:
    sheet = export_xlsx(tmp_path)
    cells = [cell for cell in cells_of(sheet, "Status").values() if cell.value == status]
    assert cells, status
    fill, ink = PALETTE[status]
    for cell in cells:
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb[-6:] == fill.lstrip("#").upper()
        assert cell.font.color.rgb[-6:] == ink.lstrip("#").upper()


def test_unrated_status_is_an_empty_uncoloured_cell(tmp_path: Path) -> None:
    sheet = export_xlsx(tmp_path)
    unrated = [cell for cell in cells_of(sheet, "Status").values() if cell.value is None]
    assert unrated
    assert all(cell.fill.fill_type is None for cell in unrated)


PLAN = """\
plan:
  id: ids
  title: Ids that a spreadsheet would turn into numbers
priorities:
  - id: "1"
    title: One
    actions:
      - id: "1.1"
        title: The first
        leads: ["NO"]
        due: "2024-03-31"
      - id: "1.10"
        title: The tenth
        leads: ["NO"]
        due: 2024-03
      - id: "007"
        title: "- a dash, + a plus and \\u00e9t\\u00e9's curly \\u2019quote\\u2019"
"""


def test_ids_stay_text_and_text_stays_as_written(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "ids.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "people.yaml").write_text("people:\n  - id: 'NO'\n    name: Nora Olsen\n", encoding="utf-8")
    rows = records(export_xlsx(tmp_path, plans=str(plans)))
    assert set(rows) == {"ids/1.1", "ids/1.10", "ids/007"}
    assert rows["ids/1.10"]["Id"] == "1.10" and rows["ids/1.1"]["Id"] == "1.1" and rows["ids/007"]["Id"] == "007"
    assert rows["ids/1.10"]["Leads"] == "NO" and rows["ids/1.10"]["Lead names"] == "Nora Olsen"
    assert rows["ids/1.1"]["Due"] == rows["ids/1.10"]["Due"] == datetime(2024, 3, 31)
    assert rows["ids/007"]["Title"] == "- a dash, + a plus and été's curly ’quote’"


def test_xlsx_is_chosen_by_the_suffix_and_the_filters_apply(tmp_path: Path) -> None:
    rows = records(export_xlsx(tmp_path, "--status", "RED"))
    assert rows and {row["Status"] for row in rows.values()} == {"RED"}


def test_empty_selection_is_a_header_only_sheet(tmp_path: Path) -> None:
    sheet = export_xlsx(tmp_path, "--search", "no action says this")
    assert sheet.max_row == 1 and sheet.freeze_panes == "A2"


def test_binary_to_a_pipe_is_the_same_workbook(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--plans", FIXTURE_ARG, "--as-of", AS_OF, "--format", "xlsx"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(io.BytesIO(result.stdout_bytes))
    assert book["Actions"].max_row == 14


def test_binary_to_a_terminal_is_refused() -> None:
    """A workbook on a terminal is noise (and can upset it): say to use -o, exit 2."""
    leader, follower = pty.openpty()
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "plantool", "export", "--plans", FIXTURE_ARG, "--format", "xlsx"],
            stdout=follower, stderr=subprocess.PIPE, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(follower)
        os.close(leader)
    assert completed.returncode == 2
    assert b"-o" in completed.stderr and b"Traceback" not in completed.stderr


def test_other_commands_do_not_load_openpyxl() -> None:
    """openpyxl takes a quarter of a second to import: only the xlsx export may pay for it."""
    code = dedent(f"""
        import sys
        from plantool.cli import main
        sys.argv = ["plantool", "export", "--plans", {FIXTURE_ARG!r}, "--as-of", "{AS_OF}", "--format", "csv"]
        try:
            main()
        except SystemExit:
            pass
        sys.stderr.write("openpyxl loaded" if "openpyxl" in sys.modules else "openpyxl not loaded")
    """)
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert completed.stderr.endswith("openpyxl not loaded"), completed.stderr


def test_as_of_is_written_on_every_row(tmp_path: Path) -> None:
    rows = records(export_xlsx(tmp_path))
    assert {row["As of"] for row in rows.values()} == {datetime.combine(date(2024, 10, 15), datetime.min.time())}
