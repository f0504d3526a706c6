"""Date judgements (``plantool.judgements``): overdue, due soon, stale and the recurring due date.

Each test writes a small plan as YAML, loads it the way plantool does
(``loader.load_text`` + ``workspace.build_workspace``, via the ``make_workspace``
fixture in conftest.py) and judges an item on a fixed day. The rules under
test are docs/ci.md's rule table and the decisions in
``plantool/judgements.py``'s docstring.
"""

from __future__ import annotations

import calendar
import textwrap
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import PEOPLE
from plantool.judgements import DEFAULT_DUE_SOON_DAYS, DEFAULT_STALE_DAYS, Judgement, Thresholds, effective_due, judge
from plantool.workspace import Item, Workspace

ACTION_PLAN = """\
plan:
  id: test-plan
  title: Test plan
priorities:
  - id: SP1
    title: The priority
    actions:
      - id: "A"
        title: The action
"""


def action_plan(fields: str) -> str:
    """A plan whose one action ``A`` has ``fields`` (YAML lines, any indentation) besides id and title."""
    body = textwrap.dedent(fields).strip("\n")
    return ACTION_PLAN + (textwrap.indent(body, " " * 8) + "\n" if body else "")


def the_item(make_workspace, fields: str) -> Item:
    workspace: Workspace = make_workspace(("plans/test.yaml", action_plan(fields)))
    (item,) = workspace.items
    return item


def judged(make_workspace, fields: str, as_of: date, thresholds: Thresholds = Thresholds()) -> Judgement:
    return judge(the_item(make_workspace, fields), as_of, thresholds=thresholds)


D = date  # short, for the many literal dates below


# ---------------------------------------------------------------------------
# Overdue: strictly before the as-of day; a month means its last day


def test_due_today_is_not_overdue_but_due_soon(make_workspace) -> None:
    j = judged(make_workspace, "due: 2024-03-15", D(2024, 3, 15))
    assert j.due == D(2024, 3, 15)
    assert not j.overdue
    assert j.overdue_since is None
    assert j.due_soon
    assert j.next_date == D(2024, 3, 15)


def test_due_yesterday_is_overdue(make_workspace) -> None:
    j = judged(make_workspace, "due: 2024-03-15", D(2024, 3, 16))
    assert j.overdue
    assert j.overdue_since == D(2024, 3, 15)
    assert not j.due_soon


def test_due_tomorrow_is_not_overdue(make_workspace) -> None:
    j = judged(make_workspace, "due: 2024-03-15", D(2024, 3, 14))
    assert not j.overdue
    assert j.due_soon


@pytest.mark.parametrize(
    ("due", "last_day"),
    [
        ("2024-02", D(2024, 2, 29)),  # leap year
        ("2023-02", D(2023, 2, 28)),
        ("2100-02", D(2100, 2, 28)),  # not a leap year (divisible by 100)
        ("2000-02", D(2000, 2, 29)),  # a leap year (divisible by 400)
        ("2023-04", D(2023, 4, 30)),
        ("2023-12", D(2023, 12, 31)),
    ],
)
def test_a_due_month_means_its_last_day(make_workspace, due: str, last_day: date) -> None:
    item = the_item(make_workspace, f"due: {due}")
    assert effective_due(item) == last_day
    on_the_day = judge(item, last_day)
    assert on_the_day.due == last_day
    assert not on_the_day.overdue
    day_after = judge(item, last_day + timedelta(days=1))
    assert day_after.overdue
    assert day_after.overdue_since == last_day


def test_due_february_2024_is_overdue_from_the_first_of_march(make_workspace) -> None:
    item = the_item(make_workspace, "due: 2024-02")
    assert not judge(item, D(2024, 2, 1)).overdue
    assert not judge(item, D(2024, 2, 28)).overdue
    assert not judge(item, D(2024, 2, 29)).overdue
    assert judge(item, D(2024, 3, 1)).overdue


