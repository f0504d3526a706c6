"""Every problem of every file in one run: a problem in one field never hides another.

A bad date in an action used to hide its unknown lead, and a misspelt key
anywhere in a file hid its duplicate ids and every link into it. The property
test plants independent mistakes in a generated plan and requires each to be
reported at its own line and column, and nothing else; the CLI tests walk
through the cases a user meets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from plantool.cli import app
from plantool.loader import load_text
from plantool.workspace import build_workspace

PEOPLE = """\
people:
  - id: GT
    name: Graham Tilby
  - id: SF
    role: Operations Manager
"""

FAULTS = ("bad-due", "unknown-lead", "unknown-key", "duplicate-id", "bad-status")


@dataclass(frozen=True)
class Expected:
    line: int
    col: int
    words: str
    """Part of the message that must be there."""


def _plan_text(findings: list[list[frozenset[str]]], finding_faults: list[frozenset[str]]) -> tuple[str, set[Expected]]:
    """A plan with these faults planted in each finding and action, and where each must be reported."""
    lines = ["plan:", "  id: p", "  title: A plan", "findings:"]
    expected: set[Expected] = set()

    def fields(indent: str, faults: frozenset[str]) -> None:
        if "unknown-lead" in faults:
            lines.append(f"{indent}leads: [GT, ZZ]")
            expected.add(Expected(len(lines), len(indent) + len("leads: [GT, ") + 1, "'ZZ' is not in any people file"))
        else:
            lines.append(f"{indent}leads: [GT]")
        if "bad-due" in faults:
            lines.append(f"{indent}due: 2024-13")
            expected.add(Expected(len(lines), len(indent) + len("due: ") + 1, "no month 13"))
        else:
            lines.append(f"{indent}due: 2024-03")
        if "unknown-key" in faults:
            lines.append(f"{indent}stauts: GREEN")
            expected.add(Expected(len(lines), len(indent) + 1, "did you mean 'status'?"))
        if "bad-status" in faults:
            lines.append(f"{indent}status: PURPLE")
            expected.add(Expected(len(lines), len(indent) + len("status: ") + 1, "not on the plan's scale"))

    for number, (actions, faults) in enumerate(zip(findings, finding_faults, strict=True)):
        lines += [f"  - id: f{number}", "    title: A finding"]
        fields("    ", faults - {"duplicate-id"})
        lines.append("    actions:")
        for index, action_faults in enumerate(actions):
            # A duplicate takes the id of the finding's first action.
            same = "duplicate-id" in action_faults and index > 0
            lines.append(f'      - id: "{0 if same else index}"')
            if same:
                expected.add(Expected(len(lines), 9, "duplicate action id"))
            lines.append("        title: An action")
            fields("        ", action_faults - {"duplicate-id"})
    return "\n".join(lines) + "\n", expected


faults = st.frozensets(st.sampled_from(FAULTS), max_size=len(FAULTS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(faults, min_size=1, max_size=4), min_size=1, max_size=3).flatmap(
        lambda findings: st.tuples(st.just(findings), st.lists(faults, min_size=len(findings), max_size=len(findings)))
    )
)
def test_each_planted_mistake_is_reported_at_its_own_place(
    planted: tuple[list[list[frozenset[str]]], list[frozenset[str]]],
) -> None:
    text, expected = _plan_text(*planted)
    # Another file links to every finding of the plan: a link into a file with problems still resolves.
    links = ", ".join(f"p/f{number}" for number in range(len(planted[0])))
    other = f"plan:\n  id: q\n  title: Another\nfindings:\n  - id: g\n    title: G\n    links: [{links}]\n"
    workspace = build_workspace(
        [load_text(PEOPLE, "people.yaml"), load_text(text, "p.yaml"), load_text(other, "q.yaml")]
    )
    reported = {(p.line, p.col): p.message for p in workspace.problems}
    assert all(p.path == "p.yaml" for p in workspace.problems), workspace.problems
    assert set(reported) == {(e.line, e.col) for e in expected}, (text, workspace.problems)
    for want in expected:
        assert want.words in reported[(want.line, want.col)], (want, reported)


# ---------------------------------------------------------------------------
# Through the command line


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PLANTOOL_NO_CACHE", "1")
    return tmp_path


def _validate(folder: Path, files: dict[str, str]) -> tuple[int, list[str]]:
    for name, text in files.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "."], catch_exceptions=False)
    return result.exit_code, [line for line in result.output.splitlines() if ": error: " in line]


def test_an_action_with_a_bad_due_an_unknown_lead_and_an_unknown_key_reports_all_three(folder: Path) -> None:
    code, lines = _validate(
        folder,
        {
            "people.yaml": PEOPLE,
            "plan.yaml": """\
                plan:
                  id: p
                  title: A plan
                findings:
                  - id: f
                    title: A finding
                    actions:
                      - id: "1"
                        title: An action
                        due: 2024-13
                        leads: [GT, Gt]
                        sttus: GREEN
                """,
        },
    )
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == ["plan.yaml:10:14", "plan.yaml:11:21", "plan.yaml:12:9"]
    assert "no month 13" in lines[0]
    assert "lead 'Gt' is not in any people file; did you mean 'GT'?" in lines[1]
    assert "unknown key 'sttus'; did you mean 'status'?" in lines[2]


def test_a_misspelt_key_elsewhere_does_not_hide_duplicate_ids(folder: Path) -> None:
    code, lines = _validate(
        folder,
        {
            "people.yaml": PEOPLE,
            "plan.yaml": """\
                plan:
                  id: p
                  title: A plan
                  udpated: 2024-01
                findings:
                  - id: f
                    title: A finding
                    actions:
                      - id: "1"
                        title: First
                      - id: "1"
                        title: Second
                """,
        },
    )
    assert code == 1
    assert lines == [
        "plan.yaml:4:3: error: unknown key 'udpated'; did you mean 'updated'?",
        "plan.yaml:11:9: error: duplicate action id '1': already used at line 9",
    ]


def test_an_item_that_cannot_be_read_drops_out_and_the_rest_is_judged(folder: Path) -> None:
    """An action without a title is still an action with an id and leads; one without an id cannot be judged."""
    code, lines = _validate(
        folder,
        {
            "people.yaml": PEOPLE,
            "plan.yaml": """\
                plan:
                  id: p
                  title: A plan
                findings:
                  - id: f
                    title: A finding
                    actions:
                      - id: "1"
                        leads: [XX]
                      - title: No id
                        leads: [YY]
                      - id: "1"
                        title: Third
                """,
        },
    )
    assert code == 1
    assert lines == [
        "plan.yaml:8:9: error: missing required field 'title'",
        "plan.yaml:9:17: error: lead 'XX' is not in any people file",
        "plan.yaml:10:9: error: missing required field 'id'",
        "plan.yaml:12:9: error: duplicate action id '1': already used at line 8",
    ]


def test_problems_across_files_are_judged_when_a_file_has_field_errors(folder: Path) -> None:
    """A people file with a bad entry still names its people; a plan with a bad field still has its id and items."""
    code, lines = _validate(
        folder,
        {
            "people.yaml": PEOPLE + "  - id: BK\n    kind: persn\n",
            "a.yaml": """\
                plan:
                  id: p
                  title: A plan
                  updated: someday
                findings:
                  - id: f
                    title: A finding
                    leads: [SF, BK]
                """,
            "b.yaml": """\
                plan:
                  id: p
                  title: Same id
                findings:
                  - id: g
                    title: G
                    links: [p/f, p/nothing]
                """,
        },
    )
    assert code == 1
    assert lines == [
        "a.yaml:4:12: error: updated: 'someday' is not a date; use a day YYYY-MM-DD (2024-03-31), "
        "a month YYYY-MM (2024-03), a quarter YYYY-Qn (2024-Q1), a year YYYY (2024) or a financial year "
        "YYYY/YY (2023/24)",
        "b.yaml:2:3: error: duplicate plan id 'p': already used at a.yaml:2",
        "b.yaml:7:18: error: link 'p/nothing' matches no plan, finding or action",
        "people.yaml:7:11: error: kind must be person, role, team, board or organisation",
    ]


def test_a_file_that_is_not_a_plan_at_heart_adds_nothing_else(folder: Path) -> None:
    """Without a readable ``plan:`` there is nothing to judge across files: only the file's own problems."""
    code, lines = _validate(
        folder,
        {
            "people.yaml": PEOPLE,
            "plan.yaml": """\
                plan:
                  title: No id
                findings:
                  - id: f
                    title: A finding
                    leads: [XX]
                """,
        },
    )
    assert code == 1
    assert lines == ["plan.yaml:2:3: error: missing required field 'id'"]


