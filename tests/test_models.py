"""The file format as plantool reads it: small inline plans through ``loader.load_text``.

Each test holds the YAML it reads; problems are compared as data,
``(line, col, substring of the message)``, so a test says where an error
must point as well as what it must say.
"""

from __future__ import annotations

from datetime import date
from textwrap import dedent

import pytest

from plantool.dates import PlanDate, parse_plan_date
from plantool.loader import LoadedFile, load_text
from plantool.models import Action, Finding, PlanFile, Recurrence, Status
from plantool.workspace import Item, Workspace, build_workspace

Expected = list[tuple[int, int, str]]


def load(text: str, path: str = "t.yaml") -> LoadedFile:
    return load_text(dedent(text).lstrip("\n"), path)


def assert_problems(loaded: LoadedFile, expected: Expected) -> None:
    got = [(p.line, p.col, p.message) for p in loaded.problems]
    assert len(got) == len(expected), got
    for (line, col, message), (want_line, want_col, fragment) in zip(got, expected, strict=True):
        assert (line, col) == (want_line, want_col), got
        assert fragment in message, got


def plan_of(text: str) -> PlanFile:
    loaded = load(text)
    assert loaded.problems == [], [str(p) for p in loaded.problems]
    assert loaded.plan is not None
    return loaded.plan


HEAD = """\
plan:
  id: p
  title: T
priorities:
  - id: SP1
    title: S
    actions:
      - id: "1"
        title: An action
"""
# Fields added to the action start on line 10, column 9.


def action(fields: str) -> str:
    """A one-action plan; ``fields`` are extra lines of the action, written at column 9 from line 10."""
    lines = dedent(fields).strip("\n").splitlines()
    return HEAD + "".join(f"        {line}\n" for line in lines)


def the_action(fields: str) -> Action:
    return plan_of(action(fields)).priorities[0].actions[0]


def action_problems(fields: str, expected: Expected) -> None:
    loaded = load_text(action(fields), "t.yaml")
    assert loaded.plan is None
    assert_problems(loaded, expected)


# ---------------------------------------------------------------------------
# A complete plan


def test_a_development_plan() -> None:
    plan = plan_of(
        """
        # yaml-language-server: $schema=../schemas/plan.schema.json
        plan:
          id: tdp-2023-24
          title: Trust Development Plan 2023/24
          organisation: Birmingham Children's Trust
          period: {start: 2023-04-01, end: 2024-03-31}
          updated: 2023-05-15
          rag_key:
            GREEN: On target
            blue: Complete
        priorities:
          - id: SP1
            title: Responding to Ofsted recommendations
            actions:
              - id: "1.4"
                title: Develop and implement Communities of Practice
                leads: [JT, AxB]
                due: 2024-03
                carried_forward: true
                status: GREEN
                recurs: quarterly
                completed: 2024-03-02
                source_ref: "1.04"
                links: [ofsted/domestic-abuse.1]
                tags: [practice, workforce]
                updates:
                  - date: 2023-05
                    text: PSDP communities of practice pilot commissioned.
                    status: amber
                    by: JT
        """
    )
    meta = plan.plan
    assert (meta.id, meta.title, meta.organisation) == (
        "tdp-2023-24",
        "Trust Development Plan 2023/24",
        "Birmingham Children's Trust",
    )
    assert meta.period is not None
    assert (meta.period.first_day.isoformat(), meta.period.last_day.isoformat()) == ("2023-04-01", "2024-03-31")
    assert meta.updated == parse_plan_date("2023-05-15")
    assert meta.rag_key == {Status.GREEN: "On target", Status.BLUE: "Complete"}
    (priority,) = plan.priorities
    assert (priority.id, priority.line, priority.col) == ("SP1", 12, 5)
    (a,) = priority.actions
    assert (a.id, a.line) == ("1.4", 15)
    assert a.leads == ["JT", "AxB"]
    assert a.due == PlanDate.month(2024, 3)
    assert a.carried_forward is True
    assert a.status == Status.GREEN
    assert a.recurs is Recurrence.QUARTERLY
    assert a.completed is not None and str(a.completed) == "2024-03-02"
    assert a.source_ref == "1.04"
    assert a.links == ["ofsted/domestic-abuse.1"]
    assert a.tags == ["practice", "workforce"]
    (update,) = a.updates
    assert (str(update.date), update.status, update.by, update.line) == ("2023-05", Status.AMBER, "JT", 27)
    assert plan.findings == []


