"""Queries (``plantool.queries``): list's filters and sorts, the status board, plan warnings, workloads.

One small inline workspace, judged on 2023-06-01, is built so that every
filter has items it keeps and items it drops:

    dev/1.1          JT          due 2023-06-30   GREEN   tag digital; update mentions Tavistock; due soon
    dev/1.2          AB          due 2023-09-15   AMBER   carried forward
    dev/1.9          ZZ          due 2023-05-01   RED     overdue
    dev/1.10         (nobody)    undated          unrated  title and update with curly and straight quotes
    dev/2.1          DoP (=JT)   due 2023-06-20   BLUE
    dev/2.2          JT, AB      milestone 2023-06-10     unrated  tags digital, people; due soon
    insp/domestic-abuse.1  DoP (finding's)  due 2023-07 (finding's)  unrated
    insp/domestic-abuse.2  AB (own)         due 2023-07 (finding's)  RED (own)
    insp/neglect.1   (nobody)    due 2023-05 (finding's)  unrated  overdue; finding update "GCP2"
    insp/lonely      LH          due 2023-12      unrated  (a finding with no actions)
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from plantool.judgements import Thresholds
from plantool.problems import PlantoolError
from plantool.queries import (
    NO_LEAD,
    STATUS_KEYS,
    UNRATED,
    BoardBy,
    Filters,
    SortKey,
    plan_warnings,
    row_tests,
    select,
    status_board,
    workloads,
)
from plantool.workspace import Workspace

AS_OF = date(2023, 6, 1)

PEOPLE = """\
people:
  - id: JT
    name: Jenny Turnross
    role: Director of Practice
    aliases: [DoP]
  - id: AB
    name: Ann Brown
  - id: ZZ
    name: Zed Zulu
  - id: LH
  - id: QQ
    name: Quinn Quiet
"""

DEV = """\
plan:
  id: dev
  title: Development plan
  period: {start: 2023-04-01, end: 2024-03-31}
  updated: 2023-05
priorities:
  - id: SP1
    title: First priority
    actions:
      - id: "1.1"
        title: Launch the communities of practice
        leads: [JT]
        due: 2023-06
        status: GREEN
        tags: [digital]
        updates:
          - {date: 2023-05, text: Pilot commissioned; delivery partner is the Tavistock}
      - id: "1.2"
        title: Implement the Practice Academy
        leads: [AB]
        due: 2023-09-15
        status: AMBER
        carried_forward: true
      - id: "1.9"
        title: Strengthen mental health practice
        leads: [ZZ]
        due: 2023-05-01
        status: RED
      - id: "1.10"
        title: Develop a joint residential offer for the child’s plan
        updates:
          - {date: 2023-05, text: "Scoped with the 'hub' and the “front door” team"}
  - id: SP2
    title: Second priority
    actions:
      - id: "2.1"
        title: Translate key documents
        leads: [DoP]
        due: 2023-06-20
        status: BLUE
        completed: 2023-05-30
      - id: "2.2"
        title: Digital strategy and portal
        leads: [JT, AB]
        tags: [digital, people]
        milestones:
          - {title: Strategy, due: 2023-06-10}
"""

INSP = """\
plan:
  id: insp
  title: Inspection action plan
  updated: 2023-01
findings:
  - id: domestic-abuse
    area: What needs to improve
    title: The response to domestic abuse
    finding: The absence of perpetrator programmes is a known concern.
    leads: [DoP]
    due: 2023-07
    actions:
      - id: "1"
        title: Review the partnership strategy
      - id: "2"
        title: Pursue funding streams
        leads: [AB]
        status: RED
  - id: neglect
    area: Early Help and Protection
    title: Management oversight of long-term neglect
    due: 2023-05
    updates:
      - {date: 2023-04, text: Roll out of GCP2 is in train}
    actions:
      - id: "1"
        title: Update the work programme
  - id: lonely
    area: Early Help and Protection
    title: A finding with no actions
    leads: [LH]
    due: 2023-12
