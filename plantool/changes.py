"""What changed in the plans between two loaded workspaces, and one action's story across commits.

Pure: workspaces and commit facts in, plain data out. Git is ``gitrev``'s
business; colours and formats are ``render.diff``'s.

Changes are keyed by item reference, so an action whose reference stays the
same is the same action wherever it sits: moving it to another priority
(``moved``) or its plan to another file is not a removal and an addition.
The decisions where the issue is silent:

- Values compared are the *effective* ones (a finding's leads, due, status
  and updates apply to its actions), because that is what ``list`` and the
  board report show.
- ``completed``: the status became BLUE. That is not also a ``status``
  change. BLUE to anything else is a ``status`` change, direction worse.
- ``status`` direction follows the RAG key, BLUE > GREEN > AMBER > RED.
  Between a rating and "not rated" there is no direction (``None``): a
  rating added or removed says nothing about delivery, and the reader is
  shown both sides.
- ``due``: compared by the last day each date covers, so ``2024-03`` and
  ``2024-03-31`` are the same promise and not a change. ``slip_days`` is
  positive when the date moved later; ``None`` when one side has no date.
  A later date on a ``carried_forward`` action is a *repeated slip*: it was
  already carried over from the previous plan. Only when it was carried
  forward on both sides: marking an action carried forward in the same
  change that moves its date is the carrying over, not a slip after it.
- ``leads``: compared as a set of people (aliases folded into the person),
  so reordering or writing an alias for an id is not a change.
- ``update``: one change per update that is new: its date and text were
  not among the updates before (a corrected text counts as new).
- A file whose reading found an error is not read, even when it gave a
  model: a duplicate key keeps the first value, so comparing that model
  could hide an edit or show one that is not there. Its items are left out
  on that side and their references are unsure: neither added, removed nor
  changed. The file's problems are reported for that side.
- A reference that names two items on one side (the same id twice, or two
  files with one plan id) cannot say which of them changed: it is left out
  too, with a problem that names both places.
- Items whose file was not read on the other side are neither added nor
  removed: the caller names them in ``unsure`` and they are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum

from plantool.models import Finding, Meaning, Priority, Rating, Update
from plantool.problems import Problem, Severity
from plantool.workspace import Item, People, Workspace, natural_key


class Kind(str, Enum):
    """Kinds of change, in the order a reader meets them for one action."""

    ADDED = "added"
    REMOVED = "removed"
    COMPLETED = "completed"
    STATUS = "status"
    DUE = "due"
    LEADS = "leads"
    MOVED = "moved"
    """Extra to CLI.md's fixed list: a priority action now under another priority.

    Text and Markdown list it with the others; JSON keeps it out of ``changes``
    (whose kinds CLI.md fixes) and lists it under ``moves``.
    """
    UPDATE = "update"

    def __str__(self) -> str:
        return self.value


class Direction(str, Enum):
    WORSE = "worse"
    BETTER = "better"

    def __str__(self) -> str:
        return self.value


RAG_RANK = {Meaning.OFF_TRACK: 0, Meaning.AT_RISK: 1, Meaning.ON_TRACK: 2, Meaning.DONE: 3}
"""Higher is better, by meaning: done (BLUE) > on-track (GREEN) > at-risk (AMBER) > off-track (RED)."""

Value = str | tuple[str, ...] | Mapping[str, "str | tuple[str, ...] | None"] | None
"""What ``before`` and ``after`` hold: plain, JSON-ready values (see ``Change``)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one item.

    ``before`` / ``after`` by kind: ``added`` / ``removed`` a summary mapping
    (title, status, due, leads) on the side where the item is; ``completed``
    and ``status`` the status word or ``None`` for not rated; ``due`` the date
    as written or ``None``; ``leads`` tuples of ids; ``moved`` the priority
    id; ``update`` ``None`` before and the new update (date, text, status,
    by) after.
    """

    ref: str
    kind: Kind
    before: Value
    after: Value
    title: str
    plan: str
    path: str
    """The file the item is in now (where it was, when removed)."""
    line: int
    slip_days: int | None = None
    direction: Direction | None = None
    carried_forward: bool = False
    repeated_slip: bool = False
    completed_on: str | None = None
    """``completed`` only: the item's ``completed`` day, when it gives one."""


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit as the reader needs it: who, when, why."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: datetime
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of a comparison: its name, its commit (``None`` for the working tree), what could not be read."""

    label: str
    commit: Commit | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Diff:
    """Everything ``plantool diff`` reports, and what ``report --since`` adds."""

    before: Revision
    after: Revision
    changes: list[Change]
    commits: list[Commit] = field(default_factory=list)
    """Commits that touched the plans between the two sides, newest first."""

    def count(self, kind: Kind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    @property
    def refs(self) -> list[str]:
        """The items with any change, once each, in order."""
        return list(dict.fromkeys(change.ref for change in self.changes))


# ---------------------------------------------------------------------------
# Comparing two workspaces


def diff_workspaces(before: Workspace, after: Workspace, *, unsure: Collection[str] = ()) -> list[Change]:
    """Every change from ``before`` to ``after``, by item reference, in natural reference order.

    Items that cannot be told on a side (``comparable``) are left out
    altogether. ``unsure``: references whose file was not read on the other
    side; they are not reported as added or removed.
    """
    old, new = comparable(before), comparable(after)
    unknown = old.unknown | new.unknown
    changes: list[Change] = []
    told: set[tuple[str, str, str]] = set()
    for ref in sorted(old.items.keys() | new.items.keys(), key=natural_key):
        was, now = old.items.get(ref), new.items.get(ref)
        if ref in unknown or ((was is None or now is None) and ref in unsure):
            continue
        item_changes = diff_items(ref, was, now, before.people, after.people)
        changes += _shared_updates_once(item_changes, was, now, told) if was and now else item_changes
    changes.sort(key=lambda change: natural_key(change.ref))  # stable: a finding's updates come before its actions
    return changes


def _shared_updates_once(
    changes: list[Change], before: Item, after: Item, told: set[tuple[str, str, str]]
) -> list[Change]:
    """A new update of a finding or priority, told once at it rather than once for each of its actions.

    Every action takes its group's updates as its own (docs/format.md), so without this one
    update written at a finding would be listed as many times as the finding has actions.
    ``told`` holds the ``(group ref, date, text)`` already listed.
    """
    group, was = _group(after), _group(before)
    if group is None or was is None or group[0] != was[0]:
        return changes  # an action that moved to another priority takes its new one's updates as new to it
    group_ref, owner = group
    fresh = {(str(u.date), u.text) for u in owner.updates} - {(str(u.date), u.text) for u in was[1].updates}
    kept = []
    for change in changes:
        key = (str(change.after["date"]), str(change.after["text"])) if isinstance(change.after, Mapping) else None
        if change.kind is not Kind.UPDATE or key not in fresh:
            kept.append(change)
        elif (group_ref, *key) not in told:
            told.add((group_ref, *key))
            kept.append(replace(change, ref=group_ref, title=owner.title, line=owner.line, carried_forward=False))
    return kept


def _group(item: Item) -> tuple[str, Finding | Priority] | None:
    """The finding or priority whose updates an action shares, with its reference."""
    if item.finding is not None and item.tracked is not item.finding:
        return f"{item.plan.id}/{item.finding.id}", item.finding
    if item.priority is not None:
        return f"{item.plan.id}/{item.priority.id}", item.priority
    return None


def diff_items(
    ref: str, before: Item | None, after: Item | None, people_before: People, people_after: People
) -> list[Change]:
    """The changes to one item; ``None`` on a side means the item is not there."""
    if before is None and after is None:
        return []
    if before is None:
        assert after is not None
        return [_change(ref, Kind.ADDED, after, None, summary(after))]
    if after is None:
        return [_change(ref, Kind.REMOVED, before, summary(before), None)]
    changes: list[Change] = []
    if before.status != after.status:
        changes.append(_status_change(ref, before, after))
    if _due_end(before) != _due_end(after):
        changes.append(_due_change(ref, before, after))
    if before.leads != after.leads and _people(before.leads, people_before) != _people(after.leads, people_after):
        changes.append(_change(ref, Kind.LEADS, after, before.leads, after.leads))
    was, now = _priority(before), _priority(after)
    if was != now and was is not None and now is not None:
        changes.append(_change(ref, Kind.MOVED, after, was, now))
    changes += [_change(ref, Kind.UPDATE, after, None, update_value(u)) for u in new_updates(before, after)]
    return changes


def summary(item: Item) -> Mapping[str, str | tuple[str, ...] | None]:
    """What ``added`` and ``removed`` show of an item."""
    return {
        "title": item.title,
        "status": _word(item.status),
        "due": str(item.due) if item.due is not None else None,
        "leads": item.leads,
    }


def update_value(update: Update) -> Mapping[str, str | None]:
    return {
        "date": str(update.date),
        "text": update.text,
        "status": _word(update.status),
        "by": update.by,
    }


def new_updates(before: Item, after: Item) -> list[Update]:
    """Updates of ``after`` whose date and text were not among ``before``'s, in order."""
    old = [(u.date, u.text) for u in before.updates]
    new = [(u.date, u.text) for u in after.updates]
    if old == new:  # the usual case, and the cheap one
        return []
    remaining = Counter(old)
    fresh = []
    for key, update in zip(new, after.updates, strict=True):
        if remaining[key]:
            remaining[key] -= 1
        else:
            fresh.append(update)
    return fresh