def test_defaults() -> None:
    a = the_action("")
    assert a.leads == [] and a.milestones == [] and a.updates == [] and a.links == [] and a.tags == []
    assert a.due is None and a.status is None and a.recurs is None and a.completed is None
    assert a.carried_forward is False
    assert a.target is None and a.source_ref is None


# ---------------------------------------------------------------------------
# Text stays text (YAML 1.1 typing must not change meaning)


def test_id_1_10_stays_text() -> None:
    plan = plan_of(HEAD.replace('id: "1"', "id: 1.10"))
    assert plan.priorities[0].actions[0].id == "1.10"


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "true", "1.10", "012", "1:30", "2024-03-31", "~x"])
def test_title_is_text_whatever_it_looks_like(value: str) -> None:
    plan = plan_of(HEAD.replace("title: An action", f"title: {value}"))
    assert plan.priorities[0].actions[0].title == value


def test_a_single_lead_is_a_list_of_one() -> None:
    assert the_action("leads: GT").leads == ["GT"]


def test_no_on_y_are_three_people() -> None:
    assert the_action("leads: [NO, ON, Y]").leads == ["NO", "ON", "Y"]


@pytest.mark.parametrize("value", ["GREEN", "green", "Green", "gReEn", '"green"', "'GREEN'"])
def test_status_in_any_case(value: str) -> None:
    assert the_action(f"status: {value}").status == Status.GREEN


@pytest.mark.parametrize(("value", "status"), [("AMBER", Status.AMBER), ("red", Status.RED), ("Blue", Status.BLUE)])
def test_every_status(value: str, status: Status) -> None:
    assert the_action(f"status: {value}").status == status


@pytest.mark.parametrize("value", ["", "null", "~"])
def test_status_null_is_not_rated(value: str) -> None:
    assert the_action(f"status: {value}").status is None


def test_bad_status() -> None:
    action_problems(
        "status: PURPLE",
        [(10, 17, "status: 'PURPLE' is not on the plan's scale; use GREEN, AMBER, RED or BLUE (any case)")],
    )


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_carried_forward_true_false(value: str, expected: bool) -> None:
    assert the_action(f"carried_forward: {value}").carried_forward is expected


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "y", "1", "0"])
def test_carried_forward_yes_is_an_error(value: str) -> None:
    action_problems(f"carried_forward: {value}", [(10, 26, "carried_forward: expected true or false")])


def test_recurs_values() -> None:
    assert the_action("recurs: Monthly").recurs is Recurrence.MONTHLY
    action_problems("recurs: weekly", [(10, 17, "recurs must be monthly, quarterly or annually")])


# ---------------------------------------------------------------------------
# Unknown keys, missing fields


@pytest.mark.parametrize(("key", "suggestion"), [("lead", "leads"), ("titel", "title"), ("stauts", "status")])
def test_unknown_key_suggests_the_nearest(key: str, suggestion: str) -> None:
    action_problems(f"{key}: x", [(10, 9, f"unknown key {key!r}; did you mean {suggestion!r}?")])


def test_unknown_key_with_no_close_match_lists_the_known_keys() -> None:
    loaded = load_text(action("owner: GT"), "t.yaml")
    assert_problems(loaded, [(10, 9, "unknown key 'owner'; the keys here are: ")])
    message = loaded.problems[0].message
    for known in ("title", "leads", "due", "status", "carried_forward", "updates", "id"):
        assert known in message


