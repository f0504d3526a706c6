"""Questions people ask of a plan, answered as plain data: which actions, how many of each colour, who carries what.

Everything takes the workspace and an explicit as-of date and returns rows or
summaries; rendering them is ``render``'s job. Filter values a user typed
(a plan id, a lead, a status) are checked here, and a value that matches
nothing is a ``PlantoolError`` (exit 2) that says what would have matched.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any

from plantool.judgements import Judgement, Thresholds, judge
from plantool.models import Meaning, Rating, fold_key
from plantool.nfc import nfc
from plantool.problems import PlantoolError
from plantool.scales import DEFAULT_SCALE, MEANING_ORDER, Scale
from plantool.scales import UNRATED as UNRATED  # re-exported: renderers count under it
from plantool.workspace import Item, Plan, Workspace, natural_key

STATUS_KEYS = (*DEFAULT_SCALE.keys, UNRATED)
"""The default scale's keys and UNRATED: ``by_status`` of a plan on the default scale."""
UNRATED_MEANING = "unrated"
MEANING_KEYS = (*(meaning.value for meaning in MEANING_ORDER), UNRATED_MEANING)
"""``by_meaning``'s keys: the six meanings, then items with no status."""
NO_LEAD = "(no lead)"
NO_AREA = "(no area)"

# Most at risk first: a reader scanning a sorted list sees trouble before comfort.
_MEANING_RISK = {
    Meaning.OFF_TRACK.value: 0,
    Meaning.AT_RISK.value: 1,
    Meaning.NOT_STARTED.value: 2,
    UNRATED_MEANING: 3,
    Meaning.NO_UPDATE.value: 3,
    Meaning.ON_TRACK.value: 4,
    Meaning.DONE.value: 5,
}


class SortKey(str, Enum):
    due = "due"
    ref = "ref"
    status = "status"
    lead = "lead"


class BoardBy(str, Enum):
    """What the status board counts a plan by, besides the plan as a whole."""

    area = "area"
    """Each priority, else each finding area (``NO_AREA`` for findings with none)."""
    lead = "lead"
    """Each person who leads an action (an alias counted as its person), and ``NO_LEAD``."""


def status_key(status: Rating | None) -> str:
    """The key an item is counted under: the plan's own key, or UNRATED."""
    return status.key if status is not None else UNRATED


def meaning_key(status: Rating | None) -> str:
    """The key of ``by_meaning`` an item is counted under."""
    return status.means.value if status is not None else UNRATED_MEANING


@dataclass(frozen=True, slots=True)
class Row:
    """One item with its date judgement: what ``list`` shows a line of."""

    item: Item
    judgement: Judgement

    @property
    def status(self) -> str:
        return status_key(self.item.status)

    @property
    def means(self) -> str:
        """What the status means (a ``MEANING_KEYS`` key): what rules, sorting and totals go by."""
        return meaning_key(self.item.status)

    @property
    def date(self) -> date | None:
        """The date the row is sorted and filtered by: its due date, else its next open milestone."""
        return self.judgement.due or self.judgement.next_date


@dataclass(frozen=True)
class Filters:
    """``list``'s filters (README, Commands); all given filters must hold (AND). Repeated leads, statuses and tags are OR."""

    plan: str | None = None
    priority: str | None = None
    area: str | None = None
    leads: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    overdue: bool = False
    due_before: date | None = None
    due_after: date | None = None
    due_within: int | None = None
    unowned: bool = False
    carried_forward: bool = False
    search: str | None = None
    tags: tuple[str, ...] = ()


def judge_all(workspace: Workspace, as_of: date, thresholds: Thresholds = Thresholds()) -> list[Row]:
    return [Row(item, judge(item, as_of, thresholds=thresholds)) for item in workspace.items]


def select(
    workspace: Workspace,
    as_of: date,
    filters: Filters = Filters(),
    sort: SortKey | None = None,
    thresholds: Thresholds = Thresholds(),
) -> list[Row]:
    """The rows that pass ``filters``, in file order or sorted by ``sort``."""
    tests = row_tests(workspace, as_of, filters)
    rows = [row for row in judge_all(workspace, as_of, thresholds) if all(test(row) for test in tests)]
    if sort is not None:
        rows.sort(key=_SORTS[sort](workspace))
    return rows