def test_undated_item_is_neither_overdue_nor_due_soon(make_workspace) -> None:
    j = judged(make_workspace, "", D(2030, 1, 1))
    assert j == Judgement(
        due=None,
        overdue=False,
        due_soon=False,
        overdue_since=None,
        overdue_milestone=None,
        next_date=None,
        stale=False,
        last_update=None,
    )


@pytest.mark.parametrize("status", ["GREEN", "AMBER", "RED", "green", "Red"])
def test_any_open_status_can_be_overdue(make_workspace, status: str) -> None:
    j = judged(make_workspace, f"due: 2023-01\nstatus: {status}", D(2023, 2, 1))
    assert j.overdue


# ---------------------------------------------------------------------------
# BLUE is complete: never overdue, never due soon, never stale


@pytest.mark.parametrize("status", ["BLUE", "blue", "Blue"])
def test_blue_is_never_overdue_or_due_soon(make_workspace, status: str) -> None:
    item = the_item(
        make_workspace,
        f"""
        due: 2020-01
        status: {status}
        completed: 2020-02-01
        milestones:
          - {{title: Open milestone long past, due: 2019-06-01}}
        updates:
          - {{date: 2019-01, text: Long ago}}
        """,
    )
    for as_of in (D(2019, 12, 31), D(2020, 1, 31), D(2020, 2, 1), D(2030, 1, 1)):
        j = judge(item, as_of)
        assert not j.overdue
        assert not j.due_soon
        assert not j.stale
        assert j.overdue_since is None
        assert j.next_date is None
    assert judge(item, D(2030, 1, 1)).due == D(2020, 1, 31)  # the due date itself is still reported


# ---------------------------------------------------------------------------
# Due soon: not overdue, within due_soon_days (inclusive), configurable


def test_due_soon_boundary_is_30_days_inclusive(make_workspace) -> None:
    assert DEFAULT_DUE_SOON_DAYS == 30
    item = the_item(make_workspace, "due: 2024-03-31")
    assert judge(item, D(2024, 3, 31) - timedelta(days=30)).due_soon  # 2024-03-01
    assert not judge(item, D(2024, 3, 31) - timedelta(days=31)).due_soon  # 2024-02-29
    assert not judge(item, D(2024, 3, 31) - timedelta(days=31)).overdue


def test_due_soon_days_is_configurable(make_workspace) -> None:
    item = the_item(make_workspace, "due: 2024-03-31")
    week = Thresholds(due_soon_days=7)
    assert judge(item, D(2024, 3, 24), thresholds=week).due_soon
    assert not judge(item, D(2024, 3, 23), thresholds=week).due_soon
    wide = Thresholds(due_soon_days=60)
    assert judge(item, D(2024, 1, 31), thresholds=wide).due_soon
    assert not judge(item, D(2024, 1, 30), thresholds=wide).due_soon


def test_due_soon_days_zero_means_due_today_only(make_workspace) -> None:
    item = the_item(make_workspace, "due: 2024-03-31")
    zero = Thresholds(due_soon_days=0)
    assert judge(item, D(2024, 3, 31), thresholds=zero).due_soon
    assert not judge(item, D(2024, 3, 30), thresholds=zero).due_soon


def test_overdue_item_is_not_due_soon_even_with_a_milestone_coming_up(make_workspace) -> None:
    j = judged(
        make_workspace,
        """
        due: 2024-03-01
        milestones:
          - {title: Next step, due: 2024-03-10}
        """,
        D(2024, 3, 5),
    )
    assert j.overdue
    assert not j.due_soon


# ---------------------------------------------------------------------------
# Milestones count on their own dates


def test_open_past_milestone_makes_an_undated_action_overdue(make_workspace) -> None:
    item = the_item(
        make_workspace,
        """
        milestones:
          - {title: Strategy, due: 2023-09}
          - {title: Digital portal, due: 2023-12}
        """,
    )
    j = judge(item, D(2023, 10, 1))
    assert j.due is None
    assert j.overdue
    assert j.overdue_since == D(2023, 9, 30)
    assert j.next_date == D(2023, 9, 30)
    before = judge(item, D(2023, 9, 30))
    assert not before.overdue
    assert before.due_soon
    assert before.next_date == D(2023, 9, 30)


