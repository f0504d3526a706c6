"""The CI gate's rules (``plantool.rules``): each one firing and not firing at its boundary.

Every case is a small plan written inline, loaded with a people file so leads
are known, and judged on a fixed as-of day. The expected problems are data:
``(rule, line)`` pairs, where the line is the line of the action's ``- id:``
(or of the offending update, key or value).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from textwrap import dedent, indent

import pytest

from plantool.judgements import Thresholds
from plantool.loader import load_text
from plantool.problems import PlantoolError, Problem, Severity
from plantool.rules import RULE_IDS, RULES, Context, run_rules
from plantool.workspace import Workspace, build_workspace

REPO = Path(__file__).resolve().parents[1]

PEOPLE = """\
people:
  - id: JT
    aliases: [DoP]
  - id: GT
"""

# Seven lines, so the first action's "- id:" is line 8, the second's line 8 + its block.
HEAD = """\
plan:
  id: p
  title: P
priorities:
  - id: SP1
    title: Strategic priority one
    actions:
"""


def plan(actions: str) -> str:
    """A one-priority plan whose actions are ``actions`` (written at column 0, indented here)."""
    return HEAD + indent(dedent(actions), " " * 6)


def findings(body: str) -> str:
    """A findings plan: ``findings:`` is line 4, so the first finding's "- id:" is line 5."""
    return "plan:\n  id: f\n  title: F\nfindings:\n" + indent(dedent(body), "  ")


def workspace(*plans: str, people: str | None = PEOPLE) -> Workspace:
    loaded = [load_text(people, "plans/people.yaml")] if people is not None else []
    loaded += [load_text(text, f"plans/plan{n}.yaml") for n, text in enumerate(plans, 1)]
    return build_workspace(loaded)


def found(
    ws: Workspace, rule: str, as_of: date = date(2024, 3, 15), thresholds: Thresholds = Thresholds()
) -> list[tuple[str, int]]:
    problems = run_rules(Context(ws, as_of, thresholds), only=[rule])
    assert all(p.rule == rule for p in problems)
    return [(p.rule, p.line) for p in problems]


def found_at(
    ws: Workspace, rule: str, as_of: date = date(2024, 3, 15), thresholds: Thresholds = Thresholds()
) -> list[tuple[str, int, int]]:
    """Like ``found``, with the column: for rules that point at one value (a lead, a link, a due date)."""
    problems = run_rules(Context(ws, as_of, thresholds), only=[rule])
    assert all(p.rule == rule for p in problems)
    return [(p.rule, p.line, p.col) for p in problems]


def test_registry_matches_the_contract_in_order_and_severity() -> None:
    assert [(r.id, r.severity.value) for r in RULES] == [
        ("invalid", "error"),
        ("overdue", "error"),
        ("unowned", "error"),
        ("unknown-lead", "error"),
        ("duplicate-id", "error"),
        ("broken-link", "error"),
        ("green-but-overdue", "error"),
        ("blue-without-date", "warning"),
        ("undated", "warning"),
        ("recurs-undated", "warning"),
        ("unrated", "warning"),
        ("stale", "warning"),
    ]
    assert {r.id for r in RULES} == RULE_IDS
    assert all(r.doc for r in RULES), "every rule documents itself (--list-rules prints it)"


def test_docs_ci_table_lists_the_same_rules() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", text, flags=re.MULTILINE)
    assert table == [(r.id, r.severity.value) for r in RULES]


# ---------------------------------------------------------------------------
# overdue

