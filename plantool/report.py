"""The board report as plain data: what the HTML and Markdown reports show, worked out in one place.

A board reads a plan in this order: the headline RAG picture, the exceptions
that need its attention, then every priority and finding with its actions.
``build_report`` assembles exactly that from a workspace, an as-of date and
the thresholds, so the two renderers only decide how it looks and can never
disagree about what it says. Nothing here reads the clock, a file or git:
the "since last report" section arrives as a ``Diff`` from the caller (what
the ``diff`` command compares), is kept as the diff's own changes, and is
worded by the renderers as ``diff`` words it; it is shown only when given.

The figures (counts, charts, which actions are exceptions and in what order)
are worked out when the report is built. The rows of actions are not kept:
a plan's sections and an exception's row are made from the judged actions
when a renderer reads them, so the report of 100,000 actions adds little to
the loaded plans, and a renderer that reads each plan once in turn holds one
plan's rows at a time (README, "Memory").

Chart geometry is numbers, not pictures: each chart is a tuple of
``Segment`` (status, count, where it starts and how much of the whole it
takes, as fractions), which ``render.svg`` turns into coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, overload

from plantool.dates import PlanDate
from plantool.judgements import Thresholds
from plantool.models import Finding, Meaning, Priority, Rating, Target, Update
from plantool.problems import Problem, Severity
from plantool.queries import (
    MEANING_KEYS,
    UNRATED,
    UNRATED_MEANING,
    Counts,
    Filters,
    PlanSummary,
    Row,
    select,
    status_board,
)
from plantool.scales import DEFAULT_SCALE, Scale
from plantool.workspace import Item, People, Plan, Workspace

if TYPE_CHECKING:  # the report holds a diff's changes, but builds none: git stays out of a plain report
    from plantool.changes import Change, Diff

# ---------------------------------------------------------------------------
# Chart geometry


@dataclass(frozen=True, slots=True)
class Segment:
    """One status's slice of a bar or doughnut: ``start`` and ``share`` are fractions of the whole (0 to 1)."""

    status: str
    """The status's look (``KeyLine.look``): GREEN, UNRATED, or the id of a plan's own key."""
    count: int
    start: float
    share: float
    word: str = ""
    """The status as a reader sees it ("GREEN", "2 On track", "not rated")."""


@dataclass(frozen=True, slots=True)
class KeyLine:
    """One line of a status key: a key of a plan's scale (or a meaning, across plans on different scales)."""

    look: str
    """The id renderers style it by: the key itself on the default scale (GREEN, UNRATED), else unique in the report."""
    key: str
    """What it is counted under: a ``by_status`` key, or a ``by_meaning`` key in a legend by meaning."""
    word: str
    label: str
    means: str
    """A ``MEANING_KEYS`` key."""
    colour: str | None = None
    """The plan's own colour for the key (``#rrggbb``), when it gave one."""


@dataclass(frozen=True, slots=True)
class Legend:
    """The statuses a plan (or the whole report) is counted by, in the plan's order, with not rated last."""

    lines: tuple[KeyLine, ...]
    by_meaning: bool = False
    _looks: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Asked for every action's status, milestones and update: a lookup, not a walk of the lines.
        looks: dict[str, str] = {}
        for line in self.lines:
            looks.setdefault(line.key, line.look)
        object.__setattr__(self, "_looks", looks)

    def count(self, counts: Counts, line: KeyLine) -> int:
        return (counts.by_meaning if self.by_meaning else counts.by_status).get(line.key, 0)

    def look(self, key: str) -> str:
        """The look of ``key`` (a scale key or UNRATED)."""
        return self._looks.get(key, UNRATED)

    @property
    def off_track(self) -> str:
        """What the legend calls off-track ("RED" on the default scale)."""
        found = [line.word for line in self.lines if line.means == Meaning.OFF_TRACK.value]
        return found[0] if len(found) == 1 else "off track"


_UNRATED_LINE = KeyLine(UNRATED, UNRATED, "not rated", "No RAG status given", UNRATED_MEANING)