def test_the_judgement_names_the_milestone_that_is_late(make_workspace) -> None:
    """The earliest passed date is a milestone's: the judgement names it, so rules and the report need not search."""
    item = the_item(
        make_workspace,
        """
        due: 2023-12
        milestones:
          - {title: Done early, due: 2023-08, completed: 2023-07-01}
          - {title: Strategy, due: 2023-09}
          - {title: Portal, due: 2023-10}
        """,
    )
    late = judge(item, D(2023, 11, 1)).overdue_milestone
    assert late is not None and late.title == "Strategy"  # the first to pass; a completed one is not late
    assert judge(item, D(2023, 9, 30)).overdue_milestone is None  # not yet overdue


def test_no_milestone_is_named_when_the_due_date_passed_first(make_workspace) -> None:
    same_day = the_item(make_workspace, "due: 2023-09\nmilestones:\n  - {title: Strategy, due: 2023-09}")
    j = judge(same_day, D(2023, 10, 1))
    assert j.overdue and j.overdue_since == D(2023, 9, 30) and j.overdue_milestone is None
    later = the_item(make_workspace, "due: 2023-09\nmilestones:\n  - {title: Strategy, due: 2023-10}")
    assert judge(later, D(2023, 11, 1)).overdue_milestone is None


def test_open_past_milestone_makes_a_future_dated_action_overdue(make_workspace) -> None:
    j = judged(
        make_workspace,
        """
        due: 2024-03
        milestones:
          - {title: First step, due: 2023-06-15}
        """,
        D(2023, 6, 16),
    )
    assert j.due == D(2024, 3, 31)
    assert j.overdue
    assert j.overdue_since == D(2023, 6, 15)


@pytest.mark.parametrize(
    "milestone",
    [
        "{title: Done, due: 2023-06-15, status: BLUE}",
        "{title: Done, due: 2023-06-15, status: blue}",
        "{title: Done, due: 2023-06-15, completed: 2023-06-10}",
        "{title: Done late, due: 2023-06-15, completed: 2023-07-01, status: GREEN}",
    ],
)
def test_met_milestone_does_not_count(make_workspace, milestone: str) -> None:
    j = judged(make_workspace, f"due: 2024-03\nmilestones:\n  - {milestone}", D(2023, 7, 2))
    assert not j.overdue
    assert j.next_date == D(2024, 3, 31)


@pytest.mark.parametrize("status", ["GREEN", "AMBER", "RED"])
def test_a_milestone_with_an_open_status_still_counts(make_workspace, status: str) -> None:
    j = judged(make_workspace, f"milestones:\n  - {{title: M, due: 2023-06-15, status: {status}}}", D(2023, 6, 16))
    assert j.overdue


def test_milestone_due_soon_makes_the_action_due_soon(make_workspace) -> None:
    j = judged(
        make_workspace,
        """
        due: 2024-03
        milestones:
          - {title: Next step, due: 2023-07-01}
        """,
        D(2023, 6, 5),
    )
    assert not j.overdue
    assert j.due_soon
    assert j.next_date == D(2023, 7, 1)


def test_completed_action_ignores_its_open_milestones(make_workspace) -> None:
    j = judged(
        make_workspace,
        """
        status: BLUE
        milestones:
          - {title: Never ticked off, due: 2023-01-01}
        """,
        D(2024, 1, 1),
    )
    assert not j.overdue
    assert not j.due_soon


# ---------------------------------------------------------------------------
# A finding's leads, due, status and updates flow to its actions