OVERDUE_CASES = [
    pytest.param(
        """\
        - id: "a"
          title: due today
          leads: [JT]
          due: 2024-03-15
        """,
        date(2024, 3, 15),
        [],
        id="due-today-not-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: due yesterday
          leads: [JT]
          due: 2024-03-14
        """,
        date(2024, 3, 15),
        [("overdue", 11, 14)],  # the due value
        id="due-yesterday-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: due in February (a leap year)
          leads: [JT]
          due: 2024-02
        """,
        date(2024, 2, 29),
        [],
        id="due-month-last-day-not-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: due in February (a leap year)
          leads: [JT]
          due: 2024-02
        """,
        date(2024, 3, 1),
        [("overdue", 11, 14)],
        id="due-month-day-after-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: done long ago
          leads: [JT]
          due: 2020-01-01
          status: BLUE
          completed: 2020-01-01
        """,
        date(2024, 3, 15),
        [],
        id="blue-never-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: done, written in lower case
          leads: [JT]
          due: 2020-01
          status: blue
        """,
        date(2024, 3, 15),
        [],
        id="blue-lowercase-never-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: a later due date but an open milestone past
          leads: [JT]
          due: 2024-12-31
          milestones:
            - title: strategy
              due: 2024-03-01
        """,
        date(2024, 3, 15),
        [("overdue", 13, 13)],  # the late milestone's "title:", not the later due date
        id="open-milestone-past-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: the milestone is met
          leads: [JT]
          due: 2024-12-31
          milestones:
            - title: strategy
              due: 2024-03-01
              completed: 2024-02-28
            - title: portal
              due: 2024-03-02
              status: BLUE
        """,
        date(2024, 3, 15),
        [],
        id="done-milestones-not-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: no date at all
          leads: [JT]
        - id: "b"
          title: overdue second action
          leads: [JT]
          due: 2023-01
        """,
        date(2024, 3, 15),
        [("overdue", 14, 14)],
        id="undated-never-overdue-second-is",
    ),
    pytest.param(
        """\
        - id: "a"
          title: quarterly, reported on in February, due again at the end of April
          leads: [JT]
          due: 2024-01-31
          recurs: quarterly
          updates:
            - date: 2024-02-15
              text: first quarter reviewed
        """,
        date(2024, 4, 30),
        [],
        id="recurring-next-occurrence-today-not-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: quarterly, reported on in February, due again at the end of April
          leads: [JT]
          due: 2024-01-31
          recurs: quarterly
          updates:
            - date: 2024-02-15
              text: first quarter reviewed
        """,
        date(2024, 5, 1),
        [("overdue", 11, 14)],
        id="recurring-next-occurrence-passed-overdue",
    ),
    pytest.param(
        """\
        - id: "a"
          title: quarterly, never reported on
          leads: [JT]
          due: 2024-01-31
          recurs: quarterly
        """,
        date(2024, 3, 15),
        [("overdue", 11, 14)],
        id="recurring-without-update-first-occurrence",
    ),
]


@pytest.mark.parametrize(("actions", "as_of", "expected"), OVERDUE_CASES)
def test_overdue(actions: str, as_of: date, expected: list[tuple[str, int, int]]) -> None:
    assert found_at(workspace(plan(actions)), "overdue", as_of) == expected


def test_overdue_inherits_a_findings_due_date_and_says_when() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          due: 2024-01
          actions:
            - id: "1"
              title: Review the strategy
            - id: "2"
              title: Its own later date
              due: 2024-06
        """
    )
    ws = workspace(text)
    # An inherited due date is not the action's to fix here: the action's own "- id:".
    assert found_at(ws, "overdue") == [("overdue", 10, 9)]
    (problem,) = run_rules(Context(ws, date(2024, 3, 15)), only=["overdue"])
    assert problem.ref == "f/da.1"
    assert problem.severity is Severity.ERROR
    assert problem.path == "plans/plan1.yaml"
    assert "f/da.1" in problem.message
    assert "2024-01-31" in problem.message


def test_overdue_at_a_late_milestone_names_the_milestone() -> None:
    text = plan(
        """\
        - id: "a"
          title: a later due date but an open milestone past
          leads: [JT]
          due: 2024-12-31
          milestones:
            - title: strategy
              due: 2024-03-01
        """
    )
    (problem,) = run_rules(Context(workspace(text), date(2024, 3, 15)), only=["overdue"])
    assert (problem.line, problem.col) == (13, 13), "the milestone's mapping, its '- title:' line"
    assert problem.message == "p/a is overdue: milestone 'strategy' was due 2024-03-01 (2 weeks overdue)"


# ---------------------------------------------------------------------------
# unowned


def test_unowned_action_without_leads() -> None:
    text = plan(
        """\
        - id: "a"
          title: nobody
          due: 2024-12
        - id: "b"
          title: somebody
          leads: [JT]
          due: 2024-12
        """
    )
    assert found(workspace(text), "unowned") == [("unowned", 8)]


def test_unowned_not_fired_when_the_finding_has_leads() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          actions:
            - id: "1"
              title: inherits GT
        - id: nobody
          title: a finding with no leads and no actions is tracked itself
        """
    )
    assert found(workspace(text), "unowned") == [("unowned", 11)]


def test_unowned_not_fired_for_blue() -> None:
    text = plan(
        """\
        - id: "a"
          title: done, nobody needed any more
          status: BLUE
          completed: 2024-01-02
        """
    )
    assert found(workspace(text), "unowned") == []


# ---------------------------------------------------------------------------
# unknown-lead


def test_unknown_lead_fires_for_a_stranger_and_an_unknown_update_author() -> None:
    text = plan(
        """\
        - id: "a"
          title: a stranger leads
          leads: [JT, ZZ]
        - id: "b"
          title: an alias is known
          leads: [DoP]
          updates:
            - date: 2024-01
              text: done something
              by: XY
        """
    )
    # ZZ in "leads: [JT, ZZ]" (line 10), and the XY of "by: XY" (line 17).
    assert found_at(workspace(text), "unknown-lead") == [("unknown-lead", 10, 21), ("unknown-lead", 17, 17)]


def test_unknown_lead_on_a_finding_is_reported_once_there() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [QQ]
          actions:
            - id: "1"
              title: inherits QQ
        """
    )
    assert found_at(workspace(text), "unknown-lead") == [("unknown-lead", 7, 13)]