def legend_of(scale: Scale, prefix: str) -> Legend:
    """A plan's key; on the default scale the looks are the keys themselves, else ``prefix`` and the key's place."""
    lines = tuple(
        KeyLine(g.key if not scale.custom else f"{prefix}-{index}", g.key, g.word, g.label, g.means.value, g.colour)
        for index, g in enumerate(scale.grades)
    )
    return Legend((*lines, _UNRATED_LINE))


_MEANING_LEGEND = Legend(
    tuple(
        KeyLine(f"m-{key}", key, key.replace("-", " ") if key != UNRATED_MEANING else "not rated",
                key.replace("-", " ").capitalize() if key != UNRATED_MEANING else "No status given", key)
        for key in MEANING_KEYS
    ),
    by_meaning=True,
)  # fmt: skip
DEFAULT_LEGEND = legend_of(DEFAULT_SCALE, "")


def segments(counts: Counts, legend: Legend = DEFAULT_LEGEND) -> tuple[Segment, ...]:
    """The non-empty statuses in the legend's order (GREEN, AMBER, RED, BLUE, not rated), laid end to end."""
    total = sum(legend.count(counts, line) for line in legend.lines)
    if total == 0:
        return ()
    result = []
    done = 0
    for line in legend.lines:
        count = legend.count(counts, line)
        if count:
            # Positions from running integer totals, so the last segment ends at exactly 1.0.
            result.append(Segment(line.look, count, done / total, count / total, line.word))
            done += count
    return tuple(result)


# ---------------------------------------------------------------------------
# What the report holds


@dataclass(frozen=True, slots=True)
class Lead:
    id: str
    name: str
    """The person's name, else their role, else the id itself (the source gave initials only)."""
    role: str | None


@dataclass(frozen=True, slots=True)
class LatestUpdate:
    date: str
    """As written: a day (2023-05-12) or a month (2023-05)."""
    text: str
    status: str | None
    """The look of the status the update gave (see ``KeyLine.look``)."""
    by: str | None
    """The author's name, when the update says who wrote it."""
    from_finding: bool
    """The update is the finding's own, shown once with the finding rather than on every action."""


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    title: str
    due: date | None
    written: PlanDate | None
    """The due date as the plan wrote it (a month, a quarter, a financial year)."""
    due_note: str | None
    status: str
    done: bool
    overdue: bool


class ExceptionKind(str, Enum):
    """Why an action needs the board's attention, worst first (the order the exceptions are listed in).

    A str enum, so the HTML template can ask ``exception_counts["red"]`` by the value.
    """

    RED = "red"
    OVERDUE = "overdue"
    STALE = "stale"
    UNOWNED = "unowned"


@dataclass(frozen=True, slots=True)
class Reason:
    """Why an action is an exception; the words are the renderer's."""

    kind: ExceptionKind
    since: date | None = None
    """For ``overdue``: the earliest date that has passed. For ``stale``: the newest update's date."""
    days: int | None = None
    """For ``overdue``: days since ``since``. For ``stale``: the newest update's age in days."""
    milestone: str | None = None
    """For ``overdue``: the milestone whose date passed first (``Judgement.overdue_milestone``), when it is one."""
    status: str | None = None
    """For ``red``: the look of the off-track status (RED on the default scale)."""