"""

ALL_REFS = [
    "dev/1.1",
    "dev/1.2",
    "dev/1.9",
    "dev/1.10",
    "dev/2.1",
    "dev/2.2",
    "insp/domestic-abuse.1",
    "insp/domestic-abuse.2",
    "insp/neglect.1",
    "insp/lonely",
]


@pytest.fixture(scope="module")
def ws(make_workspace) -> Workspace:
    return make_workspace(("plans/dev.yaml", DEV), ("plans/insp.yaml", INSP), ("plans/people.yaml", PEOPLE))


def refs(workspace: Workspace, sort: SortKey | None = None, as_of: date = AS_OF, **filters: object) -> list[str]:
    return [row.item.ref for row in select(workspace, as_of, Filters(**filters), sort)]  # type: ignore[arg-type]


def test_no_filter_keeps_everything_in_file_order(ws: Workspace) -> None:
    assert refs(ws) == ALL_REFS


# ---------------------------------------------------------------------------
# Each filter, firing and not firing


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"plan": "dev"}, ALL_REFS[:6]),
        ({"plan": "insp"}, ALL_REFS[6:]),
        ({"priority": "SP1"}, ["dev/1.1", "dev/1.2", "dev/1.9", "dev/1.10"]),
        ({"priority": "SP2"}, ["dev/2.1", "dev/2.2"]),
        ({"priority": "domestic-abuse"}, ["insp/domestic-abuse.1", "insp/domestic-abuse.2"]),
        ({"priority": "lonely"}, ["insp/lonely"]),
        # priority: any case when only one id matches; a full reference narrows to its plan
        ({"priority": "sp2"}, ["dev/2.1", "dev/2.2"]),
        ({"priority": "dev/SP2"}, ["dev/2.1", "dev/2.2"]),
        ({"priority": "dev/sp2"}, ["dev/2.1", "dev/2.2"]),
        ({"priority": "insp/Domestic-Abuse"}, ["insp/domestic-abuse.1", "insp/domestic-abuse.2"]),
        # area: a case-insensitive part of a finding's area; a priority's action has none
        ({"area": "early help"}, ["insp/neglect.1", "insp/lonely"]),
        ({"area": "WHAT NEEDS"}, ["insp/domestic-abuse.1", "insp/domestic-abuse.2"]),
        # leads: an alias is the person; repeated leads are OR
        ({"leads": ("JT",)}, ["dev/1.1", "dev/2.1", "dev/2.2", "insp/domestic-abuse.1"]),
        ({"leads": ("DoP",)}, ["dev/1.1", "dev/2.1", "dev/2.2", "insp/domestic-abuse.1"]),
        ({"leads": ("AB",)}, ["dev/1.2", "dev/2.2", "insp/domestic-abuse.2"]),
        ({"leads": ("ZZ", "LH")}, ["dev/1.9", "insp/lonely"]),
        ({"leads": ("QQ",)}, []),  # a known person with no actions: no rows, no error
        # statuses: any case; "unrated" is a status for filtering; repeated are OR
        ({"statuses": ("GREEN",)}, ["dev/1.1"]),
        ({"statuses": ("green",)}, ["dev/1.1"]),
        ({"statuses": ("BLUE",)}, ["dev/2.1"]),
        ({"statuses": ("unrated",)}, ["dev/1.10", "dev/2.2", "insp/domestic-abuse.1", "insp/neglect.1", "insp/lonely"]),
        ({"statuses": ("UNRATED",)}, ["dev/1.10", "dev/2.2", "insp/domestic-abuse.1", "insp/neglect.1", "insp/lonely"]),
        ({"statuses": ("RED", "amber")}, ["dev/1.2", "dev/1.9", "insp/domestic-abuse.2"]),
        # overdue
        ({"overdue": True}, ["dev/1.9", "insp/neglect.1"]),
        ({"overdue": False}, ALL_REFS),
        # due_before / due_after: strictly before / after, on the effective due day (an action dated
        # only by milestones by its next open milestone); undated never match
        ({"due_before": date(2023, 6, 30)}, ["dev/1.9", "dev/2.1", "dev/2.2", "insp/neglect.1"]),
        ({"due_before": date(2023, 7, 1)}, ["dev/1.1", "dev/1.9", "dev/2.1", "dev/2.2", "insp/neglect.1"]),
        ({"due_after": date(2023, 7, 31)}, ["dev/1.2", "insp/lonely"]),
        (
            {"due_after": date(2023, 7, 30)},
            ["dev/1.2", "insp/domestic-abuse.1", "insp/domestic-abuse.2", "insp/lonely"],
        ),
        ({"due_after": date(2030, 1, 1)}, []),
        # due_within: open, not overdue, next date (due or milestone) within DAYS inclusive
        ({"due_within": 30}, ["dev/1.1", "dev/2.2"]),
        ({"due_within": 29}, ["dev/1.1", "dev/2.2"]),  # 2023-06-30 is 29 days on
        ({"due_within": 28}, ["dev/2.2"]),
        ({"due_within": 9}, ["dev/2.2"]),  # the milestone, 2023-06-10
        ({"due_within": 8}, []),
        (
            {"due_within": 365},
            ["dev/1.1", "dev/1.2", "dev/2.2", "insp/domestic-abuse.1", "insp/domestic-abuse.2", "insp/lonely"],
        ),
        # unowned: no effective lead
        ({"unowned": True}, ["dev/1.10", "insp/neglect.1"]),
        # carried_forward
        ({"carried_forward": True}, ["dev/1.2"]),
        # search: case-insensitive, in titles, updates, finding titles and finding text
        ({"search": "tavistock"}, ["dev/1.1"]),  # an update
        ({"search": "PRACTICE ACADEMY"}, ["dev/1.2"]),  # a title
        ({"search": "Perpetrator"}, ["insp/domestic-abuse.1", "insp/domestic-abuse.2"]),  # finding text
        ({"search": "long-term neglect"}, ["insp/neglect.1"]),  # finding title
        ({"search": "gcp2"}, ["insp/neglect.1"]),  # a finding's update belongs to its actions
        ({"search": "no such words"}, []),
        # search: straight and curly quotes are the same quote, on either side
        ({"search": "child's plan"}, ["dev/1.10"]),  # the title has a curly apostrophe
        ({"search": "child’s plan"}, ["dev/1.10"]),
        ({"search": "the ‘hub’"}, ["dev/1.10"]),  # the update has straight quotes
        ({"search": "“front door”"}, ["dev/1.10"]),  # the update has curly double quotes
        ({"search": '"front door"'}, ["dev/1.10"]),
        # tags: repeated are OR
        ({"tags": ("digital",)}, ["dev/1.1", "dev/2.2"]),
        ({"tags": ("people",)}, ["dev/2.2"]),
        ({"tags": ("people", "digital")}, ["dev/1.1", "dev/2.2"]),
    ],
)
def test_filter(ws: Workspace, filters: dict[str, object], expected: list[str]) -> None:
    assert refs(ws, **filters) == expected


def test_due_within_zero_is_due_today(ws: Workspace) -> None:
    assert refs(ws, as_of=date(2023, 6, 10), due_within=0) == ["dev/2.2"]
    assert refs(ws, as_of=date(2023, 6, 11), due_within=0) == []  # now overdue, so not "within"


def test_overdue_follows_the_as_of_day(ws: Workspace) -> None:
    assert refs(ws, as_of=date(2023, 4, 30), overdue=True) == []
    assert refs(ws, as_of=date(2023, 5, 2), overdue=True) == ["dev/1.9"]
    assert refs(ws, as_of=date(2023, 6, 11), overdue=True) == ["dev/1.9", "dev/2.2", "insp/neglect.1"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"plan": "dev", "leads": ("JT",), "statuses": ("unrated",)}, ["dev/2.2"]),
        ({"overdue": True, "unowned": True}, ["insp/neglect.1"]),
        ({"overdue": True, "plan": "dev"}, ["dev/1.9"]),
        ({"search": "review", "plan": "insp"}, ["insp/domestic-abuse.1"]),
        ({"leads": ("DoP",), "tags": ("digital",)}, ["dev/1.1", "dev/2.2"]),
        ({"leads": ("DoP",), "tags": ("digital",), "statuses": ("GREEN",)}, ["dev/1.1"]),
        ({"area": "early help", "overdue": True}, ["insp/neglect.1"]),
        ({"priority": "SP1", "carried_forward": True, "statuses": ("RED",)}, []),
        (
            {"due_after": date(2023, 6, 1), "due_before": date(2023, 8, 1)},
            ["dev/1.1", "dev/2.1", "dev/2.2", "insp/domestic-abuse.1", "insp/domestic-abuse.2"],
        ),
        ({"due_within": 60, "leads": ("AB",)}, ["dev/2.2", "insp/domestic-abuse.2"]),
    ],
)
def test_filters_combine_with_and(ws: Workspace, filters: dict[str, object], expected: list[str]) -> None:
    assert refs(ws, **filters) == expected


# ---------------------------------------------------------------------------
# Sorts


def test_sort_by_ref_is_natural(ws: Workspace) -> None:
    assert refs(ws, SortKey.ref) == [
        "dev/1.1",
        "dev/1.2",
        "dev/1.9",
        "dev/1.10",  # 1.9 < 1.10
        "dev/2.1",
        "dev/2.2",
        "insp/domestic-abuse.1",
        "insp/domestic-abuse.2",
        "insp/lonely",
        "insp/neglect.1",
    ]


def test_sort_by_ref_natural_with_two_digit_ids(make_workspace) -> None:
    actions = "\n".join(
        f'      - {{id: "{i}", title: Action {i}}}' for i in ("1.10", "1.2", "10.1", "1.9", "2.1", "1.1")
    )
    workspace = make_workspace(
        ("plans/p.yaml", f"plan:\n  id: p\n  title: P\npriorities:\n  - id: S\n    title: S\n    actions:\n{actions}\n")
    )
    assert refs(workspace, SortKey.ref) == ["p/1.1", "p/1.2", "p/1.9", "p/1.10", "p/2.1", "p/10.1"]


def test_sort_by_due(ws: Workspace) -> None:
    ordered = refs(ws, SortKey.due)
    dated = [ref for ref in ordered if ref not in ("dev/1.10", "dev/2.2")]
    assert dated == [
        "dev/1.9",  # 2023-05-01
        "insp/neglect.1",  # 2023-05-31
        "dev/2.1",  # 2023-06-20
        "dev/1.1",  # 2023-06-30
        "insp/domestic-abuse.1",  # 2023-07-31, then by ref
        "insp/domestic-abuse.2",
        "dev/1.2",  # 2023-09-15
        "insp/lonely",  # 2023-12-31
    ]
    assert ordered.index("dev/1.10") > max(ordered.index(ref) for ref in dated)  # no date at all: last


def test_sort_by_due_places_a_milestone_only_action_at_its_next_date(ws: Workspace) -> None:
    ordered = refs(ws, SortKey.due)
    # dev/2.2's only date is its milestone, 2023-06-10: after neglect.1 (05-31), before 2.1 (06-20)
    assert ordered.index("insp/neglect.1") < ordered.index("dev/2.2") < ordered.index("dev/2.1")


def test_sort_by_status_puts_most_at_risk_first(ws: Workspace) -> None:
    assert refs(ws, SortKey.status) == [
        "dev/1.9",  # RED, overdue
        "insp/domestic-abuse.2",  # RED
        "dev/1.2",  # AMBER
        "insp/neglect.1",  # not rated, overdue first
        "dev/1.10",
        "dev/2.2",
        "insp/domestic-abuse.1",
        "insp/lonely",
        "dev/1.1",  # GREEN
        "dev/2.1",  # BLUE last
    ]


def test_sort_by_lead_uses_the_first_leads_name_and_puts_unowned_last(ws: Workspace) -> None:
    assert refs(ws, SortKey.lead) == [
        "dev/1.2",  # Ann Brown
        "insp/domestic-abuse.2",
        "dev/1.1",  # Jenny Turnross (JT, or DoP: the alias is named as the person)
        "dev/2.1",
        "dev/2.2",
        "insp/domestic-abuse.1",
        "insp/lonely",  # LH (no name: the id)
        "dev/1.9",  # Zed Zulu
        "dev/1.10",  # nobody
        "insp/neglect.1",
    ]


def test_sort_keeps_the_filter(ws: Workspace) -> None:
    assert refs(ws, SortKey.due, plan="insp") == [
        "insp/neglect.1",
        "insp/domestic-abuse.1",
        "insp/domestic-abuse.2",
        "insp/lonely",
    ]


# ---------------------------------------------------------------------------
# Bad filter values: PlantoolError saying what would have matched


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        ({"plan": "nope"}, ["'nope'", "dev", "insp"]),
        ({"plan": "devv"}, ["did you mean", "dev"]),
        ({"priority": "SP3"}, ["did you mean", "SP1", "SP2"]),
        ({"priority": "domestic-abuze"}, ["did you mean", "domestic-abuse"]),
        ({"leads": ("JTT",)}, ["'JTT'", "did you mean", "JT"]),
        ({"leads": ("XYZ123",)}, ["'XYZ123'", "JT", "AB"]),
        ({"leads": ("JT", "nobody")}, ["'nobody'"]),
        ({"statuses": ("purple",)}, ["'purple'", "GREEN", "AMBER", "RED", "BLUE", "unrated"]),
        ({"statuses": ("GREEN", "grene")}, ["'grene'", "GREEN"]),
        # priority: the plan of a full reference must exist; a case-only match must be unique
        ({"priority": "nope/SP1"}, ["'nope'", "dev", "insp"]),
        ({"priority": "insp/SP1"}, ["'insp/SP1'", "domestic-abuse", "lonely", "neglect"]),  # SP1 is dev's
        ({"priority": "sp3"}, ["did you mean", "SP1", "SP2"]),
        # tags and areas: a value nothing carries is a typo until shown otherwise
        ({"tags": ("absent",)}, ["'absent'", "digital", "people"]),
        ({"tags": ("digital", "peeple")}, ["'peeple'", "did you mean", "people"]),
        ({"tags": ("Digital",)}, ["'Digital'", "did you mean", "digital"]),
        ({"area": "priority"}, ["'priority'", "Early Help and Protection", "What needs to improve"]),
        ({"area": "Early Hlep and Protection"}, ["did you mean", "Early Help and Protection"]),
    ],
)
def test_bad_filter_value_raises_with_suggestions(ws: Workspace, filters: dict[str, object], words: list[str]) -> None:
    with pytest.raises(PlantoolError) as raised:
        refs(ws, **filters)
    message = str(raised.value)
    for word in words:
        assert word in message


def test_priority_differing_only_in_case_is_ambiguous(make_workspace) -> None:
    plan = """\
    plan: {id: p, title: P}
    priorities:
      - {id: SP1, title: Upper, actions: [{id: "1", title: One}]}
      - {id: sp1, title: Lower, actions: [{id: "2", title: Two}]}
    """
    workspace = make_workspace(("plans/p.yaml", plan))
    assert [row.item.ref for row in select(workspace, AS_OF, Filters(priority="sp1"))] == ["p/2"]  # as written wins
    with pytest.raises(PlantoolError, match=r"ambiguous.*SP1, sp1"):
        select(workspace, AS_OF, Filters(priority="Sp1"))


def test_unknown_lead_says_how_many_known_ids_it_did_not_list(make_workspace) -> None:
    people = "people:\n" + "".join(f"  - id: P{n:02}\n" for n in range(32))
    workspace = make_workspace(
        ("plans/p.yaml", "plan: {id: p, title: P}\npriorities: []\n"), ("plans/people.yaml", people)
    )
    with pytest.raises(PlantoolError) as raised:
        select(workspace, AS_OF, Filters(leads=("XQZW",)))
    message = str(raised.value)
    assert message.endswith("P19 \N{HORIZONTAL ELLIPSIS} and 12 more")
    assert "P20" not in message

    # twenty or fewer: every one listed, no marker
    with pytest.raises(PlantoolError) as raised:
        select(make_workspace(("plans/people.yaml", PEOPLE)), AS_OF, Filters(leads=("XQZW",)))
    assert str(raised.value) == "no lead 'XQZW'; known: AB, JT, LH, QQ, ZZ"


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Jenny Turnross", ["dev/1.1", "dev/2.1", "dev/2.2", "insp/domestic-abuse.1"]),  # the same as JT
        ("jenny turnross", ["dev/1.1", "dev/2.1", "dev/2.2", "insp/domestic-abuse.1"]),
        ("ANN BROWN", ["dev/1.2", "dev/2.2", "insp/domestic-abuse.2"]),
        ("Quinn Quiet", []),  # a known person with no actions
    ],
)
def test_lead_found_by_exact_name_without_case(ws: Workspace, lead: str, expected: list[str]) -> None:
    assert refs(ws, leads=(lead,)) == expected


@pytest.mark.parametrize("lead", ["Jenny", "Turnross", "Jenny Turnros"])
def test_lead_name_must_be_whole(ws: Workspace, lead: str) -> None:
    with pytest.raises(PlantoolError, match=f"no lead '{lead}'"):
        refs(ws, leads=(lead,))


def test_lead_name_two_people_share_is_ambiguous(make_workspace) -> None:
    people = PEOPLE + "  - id: AB2\n    name: Ann Brown\n"
    workspace = make_workspace(
        ("plans/p.yaml", "plan: {id: p, title: P}\npriorities: []\n"), ("plans/people.yaml", people)
    )
    with pytest.raises(
        PlantoolError, match=r"'ann brown' is ambiguous: 2 people have that name \(AB, AB2\); give the id"
    ):
        select(workspace, AS_OF, Filters(leads=("ann brown",)))
    assert select(workspace, AS_OF, Filters(leads=("AB2",))) == []  # the id still picks one


def test_tag_or_area_when_the_plans_have_none(make_workspace) -> None:
    workspace = make_workspace(("plans/p.yaml", "plan: {id: p, title: P}\npriorities: []\n"))
    with pytest.raises(PlantoolError, match="'x'; no action has any tag"):
        select(workspace, AS_OF, Filters(tags=("x",)))
    with pytest.raises(PlantoolError, match="'x'; no finding has an area"):
        select(workspace, AS_OF, Filters(area="x"))


# ---------------------------------------------------------------------------
# The status board


def _counts(counts) -> dict[str, object]:
    return {"total": counts.total, **counts.by_status, "overdue": counts.overdue, "due_soon": counts.due_soon}


def _c(total: int, green=0, amber=0, red=0, blue=0, unrated=0, overdue=0, due_soon=0) -> dict[str, object]:
    return {"total": total, "GREEN": green, "AMBER": amber, "RED": red, "BLUE": blue, UNRATED: unrated,
            "overdue": overdue, "due_soon": due_soon}  # fmt: skip


def test_status_board_groups_priorities_and_finding_areas(ws: Workspace) -> None:
    board = status_board(ws, AS_OF)
    assert board.as_of == AS_OF
    assert board.by == "area"
    assert _counts(board.counts) == _c(10, green=1, amber=1, red=2, blue=1, unrated=5, overdue=2, due_soon=2)
    dev, insp = board.plans
    assert dev.plan.id == "dev"
    assert _counts(dev.counts) == _c(6, green=1, amber=1, red=1, blue=1, unrated=2, overdue=1, due_soon=2)
    assert [(g.id, g.title) for g in dev.groups] == [("SP1", "First priority"), ("SP2", "Second priority")]
    assert _counts(dev.groups[0].counts) == _c(4, green=1, amber=1, red=1, unrated=1, overdue=1, due_soon=1)
    assert _counts(dev.groups[1].counts) == _c(2, blue=1, unrated=1, due_soon=1)
    assert insp.plan.id == "insp"
    assert _counts(insp.counts) == _c(4, red=1, unrated=3, overdue=1)
    assert [g.id for g in insp.groups] == ["What needs to improve", "Early Help and Protection"]
    assert _counts(insp.groups[0].counts) == _c(2, red=1, unrated=1)
    assert _counts(insp.groups[1].counts) == _c(2, unrated=2, overdue=1)
    assert set(board.counts.by_status) == set(STATUS_KEYS)


def test_status_board_counts_add_up(ws: Workspace) -> None:
    for as_of in (date(2023, 1, 1), AS_OF, date(2024, 6, 1)):
        board = status_board(ws, as_of)
        assert board.counts.total == sum(board.counts.by_status.values())
        assert board.counts.total == sum(p.counts.total for p in board.plans)
        for summary in board.plans:
            assert summary.counts.total == sum(g.counts.total for g in summary.groups)  # area groups partition


def test_status_board_for_one_plan(ws: Workspace) -> None:
    board = status_board(ws, AS_OF, plan="insp")
    assert [p.plan.id for p in board.plans] == ["insp"]
    assert _counts(board.counts) == _c(4, red=1, unrated=3, overdue=1)


def test_status_board_unknown_plan_is_an_error(ws: Workspace) -> None:
    with pytest.raises(PlantoolError, match="nope"):
        status_board(ws, AS_OF, plan="nope")


def test_status_board_by_lead(ws: Workspace) -> None:
    board = status_board(ws, AS_OF, by=BoardBy.lead)
    assert board.by == "lead"
    dev, insp = board.plans
    assert [(g.id, g.title) for g in dev.groups] == [
        ("AB", "Ann Brown"),
        ("JT", "Jenny Turnross"),  # DoP folded into JT
        ("ZZ", "Zed Zulu"),
        (NO_LEAD, NO_LEAD),
    ]
    by_id = {g.id: _counts(g.counts) for g in dev.groups}
    assert by_id["AB"] == _c(2, amber=1, unrated=1, due_soon=1)  # 1.2, 2.2
    assert by_id["JT"] == _c(3, green=1, blue=1, unrated=1, due_soon=2)  # 1.1, 2.1 (DoP), 2.2
    assert by_id["ZZ"] == _c(1, red=1, overdue=1)
    assert by_id[NO_LEAD] == _c(1, unrated=1)
    assert [g.id for g in insp.groups] == ["AB", "JT", "LH", NO_LEAD]
    assert _counts(insp.groups[1].counts) == _c(1, unrated=1)  # domestic-abuse.1 through the alias DoP
    # the plan's own counts do not double-count items with two leads
    assert _counts(dev.counts) == _c(6, green=1, amber=1, red=1, blue=1, unrated=2, overdue=1, due_soon=2)


def test_by_lead_counts_a_person_once_when_named_by_id_and_alias(make_workspace) -> None:
    plan = """\
    plan: {id: p, title: P}
    priorities:
      - id: S
        title: S
        actions:
          - {id: "1", title: Both names, leads: [JT, DoP]}
    """
    workspace = make_workspace(("plans/p.yaml", plan), ("plans/people.yaml", PEOPLE))
    (summary,) = status_board(workspace, AS_OF, by=BoardBy.lead).plans
    assert [(g.id, g.counts.total) for g in summary.groups] == [("JT", 1)]
    (load,) = [w for w in workloads(workspace, AS_OF) if w.lead == "JT"]
    assert load.open == 1


# ---------------------------------------------------------------------------
# Plan warnings


def test_plan_warnings(ws: Workspace) -> None:
    dev = ws.plan("dev")
    assert dev is not None
    t = Thresholds()
    # updated 2023-05 counts from 2023-05-31: 90 days on is 2023-08-29
    assert plan_warnings(dev, date(2023, 8, 29), t) == []
    assert plan_warnings(dev, date(2023, 8, 30), t) == ["last updated 2023-05 (91 days ago; stale after 90)"]
    # the period ends 2024-03-31
    ended = plan_warnings(dev, date(2024, 4, 1), t)
    assert ended[0] == "the plan period ended on 2024-03-31"
    assert not any("period" in w for w in plan_warnings(dev, date(2024, 3, 31), t))
    assert plan_warnings(dev, date(2023, 6, 30), Thresholds(stale_days=10)) == [
        "last updated 2023-05 (30 days ago; stale after 10)"
    ]


def test_plan_warnings_without_updated_or_period(make_workspace) -> None:
    workspace = make_workspace(("plans/p.yaml", "plan: {id: p, title: P}\npriorities: []\n"))
    plan = workspace.plan("p")
    assert plan is not None
    assert plan_warnings(plan, AS_OF, Thresholds()) == ["the plan does not say when it was last updated"]


def test_status_board_carries_plan_warnings(ws: Workspace) -> None:
    board = status_board(ws, AS_OF)
    dev, insp = board.plans
    assert dev.warnings == []
    assert insp.warnings == ["last updated 2023-01 (121 days ago; stale after 90)"]


# ---------------------------------------------------------------------------
# Workloads


def test_workloads_most_at_risk_first(ws: Workspace) -> None:
    loads = workloads(ws, AS_OF)
    table = [(w.lead, w.open, w.overdue, w.red, w.due_soon) for w in loads]
    assert table == [
        ("ZZ", 1, 1, 1, 0),  # one overdue
        ("AB", 3, 0, 1, 1),  # one RED
        ("JT", 3, 0, 0, 2),  # two due soon (2.1 is BLUE: not open; DoP's domestic-abuse.1 is JT's)
        ("LH", 1, 0, 0, 0),
        ("QQ", 0, 0, 0, 0),  # in the people file, nothing to do
        (NO_LEAD, 2, 1, 0, 0),  # nobody's: always last, however urgent
    ]
    assert [w.label for w in loads][:3] == ["Zed Zulu", "Ann Brown", "Jenny Turnross"]
    assert loads[2].role == "Director of Practice"
    # the name is the people file's, never a stand-in: LH has none, and nobody is not a person
    assert [(w.name, w.unowned) for w in loads][3:] == [(None, False), ("Quinn Quiet", False), (None, True)]
    assert loads[3].label == "LH"  # what a reader is shown instead


def test_workloads_for_one_plan(ws: Workspace) -> None:
    loads = workloads(ws, AS_OF, plan="insp")
    assert [(w.lead, w.open) for w in loads] == [
        ("AB", 1),  # RED
        ("JT", 1),  # ties broken by name: Jenny Turnross < LH
        ("LH", 1),
        ("QQ", 0),
        ("ZZ", 0),
        (NO_LEAD, 1),
    ]


def test_workloads_unknown_plan_is_an_error(ws: Workspace) -> None:
    with pytest.raises(PlantoolError):
        workloads(ws, AS_OF, plan="nope")


# --- Unicode NFC: "café" typed precomposed or decomposed is the same word ---------------

COMPOSED = "caf\u00e9"
DECOMPOSED = "cafe\u0301"


@pytest.mark.parametrize(("written", "typed"), [(COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)])
def test_search_tags_and_areas_compare_in_nfc(make_workspace: Any, written: str, typed: str) -> None:
    # Ids, person ids and aliases are ASCII (docs/format.md); free text is where forms differ.
    from plantool.queries import Filters, select

    workspace = make_workspace(
        ("plans/people.yaml", "people:\n  - id: ZC\n    name: Zoë Carter\n"),
        (
            "plans/p.yaml",
            f"""
            plan:
              id: p
              title: Plan
            findings:
              - id: F1
                area: The {written} area
                title: Finding
                actions:
                  - id: "1"
                    title: Open the {written}
                    leads: [ZC]
                    tags: [{written}]
                  - id: "2"
                    title: Something else
                    leads: [ZC]
            """,
        ),
    )
    day = date(2024, 1, 1)
    for filters in (Filters(search=typed.upper()), Filters(tags=(typed,))):
        rows = select(workspace, day, filters)
        assert [row.item.title for row in rows] == [f"Open the {written}"], filters  # shown as written
    assert len(select(workspace, day, Filters(area=typed))) == 2


def test_no_filter_builds_no_test(ws: Workspace) -> None:
    """A plain ``list`` checks no value, so it builds no set of known leads, tags or areas."""
    assert row_tests(ws, AS_OF, Filters()) == []
    given = Filters(plan="dev", leads=("JT",), tags=("digital",), area="help", overdue=True, search="x")
    assert len(row_tests(ws, AS_OF, given)) == 6  # one small test per filter given


def test_of_two_bad_values_the_first_checked_is_reported(ws: Workspace) -> None:
    """Values are checked plan, leads, statuses, tags, area, then priority: the order errors have always come in."""
    with pytest.raises(PlantoolError, match="'nope'"):
        refs(ws, plan="nope", leads=("XYZ123",), priority="SP9")
    with pytest.raises(PlantoolError, match="'XYZ123'"):
        refs(ws, leads=("XYZ123",), statuses=("purple",), tags=("absent",))
    with pytest.raises(PlantoolError, match="'absent'"):
        refs(ws, tags=("absent",), area="nowhere", priority="SP9")
    with pytest.raises(PlantoolError, match="'nowhere'"):
        refs(ws, area="nowhere", priority="SP9")