def test_unknown_lead_without_any_people_file_says_so() -> None:
    ws = workspace(plan('- id: "a"\n  title: t\n  leads: [JT]\n'), people=None)
    (problem,) = run_rules(Context(ws, date(2024, 3, 15)), only=["unknown-lead"])
    assert (problem.rule, problem.line, problem.col) == ("unknown-lead", 10, 17)
    assert "no people file" in problem.message


def test_known_leads_and_aliases_pass() -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT, DoP, GT]\n')
    assert found(workspace(text), "unknown-lead") == []


# ---------------------------------------------------------------------------
# duplicate-id


def test_duplicate_action_id_in_one_priority() -> None:
    text = plan(
        """\
        - id: "1.1"
          title: first
          leads: [JT]
        - id: "1.1"
          title: second
          leads: [JT]
        """
    )
    ws = workspace(text)
    assert found(ws, "duplicate-id") == [("duplicate-id", 11)]
    (problem,) = run_rules(Context(ws, date(2024, 3, 15)), only=["duplicate-id"])
    assert "'1.1'" in problem.message
    assert "line 8" in problem.message, "the problem names both places"


def test_duplicate_action_id_across_priorities_of_one_plan() -> None:
    text = plan('- id: "1"\n  title: first\n  leads: [JT]\n')
    text += '  - id: SP2\n    title: Strategic priority two\n    actions:\n      - id: "1"\n        title: same id\n'
    assert found(workspace(text), "invalid") == []
    assert found(workspace(text), "duplicate-id") == [("duplicate-id", 14)]


def test_same_action_id_in_two_findings_is_fine() -> None:
    text = findings(
        """\
        - id: one
          title: Finding one
          leads: [GT]
          actions:
            - id: "1"
              title: first
        - id: two
          title: Finding two
          leads: [GT]
          actions:
            - id: "1"
              title: first of another finding
        """
    )
    assert found(workspace(text), "duplicate-id") == []