EXCEPTION_KINDS = tuple(ExceptionKind)


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One tracked action (or finding with no actions) as the report shows it."""

    ref: str
    short_ref: str
    """The reference without its plan, which is unambiguous inside the plan's own section."""
    anchor: str
    """An id for the action's place in the HTML, unique in the report."""
    plan_id: str
    id: str
    """The action's own id ("1.4", or "1" under a finding)."""
    group_ref: str
    """The priority or finding the action sits under."""
    is_finding: bool
    """The row is a finding with no actions, tracked as one item."""
    title: str
    leads: tuple[Lead, ...]
    due: date | None
    """The effective due day (recurrence applied)."""
    due_written: PlanDate | None
    """The due date as the plan wrote it ("by March 2024", "by 2012/13"), when ``due`` is that date."""
    due_note: str | None
    """What the plan says about the due date beyond a date ("To be confirmed")."""
    recurs: str | None
    status: str
    """The status's look (``KeyLine.look``): GREEN, AMBER, RED, BLUE or UNRATED on the default scale."""
    key: str
    """The plan's own key, or UNRATED."""
    means: str
    """A ``MEANING_KEYS`` key."""
    source_ref: str | None
    outcome: str | None
    accountable: tuple[Lead, ...]
    """Who answers for the action (its own, its priority's or finding's, or the plan's), apart from its leads."""
    complete: bool
    completed: PlanDate | None
    overdue: bool
    overdue_since: date | None
    due_soon: bool
    carried_forward: bool
    target: Target | None
    """The action's target as the plan gives it; ``render.style.target_words`` words it."""
    milestones: tuple[MilestoneLine, ...]
    latest_update: LatestUpdate | None
    reasons: tuple[Reason, ...]
    """Why this row is an exception; empty when it is not one."""


@dataclass(frozen=True, slots=True)
class ChartBar:
    """One bar of a plan's chart: a priority, or an area of findings."""

    id: str
    title: str
    counts: Counts
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class GroupSection:
    """A priority with its actions, or a finding with its text, defaults and actions."""

    kind: str
    """``priority`` or ``finding``."""
    id: str
    ref: str
    anchor: str
    title: str
    finding_text: str | None
    source_ref: str | None
    outcome: str | None
    accountable: tuple[Lead, ...]
    leads: tuple[Lead, ...]
    due: date | None
    due_written: PlanDate | None
    due_note: str | None
    updates: tuple[LatestUpdate, ...]
    """A finding's own latest update (it belongs to every action under it)."""
    counts: Counts
    judged: tuple[Row, ...] = field(repr=False, compare=False)
    """Its actions, judged: ``rows`` words them when asked."""
    maker: _RowMaker = field(repr=False, compare=False)

    @property
    def rows(self) -> tuple[ActionRow, ...]:
        """The actions as the report shows them, made afresh each time: read once, keep while needed."""
        return tuple(self.maker.row(row) for row in self.judged)


@dataclass(frozen=True, slots=True)
class AreaSection:
    """Consecutive findings under one heading of the inspection report ("What needs to improve")."""

    title: str | None
    groups: tuple[GroupSection, ...]


