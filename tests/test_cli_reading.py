"""The reading commands through the command line: list, overdue, status, show, leads (README, "Commands").

Most tests drive ``plantool.cli.app`` with Typer's ``CliRunner`` from the
repository root on the bundled plans (``--plans plans``) at a fixed
``--as-of``; a few run the installed ``plantool`` script and
``python -m plantool`` in a subprocess, and a few run it inside a
pseudo-terminal to see what a person at a terminal sees.

GOLDEN FILES. ``tests/golden/`` holds the exact text and Markdown output of
the main reports on the bundled plans. ``assert_golden`` compares exactly and
shows a diff on failure. After an intended change of output, regenerate them
with

    PLANTOOL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_cli_reading.py

then read ``git diff tests/golden`` line by line before committing: the
golden files are only worth what their review was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PEOPLE, assert_golden, plain_environment
from plantool.cli import app
from plantool.render.terminal.style import STATUS_STYLE

ROOT = Path(__file__).resolve().parent.parent

ANNUAL_CONVERSATION = "2023-05-26"  # the plans were brought up to date for it
AUTUMN = "2023-10-01"
LATER = "2026-11-27"

TDP = "tdp-2023-24"
OFSTED = "ofsted-ilacs-2023"

LIST_KEYS = {"ref", "plan", "id", "title", "leads", "due", "status", "overdue", "file", "line"}
COUNT_KEYS = {"total", "by_status", "overdue", "due_soon"}
STATUS_NAMES = {"GREEN", "AMBER", "RED", "BLUE", "UNRATED"}


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts at the repository root with no date or colour settings from the caller's shell."""
    plain_environment(monkeypatch)
    monkeypatch.chdir(ROOT)


def run(*args: str, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    """``plantool ARGS`` through CliRunner; stdout and stderr come back separately."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def bundled(*args: str, as_of: str | None = ANNUAL_CONVERSATION, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    """``plantool ARGS --plans plans [--as-of AS_OF]`` on the bundled plans."""
    extra = ["--plans", "plans"] + (["--as-of", as_of] if as_of is not None else [])
    return run(*args, *extra, env=env)


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.stderr == "", result.stderr
    return result.stdout


def json_rows(*args: str, as_of: str = ANNUAL_CONVERSATION) -> list[dict]:
    return json.loads(ok(bundled("list", *args, "--format", "json", as_of=as_of)))


def list_refs(*args: str, as_of: str = ANNUAL_CONVERSATION) -> list[str]:
    return [row["ref"] for row in json_rows(*args, as_of=as_of)]


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space: phrases survive line wrapping."""
    return " ".join(text.split())


def no_traceback(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


# ---------------------------------------------------------------------------
# list: every filter flag on the bundled plans


def _tdp(*ids: str) -> list[str]:
    return [f"{TDP}/{i}" for i in ids]


def _finding(finding: str, count: int) -> list[str]:
    return [f"{OFSTED}/{finding}.{n}" for n in range(1, count + 1)]


CARRIED_FORWARD = _tdp("1.4", "1.5", "2.1", "2.3", "2.4", "2.5", "3.1", "3.2", "3.4", "3.6", "3.7", "3.8")
JT_ACTIONS = _finding("audit-ownership", 3) + _tdp("1.1", "1.4", "2.2", "3.6", "4.1")
CHILDS_JOURNEY = [f"{OFSTED}/supervision.1", f"{OFSTED}/support-post-21.1", *_tdp("1.2", "1.3", "1.4", "2.8", "4.1")]


@pytest.mark.parametrize(
    ("args", "as_of", "expected"),
    [
        (["--plan", TDP], ANNUAL_CONVERSATION, 31),
        (["--plan", OFSTED], ANNUAL_CONVERSATION, 88),
        (["--priority", "SP3"], ANNUAL_CONVERSATION, _tdp(*(f"3.{n}" for n in range(1, 11)))),
        (["--priority", "legal-permanence"], ANNUAL_CONVERSATION, _finding("legal-permanence", 12)),
        (
            ["--area", "impact of leaders"],
            ANNUAL_CONVERSATION,
            _finding("performance-reporting", 3) + _finding("qa-closing-the-loop", 3) + _finding("supervision", 3),
        ),
        (["--area", "Early Help"], ANNUAL_CONVERSATION, 38),
        (["--lead", "DoP"], ANNUAL_CONVERSATION, sorted(JT_ACTIONS)),  # the alias is the person JT
        (["--lead", "JT"], ANNUAL_CONVERSATION, sorted(JT_ACTIONS)),
        (["--lead", "jenny turnross"], ANNUAL_CONVERSATION, sorted(JT_ACTIONS)),  # her name, any case
        (
            ["--lead", "MW", "--lead", "DP"],
            ANNUAL_CONVERSATION,
            sorted(
                [
                    *_finding("cass-mash-initial-decisions", 1),
                    *_finding("strategy-discussions", 1),
                    *_finding("da-single-agency-triage", 2),
                    *_tdp("1.3", "1.9"),
                ]
            ),
        ),
        (["--status", "unrated"], ANNUAL_CONVERSATION, 119),  # the source's RAG column is blank
        (["--status", "GREEN"], ANNUAL_CONVERSATION, 0),
        (["--status", "red", "--status", "UNRATED"], ANNUAL_CONVERSATION, 119),
        (
            ["--overdue"],
            ANNUAL_CONVERSATION,
            sorted(_finding("connected-carers-unregulated", 2) + _finding("panel-minutes", 2)),
        ),
        (["--overdue"], AUTUMN, 70),
        (
            ["--due-before", "2023-06-01"],
            ANNUAL_CONVERSATION,
            sorted(
                _finding("connected-carers-unregulated", 2)
                + _finding("panel-minutes", 2)
                + _finding("senior-leader-audit-days", 2)
            ),
        ),
        (["--due-after", "2025-01-01"], ANNUAL_CONVERSATION, _tdp("3.2", "3.3")),
        (["--due-within", "30"], ANNUAL_CONVERSATION, _finding("senior-leader-audit-days", 2)),
        (["--due-within", "30"], AUTUMN, _tdp("3.8")),  # 2023-10-31 is 30 days on: inclusive
        (["--due-within", "29"], AUTUMN, []),
        (["--unowned"], ANNUAL_CONVERSATION, []),  # every bundled action has a lead
        (["--carried-forward"], ANNUAL_CONVERSATION, CARRIED_FORWARD),
        (["--search", "TAVISTOCK"], ANNUAL_CONVERSATION, _tdp("1.4")),  # an update
        (["--search", "under-resourced"], ANNUAL_CONVERSATION, _finding("domestic-abuse", 8)),  # finding text
        (["--search", "southwark"], ANNUAL_CONVERSATION, _finding("homeless-16-17", 2)),  # finding title
        (
            ["--search", "Practice Academy"],
            ANNUAL_CONVERSATION,
            sorted([*_tdp("1.5"), *_finding("earlier-pa-allocation", 3)[2:]]),
        ),  # titles
        # straight and curly quotes find the same: the plans write "Child's Journey" with both
        (["--search", "child's journey"], ANNUAL_CONVERSATION, CHILDS_JOURNEY),
        (["--search", "CHILD’S JOURNEY"], ANNUAL_CONVERSATION, CHILDS_JOURNEY),
        (["--priority", "sp3"], ANNUAL_CONVERSATION, _tdp(*(f"3.{n}" for n in range(1, 11)))),  # any case
        (["--priority", f"{TDP}/SP4"], ANNUAL_CONVERSATION, _tdp("4.1", "4.2", "4.3")),  # a full reference
        (["--priority", f"{OFSTED}/panel-minutes"], ANNUAL_CONVERSATION, _finding("panel-minutes", 2)),
        (
            ["--plan", OFSTED, "--lead", "LJ", "--overdue"],
            ANNUAL_CONVERSATION,
            sorted(_finding("connected-carers-unregulated", 2) + _finding("panel-minutes", 2)),
        ),
        (["--plan", TDP, "--overdue"], AUTUMN, 15),
        (
            ["--plan", TDP, "--lead", "LYH", "--due-before", "2023-10-01"],
            AUTUMN,
            _tdp("2.2", "2.3", "2.4", "2.5", "2.6", "2.9"),  # 2.6 by its open 2023-09-30 milestone
        ),
        (
            ["--area", "early help", "--search", "MASH"],
            ANNUAL_CONVERSATION,
            sorted(_finding("cass-mash-initial-decisions", 1) + _finding("strategy-discussions", 1)),
        ),
    ],
)
def test_list_filter_flags(args: list[str], as_of: str, expected: int | list[str]) -> None:
    refs = list_refs(*args, "--sort", "ref", as_of=as_of)
    if isinstance(expected, int):
        assert len(refs) == expected
    else:
        assert refs == sorted(expected, key=_natural)
    # the table says the same count and the date
    table = ok(bundled("list", *args, as_of=as_of))
    noun = "action" if len(refs) == 1 else "actions"
    assert table.splitlines()[0] == f"{len(refs)} {noun} as of {as_of}"


TAGGED_PLAN = """\
plan:
  id: tagged
  title: Tags and owners
priorities:
  - id: SP1
    title: One
    actions:
      - {id: "1", title: Digital and people, leads: [AB], due: 2023-09, tags: [digital, people]}
      - {id: "2", title: People only, leads: [AB], due: 2023-09, tags: [people]}
      - {id: "3", title: Nobody leads this, due: 2023-09}
      - {id: "4", title: Nobody and no tags}
"""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--tag", "digital"], ["tagged/1"]),
        (["--tag", "people"], ["tagged/1", "tagged/2"]),
        (["--tag", "digital", "--tag", "people"], ["tagged/1", "tagged/2"]),  # repeated: any of them
        (["--unowned"], ["tagged/3", "tagged/4"]),
        (["--unowned", "--due-before", "2024-01-01"], ["tagged/3"]),
        (["--tag", "people", "--unowned"], []),
    ],
)
def test_list_tag_and_unowned_flags_fire(tmp_path: Path, args: list[str], expected: list[str]) -> None:
    plans = write_plans(tmp_path, TAGGED_PLAN)
    result = run("list", "--plans", str(plans), "--as-of", "2023-06-01", *args, "--format", "json")
    assert [row["ref"] for row in json.loads(ok(result))] == expected