def test_duplicate_action_id_within_a_finding() -> None:
    text = findings(
        """\
        - id: one
          title: Finding one
          leads: [GT]
          actions:
            - id: "1"
              title: first
            - id: "1"
              title: again
        """
    )
    assert found(workspace(text), "duplicate-id") == [("duplicate-id", 11)]


def test_duplicate_plan_id_across_files() -> None:
    one = plan('- id: "a"\n  title: t\n  leads: [JT]\n')
    assert found(workspace(one, one), "duplicate-id") == [("duplicate-id", 2)]


def test_duplicate_person_id() -> None:
    people = PEOPLE + "  - id: JT\n"
    assert found(workspace(people=people), "duplicate-id") == [("duplicate-id", 5)]


# ---------------------------------------------------------------------------
# broken-link


def test_broken_link_unknown_and_ambiguous() -> None:
    one = plan(
        """\
        - id: "a"
          title: links to nothing
          leads: [JT]
          links: [nowhere/9]
        - id: "b"
          title: links to an existing action by its tail
          leads: [JT]
          links: [a]
        - id: "c"
          title: links to a full reference
          leads: [JT]
          links: [p/b]
        """
    )
    two = findings(
        """\
        - id: x
          title: finding
          leads: [GT]
          actions:
            - id: "a"
              title: a second 'a'
              links: [p/a]
        """
    )
    assert found_at(workspace(one), "broken-link") == [("broken-link", 11, 17)]
    # With the findings plan loaded, the bare tail "a" names both p/a and f/x.a.
    ws = workspace(one, two)
    problems = run_rules(Context(ws, date(2024, 3, 15)), only=["broken-link"])
    assert [(p.path, p.rule, p.line, p.col) for p in problems] == [
        ("plans/plan1.yaml", "broken-link", 11, 17),
        ("plans/plan1.yaml", "broken-link", 15, 17),
    ]
    assert "ambiguous" in problems[1].message


# ---------------------------------------------------------------------------
# invalid


def test_invalid_a_bad_file_is_reported_at_its_line() -> None:
    bad = plan(
        """\
        - id: "a"
          title: a bad date
          leads: [JT]
          due: Mar-24
        """
    )
    good = plan('- id: "b"\n  title: fine\n  leads: [JT]\n').replace("id: p", "id: q")
    assert found(workspace(good), "invalid") == []
    ws = workspace(good, bad)
    problems = run_rules(Context(ws, date(2024, 3, 15)), only=["invalid"])
    assert [(p.path, p.rule, p.line) for p in problems] == [("plans/plan2.yaml", "invalid", 11)]
    assert "2024-03" in problems[0].message, "the message shows the accepted forms"


def test_invalid_yaml_and_unknown_key() -> None:
    syntax = "plan:\n  id: p\n  title: [unclosed\n"
    unknown = plan('- id: "a"\n  title: t\n  lead: [JT]\n')
    ws = workspace(syntax, unknown)
    assert {(p.path, p.rule) for p in run_rules(Context(ws, date(2024, 3, 15)), only=["invalid"])} == {
        ("plans/plan1.yaml", "invalid"),
        ("plans/plan2.yaml", "invalid"),
    }
    assert ("invalid", 10) in found(workspace(unknown), "invalid")


# ---------------------------------------------------------------------------
# green-but-overdue


GREEN_CASES = [
    pytest.param("status: GREEN\ndue: 2024-03-14\n", [("green-but-overdue", 11, 17)], id="green-late"),
    pytest.param("status: green\ndue: 2024-03-14\n", [("green-but-overdue", 11, 17)], id="green-lowercase-late"),
    pytest.param("status: GREEN\ndue: 2024-03-15\n", [], id="green-due-today"),
    pytest.param("status: AMBER\ndue: 2024-03-14\n", [], id="amber-late"),
    pytest.param("due: 2024-03-14\n", [], id="unrated-late"),
    pytest.param(
        "status: GREEN\ndue: 2024-12\nmilestones:\n  - title: m\n    due: 2024-03-01\n",
        [("green-but-overdue", 11, 17)],
        id="green-milestone-late",
    ),
]