@dataclass(frozen=True, slots=True)
class PlanSection:
    id: str
    anchor: str
    title: str
    organisation: str | None
    version: str | None
    """The document's own version ("17 080617")."""
    source: str | None
    """What the plan answers, in one line ("HMI Probation SQS, 12-14 November 2012")."""
    period_start: PlanDate | None
    period_end: PlanDate | None
    updated: str | None
    path: str
    warnings: tuple[str, ...]
    legend: Legend
    counts: Counts
    segments: tuple[Segment, ...]
    bars: tuple[ChartBar, ...]
    has_priorities: bool
    has_areas: bool
    """Whether ``priorities`` and ``areas`` hold anything, known without building them."""
    plan: Plan = field(repr=False, compare=False)
    judged: Mapping[int, Sequence[Row]] = field(repr=False, compare=False)
    """The plan's judged actions by ``id()`` of their priority or finding."""
    maker: _RowMaker = field(repr=False, compare=False)

    # A plan's sections are made when asked for, so a renderer holds one plan's at a time,
    # never every plan's (a workspace of 100,000 actions: README, "Memory").
    @property
    def priorities(self) -> tuple[GroupSection, ...]:
        """Each priority with its actions, made afresh each time."""
        return tuple(self._group(priority, "priority") for priority in self.plan.file.priorities)

    @property
    def areas(self) -> tuple[AreaSection, ...]:
        """The findings, consecutive findings under the same heading in one area as in the inspection report."""
        runs: list[tuple[str | None, list[GroupSection]]] = []
        for finding in self.plan.file.findings:
            section = self._group(finding, "finding")
            if runs and runs[-1][0] == finding.area:
                runs[-1][1].append(section)
            else:
                runs.append((finding.area, [section]))
        return tuple(AreaSection(title, tuple(groups)) for title, groups in runs)

    @property
    def rows(self) -> Iterable[ActionRow]:
        for group in self.priorities:
            yield from group.rows
        for area in self.areas:
            for group in area.groups:
                yield from group.rows

    def _group(self, group: Priority | Finding, kind: str) -> GroupSection:
        return self.maker.group(self.plan, group, kind, tuple(self.judged.get(id(group), ())), self.legend)


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    organisations: tuple[str, ...]
    as_of: date
    thresholds: Thresholds
    counts: Counts
    segments: tuple[Segment, ...]
    plans: tuple[PlanSection, ...]
    exceptions: Sequence[ActionRow]
    """Worst first; each row is made when read (``ActionRows``)."""
    exception_counts: Mapping[ExceptionKind, int]
    legend: Legend
    """The headline key: the plans' scale when they share one, else the meanings."""
    looks: Mapping[str, KeyLine]
    """Every status look the report uses, for the renderers' colours."""
    load_errors: int
    """Errors found while loading the plans: when not zero, the figures may leave something out."""
    since: str | None = None
    changes: tuple[Change, ...] | None = None
    """The diff's own changes to the plans reported on. ``None``: no comparison was asked for, so the section
    is left out; empty (with nothing in ``unread``): nothing changed."""
    unread: tuple[Problem, ...] = ()
    """Files the comparison could not read on either side: the section says so, rather than "no changes"."""

    @property
    def rows(self) -> Iterable[ActionRow]:
        for plan in self.plans:
            yield from plan.rows


# ---------------------------------------------------------------------------
# Building it


def build_report(
    workspace: Workspace,
    as_of: date,
    thresholds: Thresholds = Thresholds(),
    *,
    plan: str | None = None,
    title: str | None = None,
    since: str | None = None,
    diff: Diff | None = None,
) -> Report:
    """The whole board report for every plan (or just ``plan``), judged as of ``as_of``.

    ``diff``: what changed since ``since`` (``gitrev.compare``), for the "since the last report" section.

    The figures are worked out here; the rows of actions are made from the judged actions
    when a renderer reads them (``GroupSection.rows``, ``Report.exceptions``), so the report
    of a large workspace never holds them all at once.

    An unknown ``plan`` raises ``PlantoolError`` (a usage error), as ``list --plan`` does.
    """
    rows = select(workspace, as_of, Filters(plan=plan), thresholds=thresholds)  # judged once, used twice
    board = status_board(workspace, as_of, plan=plan, thresholds=thresholds, rows=rows)
    legends = {id(s.plan): legend_of(s.plan.scale, f"s{index}") for index, s in enumerate(board.plans)}
    maker = _RowMaker(workspace.people, as_of, _anchors(rows, board.plans), legends)
    judged: dict[int, list[Row]] = {}
    for row in rows:
        judged.setdefault(id(row.item.group), []).append(row)
    plans = tuple(_plan_section(summary, judged, maker, legends[id(summary.plan)]) for summary in board.plans)
    exceptions, exception_counts = _exceptions(rows, maker)
    headline = _headline_legend([summary.plan.scale for summary in board.plans], [p.legend for p in plans])
    looks = {line.look: line for legend in (headline, *(p.legend for p in plans)) for line in legend.lines}
    return Report(
        title=title or (plans[0].title if len(plans) == 1 else "Improvement plans: progress report"),
        organisations=tuple(dict.fromkeys(section.organisation for section in plans if section.organisation)),
        as_of=as_of,
        thresholds=thresholds,
        counts=board.counts,
        segments=segments(board.counts, headline),
        plans=plans,
        exceptions=exceptions,
        exception_counts=exception_counts,
        legend=headline,
        looks=looks,
        load_errors=sum(1 for problem in workspace.problems if problem.severity is Severity.ERROR),
        since=since,
        changes=None if diff is None else tuple(c for c in diff.changes if plan is None or c.plan == plan),
        # Which plan a file that was not read holds is unknown, so it is always shown.
        unread=() if diff is None else (*diff.before.problems, *diff.after.problems),
    )


