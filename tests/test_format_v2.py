"""Format version 2 end to end: plans as real councils write them, through the commands people run.

Each test writes a small plans folder (and a ``plantool.toml`` where the test
is about a setting) and runs ``plantool`` through Typer's CliRunner.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from textwrap import dedent

import pytest
from typer.testing import CliRunner

from conftest import plain_environment
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
    plain_environment(monkeypatch)
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


# ---------------------------------------------------------------------------
# A plan's own status scale

LSCB = """\
plan:
  id: lscb-review-2017
  title: LSCB review action plan
  scale:                                # in the order the plan's key lists them
    - {key: "1", label: Fully achieved, means: done}
    - {key: "2", label: On track, means: on-track, colour: "#2e7d32"}
    - {key: "3", label: Some progress, means: at-risk, colour: "#ffeb3b"}
    - {key: "4", label: No progress, means: off-track}
    - {key: AU, label: Awaiting update, means: no-update}
priorities:
  - id: R1
    title: Learning from reviews
    actions:
      - id: "1.1"
        title: Publish the learning brief
        leads: [GM]
        due: 2017-06
        status: 2
      - id: "1.2"
        title: Audit the threshold document
        leads: [GM]
        due: 2017-09
        status: 1
      - id: "1.3"
        title: Train the front door
        leads: [SF]
        due: 2018-03
        status: 4
      - id: "1.4"
        title: Refresh the escalation policy
        leads: [TB]
        due: 2018-03
        status: au
"""

FOUR_COLOURS = """\
plan:
  id: cse-2019
  title: CSE action plan
  scale:
    - {key: GREEN, label: Complete, means: done}
    - {key: YELLOW, label: On track, means: on-track}
    - {key: AMBER, label: Some slippage, means: at-risk}
    - {key: RED, label: Not started, means: not-started}
priorities:
  - id: A
    title: Awareness
    actions:
      - id: "1"
        title: Run the awareness week
        leads: [GM]
        due: 2017-05
        status: yellow
      - id: "2"
        title: Complete the mapping
        leads: [GM]
        due: 2017-03
        status: GREEN
        completed: 2017-03-20