def test_unknown_key_in_plan_metadata_and_in_an_update() -> None:
    loaded = load(
        """
        plan:
          id: p
          title: T
          organization: US spelling
        priorities:
          - id: SP1
            title: S
            actions:
              - id: "1"
                title: A
                updates:
                  - date: 2023-05
                    txt: x
        """
    )
    assert_problems(
        loaded,
        [
            (4, 3, "unknown key 'organization'; did you mean 'organisation'?"),
            (12, 13, "missing required field 'text'"),
            (13, 13, "unknown key 'txt'; did you mean 'text'?"),
        ],
    )


def test_missing_title() -> None:
    loaded = load(
        """
        plan:
          id: p
          title: T
        priorities:
          - id: SP1
            title: S
            actions:
              - id: "1"
                leads: [GT]
        """
    )
    assert_problems(loaded, [(8, 9, "missing required field 'title'")])


def test_empty_title() -> None:
    action_problems_text = HEAD.replace("title: An action", 'title: ""')
    assert_problems(load_text(action_problems_text, "t.yaml"), [(9, 16, "title: must not be empty")])


def test_missing_id_and_title_in_one_action_are_both_reported() -> None:
    loaded = load(
        """
        plan:
          id: p
          title: T
        priorities:
          - id: SP1
            title: S
            actions:
              - due: 2024-03
        """
    )
    assert sorted(p.message for p in loaded.problems) == [
        "missing required field 'id'",
        "missing required field 'title'",
    ]
    assert {(p.line, p.col) for p in loaded.problems} == {(8, 9)}


# ---------------------------------------------------------------------------
# Dates


@pytest.mark.parametrize(
    ("value", "expected"), [("2024-03", PlanDate.month(2024, 3)), ("2024-03-31", parse_plan_date("2024-03-31"))]
)
def test_due_day_or_month(value: str, expected: PlanDate) -> None:
    assert the_action(f"due: {value}").due == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("Mar-24", "'Mar-24' is not a date"),
        ("12/07/2023", "'12/07/2023' is not a date"),
        ("2023-02-30", "'2023-02-30' is not a real day (2023-02 has 28 days)"),
        ("0", "'0' is not a date"),
        ("1700000000", "is not a date"),
    ],
)
def test_bad_due_dates_show_the_accepted_forms(value: str, fragment: str) -> None:
    loaded = load_text(action(f"due: {value}"), "t.yaml")
    assert_problems(loaded, [(10, 14, fragment)])
    assert "use a day YYYY-MM-DD (2024-03-31), a month YYYY-MM (2024-03), a quarter" in loaded.problems[0].message


@pytest.mark.parametrize("value", ["2024-03", "2024-03-02", "2024-Q1", "2024", "2023/24"])
def test_completed_takes_every_date_form(value: str) -> None:
    completed = the_action(f"completed: {value}").completed
    assert completed is not None and str(completed) == value


def test_a_bad_completed_date_is_located() -> None:
    action_problems("completed: 2024-13", [(10, 20, "completed: '2024-13' has no month 13")])


def test_financial_years_follow_the_loaders_start_month() -> None:
    loaded = load_text(action("due: 2012/13"), "t.yaml", financial_year_start=7)
    assert loaded.plan is not None
    due = loaded.plan.priorities[0].actions[0].due
    assert due is not None and (due.start, due.end) == (date(2012, 7, 1), date(2013, 6, 30))


def test_updates_with_month_and_day_dates() -> None:
    a = the_action(
        """
        updates:
          - date: 2023-05
            text: May round
          - date: 2023-06-14
            text: Mid June
            status: red
        """
    )
    assert [(str(u.date), u.date.month_only, u.text, u.status) for u in a.updates] == [
        ("2023-05", True, "May round", None),
        ("2023-06-14", False, "Mid June", Status.RED),
    ]
    assert [u.line for u in a.updates] == [11, 13]


def test_update_without_date() -> None:
    action_problems(
        """
        updates:
          - text: when?
        """,
        [(11, 13, "missing required field 'date'")],
    )


def test_period_end_before_start() -> None:
    loaded = load(
        """
        plan:
          id: p
          title: T
          period: {start: 2024-03-31, end: 2023-04-01}
        priorities: []
        """
    )
    assert_problems(loaded, [(4, 11, "period: the period ends before it starts")])