class _Anchors:
    """HTML ids from references: readable, and unique even when two references slug alike.

    Every id is worked out once, in the report's order, when the report is built, but only
    the few that differ from their reference's plain slug are kept: the rest are made again
    from the reference when asked for, so a row made twice (an exception, then in its plan)
    gets the same id both times.
    """

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._clashed: dict[int, str] = {}

    def add(self, prefix: str, text: str, owner: object) -> None:
        """Give ``owner`` (an item, priority, finding or plan) its id; ids are given in the order of the page."""
        base = _slug(prefix, text)
        anchor, number = base, 1
        while anchor in self._used:
            number += 1
            anchor = f"{base}-{number}"
        self._used.add(anchor)
        if anchor != base:
            self._clashed[id(owner)] = anchor

    def done(self) -> _Anchors:
        """Every id given: forget the ones in use, which only giving more needed."""
        self._used = set()
        return self

    def __call__(self, prefix: str, text: str, owner: object) -> str:
        return self._clashed.get(id(owner)) or _slug(prefix, text)


def _slug(prefix: str, text: str) -> str:
    return f"{prefix}-" + (re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "x")


def _anchors(rows: Sequence[Row], plans: Sequence[PlanSummary]) -> _Anchors:
    anchors = _Anchors()
    for row in rows:
        anchors.add("action", row.item.ref, row.item)
    for summary in plans:
        plan = summary.plan
        for priority in plan.file.priorities:
            anchors.add("priority", f"{plan.id}/{priority.id}", priority)
        for finding in plan.file.findings:
            anchors.add("finding", f"{plan.id}/{finding.id}", finding)
        anchors.add("plan", plan.id, plan)
    return anchors.done()


def _headline_legend(scales: Sequence[Scale], legends: Sequence[Legend]) -> Legend:
    """One plan's key; several plans on the default keys: the default labels (plans may word them differently);
    plans on different scales: the meanings, the only thing their counts share."""
    if len(legends) == 1:
        return legends[0]
    if all(not scale.custom for scale in scales):
        return DEFAULT_LEGEND
    if len({tuple((grade.key, grade.means) for grade in scale.grades) for scale in scales}) == 1:
        return legends[0]
    return _MEANING_LEGEND


def leads_of(people: People, ids: Iterable[str], known: dict[str, Lead] | None = None) -> tuple[Lead, ...]:
    """Each person once (an alias folds into its person), in the order the plan gives them.

    ``known``: the ``Lead`` of each id met so far, kept by a caller that asks for many actions' leads.
    """
    leads: dict[str, Lead] = {}
    for lead_id in ids:
        lead = known.get(lead_id) if known is not None else None
        if lead is None:
            person = people.get(lead_id)
            lead = Lead(lead_id, lead_id, None) if person is None else Lead(person.id, person.label, person.role)
            if known is not None:
                known[lead_id] = lead
        leads.setdefault(lead.id, lead)
    return tuple(leads.values())


def _update(update: Update, people: People, from_finding: bool, legend: Legend) -> LatestUpdate:
    return LatestUpdate(
        date=str(update.date),
        text=update.text,
        status=legend.look(update.status.key) if update.status else None,
        by=people.label(update.by) if update.by else None,
        from_finding=from_finding,
    )


def _latest(item: Item, people: People, legend: Legend) -> LatestUpdate | None:
    latest = item.latest_update
    if latest is None:
        return None
    finding = item.finding
    from_finding = finding is not None and not item.is_finding and any(u is latest for u in finding.updates)
    return _update(latest, people, from_finding, legend)