@pytest.mark.parametrize(("fields", "expected"), GREEN_CASES)
def test_green_but_overdue(fields: str, expected: list[tuple[str, int, int]]) -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n' + indent(fields, "  "))
    assert found_at(workspace(text), "green-but-overdue") == expected


def test_green_but_overdue_inherited_from_a_finding() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          status: GREEN
          due: 2024-01
          actions:
            - id: "1"
              title: inherits GREEN and January
        """
    )
    # An inherited status stays at the action's own "- id:".
    assert found_at(workspace(text), "green-but-overdue") == [("green-but-overdue", 11, 9)]


# ---------------------------------------------------------------------------
# blue-without-date


BLUE_CASES = [
    pytest.param("status: BLUE\n", [("blue-without-date", 11, 17)], id="blue-no-completed"),
    pytest.param("status: BLUE\ncompleted: 2024-01-31\n", [], id="blue-completed"),
    pytest.param("status: GREEN\ndue: 2024-12\n", [], id="green"),
    pytest.param("due: 2024-12\n", [], id="unrated"),
]


@pytest.mark.parametrize(("fields", "expected"), BLUE_CASES)
def test_blue_without_date(fields: str, expected: list[tuple[str, int, int]]) -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n' + indent(fields, "  "))
    assert found_at(workspace(text), "blue-without-date") == expected


def test_blue_inherited_from_a_completed_finding_is_not_flagged() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          status: BLUE
          completed: 2024-01-15
          actions:
            - id: "1"
              title: inherits BLUE and, one would think, the completion day
        """
    )
    assert found(workspace(text), "blue-without-date") == []


# ---------------------------------------------------------------------------
# undated


UNDATED_CASES = [
    pytest.param("status: AMBER\n", [("undated", 8)], id="no-due"),
    pytest.param("due: 2024-12\n", [], id="due-month"),
    pytest.param("milestones:\n  - title: m\n    due: 2024-09\n", [], id="open-milestone-counts-as-a-date"),
    pytest.param(
        "milestones:\n  - title: m\n    due: 2024-01\n    completed: 2024-01-10\n",
        [("undated", 8)],
        id="only-a-met-milestone",
    ),
    pytest.param("status: BLUE\ncompleted: 2024-01-02\n", [], id="blue-needs-no-date"),
    pytest.param("due: 2024-Q4\n", [], id="due-quarter"),
    pytest.param("due: 2024/25\n", [], id="due-financial-year"),
    pytest.param(
        "due_note: To be confirmed in the Children and Social Work Act\n", [("undated", 8)], id="note-is-no-date"
    ),
    pytest.param(
        "milestones:\n  - title: m\n    due_note: website permitting\n", [("undated", 8)], id="undated-milestone"
    ),
]


@pytest.mark.parametrize(("fields", "expected"), UNDATED_CASES)
def test_undated(fields: str, expected: list[tuple[str, int]]) -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n' + indent(fields, "  "))
    assert found(workspace(text), "undated") == expected


RECURS_UNDATED_CASES = [
    pytest.param("recurs: monthly\n", [("recurs-undated", 11)], id="recurs-without-due"),
    pytest.param("recurs: annually\ndue: 2024\n", [], id="recurs-from-a-year"),
    pytest.param("recurs: quarterly\ndue_note: Quarterly thereafter\n", [("recurs-undated", 11)], id="note-is-no-date"),
    pytest.param("recurs: monthly\nstatus: BLUE\ncompleted: 2024-01\n", [], id="done-is-quiet"),
]


@pytest.mark.parametrize(("fields", "expected"), RECURS_UNDATED_CASES)
def test_recurs_undated(fields: str, expected: list[tuple[str, int]]) -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n' + indent(fields, "  "))
    assert found(workspace(text), "recurs-undated") == expected