"""


@pytest.fixture
def scales(folder: Path) -> Path:
    (folder / "plans" / "lscb.yaml").write_text(LSCB, encoding="utf-8")
    (folder / "plans" / "cse.yaml").write_text(FOUR_COLOURS, encoding="utf-8")
    return folder


def test_rows_carry_the_plans_own_key_and_its_meaning(scales: Path) -> None:
    found = rows(as_of="2017-07-01")
    assert (found["lscb-review-2017/1.1"]["status"], found["lscb-review-2017/1.1"]["means"]) == ("2", "on-track")
    assert (found["lscb-review-2017/1.4"]["status"], found["lscb-review-2017/1.4"]["means"]) == ("AU", "no-update")
    assert (found["cse-2019/1"]["status"], found["cse-2019/1"]["means"]) == ("YELLOW", "on-track")
    assert found["cse-2019/2"]["means"] == "done" and found["cse-2019/2"]["overdue"] is False
    assert found["yos-2012/1"]["means"] == "on-track"  # the default scale: GREEN means on-track


@pytest.mark.parametrize(
    ("wanted", "refs"),
    [
        (["2"], {"lscb-review-2017/1.1"}),
        (["on-track"], {"lscb-review-2017/1.1", "cse-2019/1", "yos-2012/1"}),
        (["On track"], {"lscb-review-2017/1.1", "cse-2019/1"}),  # a label is as good as its key
        (["off-track", "yellow"], {"lscb-review-2017/1.3", "cse-2019/1"}),
        (["no-update"], {"lscb-review-2017/1.4"}),
    ],
)
def test_status_filter_takes_a_key_a_label_or_a_meaning(scales: Path, wanted: list[str], refs: set[str]) -> None:
    args = [arg for status in wanted for arg in ("--status", status)]
    assert set(rows(*args, as_of="2017-07-01")) == refs


def test_an_unknown_status_filter_lists_keys_and_meanings(scales: Path) -> None:
    code, _, err = run("list", "--status", "purple")
    assert code == 2
    assert "unknown status 'purple'" in err and "YELLOW" in err and "on-track" in err


def test_rules_judge_by_meaning_and_speak_the_plans_words(scales: Path) -> None:
    code, out, _ = run("check", "--as-of", "2017-07-01", "--format", "json")
    assert code == 1
    problems = {(p["rule"], p["ref"]): p["message"] for p in json.loads(out)["problems"]}
    assert problems[("green-but-overdue", "lscb-review-2017/1.1")] == (
        "lscb-review-2017/1.1 is 2 (On track) but overdue; 2 (On track) means on target"
    )
    assert problems[("blue-without-date", "lscb-review-2017/1.2")] == (
        "lscb-review-2017/1.2 is 1 (Fully achieved) with no completed date"
    )
    assert ("overdue", "lscb-review-2017/1.2") not in problems  # done is never overdue
    assert ("unrated", "lscb-review-2017/1.4") in problems  # no-update counts as not rated
    assert ("green-but-overdue", "cse-2019/1") in problems  # YELLOW means on-track here
    assert ("blue-without-date", "cse-2019/2") not in problems


def test_status_json_counts_each_plan_by_its_keys_and_everything_by_meaning(scales: Path) -> None:
    code, out, _ = run("status", "--as-of", "2017-07-01", "--format", "json")
    assert code == 0
    board = json.loads(out)
    plans = {plan["id"]: plan for plan in board["plans"]}
    assert plans["lscb-review-2017"]["by_status"] == {"1": 1, "2": 1, "3": 0, "4": 1, "AU": 1, "UNRATED": 0}
    assert plans["yos-2012"]["by_status"] == {"GREEN": 1, "AMBER": 2, "RED": 0, "BLUE": 0, "UNRATED": 1}
    assert list(plans["cse-2019"]["groups"][0]["by_meaning"]) == [
        "done", "on-track", "at-risk", "off-track", "not-started", "no-update", "unrated",
    ]  # fmt: skip
    assert board["by_meaning"] == {
        "done": 2, "on-track": 3, "at-risk": 2, "off-track": 1, "not-started": 0, "no-update": 1, "unrated": 1,
    }  # fmt: skip
    assert board["total"] == sum(board["by_meaning"].values()) == 10


def test_a_status_off_the_scale_is_an_error_listing_the_keys(scales: Path) -> None:
    (scales / "plans" / "lscb.yaml").write_text(LSCB.replace("status: au", "status: 5"), encoding="utf-8")
    code, out, _ = run("validate")
    assert code == 1
    assert "lscb.yaml:33:17: error: status: '5' is not on the plan's scale; use 1, 2, 3, 4 or AU (any case)" in out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('means: done}\n    - {key: "2"', "means must be one of done"),  # a typo in a meaning
        ('{key: "2", label: On track', "the scale gives the key"),  # a key twice
        ('colour: "#2e7d32"', "colour must be #rrggbb"),
    ],
)
def test_a_broken_scale_is_located(scales: Path, change: str, message: str) -> None:
    broken = {
        "means must be one of done": LSCB.replace("means: done}", "means: finished}"),
        "the scale gives the key": LSCB.replace('{key: "3", label: Some progress', '{key: "2", label: Some progress'),
        "colour must be #rrggbb": LSCB.replace('colour: "#2e7d32"', "colour: green"),
    }[message]
    (scales / "plans" / "lscb.yaml").write_text(broken, encoding="utf-8")
    code, out, _ = run("validate")
    assert code == 1 and message in out and "lscb.yaml:" in out


def test_scale_and_rag_key_together_is_an_error(scales: Path) -> None:
    both = LSCB.replace("  scale:", "  rag_key: {GREEN: On target}\n  scale:", 1)
    (scales / "plans" / "lscb.yaml").write_text(both, encoding="utf-8")
    code, out, _ = run("validate")
    assert code == 1 and "give either scale" in out


def test_board_and_list_show_the_plans_keys_and_labels(scales: Path) -> None:
    code, out, _ = run("status", "--as-of", "2017-07-01", "--plan", "lscb-review-2017", "--format", "markdown")
    assert code == 0
    assert "| 1 Fully achieved | 2 On track | 3 Some progress | 4 No progress | AU Awaiting update | not rated |" in out
    code, out, _ = run("status", "--as-of", "2017-07-01", "--format", "markdown")
    assert "All plans: 10 actions: 2 done, 3 on-track, 2 at-risk, 1 off-track, 0 not-started, 1 no-update, 1 not" in out
    code, out, _ = run("list", "--as-of", "2017-07-01", "--plan", "lscb-review-2017", "--format", "markdown")
    assert "2 On track" in out and "AU Awaiting update" in out


def test_the_report_uses_the_plans_key_colours_and_keeps_text_readable(scales: Path) -> None:
    from plantool.render.svg import contrast

    code, out, _ = run("report", "--format", "html", "--as-of", "2017-07-01", "--plan", "lscb-review-2017")
    assert code == 0
    assert "2 On track" in out and "Awaiting update" in out
    pairs = re.findall(r"\.status-(s0-\d) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", out)
    fills = {look: fill for look, fill, _ in pairs}
    assert len(pairs) == 5 and fills["s0-1"] == "#2e7d32"  # the plan's own colour for key 2
    for _, fill, ink in pairs:
        assert contrast(fill, ink) >= 4.5  # WCAG AA for the key's text, whatever colour the plan chose
    yellow = next(ink for look, fill, ink in pairs if fill == "#ffeb3b")
    assert yellow == "#000000"
    code, out, _ = run("report", "--format", "markdown", "--as-of", "2017-07-01")
    assert code == 0
    assert "| done | Done |" in out  # several scales: the headline key is by meaning
    assert "**1** off track" in out


def test_rag_key_still_relabels_the_default_scale(folder: Path) -> None:
    relabelled = FINANCIAL_YEARS.replace("  updated: 2013-Q1\n", "  updated: 2013-Q1\n  rag_key: {green: Going well}\n")
    (folder / "plans" / "yos.yaml").write_text(relabelled, encoding="utf-8")
    code, out, _ = run("report", "--format", "markdown", "--as-of", "2013-06-01")
    assert code == 0
    assert "| GREEN | Going well |" in out and "| AMBER | Delays / issues but delivery on course |" in out


# ---------------------------------------------------------------------------
# Owners of every kind, and what plans say beside the action

OWNERS_PEOPLE = """\
people:
  - id: TM-LC
    kind: role
    role: "Team Manager: Life Chances"
    organisation: Bracknell Forest Council
  - id: APCH-BOARD
    kind: board
    name: A Place Called Home Programme Board
  - id: DCS
    kind: role
    role: Director of Children's Services
  - id: SF
    role: Operations Manager
  - id: TB
    role: Operations Manager