def test_a_warm_run_reports_the_same_as_a_cold_one(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache keeps the sound part of a file with problems, so the checks across files still see it."""
    monkeypatch.delenv("PLANTOOL_NO_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
    files = {
        "people.yaml": PEOPLE,
        "plan.yaml": """\
            plan:
              id: p
              title: A plan
            findings:
              - id: f
                title: A finding
                due: someday
                leads: [XX]
            """,
    }
    cold = _validate(folder, files)
    assert list((folder / "cache" / "plantool").glob("*.entry"))
    assert _validate(folder, files) == cold
    assert [line.split(": error: ")[0] for line in cold[1]] == ["plan.yaml:7:10", "plan.yaml:8:13"]


def test_checks_across_an_items_fields_are_not_hidden_by_a_wrong_field(folder: Path) -> None:
    """pydantic runs a check that needs several fields (a period's ends; scale beside rag_key) only once
    each field reads; the rest of the file is validated again without the wrong field, so these come too."""
    code, lines = _validate(
        folder,
        {
            "plan.yaml": """\
                plan:
                  id: p
                  title: A plan
                  updated: someday
                  period: {start: 2025, end: 2024}
                  rag_key: {GREEN: Fine}
                  scale:
                    - {key: Done, label: Done, means: done}
                findings:
                  - id: f
                    title: A finding
                """,
        },
    )
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == ["plan.yaml:2:3", "plan.yaml:4:12", "plan.yaml:5:11"]
    assert "give either scale (the plan's own keys) or rag_key" in lines[0]
    assert "period: the period ends before it starts" in lines[2]