def test_period_of_one_day_is_fine() -> None:
    plan = plan_of(
        """
        plan:
          id: p
          title: T
          period: {start: 2024-03-31, end: 2024-03-31}
        priorities: []
        """
    )
    assert plan.plan.period is not None


@pytest.mark.parametrize(
    ("start", "end", "first", "last"),
    [
        ("2023-04", "2024-03-31", date(2023, 4, 1), date(2024, 3, 31)),
        ("2025", "2028", date(2025, 1, 1), date(2028, 12, 31)),
        ("2012/13", "2014/15", date(2012, 4, 1), date(2015, 3, 31)),
        ("2024-Q2", "2024-Q2", date(2024, 4, 1), date(2024, 6, 30)),
    ],
)
def test_a_period_runs_from_the_first_day_of_its_start_to_the_last_of_its_end(
    start: str, end: str, first: date, last: date
) -> None:
    meta = plan_of(f"plan:\n  id: p\n  title: T\n  period: {{start: {start}, end: {end}}}\npriorities: []\n").plan
    assert meta.period is not None
    assert (meta.period.first_day, meta.period.last_day) == (first, last)
    assert (str(meta.period.start), str(meta.period.end)) == (start, end)


def test_a_period_may_not_end_before_it_starts() -> None:
    loaded = load("plan:\n  id: p\n  title: T\n  period: {start: 2025, end: 2023/24}\npriorities: []\n")
    assert [p.message for p in loaded.problems] == ["period: the period ends before it starts"]


# ---------------------------------------------------------------------------
# Targets and milestones


@pytest.mark.parametrize(
    ("value", "expected"),
    [("30", 30), ("0", 0), ("-3", -3), ("+7", 7), ("12.5", 12.5), ('"30"', 30), ("999999999999999", 999999999999999)],
)
def test_target_numbers(value: str, expected: float) -> None:
    target = the_action(f"target: {{measure: additional foster carers, target: {value}, current: 4}}").target
    assert target is not None
    assert target.measure == "additional foster carers"
    assert target.target == expected and type(target.target) is type(expected)
    assert target.current == 4 and target.baseline is None


@pytest.mark.parametrize(
    "value",
    [
        ".nan",
        "NaN",
        ".inf",
        "-.inf",
        "1e5",
        "0x10",
        "1_000",
        "thirty",
        "true",
        "'1,000'",  # quoted: a bare comma would end the flow mapping
        "5" * 5000,
        "1" * 16,
        "1.1234567",
        "\u0663\u0660",  # Arabic-Indic digits for 30
    ],
)
def test_rejected_target_numbers(value: str) -> None:
    action_problems(f"target: {{measure: m, target: {value}}}", [(10, 38, "target: expected a number such as 30")])


def test_target_needs_a_measure() -> None:
    action_problems("target: {target: 30}", [(10, 17, "missing required field 'measure'")])


def test_milestones() -> None:
    a = the_action(
        """
        milestones:
          - title: Strategy
            due: 2023-09
          - title: Digital portal
            due: 2023-12-01
            status: blue
            completed: 2023-11-30
        """
    )
    assert [(m.title, str(m.due), m.status) for m in a.milestones] == [
        ("Strategy", "2023-09", None),
        ("Digital portal", "2023-12-01", Status.BLUE),
    ]
    assert [m.line for m in a.milestones] == [11, 13]


def test_a_milestone_may_have_no_due_and_a_completed_date() -> None:
    milestones = the_action(
        """
        milestones:
          - title: Phase 1 (already done)
            completed: 2023-Q2
          - title: Phase 2
            due_note: when the website permits
        """
    ).milestones
    assert [(m.due, str(m.completed) if m.completed else None, m.due_note, m.done) for m in milestones] == [
        (None, "2023-Q2", None, True),
        (None, None, "when the website permits", False),
    ]


# ---------------------------------------------------------------------------
# Ids


