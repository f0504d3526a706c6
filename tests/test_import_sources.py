"""``plantool import`` against the bundled plans: the seed's SP3 table rebuilt as Word lays it out, and the CSV round trip.

The SP3 fixture is the table of the source document's Development Plan as its
cells come (a priority row spanning the table, a heading row whose first two
cells are merged and blank, numbers such as "3.1*" and "3.09", leads written
"Role - Full Name" joined by "/" over several lines), built in code with
python-docx. Importing it must give the bundled plan's SP3 actions: the same
titles, leads, due dates and carried-forward marks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app
from plantool.judgements import effective_due
from plantool.workspace import Item, Workspace, load_folder

docx = pytest.importorskip("docx")

BUNDLED_PLANS = Path(__file__).resolve().parent.parent / "plans"

DS = "Director of Commissioning & Corporate Parenting - David Stringfellow"
SP3_ROWS = [
    ("3.1*", "Improve the numbers and capacity of foster carers to support placement choice and permanence.  Target: 30 additional ",
     f"{DS} / Assistant Director - Lisa Jamieson", "March 2024",
     "Full marketing campaign is underway with an innovative range of marketing strategies. "),
    ("3.2*", "Deliver the CwD residential strategy (noting that this is a 3yr programme of work). Tangible deliverables in year to be determined through the work plan ",
     f"{DS} / Assistant Director – Lisa Jamieson", "March 2026",
     "Residential Strategy presented to Exec 19 April – this was deferred. Next likely schedule is 11 May but TBC"),
    ("3.3", "Deliver a 4 single-bedded residential cluster ", f"{DS} / Assistant Director – Lisa Jamieson", "March 2025", ""),
    ("3.4*", "Recommissioning the universal Short Breaks Offer.", f"{DS} / Assistant Director – Lisa Jamieson", "March 2024",
     "Working group established (now co-led with Education and Skills) and re commissioning programme set out. "),
    ("3.5 ", "Develop and publish the 23/25 Sufficiency Strategy", DS, "September 2023", ""),
    ("3.6*", "Work with wider partners to develop and implement a Family Hub Model of Practice.",
     f"Director of Practice - Jenny Turnross / \nAssistant Director – Alison Holmes / \n{DS}", "March 2024",
     "A new project lead has been recruited and a Trust lead has been recruited - final delivery plan submitted to DfE on 13th Jan 2023 - now in implementation stage."),
    ("3.7*", "CiC MH and wellbeing offer – through Trust and FTB collaboration, deliver a more comprehensive and accessible Mental Health and Wellbeing Offer to children in care and children with care experience.  \nNeeds redefining so more specific and agree one strategic lead",
     f"Assistant Director Disabilities - Alison Montgomery / \n{DS} / Assistant Director Safeguarding – Graham Tilby", "March 2024",
     "Proposals re: access hub presented to Directors/ADs in December"),
    ("3.8*", "Develop and deliver placements portal to more effectively manage home finding activity and intelligence gathering in relation to children needing care. ",
     DS, "October 2023", "Preliminary work completed and next round of government bidding to be submitted during the summer. Work remains on track. "),
    ("3.09", "Establish improved tripartite policy and practice ", DS, "September 2023", ""),
    ("3.10", "Develop and deliver a joint residential offer via a public/private collaboration", DS, "March 2024", ""),
]  # fmt: skip


def _set(cell: object, text: str) -> None:
    """Paragraphs as Word keeps them: one per line of the cell."""
    lines = text.split("\n")
    cell.text = lines[0]  # type: ignore[attr-defined]
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]


def sp3_document(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Development Plan 2023/2024", level=1)
    document.add_paragraph("Actions starred* are carried forward from the previous plan with amended timescales")
    key = document.add_table(rows=4, cols=1)  # the RAG key: a table with no column headings
    for row, text in zip(key.rows, ["GREEN On Target for delivery", "AMBER Delays / Issues but delivery on course",
                                    "RED Major Issues preventing delivery", "BLUE Complete"], strict=True):  # fmt: skip
        row.cells[0].text = text
    table = document.add_table(rows=2 + len(SP3_ROWS), cols=6)
    _set(table.cell(0, 0).merge(table.cell(0, 5)), "Strategic Priority 3\nSufficiency and Models of Care")
    table.cell(1, 0).merge(table.cell(1, 1))
    for column, heading in enumerate(["Lead(s)", "Date to complete", "Progress update", "RAG Status"], start=2):
        table.cell(1, column).text = heading
    for index, values in enumerate(SP3_ROWS, start=2):
        for column, value in enumerate(values):
            _set(table.cell(index, column), value)
    document.save(str(path))
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def sp3_actions(workspace: Workspace, plan_id: str) -> list[tuple[str, str, tuple[str, ...], str, bool, str | None]]:
    plan = workspace.plan(plan_id)
    assert plan is not None
    priority = next(p for p in plan.file.priorities if p.id == "SP3")
    return [(a.id, a.title, tuple(a.leads), str(a.due), a.carried_forward, a.source_ref) for a in priority.actions]


def test_the_seeds_sp3_table_gives_the_bundled_plans_sp3_actions(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(BUNDLED_PLANS / "people.yaml", folder / "people.yaml")
    people_before = (folder / "people.yaml").read_bytes()
    source = sp3_document(tmp_path / "development-plan.docx")

    code, output = run("import", str(source), "--plans", str(folder), "--plan-id", "tdp-sp3")

    assert code == 0, output
    imported = load_folder(folder)
    assert [str(p) for p in imported.problems if p.severity.value == "error"] == []
    assert sp3_actions(imported, "tdp-sp3") == sp3_actions(load_folder(BUNDLED_PLANS), "tdp-2023-24")
    # Everyone is already in people.yaml (matched by name): the file is untouched.
    assert (folder / "people.yaml").read_bytes() == people_before
    assert "table 1: no row of column headings recognised" in output  # the RAG key, reported as skipped
    assert "'Lead(s)' -> lead (heading)" in output
    plan = imported.plan("tdp-sp3")
    assert plan is not None and plan.title == "Development Plan 2023/2024"
    priority = plan.file.priorities[0]
    assert (priority.id, priority.title) == ("SP3", "Sufficiency and Models of Care")


def test_sp3_without_a_people_file_names_people_by_initials_and_writes_one(tmp_path: Path) -> None:
    source = sp3_document(tmp_path / "plan.docx")
    code, output = run("import", str(source), "--plans", str(tmp_path / "plans"))
    assert code == 0, output
    people = (tmp_path / "plans" / "people.yaml").read_text(encoding="utf-8")
    assert 'id: "DS"\n    name: David Stringfellow\n    role: Director of Commissioning & Corporate Parenting' in people
    imported = load_folder(tmp_path / "plans")
    assert not imported.problems
    plan = imported.plan("development-plan-2023-2024")
    assert plan is not None
    leads = {a.id: list(a.leads) for a in plan.file.priorities[0].actions}
    assert leads["3.6"] == ["JT", "AH", "DS"] and leads["3.7"] == ["AM", "DS", "GT"]
    # Importing again beside it adds nobody twice, and refuses to replace the plan.
    code, output = run("import", str(source), "--plans", str(tmp_path / "plans"))
    assert code == 2 and "already has a plan" in output


@pytest.mark.parametrize(("plan_id", "kind"), [("tdp-2023-24", "development"), ("ofsted-ilacs-2023", "inspection")])
def test_export_then_import_gives_back_the_same_actions(tmp_path: Path, plan_id: str, kind: str) -> None:
    exported = tmp_path / "export.csv"
    code, output = run(
        "export", "--plans", str(BUNDLED_PLANS), "--plan", plan_id, "--as-of", "2023-01-01", "-o", str(exported)
    )
    assert code == 0, output
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(BUNDLED_PLANS / "people.yaml", folder / "people.yaml")

    # No --plan-id: the export's plan column names it.
    code, output = run("import", str(exported), "--plans", str(folder), "--kind", kind)

    assert code == 0, output
    imported = load_folder(folder)
    assert [str(p) for p in imported.problems if p.severity.value == "error"] == []
    bundled = load_folder(BUNDLED_PLANS)

    as_written = "due_as_written" in exported.read_text(encoding="utf-8-sig").splitlines()[0].split(",")

    def rows(workspace: Workspace, source: bool) -> list[tuple[object, ...]]:
        """What the round trip must keep: each action's group, id, title, leads, due, status, star.

        The due is the one the export writes: the date as the plan wrote it, when the export
        has a due_as_written column; else the day it falls due, which for a recurring action
        is the occurrence now due (the CSV has no recurrence column to give the cycle back).
        """

        def due(item: Item) -> object:
            if as_written:
                return str(item.due) if item.due else None
            return effective_due(item) if source else (item.due.end if item.due else None)

        return sorted(
            (item.group.id, item.id, item.title, item.leads, due(item),
             str(item.status) if item.status else None, item.carried_forward)
            for item in workspace.items
            if item.plan.id == plan_id
        )  # fmt: skip

    assert rows(imported, source=False) == rows(bundled, source=True)


def test_an_export_of_several_plans_is_refused_not_merged(tmp_path: Path) -> None:
    exported = tmp_path / "all.csv"
    assert run("export", "--plans", str(BUNDLED_PLANS), "-o", str(exported))[0] == 0
    code, output = run("import", str(exported), "--plans", str(tmp_path / "plans"))
    assert code == 2
    assert "all.csv holds the actions of 2 plans ('ofsted-ilacs-2023' (all.csv, row 2, column B)" in output
    assert not (tmp_path / "plans").exists()