def test_undated_not_fired_when_the_finding_has_a_due_date() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          due: 2024-09
          actions:
            - id: "1"
              title: inherits September
        - id: nodate
          title: tracked itself, undated
          leads: [GT]
        """
    )
    assert found(workspace(text), "undated") == [("undated", 12)]


# ---------------------------------------------------------------------------
# unrated


UNRATED_CASES = [
    pytest.param("due: 2024-12\n", [("unrated", 8)], id="no-status"),
    pytest.param("due: 2024-12\nstatus: null\n", [("unrated", 8)], id="null-status"),
    pytest.param("due: 2024-12\nstatus: RED\n", [], id="red"),
    pytest.param("status: BLUE\ncompleted: 2024-01-02\n", [], id="blue"),
]


@pytest.mark.parametrize(("fields", "expected"), UNRATED_CASES)
def test_unrated(fields: str, expected: list[tuple[str, int]]) -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n' + indent(fields, "  "))
    assert found(workspace(text), "unrated") == expected


def test_unrated_not_fired_when_the_finding_is_rated() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          status: AMBER
          actions:
            - id: "1"
              title: inherits AMBER
        """
    )
    assert found(workspace(text), "unrated") == []


# ---------------------------------------------------------------------------
# stale

AS_OF_STALE = date(2024, 6, 30)  # 2024-04-01 is exactly 90 days before; 2024-03-31 is 91


def _with_update(update: str, extra: str = "") -> str:
    return plan(
        '- id: "a"\n  title: t\n  leads: [JT]\n  due: 2024-12\n  status: AMBER\n'
        + extra
        + f"  updates:\n    - date: 2023-01\n      text: old\n    - date: {update}\n      text: newest\n"
    )


STALE_CASES = [
    pytest.param("2024-04-01", "", Thresholds(), [], id="exactly-90-days-not-stale"),
    pytest.param("2024-03-31", "", Thresholds(), [("stale", 16, 13)], id="91-days-stale"),
    pytest.param("2024-03", "", Thresholds(), [("stale", 16, 13)], id="month-counts-from-its-last-day-91"),
    pytest.param("2024-05-31", "", Thresholds(stale_days=30), [], id="custom-30-exactly-not-stale"),
    pytest.param("2024-05-30", "", Thresholds(stale_days=30), [("stale", 16, 13)], id="custom-30-31-days-stale"),
    pytest.param("2024-03-31", "", Thresholds(stale_days=91), [], id="custom-91-at-91-not-stale"),
    pytest.param("2023-01-01", "  completed: 2023-02-01\n", Thresholds(), [], id="blue-never-stale"),
]


@pytest.mark.parametrize(("update", "extra", "thresholds", "expected"), STALE_CASES)
def test_stale(update: str, extra: str, thresholds: Thresholds, expected: list[tuple[str, int, int]]) -> None:
    text = _with_update(update, extra)
    if extra:
        text = text.replace("status: AMBER", "status: BLUE")
    # At the newest update's "- date:" (line 16), not the action's "- id:".
    assert found_at(workspace(text), "stale", AS_OF_STALE, thresholds) == expected


def test_stale_month_update_within_90_days() -> None:
    # 2024-03 counts from 2024-03-31: 90 days before 2024-06-29.
    assert found(workspace(_with_update("2024-03")), "stale", date(2024, 6, 29)) == []


def test_no_update_is_not_stale() -> None:
    text = plan('- id: "a"\n  title: t\n  leads: [JT]\n  due: 2024-12\n  status: AMBER\n')
    assert found(workspace(text), "stale", AS_OF_STALE) == []


def test_stale_message_says_the_age_and_threshold() -> None:
    ws = workspace(_with_update("2024-03-31"))
    (problem,) = run_rules(Context(ws, AS_OF_STALE, Thresholds(stale_days=60)), only=["stale"])
    assert "91" in problem.message
    assert "60" in problem.message
    assert problem.severity is Severity.WARNING