@pytest.mark.parametrize("plan_id", ["tdp-2023-24", "p", "0", "ofsted-ilacs-2023"])
def test_good_plan_ids(plan_id: str) -> None:
    assert plan_of(HEAD.replace("id: p", f"id: {plan_id}")).plan.id == plan_id


@pytest.mark.parametrize("plan_id", ["TDP", "tdp_2023", "tdp 2023", "-tdp", "tdp/1", "tdp.1", "tdp-é"])
def test_bad_plan_ids(plan_id: str) -> None:
    loaded = load_text(HEAD.replace("id: p", f"id: {plan_id}"), "t.yaml")
    assert_problems(loaded, [(2, 7, "is not a valid plan id (lower-case letters, digits and '-')")])


@pytest.mark.parametrize("action_id", ["1", "1.4", "3.09", "A_1", "x-y.z"])
def test_good_action_ids(action_id: str) -> None:
    plan = plan_of(HEAD.replace('id: "1"', f'id: "{action_id}"'))
    assert plan.priorities[0].actions[0].id == action_id


@pytest.mark.parametrize("action_id", [".1", "1 2", "1/2", "a" * 65, "é"])
def test_bad_action_ids(action_id: str) -> None:
    loaded = load_text(HEAD.replace('id: "1"', f'id: "{action_id}"'), "t.yaml")
    assert_problems(loaded, [(8, 13, "is not a valid id")])


def test_an_id_that_is_not_text() -> None:
    loaded = load_text(HEAD.replace('id: "1"', "id: [1]"), "t.yaml")
    assert_problems(loaded, [(8, 13, "id: this value is not a valid id")])


FINDINGS = """\
plan:
  id: ofsted
  title: O
findings:
  - id: {fid}
    title: F
"""


def test_finding_id_with_a_dot_is_rejected() -> None:
    loaded = load_text(FINDINGS.format(fid="domestic.abuse"), "t.yaml")
    assert_problems(loaded, [(5, 9, "'domestic.abuse' is not a valid finding id (letters, digits, '_' or '-'; no '.'")])


def test_finding_id_without_a_dot() -> None:
    loaded = load_text(FINDINGS.format(fid="domestic-abuse"), "t.yaml")
    assert loaded.problems == []
    assert loaded.plan is not None and loaded.plan.findings[0].id == "domestic-abuse"


# ---------------------------------------------------------------------------
# File shapes


def test_a_plan_file_with_neither_priorities_nor_findings() -> None:
    loaded = load(
        """
        plan:
          id: p
          title: T
        """
    )
    assert_problems(loaded, [(1, 1, "a plan file needs 'priorities:' or 'findings:' beside 'plan:'")])


def test_empty_priorities_is_a_plan() -> None:
    assert plan_of("plan: {id: p, title: T}\npriorities: []\n").priorities == []


def test_a_plan_with_both_priorities_and_findings() -> None:
    plan = plan_of(
        """
        plan: {id: p, title: T}
        priorities:
          - {id: SP1, title: S, actions: [{id: "1", title: A}]}
        findings:
          - {id: f, title: F}
        """
    )
    assert len(plan.priorities) == 1 and len(plan.findings) == 1


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("# only a comment\n", "the file is empty"),
        ("- a\n- b\n", "the file holds a list, not a mapping"),
        ("hello\n", "the file holds a single value"),
        ("actions: []\n", "not a plan or people file; a plan file needs"),
    ],
)
def test_other_shapes_are_errors_naming_the_file(text: str, fragment: str) -> None:
    loaded = load_text(text, "odd.yaml")
    assert loaded.plan is None and loaded.people is None
    assert len(loaded.problems) == 1
    assert loaded.problems[0].path == "odd.yaml"
    assert fragment in loaded.problems[0].message


def test_unknown_top_level_key_beside_plan() -> None:
    loaded = load(
        """
        plan: {id: p, title: T}
        priorities: []
        priority: []
        """
    )
    assert_problems(loaded, [(3, 1, "unknown key 'priority'; did you mean 'priorities'?")])