def direction(before: Rating | None, after: Rating | None) -> Direction | None:
    """Worse or better by what the statuses mean; ``None`` when there is no order between them.

    A rating added is no direction, unless it is off-track: an item that turns RED
    from not rated has got worse, whatever it was before. Not-started and no-update
    have no place on the ladder and count as not rated.
    """
    was = RAG_RANK.get(before.means) if before is not None else None
    now = RAG_RANK.get(after.means) if after is not None else None
    if now is None or was == now:
        return None
    if was is None:
        return Direction.WORSE if after is not None and after.means is Meaning.OFF_TRACK else None
    return Direction.BETTER if now > was else Direction.WORSE


def _status_change(ref: str, before: Item, after: Item) -> Change:
    if after.status is not None and after.status.done:
        completed = after.tracked.completed or (after.finding.completed if after.finding is not None else None)
        return _change(
            ref,
            Kind.COMPLETED,
            after,
            _word(before.status),
            _word(after.status),
            completed_on=str(completed) if completed is not None else None,
        )
    return _change(
        ref,
        Kind.STATUS,
        after,
        _word(before.status),
        _word(after.status),
        direction=direction(before.status, after.status),
    )


def _due_change(ref: str, before: Item, after: Item) -> Change:
    was, now = _due_end(before), _due_end(after)
    slip = (now - was).days if was is not None and now is not None else None
    return _change(
        ref,
        Kind.DUE,
        after,
        str(before.due) if before.due is not None else None,
        str(after.due) if after.due is not None else None,
        slip_days=slip,
        repeated_slip=before.carried_forward and after.carried_forward and slip is not None and slip > 0,
    )