RowTest = Callable[[Row], bool]


def row_tests(workspace: Workspace, as_of: date, filters: Filters) -> list[RowTest]:
    """One test per filter given, each built by a function that first checks the value the user typed.

    Every value must match something, or the empty answer would hide a typo; they are checked in
    this order, so of two bad values the first is the one reported. A filter not given costs
    nothing: no set of known leads, tags or areas is built for it.
    """
    tests: list[RowTest] = []
    if filters.plan is not None:
        tests.append(_in_plan(workspace, filters.plan))
    if filters.leads:
        tests.append(_led_by(workspace, filters.leads))
    if filters.statuses:
        tests.append(_has_status(workspace, filters.statuses))
    if filters.tags:
        tests.append(_tagged(workspace, filters.tags))
    if filters.area is not None:
        tests.append(_in_area(workspace, filters.area))
    if filters.priority is not None:
        tests.append(_under(workspace, filters.priority))
    if filters.overdue:
        tests.append(lambda row: row.judgement.overdue)
    if filters.due_before:
        tests.append(_due_before(filters.due_before))
    if filters.due_after:
        tests.append(_due_after(filters.due_after))
    if filters.due_within is not None:
        tests.append(_due_within(as_of, filters.due_within))
    if filters.unowned:
        tests.append(lambda row: row.item.unowned)
    if filters.carried_forward:
        tests.append(lambda row: row.item.carried_forward)
    if filters.search:
        tests.append(_mentions(filters.search))
    return tests


def _in_plan(workspace: Workspace, plan: str) -> RowTest:
    if workspace.plan(plan) is None:
        raise PlantoolError(_no_match("plan", plan, [p.id for p in workspace.plans]))
    return lambda row: row.item.plan.id == plan


def _led_by(workspace: Workspace, leads: Sequence[str]) -> RowTest:
    """Led by any of ``leads`` (ids, aliases or names), an alias counting as its person."""
    wanted = {nfc(_resolve_lead(workspace, lead)) for lead in leads}
    people = workspace.people
    return lambda row: bool(wanted & {nfc(people.canonical(lead)) for lead in row.item.leads})


def _has_status(workspace: Workspace, statuses: Sequence[str]) -> RowTest:
    """A ``--status`` value is a key of the item's scale (any case), one of its labels, or a meaning."""
    scales = _scales(workspace)
    known = {fold_key(word) for scale in scales for g in scale.grades for word in (g.key, g.label)}
    known |= {fold_key(word) for word in (*MEANING_KEYS, UNRATED)}
    for status in statuses:
        if fold_key(status) not in known:
            keys = list(dict.fromkeys(key for scale in scales for key in scale.keys))
            raise PlantoolError(
                f"unknown status {status!r}; use a key of the plans' scales ({', '.join(keys)}), "
                f"a meaning ({', '.join(MEANING_KEYS)})"
            )
    wanted = {fold_key(status) for status in statuses}

    def test(row: Row) -> bool:
        if row.means in wanted or fold_key(row.status) in wanted:
            return True
        grade = row.item.plan.scale.grade(row.status) if row.item.status is not None else None
        return grade is not None and fold_key(grade.label) in wanted

    return test


def _tagged(workspace: Workspace, tags: Sequence[str]) -> RowTest:
    known = {tag for item in workspace.items for tag in item.tracked.tags}
    known_forms = {nfc(tag) for tag in known}
    for tag in tags:
        if nfc(tag) not in known_forms:
            message = _no_match("action has the tag", tag, sorted(known))
            raise PlantoolError(message if known else f"{message}; no action has any tag")
    wanted = {nfc(tag) for tag in tags}
    return lambda row: bool(wanted & {nfc(tag) for tag in row.item.tracked.tags})


def _in_area(workspace: Workspace, area: str) -> RowTest:
    """The finding's area contains ``area`` (any case)."""
    areas = sorted({item.finding.area for item in workspace.items if item.finding and item.finding.area})
    wanted = nfc(area).casefold()
    if not any(wanted in nfc(known).casefold() for known in areas):
        message = _no_match("finding area contains", area, areas)
        raise PlantoolError(message if areas else f"{message}; no finding has an area")
    if not wanted:  # an empty --area is in every area, and says nothing
        return lambda row: True
    return lambda row: row.item.finding is not None and wanted in nfc(row.item.finding.area or "").casefold()


