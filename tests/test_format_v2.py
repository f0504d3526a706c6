"""Format version 2 end to end: plans as real councils write them, through the commands people run.

Each test writes a small plans folder (and a ``plantool.toml`` where the test
is about a setting) and runs ``plantool`` through Typer's CliRunner.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

from plantool.cli import app

PEOPLE = """\
people:
  - id: GM
    name: Gerry Moore
  - id: SF
    role: Operations Manager
  - id: TB
    role: Operations Manager
"""

FINANCIAL_YEARS = """\
plan:
  id: yos-2012
  title: Youth Offending Service improvement plan
  period: {start: 2012/13, end: 2014/15}
  updated: 2013-Q1
priorities:
  - id: P1
    title: Reduce reoffending
    actions:
      - id: "1"
        title: Review the reoffending tracker
        leads: [GM]
        due: 2012/13
        status: GREEN
      - id: "2"
        title: Agree the protocol with the police
        leads: [GM]
        due_note: To be confirmed in the Children and Social Work Act
        status: AMBER
      - id: "3"
        title: Refresh the website
        leads: [SF]
        due: 2013-Q3
        due_note: website permitting
        milestones:
          - title: Content audit
            completed: 2013-04
          - title: New pages live
            due_note: when the new website launches
      - id: "4"
        title: Quarterly performance report
        leads: [TB]
        recurs: quarterly
        status: AMBER
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("PLANTOOL_TODAY", "NO_COLOR", "FORCE_COLOR", "PLANTOOL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (plans / "yos.yaml").write_text(FINANCIAL_YEARS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def rows(*args: str, as_of: str = "2013-06-01") -> dict[str, dict]:  # type: ignore[type-arg]
    code, out, err = run("list", "--format", "json", "--as-of", as_of, *args)
    assert code == 0, err
    return {row["ref"]: row for row in json.loads(out)}


# ---------------------------------------------------------------------------
# Dates as plans write them


def test_a_financial_year_is_due_at_its_end_and_shown_as_written(folder: Path) -> None:
    row = rows()["yos-2012/1"]
    assert (row["due"], row["due_as_written"], row["overdue"]) == ("2013-03-31", "2012/13", True)
    code, out, _ = run("show", "yos-2012/1", "--as-of", "2013-06-01")
    assert code == 0
    assert "2013-03-31" in out and "written as 2012/13" in out


def test_the_financial_year_start_comes_from_plantool_toml(folder: Path) -> None:
    (folder / "plantool.toml").write_text("financial_year_start = 7\n", encoding="utf-8")
    row = rows()["yos-2012/1"]
    assert (row["due"], row["due_as_written"], row["overdue"]) == ("2013-06-30", "2012/13", False)


@pytest.mark.parametrize("value", ["0", "13", "true", '"4"'])
def test_a_bad_financial_year_start_is_a_usage_error(folder: Path, value: str) -> None:
    (folder / "plantool.toml").write_text(f"financial_year_start = {value}\n", encoding="utf-8")
    code, _, err = run("list", "--as-of", "2013-06-01")
    assert code == 2
    assert "financial_year_start" in err and "1 (January) to 12 (December)" in err


def test_a_due_note_stands_where_the_date_would(folder: Path) -> None:
    found = rows()
    assert found["yos-2012/2"]["due"] is None
    assert found["yos-2012/2"]["due_note"] == "To be confirmed in the Children and Social Work Act"
    assert found["yos-2012/3"]["due_note"] == "website permitting"
    code, out, _ = run("list", "--as-of", "2013-06-01", "--format", "markdown")
    assert code == 0
    assert "To be confirmed in the Children and Social Work Act" in out
    assert "2013-Q3, 2013-09-30" in out and "website permitting" in out


def test_a_note_is_not_a_date_and_recurs_needs_one(folder: Path) -> None:
    code, out, _ = run(
        "check", "--as-of", "2013-06-01", "--format", "json", "--rule", "undated", "--rule", "recurs-undated"
    )
    assert code == 0  # warnings only
    problems = {(p["rule"], p["ref"]) for p in json.loads(out)["problems"]}
    # 2 has only a note; 3's undated milestone does not matter, its due is a quarter; 4 recurs from nothing
    assert problems == {("undated", "yos-2012/2"), ("undated", "yos-2012/4"), ("recurs-undated", "yos-2012/4")}


def test_a_milestone_without_a_due_is_shown_with_its_note(folder: Path) -> None:
    code, out, _ = run("show", "yos-2012/3", "--as-of", "2013-06-01")
    assert code == 0
    assert "completed 2013-04" in out and "Content audit" in out
    assert "when the new website launches" in out
    assert "2013-09-30" in out and "written as 2013-Q3" in out


def test_the_plan_period_is_shown_as_written(folder: Path) -> None:
    code, out, _ = run("status", "--as-of", "2013-06-01", "--format", "json")
    assert code == 0
    plan = json.loads(out)["plans"][0]
    assert plan["period"] == {
        "start": "2012-04-01",
        "end": "2015-03-31",
        "as_written": {"start": "2012/13", "end": "2014/15"},
    }
    code, out, _ = run("report", "--format", "markdown", "--as-of", "2013-06-01")
    assert code == 0
    assert "plan period 2012/13 to 2014/15" in out
    assert "last updated 2013-Q1" in out
    assert "2012/13" in out and "To be confirmed in the Children and Social Work Act" in out


def test_the_html_report_keeps_the_written_form_and_a_machine_date(folder: Path) -> None:
    code, out, _ = run("report", "--format", "html", "--as-of", "2013-06-01")
    assert code == 0
    assert '<time datetime="2013-03-31">2012/13</time>' in out
    assert '<time datetime="2012-04-01">2012/13</time> to <time datetime="2015-03-31">2014/15</time>' in out


def test_csv_keeps_a_plain_day_for_spreadsheets(folder: Path) -> None:
    code, out, _ = run("export", "--format", "csv", "--as-of", "2013-06-01")
    assert code == 0
    by_ref = {row["ref"]: row for row in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert (by_ref["yos-2012/1"]["due"], by_ref["yos-2012/1"]["due_as_written"]) == ("2013-03-31", "2012/13")
    assert by_ref["yos-2012/2"]["due_note"] == "To be confirmed in the Children and Social Work Act"


def test_validate_accepts_every_form_and_locates_a_wrong_one(folder: Path) -> None:
    assert run("validate")[0] == 0
    bad = FINANCIAL_YEARS.replace("due: 2012/13", "due: 2012/14")
    (folder / "plans" / "yos.yaml").write_text(bad, encoding="utf-8")
    code, out, _ = run("validate")
    assert code == 1
    assert "yos.yaml:13:14: error: due: '2012/14' is not a financial year: after 2012 comes 13" in dedent(out)