def _milestone_status(done: bool, status: Rating | None, legend: Legend) -> str:
    if status is not None:
        return legend.look(status.key)
    if done:  # a milestone with a completed day and no status is complete: shown as the scale's done key
        return next((line.look for line in legend.lines if line.means == Meaning.DONE.value), UNRATED)
    return UNRATED


def _reasons(row: Row, as_of: date, legend: Legend) -> tuple[Reason, ...]:
    """Why the row needs the board's attention, in ``ExceptionKind`` order; empty when it does not."""
    item, judgement = row.item, row.judgement
    reasons: list[Reason] = []
    if item.means is Meaning.OFF_TRACK:
        reasons.append(Reason(ExceptionKind.RED, status=legend.look(row.status)))
    if judgement.overdue and judgement.overdue_since is not None:
        since, late = judgement.overdue_since, judgement.overdue_milestone
        reasons.append(
            Reason(ExceptionKind.OVERDUE, since, (as_of - since).days, late.title if late is not None else None)
        )
    if judgement.stale and judgement.last_update is not None:
        reasons.append(Reason(ExceptionKind.STALE, judgement.last_update, (as_of - judgement.last_update).days))
    if not item.complete and item.unowned:
        reasons.append(Reason(ExceptionKind.UNOWNED))
    return tuple(reasons)


@dataclass(frozen=True, slots=True)
class _RowMaker:
    """What turns a judged action into the report's ``ActionRow``: the people, the day, the ids, the plans' keys."""

    people: People
    as_of: date
    anchors: _Anchors
    legends: Mapping[int, Legend]
    """Each plan's legend, by ``id()`` of the plan."""
    known: dict[str, Lead] = field(default_factory=dict, repr=False, compare=False)
    """Each lead id's ``Lead``, worked out once: a few hundred people lead every action."""

    def row(self, row: Row) -> ActionRow:
        item, judgement = row.item, row.judgement
        people, as_of = self.people, self.as_of
        legend = self.legends[id(item.plan)]
        due = judgement.due
        milestones = tuple(
            MilestoneLine(
                title=m.title,
                due=m.due.end if m.due else None,
                written=m.due,
                due_note=m.due_note,
                status=_milestone_status(m.done, m.status, legend),
                done=m.done,
                overdue=not item.complete and not m.done and m.due is not None and m.due.end < as_of,
            )
            for m in item.milestones
        )
        return ActionRow(
            ref=item.ref,
            short_ref=item.ref.split("/", 1)[1],
            anchor=self.anchors("action", item.ref, item),
            plan_id=item.plan.id,
            id=item.id,
            group_ref=f"{item.plan.id}/{item.group.id}",
            is_finding=item.is_finding,
            title=item.title,
            leads=leads_of(people, item.leads, self.known),
            due=due,
            # A recurring action's next occurrence is a day, even when the first was written as a month.
            due_written=item.due if item.due is not None and due == item.due.end else None,
            due_note=item.due_note,
            recurs=str(item.recurs) if item.recurs else None,
            status=legend.look(row.status),
            key=row.status,
            means=row.means,
            source_ref=item.tracked.source_ref,
            outcome=item.tracked.outcome,
            accountable=leads_of(people, item.accountable, self.known),
            complete=item.complete,
            completed=item.completed,
            overdue=judgement.overdue,
            overdue_since=judgement.overdue_since,
            due_soon=judgement.due_soon,
            carried_forward=item.carried_forward,
            target=item.target,
            milestones=milestones,
            latest_update=_latest(item, people, legend),
            reasons=_reasons(row, as_of, legend),
        )

    def group(
        self, plan: Plan, group: Priority | Finding, kind: str, judged: tuple[Row, ...], legend: Legend
    ) -> GroupSection:
        """What a priority and a finding show alike: their own fields, their actions' counts and (made when read) rows."""
        people = self.people
        ref = f"{plan.id}/{group.id}"
        updates: tuple[LatestUpdate, ...] = ()
        if isinstance(group, Finding):
            latest = max(group.updates, key=lambda update: update.date) if group.updates else None
            # A finding with no actions is its own row, and that row shows the update already.
            updates = (_update(latest, people, True, legend),) if latest is not None and group.actions else ()
        counts = Counts.on(plan.scale.keys)
        for row in judged:
            counts.add(row)
        return GroupSection(
            kind=kind,
            id=group.id,
            ref=ref,
            anchor=self.anchors(kind, ref, group),
            title=group.title,
            finding_text=group.finding if isinstance(group, Finding) else None,
            source_ref=group.source_ref,
            outcome=group.outcome,
            accountable=leads_of(people, group.accountable, self.known),
            leads=leads_of(people, group.leads, self.known),
            due=group.due.end if group.due else None,
            due_written=group.due,
            due_note=group.due_note,
            updates=updates,
            counts=counts,
            judged=judged,
            maker=self,
        )