"""

OWNERS_PLAN = """\
plan:
  id: cp-2025
  title: Corporate parenting plan 2025-28
  version: "17 080617"
  source: {title: Ofsted ILACS, body: Ofsted, dates: 12-14 November 2024}
  accountable: [APCH-BOARD]
priorities:
  - id: P1
    source_ref: Priority one
    title: A place called home
    outcome: Children live in stable homes close to their communities
    leads: [TM-LC]
    due: 2026
    status: AMBER
    accountable: [DCS]
    actions:
      - id: "1.1"
        title: Open two new children's homes
        source_ref: 1a
        outcome: Fewer children placed out of area
        target: {measure: Children placed within 20 miles, unit: "%", baseline: 54, target: 75, current: 61}
      - id: "1.2"
        title: Review sufficiency
        leads: [SF, TB]
        target: {measure: Improved quality of placement plans}
  - id: P2
    title: Voice of the child
    actions:
      - id: "2.1"
        title: Refresh the pledge
"""


@pytest.fixture
def owners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plain_environment(monkeypatch)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "people.yaml").write_text(OWNERS_PEOPLE, encoding="utf-8")
    (plans / "cp.yaml").write_text(OWNERS_PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_priorities_give_their_actions_defaults_as_findings_do(owners: Path) -> None:
    found = rows(as_of="2025-06-01")
    first = found["cp-2025/1.1"]
    assert (first["leads"], first["due"], first["due_as_written"], first["status"]) == (
        ["TM-LC"], "2026-12-31", "2026", "AMBER",
    )  # fmt: skip
    assert found["cp-2025/1.2"]["leads"] == ["SF", "TB"]  # an action's own leads win


def test_accountable_is_inherited_and_makes_an_item_owned(owners: Path) -> None:
    found = rows(as_of="2025-06-01")
    assert found["cp-2025/1.1"]["accountable"] == ["DCS"]  # the priority's, nearer than the plan's
    assert found["cp-2025/2.1"]["accountable"] == ["APCH-BOARD"]  # the plan's
    assert found["cp-2025/2.1"]["leads"] == []
    assert rows("--unowned", as_of="2025-06-01") == {}  # no leads, but someone answers for it
    code, out, _ = run("check", "--as-of", "2025-06-01", "--format", "json", "--rule", "unowned")
    assert code == 0 and json.loads(out)["problems"] == []


def test_an_item_with_neither_leads_nor_anyone_accountable_is_unowned(owners: Path) -> None:
    (owners / "plans" / "cp.yaml").write_text(
        OWNERS_PLAN.replace("  accountable: [APCH-BOARD]\n", ""), encoding="utf-8"
    )
    assert set(rows("--unowned", as_of="2025-06-01")) == {"cp-2025/2.1"}


def test_leads_shows_accountable_apart(owners: Path) -> None:
    code, out, _ = run("leads", "--as-of", "2025-06-01", "--format", "json")
    assert code == 0
    loads = {w["id"]: w for w in json.loads(out)["leads"] if w["id"]}
    assert (loads["DCS"]["open"], loads["DCS"]["accountable"]) == (0, 2)  # both of P1's actions
    assert (loads["APCH-BOARD"]["open"], loads["APCH-BOARD"]["accountable"]) == (0, 1)
    assert (loads["TM-LC"]["open"], loads["TM-LC"]["accountable"]) == (1, 0)
    code, out, _ = run("leads", "--as-of", "2025-06-01", "--format", "markdown")
    assert "| Lead | Role | Open | Overdue | RED | Due soon | Accountable |" in out


def test_two_people_with_one_role_are_told_apart(owners: Path) -> None:
    found = rows(as_of="2025-06-01")
    assert found["cp-2025/1.2"]["lead_names"] == ["SF, Operations Manager", "TB, Operations Manager"]
    code, out, _ = run("report", "--format", "markdown", "--as-of", "2025-06-01")
    assert code == 0 and "SF, Operations Manager, TB, Operations Manager" in out


def test_show_names_kinds_organisations_outcomes_and_the_plans_source(owners: Path) -> None:
    code, out, _ = run("show", "cp-2025/1.1", "--as-of", "2025-06-01")
    assert code == 0
    text = " ".join(out.split())
    assert "TM-LC: Team Manager: Life Chances (role, Bracknell Forest Council)" in text
    assert "Accountable DCS: Director of Children's Services (role)" in text
    assert "Outcome Fewer children placed out of area" in text
    assert "Source ref 1a" in text
    assert "Target Children placed within 20 miles, 61% of 75% (33% of the way); baseline 54%" in text
    code, out, _ = run("show", "cp-2025", "--as-of", "2025-06-01")
    text = " ".join(out.split())
    assert "Version 17 080617" in text and "Source Ofsted ILACS, Ofsted, 12-14 November 2024" in text
    code, out, _ = run("show", "cp-2025/P1", "--as-of", "2025-06-01")
    text = " ".join(out.split())
    assert "Source ref Priority one" in text and "Outcome Children live in stable homes" in text


def test_targets_keep_a_measure_with_no_number(owners: Path) -> None:
    found = rows(as_of="2025-06-01")
    assert found["cp-2025/1.2"]["target"] == {
        "measure": "Improved quality of placement plans",
        "unit": None, "baseline": None, "target": None, "current": None, "current_as_of": None,
    }  # fmt: skip
    code, out, _ = run("report", "--format", "markdown", "--as-of", "2025-06-01")
    assert code == 0 and "Target: Improved quality of placement plans" in out
    assert "Target: Children placed within 20 miles, 61% of 75% (33% of the way); baseline 54%" in out


def test_source_ref_version_and_source_reach_every_output(owners: Path) -> None:
    found = rows(as_of="2025-06-01")
    assert (found["cp-2025/1.1"]["source_ref"], found["cp-2025/1.1"]["group_source_ref"]) == ("1a", "Priority one")
    code, out, _ = run("export", "--format", "csv", "--as-of", "2025-06-01")
    by_ref = {row["ref"]: row for row in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert (by_ref["cp-2025/1.1"]["source_ref"], by_ref["cp-2025/1.1"]["group_source_ref"]) == ("1a", "Priority one")
    assert by_ref["cp-2025/1.1"]["accountable"] == "DCS"
    assert by_ref["cp-2025/1.1"]["outcome"] == "Fewer children placed out of area"
    assert by_ref["cp-2025/1.1"]["target"] == "Children placed within 20 miles (%): baseline 54, target 75, current 61"
    for fmt in ("markdown", "html"):
        code, out, _ = run("report", "--format", fmt, "--as-of", "2025-06-01")
        assert code == 0
        assert "Source ref 1a" in out and "Priority one" in out and "17 080617" in out
        assert "Ofsted ILACS, Ofsted, 12-14 November 2024" in out


def test_an_unknown_lead_suggests_the_near_id(owners: Path) -> None:
    (owners / "plans" / "cp.yaml").write_text(
        OWNERS_PLAN.replace("leads: [SF, TB]", "leads: [Sf, TB]"), encoding="utf-8"
    )
    code, out, _ = run("validate")
    assert code == 1
    assert "lead 'Sf' is not in any people file; did you mean 'SF'?" in out


def test_an_unknown_accountable_is_located(owners: Path) -> None:
    (owners / "plans" / "cp.yaml").write_text(
        OWNERS_PLAN.replace("accountable: [DCS]", "accountable: [DSC]"), encoding="utf-8"
    )
    code, out, _ = run("validate")
    assert code == 1
    assert "cp.yaml:15:19: error: accountable 'DSC' is not in any people file; did you mean 'DCS'?" in out


def test_a_wrong_kind_is_an_error(owners: Path) -> None:
    (owners / "plans" / "people.yaml").write_text(
        OWNERS_PEOPLE.replace("kind: board", "kind: committee"), encoding="utf-8"
    )
    code, out, _ = run("validate")
    assert code == 1 and "kind must be person, role, team, board or organisation" in out