def test_a_people_file_with_aliases() -> None:
    loaded = load(
        """
        # yaml-language-server: $schema=../schemas/people.schema.json
        people:
          - id: JT
            name: Jenny Turnross
            role: Director of Practice
            aliases: [DoP]
          - id: LH
          - id: CPB-CHAIR
            role: Chair, Corporate Parenting Board
            aliases: Chair
        """
    )
    assert loaded.problems == [] and loaded.plan is None and loaded.people is not None
    jt, lh, chair = loaded.people.people
    assert (jt.id, jt.name, jt.role, jt.aliases, jt.label) == (
        "JT",
        "Jenny Turnross",
        "Director of Practice",
        ["DoP"],
        "Jenny Turnross",
    )
    assert (lh.id, lh.name, lh.role, lh.aliases, lh.label) == ("LH", None, None, [], "LH")
    assert (chair.aliases, chair.label) == (["Chair"], "CPB-CHAIR, Chair, Corporate Parenting Board")
    assert [p.line for p in loaded.people.people] == [3, 7, 8]


def test_a_person_with_an_unknown_key() -> None:
    loaded = load(
        """
        people:
          - id: JT
            nmae: Jenny
        """
    )
    assert_problems(loaded, [(3, 5, "unknown key 'nmae'; did you mean 'name'?")])


# ---------------------------------------------------------------------------
# Every problem in one pass, at its own line


def test_several_problems_are_all_reported_in_order() -> None:
    loaded = load(
        """
        plan:
          id: P
          title: T
        priorities:
          - id: SP1
            title: S
            actions:
              - id: "1"
                title: A
                due: Mar-24
                status: purple
              - id: "2"
                lead: GT
        """
    )
    assert_problems(
        loaded,
        [
            (2, 7, "is not a valid plan id"),
            (10, 14, "'Mar-24' is not a date"),
            (11, 17, "is not on the plan's scale"),
            (12, 9, "missing required field 'title'"),
            (13, 9, "did you mean 'leads'?"),
        ],
    )


# ---------------------------------------------------------------------------
# Effective values, through build_workspace

OFSTED = """\
plan:
  id: ofsted
  title: O
findings:
  - id: domestic-abuse
    title: Domestic abuse
    leads: [GT]
    due: 2024-03
    status: amber
    updates:
      - {date: 2023-05, text: finding in May}
    actions:
      - id: "1"
        title: inherits everything
      - id: "2"
        title: overrides everything
        leads: [LJ]
        due: 2023-06-30
        status: red
        updates:
          - {date: 2023-04-10, text: own in April}
          - {date: 2023-05-31, text: own on the last day of May}
          - {date: 2023-06, text: own in June}
  - id: driving-lessons
    title: A finding with no actions
    leads: [CPB-CHAIR]
    due: 2023-09
    status: green
    updates:
      - {date: 2023-04, text: lonely update}
"""
PEOPLE = "people:\n  - id: GT\n  - id: LJ\n  - id: CPB-CHAIR\n"


@pytest.fixture
def workspace() -> Workspace:
    return build_workspace([load_text(OFSTED, "ofsted.yaml"), load_text(PEOPLE, "people.yaml")])


def items_by_ref(workspace: Workspace) -> dict[str, Item]:
    return {item.ref: item for item in workspace.items}


def test_workspace_is_clean(workspace: Workspace) -> None:
    assert workspace.problems == []
    assert list(items_by_ref(workspace)) == [
        "ofsted/domestic-abuse.1",
        "ofsted/domestic-abuse.2",
        "ofsted/driving-lessons",
    ]


def test_finding_values_flow_to_its_actions(workspace: Workspace) -> None:
    inherits = items_by_ref(workspace)["ofsted/domestic-abuse.1"]
    assert inherits.leads == ("GT",)
    assert inherits.due == PlanDate.month(2024, 3)
    assert inherits.status == Status.AMBER
    assert [u.text for u in inherits.updates] == ["finding in May"]
    # the action itself still says only what its file says
    assert isinstance(inherits.tracked, Action)
    assert inherits.tracked.leads == [] and inherits.tracked.due is None and inherits.tracked.status is None
    assert inherits.finding is not None and inherits.finding.id == "domestic-abuse"
    assert inherits.priority is None


