"""``plantool request``: one form per lead, as a workbook a lead can fill in and print, or as CSV.

The workbooks are opened with openpyxl and checked for what Excel will do with
them: which cells are locked, what the drop-down offers, what is hidden, how
it prints. ``tests/test_collect.py`` reads them back.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import WorkspaceFactory
from formkit import AS_OF, PEOPLE, PLAN, drop_down_choices, make_plans, request, run
from openpyxl import load_workbook

from plantool.forms import build_forms, fingerprint, plan_scale


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return make_plans(tmp_path)


def test_one_form_per_lead_with_only_their_open_actions(make_workspace: WorkspaceFactory) -> None:
    workspace = make_workspace(("plans/demo-plan.yaml", PLAN), ("plans/people.yaml", PEOPLE))
    forms = {form.lead: form for form in build_forms(workspace, date(2024, 6, 1))}
    assert sorted(forms) == ["GT", "LJ"]
    assert [line.ref for line in forms["GT"].lines] == ["demo-plan/1.1", "demo-plan/1.2"]  # 1.3 is done
    assert [line.ref for line in forms["LJ"].lines] == ["demo-plan/1.2", "demo-plan/1.4"]
    first = forms["GT"].lines[0]
    assert first.cells[:8] == (
        "demo-plan/1.1", "Demo Plan 2024/25", "Keep children safe", "Write the strategy",
        "2024-03 (overdue)", "AMBER: Delays / issues but delivery on course", "Draft written.", "2024-04",
    )  # fmt: skip
    assert first.overdue and not forms["GT"].lines[1].overdue
    assert forms["GT"].lines[1].cells[5] == "not rated"
    assert forms["GT"].title == "Monthly update for Gail Test (GT), as of 2024-06-01"


def test_the_fingerprint_changes_with_what_the_form_shows_and_only_then(make_workspace: WorkspaceFactory) -> None:
    def print_of(plan: str) -> str:
        workspace = make_workspace(("plans/demo-plan.yaml", plan), ("plans/people.yaml", PEOPLE))
        return fingerprint(next(item for item in workspace.items if item.ref == "demo-plan/1.1"))

    sent = print_of(PLAN)
    assert print_of(PLAN) == sent
    assert print_of(PLAN.replace("status: AMBER", "status: RED")) != sent
    assert print_of(PLAN.replace("Draft written.", "Draft written and agreed.")) != sent
    assert print_of(PLAN.replace("due: 2024-03\n", "due: 2024-04\n")) != sent
    assert print_of(PLAN.replace("Someone else's", "Somebody else's")) == sent  # another item


def test_the_scale_is_the_plans_own_labels(make_workspace: WorkspaceFactory) -> None:
    relabelled = PLAN.replace("  updated: 2024-05\n", "  updated: 2024-05\n  rag_key:\n    BLUE: Done and dusted\n")
    workspace = make_workspace(("plans/demo-plan.yaml", relabelled), ("plans/people.yaml", PEOPLE))
    scale = plan_scale(workspace.plans[0])
    assert [(entry.key, entry.label, entry.done) for entry in scale] == [
        ("GREEN", "On target for delivery", False),
        ("AMBER", "Delays / issues but delivery on course", False),
        ("RED", "Major issues preventing delivery", False),
        ("BLUE", "Done and dusted", True),
    ]


def test_a_workbook_per_lead_named_by_lead(plans: Path, tmp_path: Path) -> None:
    out = request(plans, tmp_path / "forms")
    assert sorted(path.name for path in out.iterdir()) == ["GT.xlsx", "LJ.xlsx"]


def test_the_workbook_locks_all_but_the_two_columns_a_lead_fills_in(plans: Path, tmp_path: Path) -> None:
    out = request(plans, tmp_path / "forms", "--lead", "GT")
    sheet = load_workbook(out / "GT.xlsx")["Update"]
    assert sheet.protection.sheet
    assert [sheet.cell(7, col).value for col in range(1, 11)] == [
        "Reference", "Plan", "Priority or finding", "Action", "Due", "Current status",
        "Last update", "Last update date", "New status", "This month's update",
    ]  # fmt: skip
    for row in (8, 9):
        for col in range(1, 9):
            assert sheet.cell(row, col).protection.locked, (row, col)
        for col in (9, 10):
            assert not sheet.cell(row, col).protection.locked, (row, col)
            assert sheet.cell(row, col).number_format == "@"  # typed text stays text
    assert sheet["A8"].value == "demo-plan/1.1"
    assert sheet["E8"].value == "2024-03 (overdue)" and sheet["E8"].font.b
    assert sheet["D9"].value == "=SUM(A1) looks like a formula"  # text, not a formula
    assert sheet["D9"].data_type == "s"
    assert sheet["A1"].value == "plantool update form"
    assert sheet["B3"].value == "2024-06-01"
    assert sheet.max_row == 9


def test_the_status_drop_down_offers_the_plans_scale_and_nothing_else(plans: Path, tmp_path: Path) -> None:
    sheet = load_workbook(request(plans, tmp_path / "forms", "--lead", "GT") / "GT.xlsx")["Update"]
    for cell in ("I8", "I9"):
        assert drop_down_choices(sheet, cell) == ["GREEN", "AMBER", "RED", "BLUE"]
    (validation,) = sheet.data_validations.dataValidation
    assert validation.showErrorMessage and validation.errorStyle == "stop"
    assert validation.allow_blank
    assert "AMBER: Delays / issues but delivery on course" in validation.prompt


def test_what_was_sent_is_on_a_very_hidden_sheet(plans: Path, tmp_path: Path) -> None:
    workbook = load_workbook(request(plans, tmp_path / "forms", "--lead", "GT") / "GT.xlsx")
    assert workbook.sheetnames == ["Update", "plantool"]
    hidden = workbook["plantool"]
    assert hidden.sheet_state == "veryHidden" and hidden.protection.sheet
    assert workbook.security.lockStructure  # so the sheet cannot be unhidden by accident
    assert [[cell.value for cell in row] for row in hidden.iter_rows(min_row=1, max_row=4, max_col=2)] == [
        ["plantool update form", "1"], ["lead", "GT"], ["as_of", AS_OF], ["plans", "demo-plan"],
    ]  # fmt: skip
    assert [(row[0].value, row[1].value) for row in hidden.iter_rows(min_row=7, max_col=2)] == [
        (8, "demo-plan/1.1"),
        (9, "demo-plan/1.2"),
    ]
    assert len(hidden["C7"].value) == 20


def test_the_workbook_prints_landscape_one_page_wide_with_headings_on_every_page(plans: Path, tmp_path: Path) -> None:
    sheet = load_workbook(request(plans, tmp_path / "forms", "--lead", "GT") / "GT.xlsx")["Update"]
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$7:$7"
    assert sheet.print_area == "'Update'!$A$1:$J$9"
    assert sheet.freeze_panes == "B8"


def test_csv_holds_the_same_rows_and_what_was_sent(plans: Path, tmp_path: Path) -> None:
    out = request(plans, tmp_path / "forms", "--lead", "GT", "--format", "csv")
    data = (out / "GT.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "plantool update form"
    assert rows[1] == ["Lead", "GT", "Gail Test"] and rows[2] == ["As of", AS_OF]
    assert rows[6][-3:] == ["New status", "This month's update", "Sent (do not edit)"]
    assert rows[7][:5] == [
        "demo-plan/1.1",
        "Demo Plan 2024/25",
        "Keep children safe",
        "Write the strategy",
        "2024-03 (overdue)",
    ]
    assert rows[8][3] == "'=SUM(A1) looks like a formula"  # neutralised: no spreadsheet runs it
    assert rows[7][-1].startswith("demo-plan/1.1 ") and len(rows[7][-1].split()[1]) == 20
    assert len(rows) == 9


def test_forms_already_in_the_folder_are_kept_unless_forced(plans: Path, tmp_path: Path) -> None:
    out = request(plans, tmp_path / "forms", "--lead", "GT")
    (out / "GT.xlsx").write_bytes(b"the lead's returned form")
    code, _, stderr = run("request", "--plans", str(plans), "--as-of", AS_OF, "-o", str(out))
    assert code == 2 and "already has 1 of these forms (GT.xlsx)" in stderr and "--force" in stderr
    assert (out / "GT.xlsx").read_bytes() == b"the lead's returned form"
    assert not (out / "LJ.xlsx").exists()  # refused before writing any
    request(plans, out, "--force")
    assert (out / "GT.xlsx").read_bytes().startswith(b"PK")
    assert sorted(path.name for path in out.iterdir()) == ["GT.xlsx", "LJ.xlsx"]  # no temporary file left


def test_an_unknown_lead_or_plan_is_a_usage_error(plans: Path, tmp_path: Path) -> None:
    code, _, stderr = run("request", "--plans", str(plans), "--as-of", AS_OF, "-o", str(tmp_path / "f"), "--lead", "gt")
    assert code == 2 and "did you mean GT" in stderr
    code, _, stderr = run("request", "--plans", str(plans), "--as-of", AS_OF, "-o", str(tmp_path / "f"), "--plan", "x")
    assert code == 2 and "no plan 'x'" in stderr
    assert not (tmp_path / "f").exists()


def test_a_lead_with_nothing_open_is_told_so(tmp_path: Path) -> None:
    plans = make_plans(tmp_path, PLAN.replace("leads: [LJ]", "leads: [GT]").replace("leads: [GT, LJ]", "leads: [GT]"))
    code, _, stderr = run("request", "--plans", str(plans), "--as-of", AS_OF, "-o", str(tmp_path / "f"), "--lead", "LJ")
    assert code == 2
    assert "LJ has no open action; no form for them" in stderr
    assert "no lead has an open action" in stderr
    assert not (tmp_path / "f").exists()


def test_the_output_folder_must_have_a_parent(plans: Path, tmp_path: Path) -> None:
    code, _, stderr = run("request", "--plans", str(plans), "--as-of", AS_OF, "-o", str(tmp_path / "a" / "b"))
    assert code == 2 and "parent folder does not exist" in stderr


def test_other_commands_do_not_import_openpyxl(plans: Path) -> None:
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from plantool.cli import app\n"
        f"result = CliRunner().invoke(app, ['status', '--plans', {str(plans)!r}, '--as-of', {AS_OF!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('openpyxl' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_recurring_action_shows_its_next_occurrence(make_workspace: WorkspaceFactory) -> None:
    recurring = PLAN.replace("        due: 2024-03\n", "        due: 2024-03\n        recurs: quarterly\n")
    workspace = make_workspace(("plans/demo-plan.yaml", recurring), ("plans/people.yaml", PEOPLE))
    (form, _) = build_forms(workspace, date(2024, 6, 1))
    assert form.lines[0].cells[4] == "2024-06-30 (quarterly)"  # the April update moved it on a quarter
    assert not form.lines[0].overdue