def _due_end(item: Item) -> date | None:
    return item.due.end if item.due is not None else None


def _priority(item: Item) -> str | None:
    return str(item.priority.id) if item.priority is not None else None


def _people(leads: tuple[str, ...], people: People) -> frozenset[str]:
    return frozenset(people.canonical(lead) for lead in leads)


def _word(status: Rating | None) -> str | None:
    return status.key if status is not None else None


def _change(
    ref: str,
    kind: Kind,
    item: Item,
    before: Value,
    after: Value,
    *,
    slip_days: int | None = None,
    direction: Direction | None = None,
    repeated_slip: bool = False,
    completed_on: str | None = None,
) -> Change:
    return Change(
        ref=ref,
        kind=kind,
        before=before,
        after=after,
        title=item.title,
        plan=item.plan.id,
        path=item.path,
        line=item.line,
        slip_days=slip_days,
        direction=direction,
        carried_forward=item.carried_forward,
        repeated_slip=repeated_slip,
        completed_on=completed_on,
    )


# ---------------------------------------------------------------------------
# What cannot be compared

READING_RULE = "invalid"
"""The rule of problems found while reading one file (``validate``'s); checks across files have their own."""


def unread_files(workspace: Workspace) -> set[str]:
    """Paths of files whose reading found an error: whatever they gave is not what they say.

    A file stopped by an error gave nothing; one with a duplicate key gave a
    model with the first value kept. Either way its items are unknown. Checks
    across files (an unknown lead, a broken link) leave what a file says
    intact, so they do not count.
    """
    return {p.path for p in workspace.problems if p.severity is Severity.ERROR and p.rule == READING_RULE}


@dataclass(frozen=True, slots=True)
class Comparable:
    """One side of a comparison: the items that can be compared, the references that cannot, and why."""

    items: dict[str, Item]
    unknown: frozenset[str]
    """References whose item is in a file that was not read, or that two items share."""
    problems: tuple[Problem, ...]


def comparable(workspace: Workspace) -> Comparable:
    """What of ``workspace`` a comparison can use; see the module's notes on unread files and shared references."""
    unread = unread_files(workspace)
    items: dict[str, Item] = {}
    unknown: set[str] = set()
    clashes: list[Problem] = []
    for item in workspace.items:
        if item.path in unread:
            unknown.add(item.ref)
            continue
        first = items.setdefault(item.ref, item)
        if first is not item:
            unknown.add(item.ref)
            clashes.append(clash(first, item))
    for ref in unknown:
        items.pop(ref, None)
    problems = [p for p in workspace.problems if p.path in unread and p.rule == READING_RULE] + clashes
    return Comparable(items, frozenset(unknown), tuple(sorted(problems, key=lambda p: p.sort_key)))