def _natural(ref: str) -> list[object]:
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", ref) if part]


def test_list_without_filters_lists_every_action_in_file_order() -> None:
    refs = list_refs()
    assert len(refs) == 119
    assert refs[0] == f"{OFSTED}/domestic-abuse.1"  # files in sorted path order, items in file order
    assert refs[88] == f"{TDP}/1.1"
    assert refs[-1] == f"{TDP}/4.3"


def _table_cells(text: str) -> list[list[str]]:
    """The cells of list's piped table, each cell's lines joined with all whitespace removed.

    Columns are found from the header; a line with an empty Ref cell continues the row above.
    """
    lines = text.splitlines()
    header = lines[1]
    starts = [header.index(name) for name in ("Ref", "Title", "Leads", "Due", "Status")]
    ends = [*starts[1:], None]
    rows: list[list[list[str]]] = []
    for line in lines[2:]:
        cells = [line[start:end] for start, end in zip(starts, ends, strict=True)]
        if cells[0].strip():
            rows.append([[cell] for cell in cells])
        else:
            for parts, cell in zip(rows[-1], cells, strict=True):
                parts.append(cell)
    return [["".join("".join(parts).split()) for parts in row] for row in rows]


@pytest.mark.parametrize("as_of", [ANNUAL_CONVERSATION, AUTUMN])
def test_list_table_cuts_nothing_off(as_of: str) -> None:
    """Every title and lead in the piped table, wrapped or folded, is there whole (nothing is ever cut off)."""
    cells = _table_cells(ok(bundled("list", as_of=as_of)))
    rows = json_rows(as_of=as_of)
    assert len(cells) == len(rows) == 119
    for (ref, title, leads, due, status), row in zip(cells, rows, strict=True):
        assert row["ref"].endswith(ref)
        # The part of the source the action answers stands under its title (docs/decisions.md).
        source = row["source_ref"] or row["group_source_ref"]
        assert title == "".join((row["title"] + (f" source {source}" if source else "")).split())
        for lead, name in zip(row["leads"], row["lead_names"], strict=True):
            # A role with no name is "ID, Role" in JSON; the table shows "Role (ID)": both whole.
            assert "".join(name.removeprefix(f"{lead}, ").split()) in leads and lead in leads
        assert (row["due"] or "no date") in due or (row["due"] is None and "nodate" in due)
        assert status == "notrated"


@pytest.mark.parametrize("sort", ["due", "ref", "status", "lead"])
def test_list_sort_keeps_every_row(sort: str) -> None:
    assert sorted(list_refs("--sort", sort)) == sorted(list_refs())


def test_list_sort_ref_is_natural() -> None:
    refs = list_refs("--priority", "SP3", "--sort", "ref")
    assert refs[-2:] == [f"{TDP}/3.9", f"{TDP}/3.10"]
    refs = list_refs("--priority", "legal-permanence", "--sort", "ref")
    assert refs.index(f"{OFSTED}/legal-permanence.9") < refs.index(f"{OFSTED}/legal-permanence.10")


def test_list_sort_due_puts_the_earliest_first() -> None:
    rows = json_rows("--plan", TDP, "--sort", "due")
    dues = [row["due"] for row in rows if row["due"] is not None]
    assert dues == sorted(dues)
    assert rows[0]["ref"] == f"{TDP}/2.3"  # 2023-06-30 (annual, first occurrence), before 2.5 by ref
    # 2.6 has milestones only: it sorts at its next open milestone, not with the undated
    refs = [row["ref"] for row in rows]
    assert refs.index(f"{TDP}/2.6") < refs.index(f"{TDP}/3.2")


def test_list_sort_lead_groups_by_first_lead_name() -> None:
    rows = json_rows("--plan", TDP, "--sort", "lead")
    first_names = [row["lead_names"][0] for row in rows]
    assert first_names == sorted(first_names, key=str.casefold)


def test_list_sort_status_most_at_risk_first(tmp_path: Path) -> None:
    write_plans(tmp_path, RAG_PLAN)
    rows = json.loads(
        ok(
            run(
                "list",
                "--plans",
                str(tmp_path / "plans"),
                "--as-of",
                "2023-06-01",
                "--sort",
                "status",
                "--format",
                "json",
            )
        )
    )
    assert [row["status"] for row in rows] == ["RED", "AMBER", None, "GREEN", "BLUE"]


# ---------------------------------------------------------------------------
# overdue is list --overdue