def test_an_action_overrides_its_finding(workspace: Workspace) -> None:
    overrides = items_by_ref(workspace)["ofsted/domestic-abuse.2"]
    assert overrides.leads == ("LJ",)
    assert overrides.due == parse_plan_date("2023-06-30")
    assert overrides.status == Status.RED


def test_a_findings_updates_merge_into_its_actions_by_date(workspace: Workspace) -> None:
    overrides = items_by_ref(workspace)["ofsted/domestic-abuse.2"]
    # The finding's "2023-05" means "by the end of May", so it sorts after every day in May,
    # including the action's 2023-05-31 (the more precise date of the two comes first).
    assert [u.text for u in overrides.updates] == [
        "own in April",
        "own on the last day of May",
        "finding in May",
        "own in June",
    ]
    assert overrides.latest_update is not None and overrides.latest_update.text == "own in June"


def test_updates_listed_out_of_order_are_sorted_newest_last() -> None:
    text = OFSTED.replace(
        "      - {date: 2023-05, text: finding in May}\n",
        "      - {date: 2023-05, text: finding in May}\n      - {date: 2023-01, text: finding in January}\n",
    )
    ws = build_workspace([load_text(text, "ofsted.yaml"), load_text(PEOPLE, "people.yaml")])
    inherits = items_by_ref(ws)["ofsted/domestic-abuse.1"]  # no updates of its own
    assert [u.text for u in inherits.updates] == ["finding in January", "finding in May"]
    assert inherits.latest_update is not None and inherits.latest_update.text == "finding in May"


def test_a_finding_with_no_actions_is_itself_an_item(workspace: Workspace) -> None:
    lonely = items_by_ref(workspace)["ofsted/driving-lessons"]
    assert isinstance(lonely.tracked, Finding)
    assert lonely.is_finding
    assert lonely.id == "driving-lessons"
    assert lonely.leads == ("CPB-CHAIR",)
    assert lonely.due == PlanDate.month(2023, 9)
    assert lonely.status == Status.GREEN
    assert [u.text for u in lonely.updates] == ["lonely update"]
    assert lonely.group is lonely.finding
    assert (lonely.path, lonely.line) == ("ofsted.yaml", 24)


def test_a_finding_with_actions_is_not_an_item(workspace: Workspace) -> None:
    assert not any(item.is_finding and item.id == "domestic-abuse" for item in workspace.items)


def test_priority_actions_are_items_with_their_own_values() -> None:
    loaded = load_text(action("leads: GT\ndue: 2024-03\nstatus: blue"), "tdp.yaml")
    ws = build_workspace([loaded, load_text("people:\n  - id: GT\n", "people.yaml")])
    (item,) = ws.items
    assert (item.ref, item.leads, str(item.due), item.status, item.complete) == (
        "p/1",
        ("GT",),
        "2024-03",
        Status.BLUE,
        True,
    )
    assert item.priority is not None and item.priority.id == "SP1" and item.finding is None


def test_a_position_is_not_part_of_an_actions_value() -> None:
    # history and diff compare dumps: an action that only moved down the file has not changed.
    text = "plan: {id: p, title: T}\npriorities:\n  - id: S\n    title: S\n    actions:\n      - {id: a, title: x}\n"
    moved = text.replace("priorities:", "\n\npriorities:")
    first, second = (load_text(t, "p.yaml").plan for t in (text, moved))
    assert first is not None and second is not None
    a, b = first.priorities[0].actions[0], second.priorities[0].actions[0]
    assert (a.line, b.line) == (6, 8)
    assert a == b
    assert a.model_dump() == b.model_dump() == {**a.model_dump(), "id": "a"}
    assert "_position" not in a.model_dump_json()