FINDINGS_PLAN = """\
plan:
  id: inspection
  title: Inspection plan
findings:
  - id: da
    title: Domestic abuse
    leads: [GT]
    due: 2023-06
    updates:
      - {date: 2023-01, text: Finding-level update}
    actions:
      - id: "1"
        title: Inherits everything
      - id: "2"
        title: Its own due
        due: 2023-12
      - id: "3"
        title: Its own status
        status: GREEN
  - id: done
    title: A finding marked complete
    due: 2023-01
    status: BLUE
    actions:
      - id: "1"
        title: Inherits BLUE
      - id: "2"
        title: Overrides with RED
        status: RED
  - id: alone
    title: A finding with no actions
    due: 2023-03-31
    milestones:
      - {title: Interim, due: 2023-02-15}
"""


@pytest.fixture
def findings(make_workspace) -> dict[str, Item]:
    workspace = make_workspace(("plans/inspection.yaml", FINDINGS_PLAN), ("plans/people.yaml", PEOPLE))
    return {item.ref.split("/", 1)[1]: item for item in workspace.items}


def test_finding_due_makes_its_action_overdue(findings: dict[str, Item]) -> None:
    item = findings["da.1"]
    assert item.leads == ("GT",)
    assert not judge(item, D(2023, 6, 30)).overdue
    j = judge(item, D(2023, 7, 1))
    assert j.due == D(2023, 6, 30)
    assert j.overdue


def test_action_due_overrides_the_findings(findings: dict[str, Item]) -> None:
    j = judge(findings["da.2"], D(2023, 7, 1))
    assert j.due == D(2023, 12, 31)
    assert not j.overdue


def test_action_status_overrides_but_due_still_flows(findings: dict[str, Item]) -> None:
    item = findings["da.3"]
    assert item.status is not None and item.status.value == "GREEN"
    assert judge(item, D(2023, 7, 1)).overdue  # GREEN while overdue: still overdue


def test_finding_blue_flows_to_actions_unless_overridden(findings: dict[str, Item]) -> None:
    assert not judge(findings["done.1"], D(2024, 1, 1)).overdue
    assert judge(findings["done.2"], D(2024, 1, 1)).overdue


def test_finding_updates_count_for_stale(findings: dict[str, Item]) -> None:
    item = findings["da.2"]  # its own due, the finding's update
    assert judge(item, D(2023, 1, 31) + timedelta(days=90)).stale is False
    j = judge(item, D(2023, 1, 31) + timedelta(days=91))
    assert j.stale
    assert j.last_update == D(2023, 1, 31)


def test_finding_with_no_actions_is_judged_on_its_own_dates(findings: dict[str, Item]) -> None:
    item = findings["alone"]
    assert item.is_finding
    assert not judge(item, D(2023, 2, 15)).overdue
    j = judge(item, D(2023, 2, 16))
    assert j.overdue  # its milestone, before its due
    assert j.due == D(2023, 3, 31)


# ---------------------------------------------------------------------------
# Recurrence: due again one period after each recorded update


def recurring(make_workspace, due: str, recurs: str, *updates: str) -> Item:
    lines = [f"due: {due}", f"recurs: {recurs}"]
    if updates:
        lines.append("updates:")
        lines += [f"  - {{date: {u}, text: Update {n}}}" for n, u in enumerate(updates)]
    return the_item(make_workspace, "\n".join(lines))