@pytest.mark.parametrize("as_of", [ANNUAL_CONVERSATION, AUTUMN, LATER])
@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_overdue_equals_list_overdue(as_of: str, fmt: str) -> None:
    assert ok(bundled("overdue", "--format", fmt, as_of=as_of)) == ok(
        bundled("list", "--overdue", "--format", fmt, as_of=as_of)
    )


@pytest.mark.parametrize("args", [["--plan", TDP], ["--lead", "AxB", "--sort", "due"], ["--area", "leaders"]])
def test_overdue_takes_lists_filters(args: list[str]) -> None:
    assert ok(bundled("overdue", *args, "--format", "json", as_of=AUTUMN)) == ok(
        bundled("list", "--overdue", *args, "--format", "json", as_of=AUTUMN)
    )


def test_overdue_rows_are_all_overdue() -> None:
    rows = json.loads(ok(bundled("overdue", "--format", "json", as_of=AUTUMN)))
    assert len(rows) == 70
    assert all(row["overdue"] for row in rows)
    assert all(row["due"] is None or row["due"] < AUTUMN for row in rows)


# ---------------------------------------------------------------------------
# JSON shapes (README, "Commands"): one document on stdout, the keys that must exist


def _item_lines() -> dict[str, int]:
    """The line of each action's ``- id:`` in the bundled files, found by reading them as text."""
    lines: dict[str, int] = {}
    tdp_lines = (ROOT / "plans" / f"{TDP}.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(tdp_lines, 1):
        match = re.fullmatch(r'\s*- id: "(\d+\.\d+)"', line)
        if match:
            lines[f"{TDP}/{match[1]}"] = number
    finding = None
    ofsted_lines = (ROOT / "plans" / f"{OFSTED}.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(ofsted_lines, 1):
        match = re.fullmatch(r'  - id: "([a-z0-9-]+)"', line)
        if match:
            finding = match[1]
        match = re.fullmatch(r'      - id: "(\d+)"', line)
        if match:
            lines[f"{OFSTED}/{finding}.{match[1]}"] = number
    return lines


@pytest.mark.parametrize("as_of", [ANNUAL_CONVERSATION, AUTUMN])
def test_list_json_shape(as_of: str) -> None:
    rows = json_rows(as_of=as_of)
    assert isinstance(rows, list) and len(rows) == 119
    lines = _item_lines()
    for row in rows:
        assert set(row) >= LIST_KEYS, row
        assert isinstance(row["ref"], str) and row["ref"] == f"{row['plan']}/{row['ref'].split('/', 1)[1]}"
        assert row["plan"] in (TDP, OFSTED)
        assert row["ref"].endswith(row["id"])
        assert isinstance(row["title"], str) and row["title"]
        assert isinstance(row["leads"], list) and all(isinstance(lead, str) for lead in row["leads"])
        assert row["due"] is None or date.fromisoformat(row["due"])
        assert row["status"] in (None, "GREEN", "AMBER", "RED", "BLUE")
        assert isinstance(row["overdue"], bool)
        assert row["file"] == f"plans/{row['plan']}.yaml"
        assert isinstance(row["line"], int) and row["line"] == lines[row["ref"]], row["ref"]
    by_ref = {row["ref"]: row for row in rows}
    assert by_ref[f"{TDP}/1.1"]["due"] == "2023-07-31"  # a due month gives its last day
    assert by_ref[f"{TDP}/1.1"]["leads"] == ["JT"]
    assert by_ref[f"{TDP}/2.6"]["due"] is None  # milestones only
    assert by_ref[f"{TDP}/2.3"]["due"] == "2023-06-30"  # recurs annually; the May update precedes June
    assert by_ref[f"{OFSTED}/da-single-agency-triage.1"]["due"] == "2023-07-31"  # quarterly after the April audit
    assert by_ref[f"{OFSTED}/audit-ownership.1"]["leads"] == ["DoP", "AxB"]  # as written
    assert by_ref[f"{OFSTED}/domestic-abuse.1"]["leads"] == ["GT"]  # the finding's
    assert by_ref[f"{OFSTED}/domestic-abuse.1"]["title"].startswith("Review and update the Partnership DA Strategy")


def test_list_json_overdue_flags() -> None:
    rows = json_rows()
    assert {row["ref"] for row in rows if row["overdue"]} == set(
        _finding("connected-carers-unregulated", 2) + _finding("panel-minutes", 2)
    )


def test_list_json_empty_is_an_empty_array() -> None:
    assert ok(bundled("list", "--status", "GREEN", "--format", "json")).strip() == "[]"


def _assert_counts(obj: dict, total: int | None = None) -> None:
    assert set(obj) >= COUNT_KEYS, obj.keys()
    assert set(obj["by_status"]) == STATUS_NAMES
    assert all(isinstance(v, int) for v in obj["by_status"].values())
    assert sum(obj["by_status"].values()) == obj["total"]
    assert isinstance(obj["overdue"], int) and isinstance(obj["due_soon"], int)
    if total is not None:
        assert obj["total"] == total


@pytest.mark.parametrize(
    ("as_of", "overdue", "due_soon"),
    [(ANNUAL_CONVERSATION, 4, 2), (AUTUMN, 70, 1), (LATER, 116, 0)],
)
def test_status_json_shape(as_of: str, overdue: int, due_soon: int) -> None:
    document = json.loads(ok(bundled("status", "--format", "json", as_of=as_of)))
    assert document["as_of"] == as_of
    _assert_counts(document, 119)
    assert document["by_status"] == {"GREEN": 0, "AMBER": 0, "RED": 0, "BLUE": 0, "UNRATED": 119}
    assert (document["overdue"], document["due_soon"]) == (overdue, due_soon)
    plans = {plan["id"]: plan for plan in document["plans"]}
    assert set(plans) == {TDP, OFSTED}
    for plan in plans.values():
        _assert_counts(plan)
        assert isinstance(plan["groups"], list) and plan["groups"]
        for group in plan["groups"]:
            assert "id" in group
            _assert_counts(group)
        assert sum(group["total"] for group in plan["groups"]) == plan["total"]
    assert plans[TDP]["total"] == 31 and plans[OFSTED]["total"] == 88
    assert [(g["id"], g["total"]) for g in plans[TDP]["groups"]] == [("SP1", 9), ("SP2", 9), ("SP3", 10), ("SP4", 3)]
    assert [(g["id"], g["total"]) for g in plans[OFSTED]["groups"]] == [
        ("What needs to improve", 22),
        ("Early Help and Protection", 38),
        ("Care experienced young people", 2),
        ("Impact of leaders", 9),
        ("Additional improvement areas identified through the process of inspection", 17),
    ]
    assert plans[TDP]["overdue"] + plans[OFSTED]["overdue"] == overdue


def test_status_json_by_lead_and_for_one_plan() -> None:
    document = json.loads(ok(bundled("status", "--by", "lead", "--plan", TDP, "--format", "json")))
    assert document["as_of"] == ANNUAL_CONVERSATION
    _assert_counts(document, 31)
    (plan,) = document["plans"]
    assert plan["id"] == TDP
    groups = {g["id"]: g for g in plan["groups"]}
    assert groups["JT"]["total"] == 5  # 1.1, 1.4, 2.2, 3.6, 4.1
    assert groups["DS"]["total"] == 11
    for group in groups.values():
        _assert_counts(group)


def test_status_json_at_the_annual_conversation_counts_per_group() -> None:
    document = json.loads(ok(bundled("status", "--format", "json")))
    (ofsted,) = [p for p in document["plans"] if p["id"] == OFSTED]
    groups = {g["id"]: g for g in ofsted["groups"]}
    assert groups["Early Help and Protection"]["overdue"] == 2  # connected carers, due April
    assert (
        groups["Additional improvement areas identified through the process of inspection"]["overdue"] == 2
    )  # panel minutes
    assert (
        groups["Additional improvement areas identified through the process of inspection"]["due_soon"] == 2
    )  # audit days, May


def test_leads_and_show_json_are_one_document() -> None:
    leads = json.loads(ok(bundled("leads", "--format", "json")))
    assert leads["as_of"] == ANNUAL_CONVERSATION
    rows = {row["id"]: row for row in leads["leads"]}
    assert rows["JT"]["open"] == 8  # DoP's audit-ownership actions are JT's
    assert rows["LJ"]["overdue"] == 4
    shown = json.loads(ok(bundled("show", "3.1", "--format", "json")))
    assert shown["as_of"] == ANNUAL_CONVERSATION
    assert shown["ref"] == f"{TDP}/3.1"
    assert set(shown) >= LIST_KEYS


def test_leads_json_has_no_stand_ins_for_missing_people_or_names(tmp_path: Path) -> None:
    """The no-lead row has no id but a flag; a person without a name has a null name, not their id."""
    people = "people:\n  - {id: AB, name: Ann Brown, role: Head of Quality}\n  - {id: CD, role: Data lead}\n"
    plans = write_plans(
        tmp_path, TAGGED_PLAN.replace("title: People only, leads: [AB]", "title: People only, leads: [CD]"), people
    )
    document = json.loads(ok(run("leads", "--plans", str(plans), "--as-of", "2023-06-01", "--format", "json")))
    rows = [{key: row[key] for key in ("id", "name", "role", "unowned", "open")} for row in document["leads"]]
    assert rows == [
        {"id": "AB", "name": "Ann Brown", "role": "Head of Quality", "unowned": False, "open": 1},
        {"id": "CD", "name": None, "role": "Data lead", "unowned": False, "open": 1},
        {"id": None, "name": None, "role": None, "unowned": True, "open": 2},
    ]
    text = ok(run("leads", "--plans", str(plans), "--as-of", "2023-06-01"))
    assert "Data lead (CD)" in text and "(no lead)" in text  # the text still shows a label for both


def test_json_stays_one_document_when_a_file_has_problems(tmp_path: Path) -> None:
    plans = write_plans(tmp_path, RAG_PLAN)
    (plans / "broken.yaml").write_text("plan:\n  id: broken\n  title: [unclosed\n", encoding="utf-8")
    for args in (["list"], ["status"], ["leads"], ["overdue"]):
        result = run(*args, "--plans", str(plans), "--as-of", "2023-06-01", "--format", "json")
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)  # nothing else on stdout
        assert "problem" in result.stderr  # the warning goes to stderr


# ---------------------------------------------------------------------------
# CSV


def test_list_csv_parses_and_agrees_with_json() -> None:
    text = ok(bundled("list", "--format", "csv"))
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    rows = json_rows()
    assert len(records) == len(rows) == 119
    assert {"ref", "plan", "id", "title", "leads", "due", "status", "overdue", "file", "line"} <= set(records[0])
    for record, row in zip(records, rows, strict=True):
        assert record["ref"] == row["ref"]
        assert record["title"] == row["title"]  # commas and quotes survive the round trip
        assert record["due"] == (row["due"] or "")
        assert record["overdue"] == str(row["overdue"]).lower()
        assert record["line"] == str(row["line"])
        assert record["file"] == row["file"]


def test_list_csv_keeps_filters() -> None:
    text = ok(bundled("list", "--overdue", "--format", "csv", as_of=AUTUMN))
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(records) == 70
    assert all(record["overdue"] == "true" for record in records)


# ---------------------------------------------------------------------------
# The as-of date: --as-of, PLANTOOL_TODAY, and every report names it


def test_plantool_today_sets_the_date() -> None:
    result = bundled("list", "--overdue", as_of=None, env={"PLANTOOL_TODAY": AUTUMN})
    assert ok(result).splitlines()[0] == f"70 actions as of {AUTUMN}"


def test_as_of_wins_over_plantool_today() -> None:
    result = bundled("list", "--overdue", as_of=ANNUAL_CONVERSATION, env={"PLANTOOL_TODAY": AUTUMN})
    assert ok(result).splitlines()[0] == f"4 actions as of {ANNUAL_CONVERSATION}"
    # a bad PLANTOOL_TODAY does not matter when the flag is given
    result = bundled("status", as_of=ANNUAL_CONVERSATION, env={"PLANTOOL_TODAY": "not a date"})
    assert f"as of {ANNUAL_CONVERSATION}" in ok(result)


def test_bad_plantool_today_is_a_usage_error() -> None:
    result = bundled("status", as_of=None, env={"PLANTOOL_TODAY": "26/05/2023"})
    assert result.exit_code == 2
    assert "PLANTOOL_TODAY" in result.stderr
    assert "2024-03-31" in result.stderr  # shows the accepted form
    no_traceback(result)


def test_default_date_is_today() -> None:
    before = date.today().isoformat()
    out = ok(bundled("status", as_of=None, env={"PLANTOOL_TODAY": ""}))  # empty: as if unset
    assert f"as of {before}" in out or f"as of {date.today().isoformat()}" in out


AS_OF_NAMED = [
    (["status"], f"RAG status as of {ANNUAL_CONVERSATION}"),
    (["status", "--by", "lead"], f"RAG status as of {ANNUAL_CONVERSATION}"),
    (["status", "--format", "markdown"], f"# RAG status as of {ANNUAL_CONVERSATION}"),
    (["status", "--format", "json"], f'"as_of": "{ANNUAL_CONVERSATION}"'),
    (["list"], f"119 actions as of {ANNUAL_CONVERSATION}"),
    (["list", "--format", "markdown"], f"119 actions as of {ANNUAL_CONVERSATION}"),
    (["overdue"], f"4 actions as of {ANNUAL_CONVERSATION}"),
    (["overdue", "--format", "markdown"], f"4 actions as of {ANNUAL_CONVERSATION}"),
    (["list", "--status", "GREEN"], f"0 actions as of {ANNUAL_CONVERSATION}"),  # even when empty
    (["show", "3.1"], f"as of {ANNUAL_CONVERSATION}"),
    (["show", "domestic-abuse"], f"as of {ANNUAL_CONVERSATION}"),
    (["show", TDP], f"as of {ANNUAL_CONVERSATION}"),
    (["show", "SP2"], f"as of {ANNUAL_CONVERSATION}"),
    (["show", "3.1", "--format", "json"], f'"as_of": "{ANNUAL_CONVERSATION}"'),
    (["leads"], f"Workload per lead as of {ANNUAL_CONVERSATION}"),
    (["leads", "--format", "markdown"], f"Workload per lead as of {ANNUAL_CONVERSATION}"),
    (["leads", "--format", "json"], f'"as_of": "{ANNUAL_CONVERSATION}"'),
]


@pytest.mark.parametrize(("args", "phrase"), AS_OF_NAMED, ids=[" ".join(a) for a, _ in AS_OF_NAMED])
def test_every_report_names_the_as_of_date(args: list[str], phrase: str) -> None:
    assert phrase in ok(bundled(*args))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_list_machine_formats_name_the_as_of_date(fmt: str) -> None:
    assert ANNUAL_CONVERSATION in ok(bundled("list", "--plan", TDP, "--format", fmt, as_of=ANNUAL_CONVERSATION))


# ---------------------------------------------------------------------------
# show: an action, a finding, a plan, a priority


def test_show_action_in_full() -> None:
    text = ok(bundled("show", "3.1"))
    assert text.splitlines()[1].startswith(f"{TDP}/3.1: Improve the numbers and capacity of foster carers")
    out = flat(text)
    for expected in (
        "Trust Development Plan 2023/24 (tdp-2023-24), plans/tdp-2023-24.yaml:304",
        "SP3 Sufficiency and Models of Care",
        "DS: David Stringfellow, Director of Commissioning & Corporate Parenting",  # leads with names and roles
        "LJ: Lisa Jamieson, AD Commissioning",
        "2024-03-31",  # the due month's last day
        "not rated",
        "forward from the previous plan",
        "Additional foster carers",  # the target
        "30",
        "Full marketing campaign is underway",  # the update
        "2023-05",
    ):
        assert expected in out, expected


def test_show_accepts_full_references_and_tails() -> None:
    full = ok(bundled("show", f"{TDP}/1.4"))
    assert ok(bundled("show", "1.4")) == full
    finding_action = ok(bundled("show", "domestic-abuse.1"))
    assert ok(bundled("show", f"{OFSTED}/domestic-abuse.1")) == finding_action


def test_show_action_with_milestones() -> None:
    out = flat(ok(bundled("show", "2.6")))
    assert "Milestones" in out
    assert "2023-09-30" in out and "Strategy" in out
    assert "2023-12-31" in out and "Digital portal" in out
    assert "Source ref 1.6" in out


def test_show_a_findings_action_shows_the_finding() -> None:
    out = flat(ok(bundled("show", "domestic-abuse.1")))
    assert "domestic-abuse: The effectiveness of the response to domestic abuse." in out
    assert "What needs to improve" in out
    assert "GT: Graham Tilby, Assistant Director Safeguarding" in out
    assert "under-resourced to respond effectively" in out  # the finding's text
    assert "Meeting arranged with Deputy PCC" in out  # the finding's update belongs to the action


def test_show_finding_lists_its_actions() -> None:
    text = ok(bundled("show", "domestic-abuse"))
    assert text.splitlines()[1] == f"{OFSTED}/domestic-abuse: The effectiveness of the response to domestic abuse."
    out = flat(text)
    assert "Graham Tilby" in out
    assert "under-resourced to respond effectively" in out
    for n in range(1, 9):
        assert f"{OFSTED}/domestic-abuse.{n} " in out


def test_show_plan() -> None:
    out = ok(bundled("show", TDP))
    assert out.splitlines()[1] == f"{TDP}: Trust Development Plan 2023/24"
    assert "2023-04-01 to 2024-03-31" in out
    assert "Birmingham Children's Trust" in out
    for group in ("SP1", "SP2", "SP3", "SP4"):
        assert f"{group}: " in out
    for ref in ("1.1", "1.9", "2.6", "3.10", "4.3"):
        assert f"{TDP}/{ref} " in out


def test_show_priority() -> None:
    out = ok(bundled("show", "SP3"))
    assert out.splitlines()[1] == f"{TDP}/SP3: Sufficiency and Models of Care"
    for n in range(1, 11):
        assert f"{TDP}/3.{n} " in out
    assert f"{TDP}/4.1" not in out


FINDING_WITHOUT_ACTIONS = """\
plan:
  id: insp
  title: Inspection plan
  updated: 2023-05
findings:
  - id: lonely
    area: Impact of leaders
    title: A finding tracked on its own
    finding: >-
      Ofsted's words about the finding,
      over two lines.
    leads: [AB]
    due: 2023-07
    milestones:
      - {title: Interim report, due: 2023-06-15}
    target: {measure: Audits completed, target: 12, current: 3}
    updates:
      - {date: 2023-04, text: First update}
      - {date: 2023-05-20, text: Second update, status: AMBER, by: AB}
  - id: ordered
    title: Updates of a finding and its action, merged in date order
    leads: [AB]
    updates:
      - {date: 2023-01, text: Finding update in January}
      - {date: 2023-03, text: Finding update in March}
    actions:
      - id: "1"
        title: The action
        updates:
          - {date: 2023-02-10, text: Action update in February}
"""


def write_plans(tmp_path: Path, plan: str, people: str = PEOPLE, name: str = "plan.yaml") -> Path:
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(plan, encoding="utf-8")
    (folder / "people.yaml").write_text(people, encoding="utf-8")
    return folder


def test_show_finding_without_actions(tmp_path: Path) -> None:
    plans = write_plans(tmp_path, FINDING_WITHOUT_ACTIONS)
    out = flat(ok(run("show", "lonely", "--plans", str(plans), "--as-of", "2023-06-01")))
    assert "as of 2023-06-01" in out
    assert "insp/lonely: A finding tracked on its own" in out
    for expected in (
        "Impact of leaders",
        "AB: Ann Brown, Head of Quality",
        "2023-07-31",
        "Ofsted's words about the finding, over two lines.",
        "Interim report",
        "2023-06-15",
        "Audits completed",
        "First update",
        "Second update",
        "AMBER",
    ):
        assert expected in out, expected
    assert out.index("First update") < out.index("Second update")
    document = json.loads(ok(run("show", "lonely", "--plans", str(plans), "--as-of", "2023-06-01", "--format", "json")))
    assert document["kind"] == "finding"
    assert document["due"] == "2023-07-31"
    assert [u["text"] for u in document["updates"]] == ["First update", "Second update"]


def test_show_updates_in_date_order(tmp_path: Path) -> None:
    plans = write_plans(tmp_path, FINDING_WITHOUT_ACTIONS)
    out = ok(run("show", "ordered.1", "--plans", str(plans), "--as-of", "2023-06-01"))
    positions = [out.index(t) for t in ("in January", "in February", "in March")]
    assert positions == sorted(positions)


# ---------------------------------------------------------------------------
# Usage errors: exit 2 with a message, never a traceback


def test_unknown_reference_exits_2() -> None:
    result = bundled("show", "no-such-thing")
    assert result.exit_code == 2
    assert "no-such-thing" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


def test_ambiguous_reference_exits_2_and_lists_candidates() -> None:
    result = bundled("show", "1")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    for candidate in (f"{OFSTED}/domestic-abuse.1", f"{OFSTED}/written-plans.1", f"{OFSTED}/panel-minutes.1"):
        assert candidate in result.stderr
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize("command", [["list"], ["overdue"], ["status"], ["leads"], ["show", "3.1"]])
def test_missing_plans_folder_exits_2(command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(*command, "--plans", str(tmp_path / "nope"), "--as-of", ANNUAL_CONVERSATION)
    assert result.exit_code == 2
    assert "nope" in result.stderr
    no_traceback(result)
    monkeypatch.chdir(tmp_path)  # no ./plans here, and no plantool.toml
    result = run(*command, "--as-of", ANNUAL_CONVERSATION)
    assert result.exit_code == 2
    assert "plans" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize("command", [["list"], ["overdue"], ["status"], ["leads"], ["status", "--by", "lead"]])
def test_unknown_plan_exits_2(command: list[str]) -> None:
    result = bundled(*command, "--plan", "nope")
    assert result.exit_code == 2
    assert "'nope'" in result.stderr
    assert TDP in result.stderr and OFSTED in result.stderr  # what would have matched
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize("bad", ["2023-02-30", "26/05/2023", "2023-05", "tomorrow", ""])
@pytest.mark.parametrize("command", [["list"], ["status"], ["show", "3.1"], ["leads"], ["overdue"]])
def test_bad_as_of_exits_2(command: list[str], bad: str) -> None:
    result = bundled(*command, as_of=bad)
    assert result.exit_code == 2, result.output
    assert "--as-of" in result.stderr
    assert "YYYY-MM-DD" in result.stderr
    assert result.stdout == ""
    no_traceback(result)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--status", "purple"], ["purple", "unrated"]),
        (["--lead", "nobody"], ["nobody"]),
        (["--priority", "SP9"], ["SP9"]),
        (["--priority", "nope/SP1"], ["'nope'", TDP]),
        (["--tag", "anything"], ["'anything'", "no action has any tag"]),  # the bundled plans carry no tags
        (["--area", "Early Hlep"], ["'Early Hlep'", "Early Help and Protection"]),
        (["--area", "priority"], ["'priority'", "Impact of leaders"]),
        (["--due-before", "2023-13-01"], ["--due-before"]),
        (["--due-after", "soon"], ["--due-after"]),
        (["--due-within", "-1"], ["--due-within"]),
        (["--due-within", "many"], ["--due-within"]),
        (["--sort", "colour"], ["--sort"]),
        (["--format", "xml"], ["--format"]),
        (["--no-such-flag"], ["--no-such-flag"]),
    ],
)
def test_bad_list_flags_exit_2(args: list[str], words: list[str]) -> None:
    result = bundled("list", *args)
    assert result.exit_code == 2, result.output
    for word in words:
        assert word in result.stderr
    no_traceback(result)


