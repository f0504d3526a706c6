"""``plantool import`` end to end: workbooks and Word tables built in code, CSV as Excel writes it, and bad input.

Each test builds its source file with the same library a user's office suite
would have written it with (openpyxl, python-docx), runs the command through
Typer's runner, and loads what was written with plantool's own loader.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app
from plantool.workspace import Workspace, load_folder

openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")
GOLDEN = Path(__file__).resolve().parent / "golden"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def loads_cleanly(folder: Path) -> Workspace:
    workspace = load_folder(folder)
    assert [str(p) for p in workspace.problems if p.severity.value == "error"] == []
    return workspace


def ofsted_workbook(path: Path) -> Path:
    """An inspection action plan as councils keep them in Excel: a findings column, dates as cells, RAG by fill."""
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(["Ofsted ILACS action plan 2023/24"])
    sheet.append(["Areas for improvement", "Actions", "Lead", "Timescale", "RAG", "Update mid-April 23"])
    sheet.append(["What needs to improve"])
    sheet.append(["The effectiveness of the response to domestic abuse", "1. Review and update the Partnership DA Strategy",
                  "GT", "March 2024", "Green", "Jan 2023: Meeting arranged with Deputy PCC"])  # fmt: skip
    sheet.append([None, "2. Pursue funding streams", "GT / LJ", datetime(2023, 9, 30), None, "Bid submitted"])
    sheet["D5"].number_format = "mmm-yy"
    sheet["E5"].fill = PatternFill("solid", fgColor="FFC000")
    sheet.append(["Quality of supervision", "(1a) Audit supervision", "Head of Service", "Ongoing", "amber", None])
    sheet.append([None, "(1b) Train managers", "Team Manager - Ann Smith & JT", date(2023, 12, 1), "Not started", None])
    sheet.append([None, "(1c) Review the policy", "GT", "end of March", "", None])
    sheet["E8"].fill = PatternFill("solid", fgColor="00B050")
    other = workbook.create_sheet("Notes")
    other.append(["Nothing here is a plan"])
    workbook.save(path)
    return path


def test_a_workbook_with_a_findings_column(tmp_path: Path) -> None:
    source = ofsted_workbook(tmp_path / "tracker.xlsx")
    folder = tmp_path / "plans"
    code, out, err = run("import", str(source), "--plans", str(folder), "--cell-colours")
    assert code == 0, out + err
    workspace = loads_cleanly(folder)
    plan = workspace.plan("ofsted-ilacs-action-plan-2023-24")
    assert plan is not None and plan.title == "Ofsted ILACS action plan 2023/24"
    findings = plan.file.findings
    assert [(f.id, f.area, f.title) for f in findings] == [
        ("effectiveness-response-domestic-abuse", "What needs to improve", "The effectiveness of the response to domestic abuse"),
        ("quality-supervision", "What needs to improve", "Quality of supervision"),
    ]  # fmt: skip
    actions = {(f.id, a.id): a for f in findings for a in f.actions}
    first = actions[("effectiveness-response-domestic-abuse", "1")]
    assert (first.title, first.leads, str(first.due), str(first.status)) == (
        "Review and update the Partnership DA Strategy", ["GT"], "2024-03", "GREEN")  # fmt: skip
    assert [(str(u.date), u.text) for u in first.updates] == [("2023-01", "Meeting arranged with Deputy PCC")]
    second = actions[("effectiveness-response-domestic-abuse", "2")]
    # A date cell shown as "Sep-23" is the month; a blank amber cell is AMBER with --cell-colours;
    # an undated update is dated by its column's heading ("Update mid-April 23").
    assert (str(second.due), str(second.status), second.leads) == ("2023-09", "AMBER", ["GT", "LJ"])
    assert [(str(u.date), u.text) for u in second.updates] == [("2023-04", "Bid submitted")]
    audit = actions[("quality-supervision", "1a")]
    assert (audit.source_ref, audit.due, audit.due_note, str(audit.status)) == ("(1a)", None, "Ongoing", "AMBER")
    train = actions[("quality-supervision", "1b")]
    assert (str(train.due), train.status) == ("2023-12-01", None)
    review = actions[("quality-supervision", "1c")]
    assert (str(review.due), str(review.status)) == ("2024-03", "GREEN")  # March of the plan's year 2023/24
    text = (folder / "ofsted-ilacs-action-plan-2023-24.yaml").read_text(encoding="utf-8")
    assert "# import: status cell says 'Not started': not a RAG rating, so not rated" in text
    people = workspace.people
    assert people.get("AS") is not None and people.get("AS").name == "Ann Smith"  # type: ignore[union-attr]
    assert people.get("HS") is not None and people.get("HS").name is None  # a role: no name invented  # type: ignore[union-attr]
    assert people.get("HS").kind.value == "role"  # type: ignore[union-attr]
    assert "sheet 'Notes': no row of column headings recognised" in out
    assert "sheet 'Action plan', row 6, column D: 'Ongoing': not a date: kept as " in out
    assert "sheet 'Action plan', row 7, column E: 'Not started': not a RAG rating" in out


def test_the_report_of_an_import(tmp_path: Path) -> None:
    source = ofsted_workbook(tmp_path / "tracker.xlsx")
    code, out, err = run("import", str(source), "--plans", str(tmp_path / "none"), "--sheet", "Action plan", "-o", "-")
    assert code == 0, err
    assert out.startswith("# Imported by 'plantool import' from tracker.xlsx.")
    report = err
    golden = GOLDEN / "import-report.txt"
    if os.environ.get("PLANTOOL_UPDATE_GOLDEN"):
        golden.write_text(report, encoding="utf-8")
    assert report == golden.read_text(encoding="utf-8")


def test_a_word_table_with_a_finding_merged_down_beside_its_actions(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=5, cols=5)
    for column, heading in enumerate(["Areas for improvement", "Actions", "Lead", "Timescale", "Progress"]):
        table.cell(0, column).text = heading
    finding = table.cell(1, 0).merge(table.cell(3, 0))
    finding.text = "Placement sufficiency"
    finding.add_paragraph("Too many children live far from home.")
    rows = [
        ("Open two homes", "DS", "Q1 2024/25", ""),
        ("Recruit carers", "LJ", "TBC", ""),
        ("Review", "DS & LJ", "2023/24", ""),
    ]
    for index, (action, lead, due, update) in enumerate(rows, start=1):
        for column, value in enumerate([action, lead, due, update], start=1):
            table.cell(index, column).text = value
    table.cell(4, 0).text = "Leaving care"
    table.cell(4, 1).text = "Refresh the local offer"
    table.cell(4, 2).text = "Assistant Director - Lisa Jamieson"
    table.cell(4, 3).text = "31/07/2023"
    source = tmp_path / "inspection.docx"
    document.save(str(source))
    folder = tmp_path / "plans"

    code, out, err = run("import", str(source), "--plans", str(folder), "--plan-id", "ilacs")

    assert code == 0, out + err
    plan = loads_cleanly(folder).plan("ilacs")
    assert plan is not None
    findings = plan.file.findings
    assert [(f.title, f.finding, [a.title for a in f.actions]) for f in findings] == [
        ("Placement sufficiency", "Placement sufficiency\nToo many children live far from home.",
         ["Open two homes", "Recruit carers", "Review"]),
        ("Leaving care", None, ["Refresh the local offer"]),
    ]  # fmt: skip
    dues = [a.due.end if a.due else None for f in findings for a in f.actions]
    assert dues == [date(2024, 6, 30), None, date(2024, 3, 31), date(2023, 7, 31)]
    # Each due is written in format v2's form of what the cell said, never a day it did not say.
    actions = [a for f in findings for a in f.actions]
    assert [(str(a.due) if a.due else None, a.due_note) for a in actions] == [
        ("2024-Q2", None), (None, "TBC"), ("2023/24", None), ("2023-07-31", None)]  # fmt: skip
    text = (folder / "ilacs.yaml").read_text(encoding="utf-8")
    # The comment that says how the cell was read stands above its action.
    assert "# import: due 'Q1 2024/25': quarter 1 of financial year 2024/25, April to June 2024\n" in text
    assert "        due: 2024-Q2\n" in text
    assert "# import: due cell 'TBC' is not a date: kept as due_note, no due date\n" in text
    assert "        due_note: TBC\n" in text
    assert '        due: "2023/24"\n' in text
    # "LJ" stands alone above; Lisa Jamieson may or may not be LJ, so she gets her own id and the report says why.
    assert [a.leads for a in findings[1].actions] == [["LiJ"]]
    assert "LiJ (Lisa Jamieson): LJ is already an id; if that is this person, use it instead" in out


def test_priorities_repeated_headings_and_undated_updates(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Service Plan 2024/25", level=1)
    table = document.add_table(rows=7, cols=5)
    layout = [
        ("SP1 Safer children", None, None, None, None),
        ("Ref", "Action", "Lead", "By when", "Update"),
        ("1.1", "*Audit the front door", "JT", "Jun-24", "Audit booked"),
        ("1.2", "Refresh thresholds", "JT", "Monthly", ""),
        ("SP2 Stronger families", None, None, None, None),
        ("Ref", "Action", "Lead", "By when", "Update"),
        ("2.1", "Expand family hubs", "AH", "Q3 2024", ""),
    ]
    for index, values in enumerate(layout):
        if values[1] is None:
            table.cell(index, 0).merge(table.cell(index, 4)).text = values[0] or ""
            continue
        for column, value in enumerate(values):
            table.cell(index, column).text = value or ""
    source = tmp_path / "plan.docx"
    document.save(str(source))
    output = tmp_path / "out" / "service.yaml"

    code, out, err = run("import", str(source), "-o", str(output), "--update-date", "2024-05")

    assert code == 0, out + err
    plan = loads_cleanly(output.parent).plan("service-plan-2024-25")
    assert plan is not None
    priorities = plan.file.priorities
    assert [(p.id, p.title) for p in priorities] == [("SP1", "Safer children"), ("SP2", "Stronger families")]
    first = priorities[0].actions[0]
    assert (first.id, first.title, first.carried_forward) == ("1.1", "Audit the front door", True)
    assert [(str(u.date), u.text) for u in first.updates] == [("2024-05", "Audit booked")]
    assert (priorities[0].actions[1].due, priorities[0].actions[1].due_note) == (None, "Monthly")  # never a date
    assert str(priorities[1].actions[0].due) == "2024-Q3"


def test_csv_in_windows_1252_with_columns_named_by_map(tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_bytes(
        "Strategic Priority 1: Café culture\r\n1,Open the café,Zoë Brontë,31/03/2024,Green\r\n".encode("cp1252")
    )
    folder = tmp_path / "plans"
    code, out, err = run("import", str(source), "--plans", str(folder), "--map", "ref=A,action=B,lead=C,due=D,status=E")
    assert code == 0, out + err
    assert "read as Windows-1252" in out
    workspace = loads_cleanly(folder)
    plan = workspace.plan("plan")
    assert plan is not None
    action = plan.file.priorities[0].actions[0]
    priority = plan.file.priorities[0]
    assert (priority.id, priority.source_ref, action.title, str(action.due), str(action.status)) == (
        "SP1", "Strategic Priority 1", "Open the café", "2024-03-31", "GREEN")  # fmt: skip
    assert workspace.people.label(action.leads[0]) == "Zoë Brontë"


def test_new_people_are_added_to_the_people_file_in_its_own_style(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    existing = b'people:\r\n    - id: "GT"\r\n      name: Graham Tilby\r\n'
    (folder / "people.yaml").write_bytes(existing)
    source = tmp_path / "plan.csv"
    source.write_text("Action,Lead\nOne,Graham Tilby / Mo Farah\nTwo,GT and MF\n", encoding="utf-8")

    code, out, err = run("import", str(source), "--plans", str(folder))

    assert code == 0, out + err
    after = (folder / "people.yaml").read_bytes()
    assert after.startswith(existing)
    assert b'\r\n    - id: "MF"\r\n      name: Mo Farah\r\n' in after
    assert after.count(b"id:") == 2  # Graham Tilby matched by name and by id; Mo Farah once
    workspace = loads_cleanly(folder)
    assert [a.leads for a in workspace.plan("plan").file.priorities[0].actions] == [["GT", "MF"], ["GT", "MF"]]  # type: ignore[union-attr]
    assert sorted(p.name for p in folder.iterdir()) == ["people.yaml", "plan.yaml"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "data", "args", "message"),
    [
        ("plan.txt", b"Action,Lead\n", (), "imports .docx, .xlsx and .csv"),
        ("plan.docx", b"not a zip", (), "is not a Word document"),
        ("plan.xlsx", b"PK\x03\x04 broken", (), "is not an Excel workbook"),
        ("plan.csv", b"Action,Lead\n\x81\x8d,x\xe9\n", (), "cannot tell the encoding"),
        ("plan.csv", b"Colour,Size\nred,big\n", (), "no plan found in plan.csv"),
        ("plan.csv", b"Action,Lead\nOne,GT\n", ("--map", "action=B9"), "--map"),
        ("plan.csv", b"Action,Lead\nOne,GT\n", ("--sheet", "One"), "--sheet is for .xlsx"),
        ("plan.csv", b"Action,Lead\nOne,GT\n", ("--plan-id", "Not A Slug"), "is not a plan id"),
        ("plan.csv", b"Action,Lead\nOne,GT\n", ("--update-date", "soon"), "--update-date"),
        ("plan.csv", b"Action,Lead\nOne,GT\n", ("--year", "2023"), "--year"),
    ],
)
def test_bad_input_is_a_usage_error_with_a_reason(
    tmp_path: Path, name: str, data: bytes, args: tuple[str, ...], message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    code, out, err = run("import", str(source), "--plans", str(tmp_path / "plans"), *args)
    assert code == 2, out + err
    assert message in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "plans").exists() or not any((tmp_path / "plans").iterdir())


def test_an_import_never_replaces_a_file(tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text("Action,Lead\nOne,GT\n", encoding="utf-8")
    target = tmp_path / "plans" / "mine.yaml"
    target.parent.mkdir()
    target.write_text("precious\n", encoding="utf-8")
    code, _out, err = run("import", str(source), "-o", str(target), "--plan-id", "other")
    assert code == 2 and "exists" in err
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.yaml"]


def test_import_is_listed_in_help_and_needs_no_slow_library_for_other_commands() -> None:
    import subprocess
    import sys

    code = "import sys; from plantool.cli import app; print('docx' in sys.modules, 'openpyxl' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_the_date_as_written_wins_over_the_day_it_ends_and_an_area_column_sets_the_area(tmp_path: Path) -> None:
    source = tmp_path / "plan.csv"
    source.write_text(
        "Area,Finding,Action,Lead,due,due_as_written,due_note\n"
        "Leadership,Audit is patchy,Audit monthly,GT,2024-03-31,2024-03,\n"
        "Leadership,Audit is patchy,Train auditors,GT,,,When the budget allows\n",
        encoding="utf-8",
    )
    folder = tmp_path / "plans"
    code, out, err = run("import", str(source), "--plans", str(folder))
    assert code == 0, out + err
    assert "'due' -> ignored (the due date as written is in another column)" in out
    plan = loads_cleanly(folder).plan("plan")
    assert plan is not None
    finding = plan.file.findings[0]
    assert (finding.area, finding.title, [a.title for a in finding.actions]) == (
        "Leadership", "Audit is patchy", ["Audit monthly", "Train auditors"])  # fmt: skip
    first, second = finding.actions
    assert str(first.due) == "2024-03"  # the month, as the plan wrote it, not the day it ends
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert second.due is None and "When the budget allows" in text


def test_a_problem_the_folder_already_had_does_not_stop_an_import(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "people.yaml").write_text("people:\n  - id: GT\n    name: Graham Tilby\n  - id: GT\n", encoding="utf-8")
    (folder / "broken.yaml").write_text("plan:\n  id: broken\n  title: [unclosed\n", encoding="utf-8")
    source = tmp_path / "plan.csv"
    source.write_text("Action,Lead\nOne,Graham Tilby / Mo Farah\n", encoding="utf-8")
    code, out, err = run("import", str(source), "--plans", str(folder))
    assert code == 0, out + err
    assert "Added 1 people to" in out
    assert load_folder(folder).plan("plan") is not None


def test_merged_cells_in_a_workbook_are_read_as_a_person_reads_them(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Areas for improvement", "Actions", "Lead", "Timescale"])
    sheet.append(["What needs to improve"])
    sheet.merge_cells("A2:D2")  # an area row across the table
    sheet.append(["Placement sufficiency", "Open two homes", "DS", "March 2024"])
    sheet.append([None, "Recruit carers", "LJ", "Sept 23"])
    sheet.append([None, "Review", None, "2024-06"])
    sheet.merge_cells("A3:A5")  # the finding beside its three actions
    sheet.merge_cells("C4:C5")  # one lead for the last two
    sheet.append(["Leaving care", "Refresh the local offer", "GT", "Jul-23"])
    source = tmp_path / "merged.xlsx"
    workbook.save(source)
    folder = tmp_path / "plans"

    code, out, err = run("import", str(source), "--plans", str(folder))

    assert code == 0, out + err
    plan = loads_cleanly(folder).plan("merged")
    assert plan is not None
    assert [(f.area, f.title, [(a.title, a.leads) for a in f.actions]) for f in plan.file.findings] == [
        ("What needs to improve", "Placement sufficiency",
         [("Open two homes", ["DS"]), ("Recruit carers", ["LJ"]), ("Review", ["LJ"])]),
        ("What needs to improve", "Leaving care", [("Refresh the local offer", ["GT"])]),
    ]  # fmt: skip