def clash(first: Item, other: Item) -> Problem:
    """The problem for ``other``, a second item with ``first``'s reference."""
    return Problem(
        other.path,
        other.line,
        other.col,
        f"{other.ref} is also at {first.path}:{first.line}; which of the two changed cannot be told,"
        " so it is left out of the comparison",
        rule="duplicate-id",
        ref=other.ref,
    )


def load_problems(workspace: Workspace) -> tuple[Problem, ...]:
    """The problems that kept files (or actions) out of a comparison, not the checks on what was compared."""
    return comparable(workspace).problems


# ---------------------------------------------------------------------------
# One item's story


@dataclass(frozen=True, slots=True)
class State:
    """An item at one revision: there (``item``), not there, or unknown because plans did not load."""

    item: Item | None
    people: People
    readable: bool = True
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """A commit (``None``: uncommitted changes in the working tree) that changed the item, and how."""

    commit: Commit | None
    state: State
    changes: tuple[Change, ...]
    edited: tuple[str, ...]
    """Other fields that changed (title, milestones, target, ...), by name."""


@dataclass(frozen=True, slots=True)
class History:
    ref: str
    title: str
    steps: list[Step]
    """Oldest first."""

    @property
    def slips(self) -> list[Change]:
        """Every time the due date moved later, oldest first."""
        return [c for step in self.steps for c in step.changes if c.kind is Kind.DUE and (c.slip_days or 0) > 0]


def state_in(workspace: Workspace, ref: str) -> State:
    """Item ``ref`` in ``workspace``: there, not there, or unknown (with the problems that make it so).

    Unknown when a file it is in was not read, when two items share the
    reference, or when it is not among what was read and a file that may
    hold it was not read: one of its plan's, or one that gave nothing at all
    (while its plan was not read elsewhere).
    """
    people = workspace.people
    unread = unread_files(workspace)
    found = [item for item in workspace.items if item.ref == ref]
    doubtful = {item.path for item in found if item.path in unread}
    read = [item for item in found if item.path not in unread]
    if not read and not doubtful:
        plan_id = ref.split("/", 1)[0]
        plans = [plan for plan in workspace.plans if plan.id == plan_id]
        doubtful = {plan.path for plan in plans if plan.path in unread}
        if not plans:
            modelled = {plan.path for plan in workspace.plans} | {path for path, _ in people.persons}
            doubtful = unread - modelled
    if doubtful:
        problems = (p for p in workspace.problems if p.path in doubtful and p.rule == READING_RULE)
        return State(None, people, readable=False, problems=tuple(problems))
    if len(read) > 1:
        return State(None, people, readable=False, problems=tuple(clash(read[0], other) for other in read[1:]))
    return State(read[0] if read else None, people)


# Fields already reported as changes of their own kind, or not the item's own.
_REPORTED = frozenset({"id", "status", "due", "leads", "updates", "actions"})


def step(
    commit: Commit | None, ref: str, state: State, parents: Sequence[State], last_read: State | None = None
) -> Step | None:
    """How ``commit`` changed the item, against its first parent; ``None`` when it did not.

    A commit changed the item when its state differs from every parent's
    (a merge that took one side's version changed nothing itself), as git
    decides which commits touched a path. When the first parent's plans did
    not load, the changes are counted from ``last_read``, the state last seen.
    """
    if parents and any(_same(ref, parent, state) for parent in parents):
        return None
    if not parents and state.readable and state.item is None:
        return None
    first = parents[0] if parents else State(None, People())
    if not first.readable and last_read is not None:
        first = last_read
    if not (first.readable and state.readable):
        return Step(commit, state, (), ())
    changes = tuple(diff_items(ref, first.item, state.item, first.people, state.people))
    return Step(commit, state, changes, _edited(first.item, state.item))


def _same(ref: str, a: State, b: State) -> bool:
    if not (a.readable and b.readable):
        return a.readable == b.readable
    if a.item is None or b.item is None:
        return a.item is b.item
    return not diff_items(ref, a.item, b.item, a.people, b.people) and not _edited(a.item, b.item)


def _edited(before: Item | None, after: Item | None) -> tuple[str, ...]:
    if before is None or after is None:
        return ()
    old, new = before.tracked.model_dump(), after.tracked.model_dump()
    return tuple(name for name in new if name not in _REPORTED and old.get(name) != new.get(name))