# ---------------------------------------------------------------------------
# No escape codes when piped or with NO_COLOR

READING_COMMANDS = [
    ["status"],
    ["status", "--by", "lead"],
    ["list"],
    ["overdue"],
    ["show", "3.1"],
    ["show", "domestic-abuse"],
    ["show", TDP],
    ["leads"],
]


@pytest.mark.parametrize("command", READING_COMMANDS, ids=[" ".join(c) for c in READING_COMMANDS])
@pytest.mark.parametrize("no_color", [None, "1"])
def test_no_escape_codes_when_not_a_terminal(command: list[str], no_color: str | None) -> None:
    out = ok(bundled(*command, env={"NO_COLOR": no_color}))
    assert "\x1b" not in out
    assert not (set("─━│┃┌┐└┘╭╮╰╯█") & set(out)), "box drawing or bar blocks in piped output"


def _subprocess_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PLANTOOL_TODAY", "NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


def _script() -> Path:
    script = Path(sys.executable).parent / ("plantool.exe" if os.name == "nt" else "plantool")
    if not script.exists():
        pytest.skip(f"no installed plantool script next to {sys.executable}")
    return script


def test_installed_script_piped_matches_the_runner() -> None:
    done = subprocess.run(
        [str(_script()), "status", "--plans", "plans", "--as-of", ANNUAL_CONVERSATION],
        cwd=ROOT, env=_subprocess_env(), capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert done.stdout == ok(bundled("status"))


def test_python_dash_m_json_and_exit_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plantool", "list", "--plans", "plans", "--format", "json", "--overdue"],
        cwd=ROOT, env=_subprocess_env(PLANTOOL_TODAY=AUTUMN), capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 70
    bad = subprocess.run(
        [sys.executable, "-m", "plantool", "show", "1", "--plans", "plans", "--as-of", AUTUMN],
        cwd=ROOT, env=_subprocess_env(), capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2
    assert "ambiguous" in bad.stderr and "Traceback" not in bad.stderr


# In a pseudo-terminal: what a person at a terminal sees.

_SGR = re.compile(r"\x1b\[([0-9;]*)m")
_COLOUR_PARAMS = {str(n) for n in (*range(30, 39), *range(40, 49), *range(90, 98), *range(100, 108))}


def _colour_codes(text: str) -> list[str]:
    return [m[0] for m in _SGR.finditer(text) if set(m[1].split(";")) & _COLOUR_PARAMS]


def in_terminal(args: list[str], cwd: Path = ROOT, columns: int = 100, **env: str) -> str:
    """Run the installed script on a pseudo-terminal of ``columns`` columns; its whole output, decoded.

    ``env`` adds to (or overrides, as ``TERM=xterm`` does) the environment the script runs in.
    """
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen(
        [str(_script()), *args],
        cwd=cwd, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, close_fds=True,
        env=_subprocess_env(**{"TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": "50", **env}),
    )  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
        proc.wait(timeout=30)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture(scope="session")
def terminal_has_colour() -> None:
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminal on Windows")
    out = in_terminal(["status", "--plans", "plans", "--as-of", ANNUAL_CONVERSATION])
    if not _colour_codes(out):
        pytest.skip("this environment's terminal gets no colour even without NO_COLOR")


@pytest.mark.usefixtures("terminal_has_colour")
@pytest.mark.parametrize("command", READING_COMMANDS, ids=[" ".join(c) for c in READING_COMMANDS])
def test_no_colour_on_a_terminal_with_no_color(command: list[str]) -> None:
    out = in_terminal([*command, "--plans", "plans", "--as-of", AUTUMN], NO_COLOR="1")
    assert _colour_codes(out) == []
    assert f"{AUTUMN}" in out


RAG_PLAN = """\
plan:
  id: rag
  title: Every colour once
  updated: 2023-05
priorities:
  - id: SP1
    title: All five
    actions:
      - {id: "1", title: Green one, leads: [AB], due: 2023-09, status: GREEN}
      - {id: "2", title: Red one, leads: [AB], due: 2023-09, status: RED}
      - {id: "3", title: Blue one, leads: [AB], due: 2023-05, status: BLUE, completed: 2023-05-20}
      - {id: "4", title: Not rated, leads: [AB], due: 2023-09}
      - {id: "5", title: Amber one, leads: [AB], due: 2023-09, status: AMBER}
"""


@pytest.mark.usefixtures("terminal_has_colour")
def test_status_bar_tells_statuses_apart_on_a_terminal_with_no_color(tmp_path: Path) -> None:
    write_plans(tmp_path, RAG_PLAN)
    out = _SGR.sub("", in_terminal(["status", "--plans", "plans", "--as-of", "2023-06-01"], cwd=tmp_path, NO_COLOR="1"))
    (all_row,) = [line for line in out.splitlines() if line.strip().startswith("All ")]
    assert "GG" in all_row and "RR" in all_row and "BB" in all_row


@pytest.mark.usefixtures("terminal_has_colour")
def test_status_bar_is_not_cropped_on_a_100_column_terminal() -> None:
    out = _SGR.sub("", in_terminal(["status", "--plans", "plans", "--as-of", ANNUAL_CONVERSATION], columns=100))
    all_rows = [line for line in out.splitlines() if line.strip().startswith("All ") and "All plans" not in line]
    assert all_rows
    for row in all_rows:
        assert row.count("█") == 10, row  # render.board._BAR cells


# Narrow terminals: every word whole, every line within the width (nothing is cut off silently).
# rich crops what does not fit ("Statu", "Organisati…") or drops whole columns, so each
# command is read back at widths a person really has, down to 60 columns.

NARROW_WIDTHS = [60, 80, 120]
_EDGE_PUNCTUATION = "()[],;:."


def _words(text: str) -> set[str]:
    """The whitespace-separated words of ``text``, without edge punctuation and case: "(LJ)," is "lj"."""
    return {word.strip(_EDGE_PUNCTUATION).casefold() for word in text.split()} - {""}


def assert_whole_within(out: str, columns: int, expected: list[str]) -> str:
    """No line of ``out`` is wider than ``columns``, nothing ends in "…", and every word of ``expected`` is there whole."""
    plain = _SGR.sub("", out)
    assert [line for line in plain.splitlines() if len(line) > columns] == []
    assert "…" not in plain
    missing = {word for phrase in expected for word in _words(phrase)} - _words(plain)
    assert not missing, f"cut or missing at {columns} columns: {sorted(missing)}"
    return plain


def _terminal(args: list[str], columns: int, cwd: Path = ROOT, as_of: str = ANNUAL_CONVERSATION) -> str:
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminal on Windows")
    return in_terminal([*args, "--plans", "plans", "--as-of", as_of], cwd=cwd, columns=columns)


@pytest.mark.parametrize("columns", NARROW_WIDTHS)
def test_list_on_a_narrow_terminal_cuts_nothing(columns: int) -> None:
    rows = json_rows("--overdue", as_of=AUTUMN)
    expected = [word for row in rows for word in (row["title"], row["due"] or "no date", *row["lead_names"])]
    out = _terminal(["list", "--overdue"], columns, as_of=AUTUMN)
    plain = assert_whole_within(out, columns, [*expected, "not rated"])
    # A reference starts its row, whole (never folded: a person copies it into `plantool show`), in
    # the shortest form that names the action alone: with or without the plan, or the action's own id.
    starts = {line.split()[0] for line in plain.splitlines() if line.strip() and not line.startswith(" ")}
    for row in rows:
        assert starts & {row["ref"], row["ref"].split("/", 1)[1], row["id"]}, row["ref"]


@pytest.mark.parametrize("columns", NARROW_WIDTHS)
@pytest.mark.parametrize("by", ["area", "lead"])
def test_status_on_a_narrow_terminal_cuts_nothing(columns: int, by: str) -> None:
    document = json.loads(ok(bundled("status", "--by", by, "--format", "json")))
    expected = ["GREEN", "AMBER", "RED", "BLUE", "not rated", "overdue", "due soon", str(document["total"])]
    for plan in document["plans"]:
        expected += [plan["id"], str(plan["total"]), str(plan["overdue"]), str(plan["due_soon"])]
        expected += [word for group in plan["groups"] for word in (group["id"], group["title"], str(group["total"]))]
    plain = assert_whole_within(_terminal(["status", "--by", by], columns), columns, expected)
    if columns >= 80:
        assert "Due soon" in plain and "not rated" in plain  # room for the table's headers unwrapped
    if columns >= 100:
        assert "█" * 10 in plain  # and for the bar


@pytest.mark.parametrize("columns", NARROW_WIDTHS)
def test_leads_on_a_narrow_terminal_cuts_nothing(columns: int) -> None:
    loads = json.loads(ok(bundled("leads", "--format", "json")))["leads"]
    expected = ["Due soon", "overdue", "RED"]
    expected += [
        word for load in loads for word in (load["id"], load["name"] or "", load["role"] or "", str(load["open"]))
    ]
    assert_whole_within(_terminal(["leads"], columns), columns, expected)


@pytest.mark.parametrize("columns", NARROW_WIDTHS)
def test_show_on_a_narrow_terminal_cuts_nothing(columns: int) -> None:
    document = json.loads(ok(bundled("show", TDP, "--format", "json")))
    rows = json_rows("--plan", TDP)
    expected = ["Organisation", document["plan"]["organisation"], "Period", "Updated", *document["items"]]
    expected += [row["title"] for row in rows]
    plain = assert_whole_within(_terminal(["show", TDP], columns), columns, expected)
    assert re.search(r"^Organisation +Birmingham Children's Trust$", plain, re.MULTILINE)
    item = assert_whole_within(_terminal(["show", "2.6"], columns), columns, ["Source ref", "Milestones", "Strategy"])
    assert re.search(r"^Source ref +1\.6$", item, re.MULTILINE)


@pytest.mark.parametrize("columns", NARROW_WIDTHS)
@pytest.mark.parametrize("command", [["list"], ["status"], ["leads"], ["show", "SP1"]])
def test_every_status_word_whole_on_a_narrow_terminal(tmp_path: Path, columns: int, command: list[str]) -> None:
    write_plans(tmp_path, RAG_PLAN)
    out = _terminal(command, columns, cwd=tmp_path, as_of="2023-06-01")
    words = ["RED", "Due soon"] if command == ["leads"] else ["GREEN", "AMBER", "RED", "BLUE", "not rated"]
    assert_whole_within(out, columns, words)


# On a 16-colour terminal (TERM=xterm) rich shows dark_orange as bright red: due soon and AMBER
# would read as overdue and RED. They are yellow, which every terminal keeps apart from red.

SOON_PLAN = """\
plan:
  id: soon
  title: Nothing late, one thing soon
  updated: 2023-05
priorities:
  - id: SP1
    title: Coming up
    actions:
      - {id: "1", title: Due soon, leads: [AB], due: 2023-06-15, status: GREEN}
      - {id: "2", title: Later, leads: [AB], due: 2023-12, status: GREEN}
"""

AMBER_PLAN = SOON_PLAN.replace("due: 2023-06-15, status: GREEN", "due: 2023-12, status: AMBER")
_YELLOW, _REDS = "33", {"31", "91"}


def _sgr_params(text: str) -> list[set[str]]:
    return [set(match[1].split(";")) for match in _SGR.finditer(text)]


@pytest.mark.usefixtures("terminal_has_colour")
@pytest.mark.parametrize("command", [["list"], ["status"], ["leads"], ["show", "1"], ["show", "SP1"]])
def test_due_soon_is_yellow_not_red_on_a_16_colour_terminal(tmp_path: Path, command: list[str]) -> None:
    write_plans(tmp_path, SOON_PLAN)
    out = in_terminal([*command, "--plans", "plans", "--as-of", "2023-06-01"], cwd=tmp_path, TERM="xterm")
    params = _sgr_params(out)
    assert any(_YELLOW in p for p in params), "due soon is not yellow"
    assert not [p for p in params if p & _REDS], "red on a terminal where nothing is late or RED"


@pytest.mark.xfail(
    "dark_orange" in STATUS_STYLE["AMBER"],
    reason="render/style.py: STATUS_STYLE['AMBER'] still dark_orange",
    strict=True,
)
@pytest.mark.usefixtures("terminal_has_colour")
@pytest.mark.parametrize("command", [["list"], ["status"], ["show", "1"]])
def test_amber_is_yellow_not_red_on_a_16_colour_terminal(tmp_path: Path, command: list[str]) -> None:
    write_plans(tmp_path, AMBER_PLAN)
    out = in_terminal([*command, "--plans", "plans", "--as-of", "2023-06-01"], cwd=tmp_path, TERM="xterm")
    params = _sgr_params(out)
    assert any(_YELLOW in p for p in params), "AMBER is not yellow"
    assert not [p for p in params if p & _REDS], "red on a terminal where nothing is late or RED"


# ---------------------------------------------------------------------------
# Markup in plan text is text

MARKUP_PLAN = """\
plan:
  id: mk
  title: "Plan [bold]x[/] [link=https://example.invalid]click[/link] [/]"
  updated: 2023-05
findings:
  - id: f1
    area: "Area [/] [red]r[/red]"
    title: "[bold]x[/] finding [link=https://example.invalid]click[/link] [/]"
    finding: "Text [/] [bold]x[/] [link=https://example.invalid]click[/link]"
    leads: [P1]
    due: 2023-06
    updates:
      - date: 2023-05
        text: "Update [/] [link=https://example.invalid]click[/link] [bold]x[/]"
  - id: f2
    title: "[bold]x[/] lonely"
    due: 2023-06
    milestones:
      - title: "[bold]x[/] milestone [link=https://example.invalid]click[/link] [/]"
        due: 2023-05-30
priorities:
  - id: SP1
    title: "[bold]x[/] priority [/]"
    actions:
      - id: "1"
        title: "[bold]x[/] action [link=https://example.invalid]click[/link] [/]"
        leads: [P1]
        due: 2023-06
      - id: "2"
        title: "[/]"
        leads: [P1]
        due: 2023-05-01
"""

MARKUP_PEOPLE = """\
people:
  - id: P1
    name: "[bold]x[/] name [/]"
    role: "Role [link=https://example.invalid]click[/link]"
"""

LINK = "[link=https://example.invalid]click[/link]"

MARKUP_COMMANDS = [
    (["status"], False),
    (["status", "--by", "lead"], False),
    (["status", "--format", "markdown"], True),
    (["status", "--format", "json"], True),
    (["list"], False),
    (["list", "--format", "markdown"], True),
    (["list", "--format", "json"], True),
    (["list", "--format", "csv"], True),
    (["overdue"], False),
    (["show", "1"], True),
    (["show", "2"], False),
    (["show", "f1"], True),
    (["show", "f2"], True),
    (["show", "mk"], True),
    (["show", "SP1"], False),
    (["leads"], False),
    (["leads", "--format", "markdown"], True),
]


@pytest.mark.parametrize(("command", "shows_link"), MARKUP_COMMANDS, ids=[" ".join(c) for c, _ in MARKUP_COMMANDS])
def test_markup_in_plan_text_is_shown_literally(tmp_path: Path, command: list[str], shows_link: bool) -> None:
    write_plans(tmp_path, MARKUP_PLAN, MARKUP_PEOPLE)
    out = ok(run(*command, "--plans", str(tmp_path / "plans"), "--as-of", "2023-05-26"))
    if command[-1] == "json":
        out = json.dumps(json.loads(out), ensure_ascii=False)
    if command[-1] == "markdown":
        # Markdown shows brackets literally only when escaped (render.style.md_cell): un-escape to compare.
        assert "\\[bold\\]x\\[/\\]" in out
        # A bare URL is escaped too, so GitHub does not autolink it (docs/format.md).
        out = out.replace("\\[", "[").replace("\\]", "]").replace("\\://", "://")
    assert "[bold]x[/]" in out
    assert "[/]" in out
    if shows_link:
        assert LINK in out
    assert "\x1b" not in out  # no hyperlink (OSC 8) or style escape was made of it


def test_markup_on_a_terminal_is_shown_literally(tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminal on Windows")
    write_plans(tmp_path, MARKUP_PLAN, MARKUP_PEOPLE)
    out = in_terminal(["show", "1", "--plans", "plans", "--as-of", "2023-05-26"], cwd=tmp_path, columns=120)
    assert "\x1b]8;" not in out  # no terminal hyperlink
    plain = _SGR.sub("", out)
    assert f"mk/1: [bold]x[/] action {LINK} [/]" in plain


# ---------------------------------------------------------------------------
# Golden files


GOLDEN_CASES = [
    ("status.txt", ["status"], ANNUAL_CONVERSATION),
    ("status.md", ["status", "--format", "markdown"], ANNUAL_CONVERSATION),
    ("status-by-lead.txt", ["status", "--by", "lead"], ANNUAL_CONVERSATION),
    ("status-by-lead.md", ["status", "--by", "lead", "--format", "markdown"], ANNUAL_CONVERSATION),
    ("status-2026-11-27.txt", ["status"], LATER),
    ("status-2026-11-27.md", ["status", "--format", "markdown"], LATER),
    ("list.txt", ["list"], ANNUAL_CONVERSATION),
    ("list.md", ["list", "--format", "markdown"], ANNUAL_CONVERSATION),
    ("overdue.txt", ["overdue"], ANNUAL_CONVERSATION),
    ("overdue.md", ["overdue", "--format", "markdown"], ANNUAL_CONVERSATION),
    ("overdue-2023-10-01.txt", ["overdue", "--sort", "due"], AUTUMN),
    ("show-3.1.txt", ["show", "3.1"], ANNUAL_CONVERSATION),
    ("show-2.6.txt", ["show", "2.6"], ANNUAL_CONVERSATION),
    ("show-domestic-abuse.txt", ["show", "domestic-abuse"], ANNUAL_CONVERSATION),
    ("show-domestic-abuse.1.txt", ["show", "domestic-abuse.1"], ANNUAL_CONVERSATION),
    ("leads.txt", ["leads"], ANNUAL_CONVERSATION),
    ("leads.md", ["leads", "--format", "markdown"], ANNUAL_CONVERSATION),
]


@pytest.mark.parametrize(("name", "args", "as_of"), GOLDEN_CASES, ids=[case[0] for case in GOLDEN_CASES])
def test_golden(name: str, args: list[str], as_of: str) -> None:
    out = ok(bundled(*args, as_of=as_of))
    assert as_of in out.splitlines()[0]  # the date heads every report
    assert all(line == line.rstrip() for line in out.splitlines()), "trailing spaces"
    assert all(len(line) <= 100 for line in out.splitlines() if not name.endswith(".md")), "wider than 100 columns"
    assert_golden(name, out)


FILTER_FLAGS = ["--plan", "--priority", "--area", "--lead", "--status", "--overdue", "--due-before", "--due-after",
                "--due-within", "--unowned", "--carried-forward", "--search", "--tag"]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "left_out"), [("list", ()), ("export", ()), ("overdue", ("--overdue", "--due-within"))]
)
def test_the_commands_that_filter_offer_lists_filters_in_its_order(command: str, left_out: tuple[str, ...]) -> None:
    """The filters are declared once (``takes_filters``); each command shows them in list's order."""
    shown = CliRunner().invoke(app, [command, "--help"], terminal_width=200).stdout
    expected = [flag for flag in FILTER_FLAGS if flag not in left_out]
    found = re.findall(r"^\s+(--[a-z-]+)", shown, re.MULTILINE)  # each option's own line, not the help's words
    assert [flag for flag in found if flag in FILTER_FLAGS] == expected
    assert found.index("--as-of") < found.index(expected[0]) and found.index(expected[-1]) < found.index("--sort")


def test_overdue_is_list_overdue_with_the_same_filters() -> None:
    plans = Path(__file__).resolve().parent.parent / "plans"
    args = ["--plans", str(plans), "--as-of", "2024-01-01", "--format", "json", "--sort", "lead"]
    listed = CliRunner().invoke(app, ["list", "--overdue", *args])
    overdue = CliRunner().invoke(app, ["overdue", *args])
    assert listed.exit_code == overdue.exit_code == 0
    assert listed.stdout == overdue.stdout and json.loads(listed.stdout)