@pytest.mark.parametrize(
    ("due", "recurs", "updates", "expected"),
    [
        # no update, or none after the first occurrence: the first occurrence
        ("2023-01-31", "monthly", (), D(2023, 1, 31)),
        ("2023-01-31", "monthly", ("2022-12-01",), D(2023, 1, 31)),
        ("2023-01-31", "monthly", ("2023-01-30",), D(2023, 1, 31)),
        # an update on the due day itself: the next occurrence (the next is *after* the update)
        ("2023-01-31", "monthly", ("2023-01-31",), D(2023, 2, 28)),
        # month-end clamping: occurrences count from the first, so the 31st stays the month's last day
        ("2023-01-31", "monthly", ("2023-02-15",), D(2023, 2, 28)),
        ("2023-01-31", "monthly", ("2023-02-28",), D(2023, 3, 31)),
        ("2023-01-31", "monthly", ("2023-03-31",), D(2023, 4, 30)),
        ("2024-01-31", "monthly", ("2024-02-01",), D(2024, 2, 29)),
        ("2023-01-30", "monthly", ("2023-02-01",), D(2023, 2, 28)),
        ("2023-01-30", "monthly", ("2023-02-28",), D(2023, 3, 30)),
        # many periods later
        ("2023-01-15", "monthly", ("2023-06-20",), D(2023, 7, 15)),
        ("2023-01-15", "monthly", ("2023-06-14",), D(2023, 6, 15)),
        # the newest update counts, not the first
        ("2023-01-15", "monthly", ("2023-01-20", "2023-03-20"), D(2023, 4, 15)),
        # quarterly; a month update counts from the month's last day
        ("2023-04", "quarterly", ("2023-04",), D(2023, 7, 31)),  # bundled da-single-agency-triage.1
        ("2023-04", "quarterly", ("2023-03",), D(2023, 4, 30)),
        ("2023-04", "quarterly", ("2023-07-31",), D(2023, 10, 31)),
        ("2023-04", "quarterly", ("2023-07-30",), D(2023, 7, 31)),
        ("2023-11", "quarterly", ("2024-01-10",), D(2024, 2, 29)),  # a due month recurs as a month end (leap)
        ("2023-11-30", "quarterly", ("2024-01-10",), D(2024, 2, 29)),
        ("2023-11-15", "quarterly", ("2024-01-10",), D(2024, 2, 15)),
        # annually
        ("2023-06", "annually", ("2023-05",), D(2023, 6, 30)),  # bundled tdp 2.3
        ("2023-06", "annually", ("2023-06",), D(2024, 6, 30)),
        ("2024-02-29", "annually", ("2024-03-01",), D(2025, 2, 28)),
        ("2024-02-29", "annually", ("2025-03-01",), D(2026, 2, 28)),
        ("2024-02-29", "annually", ("2027-03-01",), D(2028, 2, 29)),
        ("2024-02", "annually", ("2024-02",), D(2025, 2, 28)),
        ("2023-02", "annually", ("2023-02",), D(2024, 2, 29)),
    ],
)
def test_recurring_due_date(make_workspace, due: str, recurs: str, updates: tuple[str, ...], expected: date) -> None:
    item = recurring(make_workspace, due, recurs, *updates)
    assert effective_due(item) == expected
    assert judge(item, D(2000, 1, 1)).due == expected


def test_recurring_item_with_a_recent_update_is_not_overdue(make_workspace) -> None:
    without = recurring(make_workspace, "2023-04", "quarterly")
    updated = recurring(make_workspace, "2023-04", "quarterly", "2023-04")
    as_of = D(2023, 6, 1)
    assert judge(without, as_of).overdue
    assert not judge(updated, as_of).overdue
    assert judge(updated, D(2023, 7, 31)).due_soon
    assert judge(updated, D(2023, 8, 1)).overdue


def test_recurring_item_falls_overdue_when_updates_stop(make_workspace) -> None:
    item = recurring(make_workspace, "2023-01-10", "monthly", "2023-01-05", "2023-02-01")
    assert judge(item, D(2023, 2, 10)).due == D(2023, 2, 10)
    assert not judge(item, D(2023, 2, 10)).overdue
    assert judge(item, D(2023, 2, 11)).overdue


RECURRING_FINDINGS = """\
plan:
  id: inspection
  title: Inspection plan
findings:
  - id: audit
    title: Quarterly audit, with an action
    due: 2023-04
    recurs: quarterly
    updates:
      - {date: 2023-04, text: First audit done}
      - {date: 2023-07, text: Second audit done}
    actions:
      - id: "1"
        title: Run the audit
  - id: solo
    title: Quarterly audit, tracked on its own
    due: 2023-04
    recurs: quarterly
    updates:
      - {date: 2023-04, text: First audit done}
      - {date: 2023-07, text: Second audit done}
"""