def _under(workspace: Workspace, priority: str) -> RowTest:
    group = _resolve_priority(workspace, priority)
    return lambda row: row.item.group.id == group.id and (group.plan is None or row.item.plan.id == group.plan)


def _due_before(day: date) -> RowTest:
    return lambda row: row.date is not None and row.date < day


def _due_after(day: date) -> RowTest:
    return lambda row: row.date is not None and row.date > day


def _due_within(as_of: date, days: int) -> RowTest:
    """Open and due (or a milestone due) between today and ``days`` from now, inclusive."""
    last = as_of + timedelta(days=days)

    def test(row: Row) -> bool:
        upcoming = row.judgement.next_date
        return upcoming is not None and as_of <= upcoming <= last and not row.judgement.overdue

    return test


def _mentions(text: str) -> RowTest:
    wanted = _searchable_form(text)
    return lambda row: wanted in _searchable(row.item)


# Plans pasted from Word carry curly quotes; a person types straight ones. Both sides of a
# search are folded to the straight form, so "child's journey" finds it written with U+2019.
_STRAIGHT_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _searchable_form(text: str) -> str:
    return nfc(text).translate(_STRAIGHT_QUOTES).casefold()


def _searchable(item: Item) -> str:
    parts = [item.title, *(update.text for update in item.updates)]
    if item.finding is not None:
        parts += [item.finding.title, item.finding.finding or ""]
    return _searchable_form("\n".join(parts))


@dataclass(frozen=True)
class _GroupRef:
    """A ``--priority`` value resolved: a priority or finding id, in one plan or in any."""

    plan: str | None
    id: str


def _resolve_priority(workspace: Workspace, text: str) -> _GroupRef:
    """``SP1``, ``sp1`` or ``PLAN/SP1``: the id as written if it exists, else the one id that differs only in case."""
    plan, _, wanted = text.rpartition("/")
    if plan and workspace.plan(plan) is None:
        raise PlantoolError(_no_match("plan", plan, [p.id for p in workspace.plans]))
    groups = sorted({item.group.id for item in workspace.items if not plan or item.plan.id == plan})
    if wanted in groups:
        return _GroupRef(plan or None, wanted)
    same = [group for group in groups if group.casefold() == wanted.casefold()]
    if len(same) == 1:
        return _GroupRef(plan or None, same[0])
    if same:
        raise PlantoolError(f"priority or finding {text!r} is ambiguous: it could be {', '.join(same)}")
    raise PlantoolError(_no_match("priority or finding", text, groups))


def _resolve_lead(workspace: Workspace, text: str) -> str:
    """A ``--lead`` value as the id it means: an id or alias as written, else one person's exact name.

    A name is matched whole and without regard to case ("gerry moore"), never in part, so a
    search for one person cannot quietly take in another; two people of that name are ambiguous.
    """
    people = workspace.people
    known = {lead for item in workspace.items for lead in item.leads} | {person.id for _, person in people.persons}
    if nfc(text) in {nfc(lead) for lead in known} or text in people:
        return people.canonical(text)
    wanted = nfc(text.strip()).casefold()
    named = list(
        dict.fromkeys(person.id for _, person in people.persons if nfc(person.name or "").casefold() == wanted)
    )
    if len(named) == 1:
        return named[0]
    if named:
        raise PlantoolError(
            f"lead {text!r} is ambiguous: {len(named)} people have that name ({', '.join(named)}); give the id"
        )
    raise PlantoolError(_no_match("lead", text, sorted(known)))


# How many known values an error lists before it says how many more there are.
_KNOWN_SHOWN = 20


def _no_match(what: str, value: str, known: Sequence[str]) -> str:
    # Compared without case, so "sp3" still suggests "SP3"; suggested as written.
    folded = {item.casefold(): item for item in known}
    close = [folded[match] for match in difflib.get_close_matches(value.casefold(), list(folded), n=3)]
    if close:
        return f"no {what} {value!r}; did you mean {', '.join(close)}?"
    if not known:
        return f"no {what} {value!r}"
    shown = ", ".join(known[:_KNOWN_SHOWN])
    more = len(known) - _KNOWN_SHOWN
    return f"no {what} {value!r}; known: {shown}" + (f" \N{HORIZONTAL ELLIPSIS} and {more} more" if more > 0 else "")