def test_a_copy_of_a_loaded_model_keeps_its_place() -> None:
    import copy
    import pickle

    text = "plan: {id: p, title: T}\npriorities:\n  - id: S\n    title: S\n    actions:\n      - id: a\n        title: x\n        leads: [A, B]\n"
    loaded = load_text(text, "p.yaml").plan
    assert loaded is not None
    action = loaded.priorities[0].actions[0]
    assert (action.line, action.col, action.position_of("leads", 1)) == (6, 9, (8, 20))
    for copied in (action.model_copy(), copy.deepcopy(action), pickle.loads(pickle.dumps(action))):
        assert copied == action
        assert (copied.line, copied.col, copied.position_of("leads", 1)) == (6, 9, (8, 20))
    built = action.model_copy(update={"title": "y"})
    assert (built.line, built.position_of("title")) == (6, (7, 16))


def test_a_loaded_models_empty_lists_are_one_read_only_list_that_dumps_as_before() -> None:
    import copy
    import pickle

    from plantool.models import NO_ITEMS

    text = "plan: {id: p, title: T}\npriorities:\n  - id: S\n    title: S\n    actions:\n      - {id: a, title: x}\n      - {id: b, title: y, tags: [t]}\n"
    loaded = load_text(text, "p.yaml").plan
    assert loaded is not None
    first, second = loaded.priorities[0].actions
    assert first.tags is second.links is NO_ITEMS
    assert second.tags == ["t"] and type(second.tags) is list
    assert first == Action(id="a", title="x")
    assert first.model_dump() == Action(id="a", title="x").model_dump()
    assert first.model_dump()["tags"] == [] and type(first.model_dump()["tags"]) is list
    assert first.model_dump_json() == Action(id="a", title="x").model_dump_json()
    for change in (
        lambda items: items.append("t"),
        lambda items: items.extend(["t"]),
        lambda items: items.insert(0, "t"),
        lambda items: items.__iadd__(["t"]),
        lambda items: items.__setitem__(slice(0, 0), ["t"]),
    ):
        with pytest.raises(TypeError):
            change(first.tags)
    assert NO_ITEMS == [] and second.links == []
    for copied in (copy.deepcopy(first), pickle.loads(pickle.dumps(first)), first.model_copy()):
        assert copied.tags is NO_ITEMS
    assert first.model_copy(update={"tags": ["t"]}).tags == ["t"]


def test_a_model_built_in_python_stands_nowhere() -> None:
    made = Action(id="a", title="x", leads=["A"])
    assert (made.line, made.col, made.position_of("title"), made.position_of("leads", 0)) == (0, 0, (0, 0), (0, 0))


@pytest.mark.parametrize(
    ("target", "current", "baseline", "progress", "reduction"),
    [
        (30, 11, None, 11 / 30, False),  # 11 of 30 additional foster carers
        (30, 11, 5, 6 / 25, False),  # from 5 towards 30
        (12, 17, 23, 6 / 11, True),  # a reduction: from 23 down towards 12, now 17
        (12, 12, 23, 1.0, True),
        (12, 25, 23, -2 / 11, True),  # went the wrong way
        (30, None, None, None, False),
        (0, 3, None, None, False),  # a target of nought has no share
    ],
)
def test_target_progress_runs_from_the_baseline_towards_the_target(
    target: int, current: int | None, baseline: int | None, progress: float | None, reduction: bool
) -> None:
    from plantool.models import Target

    made = Target(measure="m", target=target, current=current, baseline=baseline)
    assert made.reduction is reduction
    assert made.progress == pytest.approx(progress) if progress is not None else made.progress is None


def test_models_given_the_same_fields_share_one_fields_set_and_a_copy_keeps_its_own() -> None:
    from plantool.models import Person

    first, second = (Person.model_validate({"id": pid, "name": "A Name"}) for pid in ("AB", "CD"))
    other = Person.model_validate({"id": "EF"})
    assert first.model_fields_set is second.model_fields_set == {"id", "name"}
    assert other.model_fields_set == {"id"}
    changed = first.model_copy(update={"role": "Head"})
    assert changed.model_fields_set == {"id", "name", "role"}
    assert first.model_fields_set == second.model_fields_set == {"id", "name"}
    assert first.model_dump(exclude_unset=True) == {"id": "AB", "name": "A Name"}