def _plan_section(
    summary: PlanSummary, judged: Mapping[int, Sequence[Row]], maker: _RowMaker, legend: Legend
) -> PlanSection:
    plan, counts, groups = summary.plan, summary.counts, summary.groups
    meta = plan.file.plan
    return PlanSection(
        id=plan.id,
        anchor=maker.anchors("plan", plan.id, plan),
        title=meta.title,
        organisation=meta.organisation,
        version=meta.version,
        source=", ".join(part for part in (meta.source.title, meta.source.body, meta.source.dates) if part)
        if meta.source
        else None,
        period_start=meta.period.start if meta.period else None,
        period_end=meta.period.end if meta.period else None,
        updated=str(meta.updated) if meta.updated else None,
        path=plan.path,
        warnings=tuple(summary.warnings),
        legend=legend,
        counts=counts,
        segments=segments(counts, legend),
        bars=tuple(ChartBar(g.id, g.title, g.counts, segments(g.counts, legend)) for g in groups),
        has_priorities=bool(plan.file.priorities),
        has_areas=bool(plan.file.findings),
        plan=plan,
        judged=judged,
        maker=maker,
    )


class ActionRows(Sequence[ActionRow]):
    """Judged actions read as the report's rows, each made when read: a sequence that holds no row."""

    __slots__ = ("_judged", "_maker")

    def __init__(self, judged: Sequence[Row], maker: _RowMaker) -> None:
        self._judged = judged
        self._maker = maker

    def __len__(self) -> int:
        return len(self._judged)

    @overload
    def __getitem__(self, index: int) -> ActionRow: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ActionRow]: ...
    def __getitem__(self, index: int | slice) -> ActionRow | Sequence[ActionRow]:
        if isinstance(index, slice):
            return ActionRows(self._judged[index], self._maker)
        return self._maker.row(self._judged[index])

    def __iter__(self) -> Iterator[ActionRow]:
        return map(self._maker.row, self._judged)


_RANK = {kind: index for index, kind in enumerate(EXCEPTION_KINDS)}


def _exceptions(rows: Sequence[Row], maker: _RowMaker) -> tuple[ActionRows, dict[ExceptionKind, int]]:
    """Rows that need the board's attention, worst first: RED, then overdue (longest first), stale, no lead;
    and how many have each reason."""
    flagged: list[tuple[tuple[int, int, int], Row]] = []
    counts = dict.fromkeys(EXCEPTION_KINDS, 0)
    for index, row in enumerate(rows):
        reasons = _reasons(row, maker.as_of, maker.legends[id(row.item.plan)])
        if not reasons:
            continue
        for reason in reasons:
            counts[reason.kind] += 1
        worst = min(_RANK[reason.kind] for reason in reasons)
        overdue_days = next((reason.days or 0 for reason in reasons if reason.kind is ExceptionKind.OVERDUE), 0)
        flagged.append(((worst, -overdue_days, index), row))
    flagged.sort(key=lambda entry: entry[0])
    return ActionRows([row for _, row in flagged], maker), counts