def test_a_finding_with_no_actions_recurs(make_workspace) -> None:
    workspace = make_workspace(("plans/inspection.yaml", RECURRING_FINDINGS))
    solo = next(item for item in workspace.items if item.ref == "inspection/solo")
    assert effective_due(solo) == D(2023, 10, 31)
    assert not judge(solo, D(2023, 8, 15)).overdue


def test_a_findings_recurrence_flows_to_its_actions_with_its_due(make_workspace) -> None:
    workspace = make_workspace(("plans/inspection.yaml", RECURRING_FINDINGS))
    action = next(item for item in workspace.items if item.ref == "inspection/audit.1")
    assert effective_due(action) == D(2023, 10, 31)
    assert not judge(action, D(2023, 8, 15)).overdue


def _oracle_occurrence(first: date, month_only: bool, months: int) -> date:
    """Occurrence ``months`` after ``first``, written out independently of plantool.dates."""
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, last if month_only else min(first.day, last))


_PERIODS = {"monthly": 1, "quarterly": 3, "annually": 12}
days = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@given(
    first=days,
    month_only=st.booleans(),
    recurs=st.sampled_from(sorted(_PERIODS)),
    update=days,
    update_by_month=st.booleans(),
)
def test_recurring_due_is_the_first_occurrence_after_the_newest_update(
    make_workspace, first: date, month_only: bool, recurs: str, update: date, update_by_month: bool
) -> None:
    due_text = first.strftime("%Y-%m") if month_only else first.isoformat()
    update_text = update.strftime("%Y-%m") if update_by_month else update.isoformat()
    item = recurring(make_workspace, due_text, recurs, update_text)
    start = _oracle_occurrence(first, month_only, 0)
    newest = _oracle_occurrence(update, True, 0) if update_by_month else update
    k = 0
    while _oracle_occurrence(first, month_only, k * _PERIODS[recurs]) <= newest:
        k += 1
    expected = start if newest < start else _oracle_occurrence(first, month_only, k * _PERIODS[recurs])
    assert effective_due(item) == expected
    assert expected >= start
    assert expected > newest or newest < start


# ---------------------------------------------------------------------------
# Stale: the newest update older than stale_days (90), from a month's last day


def test_stale_at_91_days_not_90(make_workspace) -> None:
    assert DEFAULT_STALE_DAYS == 90
    item = the_item(make_workspace, "updates:\n  - {date: 2023-01-01, text: Started}")
    assert not judge(item, D(2023, 1, 1) + timedelta(days=90)).stale
    j = judge(item, D(2023, 1, 1) + timedelta(days=91))
    assert j.stale
    assert j.last_update == D(2023, 1, 1)


def test_stale_counts_a_month_update_from_its_last_day(make_workspace) -> None:
    item = the_item(make_workspace, "updates:\n  - {date: 2023-01, text: Started}")
    assert judge(item, D(2023, 5, 1)).last_update == D(2023, 1, 31)
    assert not judge(item, D(2023, 1, 31) + timedelta(days=90)).stale  # 2023-05-01
    assert judge(item, D(2023, 1, 31) + timedelta(days=91)).stale


def test_stale_uses_the_newest_update(make_workspace) -> None:
    item = the_item(
        make_workspace,
        """
        updates:
          - {date: 2022-01-01, text: Old}
          - {date: 2023-01-01, text: Newer}
        """,
    )
    assert not judge(item, D(2023, 3, 1)).stale
    assert judge(item, D(2023, 3, 1)).last_update == D(2023, 1, 1)