def test_stale_counts_a_findings_update_for_its_actions() -> None:
    text = findings(
        """\
        - id: da
          title: Domestic abuse
          leads: [GT]
          due: 2024-12
          status: AMBER
          updates:
            - date: 2024-06-01
              text: recent, on the finding
          actions:
            - id: "1"
              title: inherits the recent update
        """
    )
    assert found(workspace(text), "stale", AS_OF_STALE) == []


# ---------------------------------------------------------------------------
# run_rules: severities, subsets, order

MIXED = plan(
    """\
    - id: "a"
      title: overdue and unrated
      leads: [JT]
      due: 2024-01-31
    - id: "b"
      title: unowned and undated
      status: AMBER
    - id: "c"
      title: BLUE without a date
      leads: [JT]
      status: BLUE
    """
)


def _summary(problems: list[Problem]) -> list[tuple[str, str, int, int]]:
    return [(p.rule, p.severity.value, p.line, p.col) for p in problems]


def test_run_rules_defaults_and_order_errors_first() -> None:
    problems = run_rules(Context(workspace(MIXED), date(2024, 3, 15)))
    assert _summary(problems) == [
        ("overdue", "error", 11, 14),
        ("unowned", "error", 12, 9),
        ("unrated", "warning", 8, 9),
        ("undated", "warning", 12, 9),
        ("blue-without-date", "warning", 18, 17),
    ]


def test_run_rules_order_errors_first_across_files() -> None:
    warnings_only = plan('- id: "w"\n  title: unrated\n  leads: [JT]\n  due: 2024-12\n').replace("id: p", "id: a")
    errors_only = plan('- id: "e"\n  title: overdue\n  leads: [JT]\n  due: 2024-01\n  status: RED\n').replace(
        "id: p", "id: b"
    )
    problems = run_rules(Context(workspace(warnings_only, errors_only), date(2024, 3, 15)))
    assert [(p.path, p.severity.value) for p in problems] == [
        ("plans/plan2.yaml", "error"),
        ("plans/plan1.yaml", "warning"),
    ]


def test_run_rules_severity_override_to_warning() -> None:
    problems = run_rules(Context(workspace(MIXED), date(2024, 3, 15)), {"overdue": "warning", "unrated": "error"})
    assert _summary(problems) == [
        ("unrated", "error", 8, 9),
        ("unowned", "error", 12, 9),
        ("overdue", "warning", 11, 14),
        ("undated", "warning", 12, 9),
        ("blue-without-date", "warning", 18, 17),
    ]


def test_run_rules_off_disables_a_rule() -> None:
    problems = run_rules(Context(workspace(MIXED), date(2024, 3, 15)), {"overdue": "off", "blue-without-date": "off"})
    assert {p.rule for p in problems} == {"unowned", "unrated", "undated"}


def test_run_rules_only_a_subset() -> None:
    problems = run_rules(Context(workspace(MIXED), date(2024, 3, 15)), only=["undated", "overdue"])
    assert _summary(problems) == [("overdue", "error", 11, 14), ("undated", "warning", 12, 9)]


def test_a_rule_asked_for_by_name_runs_even_when_the_config_turns_it_off() -> None:
    problems = run_rules(Context(workspace(MIXED), date(2024, 3, 15)), {"overdue": "off"}, only=["overdue"])
    assert problems
    assert {(p.rule, p.severity) for p in problems} == {("overdue", Severity.ERROR)}


def test_run_rules_unknown_rule_in_only_raises() -> None:
    with pytest.raises(PlantoolError, match=r"unknown rule 'overdew'.*overdue"):
        run_rules(Context(workspace(MIXED), date(2024, 3, 15)), only=["overdew"])


def test_clean_plan_has_no_problems() -> None:
    text = plan(
        """\
        - id: "a"
          title: all in order
          leads: [JT]
          due: 2024-12
          status: GREEN
          updates:
            - date: 2024-03-01
              text: progress
        - id: "b"
          title: done properly
          status: BLUE
          completed: 2024-02-01
        """
    )
    assert run_rules(Context(workspace(text), date(2024, 3, 15))) == []