RowKey = Callable[[Row], Any]


def _by_due(workspace: Workspace) -> RowKey:
    return lambda row: (row.date is None, row.date or date.max, natural_key(row.item.ref))


def _by_ref(workspace: Workspace) -> RowKey:
    return lambda row: natural_key(row.item.ref)


def _by_status(workspace: Workspace) -> RowKey:
    return lambda row: (_MEANING_RISK[row.means], not row.judgement.overdue, natural_key(row.item.ref))


def _by_lead(workspace: Workspace) -> RowKey:
    def key(row: Row) -> tuple[bool, str, tuple[tuple[int, str], ...]]:
        first = row.item.leads[0] if row.item.leads else ""
        return (not row.item.leads, workspace.people.label(first).casefold(), natural_key(row.item.ref))

    return key


_SORTS = {SortKey.due: _by_due, SortKey.ref: _by_ref, SortKey.status: _by_status, SortKey.lead: _by_lead}


# ---------------------------------------------------------------------------
# Summaries


def _scales(workspace: Workspace) -> list[Scale]:
    return list({id(plan.scale): plan.scale for plan in workspace.plans}.values()) or [DEFAULT_SCALE]


@dataclass
class Counts:
    """How many items of each status (``by_status``, the scale's keys and UNRATED) and meaning (``by_meaning``)."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_KEYS, 0))
    overdue: int = 0
    due_soon: int = 0
    by_meaning: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEANING_KEYS, 0))

    @classmethod
    def on(cls, keys: Sequence[str]) -> Counts:
        """Counts for a scale whose keys are ``keys`` (UNRATED is added)."""
        return cls(by_status=dict.fromkeys((*keys, UNRATED), 0))

    def add(self, row: Row) -> None:
        self.count(row.status, row.means, overdue=row.judgement.overdue, due_soon=row.judgement.due_soon)

    def count(self, status: str, means: str, *, overdue: bool, due_soon: bool) -> None:
        """One more item of ``status`` (a scale key or UNRATED) that means ``means`` (a ``MEANING_KEYS`` key)."""
        self.total += 1
        # A key of another scale (the overall count across plans): counted after the keys known so far.
        self.by_status[status] = self.by_status.get(status, 0) + 1
        self.by_meaning[means] += 1
        self.overdue += overdue
        self.due_soon += due_soon

    @property
    def open(self) -> int:
        return self.total - self.by_meaning[Meaning.DONE.value]

    @property
    def off_track(self) -> int:
        """Counted as RED everywhere RED is counted."""
        return self.by_meaning[Meaning.OFF_TRACK.value]


@dataclass
class BoardGroup:
    """One line of a plan's board: a priority, a finding area or a lead, and its counts."""

    id: str
    title: str
    counts: Counts = field(default_factory=Counts)


@dataclass
class PlanSummary:
    plan: Plan
    counts: Counts
    groups: list[BoardGroup]
    warnings: list[str]


@dataclass
class Board:
    as_of: date
    counts: Counts
    plans: list[PlanSummary]
    by: BoardBy


def status_board(
    workspace: Workspace,
    as_of: date,
    *,
    plan: str | None = None,
    by: BoardBy = BoardBy.area,
    thresholds: Thresholds = Thresholds(),
    rows: Sequence[Row] | None = None,
) -> Board:
    """The RAG board: counts per plan, then per priority / finding area (or per lead with ``BoardBy.lead``).

    ``rows``: the plan's rows when the caller has judged them already (the board report does).
    """
    by = BoardBy(by)  # a library caller may pass the value ("lead")
    if rows is None:
        rows = select(workspace, as_of, Filters(plan=plan), thresholds=thresholds)
    summaries: dict[int, PlanSummary] = {}
    for candidate in workspace.plans:
        if plan is None or candidate.id == plan:
            # Keyed by the plan itself: two files that share a plan id stay two plans here
            # (validate reports the clash) rather than one plan with both files' counts.
            counts = Counts.on(candidate.scale.keys)
            summaries[id(candidate)] = PlanSummary(candidate, counts, [], plan_warnings(candidate, as_of, thresholds))
    # Across plans, each plan's own keys are counted as they are; by_meaning is the figure that adds up.
    total = Counts.on(
        list(dict.fromkeys(key for s in summaries.values() for key in s.plan.scale.keys)) or DEFAULT_SCALE.keys
    )
    groups: dict[tuple[int, str], BoardGroup] = {}
    for row in rows:
        summary = summaries[id(row.item.plan)]
        total.add(row)
        summary.counts.add(row)
        for key, title in _group_keys(workspace, row.item, by):
            group = groups.get((id(summary.plan), key))
            if group is None:
                group = groups[(id(summary.plan), key)] = BoardGroup(key, title, Counts.on(summary.plan.scale.keys))
                summary.groups.append(group)
            group.counts.add(row)
    if by is BoardBy.lead:
        for summary in summaries.values():
            summary.groups.sort(key=lambda g: (g.id == NO_LEAD, g.title.casefold()))
    return Board(as_of, total, list(summaries.values()), by)