def test_stale_days_is_configurable(make_workspace) -> None:
    item = the_item(make_workspace, "updates:\n  - {date: 2023-01-01, text: Started}")
    assert not judge(item, D(2023, 1, 31), thresholds=Thresholds(stale_days=30)).stale
    assert judge(item, D(2023, 2, 1), thresholds=Thresholds(stale_days=30)).stale


def test_no_update_is_not_stale_and_blue_is_never_stale(make_workspace) -> None:
    assert not judged(make_workspace, "due: 2020-01", D(2030, 1, 1)).stale
    blue = judged(make_workspace, "status: BLUE\nupdates:\n  - {date: 2020-01, text: Done}", D(2030, 1, 1))
    assert not blue.stale
    assert blue.last_update == D(2020, 1, 31)


def test_stale_uses_the_newest_update_even_out_of_order(make_workspace) -> None:
    item = the_item(
        make_workspace,
        """
        updates:
          - {date: 2023-05, text: Newest but listed first}
          - {date: 2023-01, text: Older but listed last}
        """,
    )
    j = judge(item, D(2023, 6, 15))
    assert j.last_update == D(2023, 5, 31)
    assert not j.stale


# ---------------------------------------------------------------------------
# Properties of the date arithmetic

as_of_days = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
due_days = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
open_statuses = st.sampled_from(["", "status: GREEN", "status: AMBER", "status: RED"])


@given(due=due_days, as_of=as_of_days, status=open_statuses)
def test_property_open_item_due_on_a_day_is_overdue_iff_before_as_of(
    make_workspace, due: date, as_of: date, status: str
) -> None:
    j = judged(make_workspace, f"due: {due.isoformat()}\n{status}", as_of)
    assert j.due == due
    assert j.overdue == (due < as_of)
    assert j.overdue_since == (due if due < as_of else None)


@given(year=st.integers(1990, 2060), month=st.integers(1, 12), as_of=as_of_days)
def test_property_due_month_is_overdue_iff_after_its_last_day(
    make_workspace, year: int, month: int, as_of: date
) -> None:
    last = date(year, month, calendar.monthrange(year, month)[1])
    j = judged(make_workspace, f"due: {year:04d}-{month:02d}", as_of)
    assert j.due == last
    assert j.overdue == (as_of > last)


@given(
    due=due_days,
    as_of=as_of_days,
    soon=st.integers(0, 400),
    milestones=st.lists(due_days, max_size=3),
)
def test_property_due_soon_and_overdue_are_never_both_true(
    make_workspace, due: date, as_of: date, soon: int, milestones: list[date]
) -> None:
    lines = [f"due: {due.isoformat()}"]
    if milestones:
        lines.append("milestones:")
        lines += [f"  - {{title: M{n}, due: {m.isoformat()}}}" for n, m in enumerate(milestones)]
    j = judged(make_workspace, "\n".join(lines), as_of, Thresholds(due_soon_days=soon))
    dates = [due, *milestones]
    assert not (j.overdue and j.due_soon)
    assert j.overdue == any(d < as_of for d in dates)
    assert j.due_soon == (not j.overdue and any(d <= as_of + timedelta(days=soon) for d in dates))
    assert j.next_date == min(dates)


@given(
    due=st.one_of(st.none(), due_days),
    as_of=as_of_days,
    milestones=st.lists(due_days, max_size=3),
    updated=st.one_of(st.none(), due_days),
)
def test_property_blue_is_never_overdue(
    make_workspace, due: date | None, as_of: date, milestones: list[date], updated: date | None
) -> None:
    lines = ["status: BLUE"]
    if due is not None:
        lines.append(f"due: {due.isoformat()}")
    if milestones:
        lines.append("milestones:")
        lines += [f"  - {{title: M{n}, due: {m.isoformat()}}}" for n, m in enumerate(milestones)]
    if updated is not None:
        lines += ["updates:", f"  - {{date: {updated.isoformat()}, text: Done}}"]
    j = judged(make_workspace, "\n".join(lines), as_of)
    assert not j.overdue
    assert not j.due_soon
    assert not j.stale