def _group_keys(workspace: Workspace, item: Item, by: BoardBy) -> Iterable[tuple[str, str]]:
    if by is BoardBy.lead:
        if not item.leads:
            return [(NO_LEAD, NO_LEAD)]
        people = {workspace.people.canonical(lead) for lead in item.leads}
        return [(person, workspace.people.name_or_role(person)) for person in sorted(people)]
    if item.priority is not None:
        return [(item.priority.id, item.priority.title)]
    area = item.finding.area if item.finding is not None and item.finding.area else NO_AREA
    return [(area, area)]


def plan_warnings(plan: Plan, as_of: date, thresholds: Thresholds) -> list[str]:
    """What a reader should know before trusting the numbers: the plan ended, or its updates are old."""
    meta = plan.file.plan
    warnings = []
    if meta.period is not None and meta.period.last_day < as_of:
        ended = meta.period.end
        words = f"on {ended}" if ended.is_day else f"with {ended} ({ended.end.isoformat()})"
        warnings.append(f"the plan period ended {words}")
    if meta.updated is not None:
        age = (as_of - meta.updated.end).days
        if age > thresholds.stale_days:
            warnings.append(f"last updated {meta.updated} ({age} days ago; stale after {thresholds.stale_days})")
    else:
        warnings.append("the plan does not say when it was last updated")
    return warnings


@dataclass
class Workload:
    lead: str
    """A person id, or ``NO_LEAD`` for open items nobody leads."""
    label: str
    """How a reader sees the lead: the name, else the role, else the id; ``NO_LEAD`` for nobody."""
    role: str | None
    name: str | None = None
    """The person's name when the people file gives one: data, unlike ``label``, never a stand-in."""
    open: int = 0
    overdue: int = 0
    red: int = 0
    due_soon: int = 0
    accountable: int = 0
    """Open items the person answers for (``accountable``) without leading them."""

    @property
    def unowned(self) -> bool:
        return self.lead == NO_LEAD


def workloads(
    workspace: Workspace, as_of: date, thresholds: Thresholds = Thresholds(), plan: str | None = None
) -> list[Workload]:
    """Open items per lead (aliases folded into the person), most at risk first."""
    table: dict[str, Workload] = {}
    for _, person in workspace.people.persons:
        # The leads table shows the id beside every name, so a role alone is enough here.
        table.setdefault(person.id, Workload(person.id, person.name_or_role, person.role, person.name))
    for row in select(workspace, as_of, Filters(plan=plan), thresholds=thresholds):
        if row.item.complete:
            continue
        leads = {workspace.people.canonical(lead) for lead in row.item.leads}
        keys = leads or ({NO_LEAD} if row.item.unowned else set())
        for key in keys:
            load = table.setdefault(key, Workload(key, workspace.people.label(key), None))
            load.open += 1
            load.overdue += row.judgement.overdue
            load.red += row.item.means is Meaning.OFF_TRACK
            load.due_soon += row.judgement.due_soon
        # Answering for an item is not leading it: counted apart, and only where the person does not lead it too.
        for key in {workspace.people.canonical(person) for person in row.item.accountable} - leads:
            table.setdefault(key, Workload(key, workspace.people.label(key), None)).accountable += 1
    ranked = sorted(
        table.values(), key=lambda w: (w.lead == NO_LEAD, -w.overdue, -w.red, -w.due_soon, -w.open, w.label.casefold())
    )
    return ranked
