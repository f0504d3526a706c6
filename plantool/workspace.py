"""A loaded plans folder: its plans, its people, every tracked item, and reference lookup.

An *item* is what people track and what ``list`` shows one row of: a
priority's action, a finding's action, or a finding that has no actions (docs/format.md:
"a finding with no actions is itself tracked as one item"). An item carries its
*effective* values: a finding's leads, due and status are its actions'
defaults, and a finding's updates belong to all of its actions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START, PlanDate
from plantool.loader import FileCache, LoadedFile, gc_paused, load_source
from plantool.models import (
    Action,
    Finding,
    Meaning,
    Milestone,
    PeopleFile,
    Person,
    PlanFile,
    Priority,
    Rating,
    Recurrence,
    Target,
    Update,
)
from plantool.nfc import nfc
from plantool.problems import Problem, UnknownReference
from plantool.scales import Scale, scale_of
from plantool.sources import discover
from plantool.validation import validate_workspace


@dataclass(frozen=True, slots=True, eq=False)
class Item:
    """One tracked action (or finding with no actions), with the values that apply to it."""

    ref: str
    plan: Plan
    tracked: Action | Finding
    priority: Priority | None
    finding: Finding | None
    leads: tuple[str, ...]
    due: PlanDate | None
    recurs: Recurrence | None
    status: Rating | None
    """The plan's own key and what it means; None when not rated."""
    completed: PlanDate | None
    updates: tuple[Update, ...]
    due_note: str | None = None
    """What the plan says about the due date beyond a date ("To be confirmed"); shown where the due would be."""
    accountable: tuple[str, ...] = ()
    """Who answers for the item: its own ``accountable``, else its priority's or finding's, else the plan's."""

    @property
    def unowned(self) -> bool:
        """Nobody leads it and nobody answers for it."""
        return not self.leads and not self.accountable

    def __repr__(self) -> str:
        return f"Item({self.ref!r})"

    @property
    def id(self) -> str:
        return self.tracked.id

    @property
    def title(self) -> str:
        return self.tracked.title

    @property
    def path(self) -> str:
        return self.plan.path

    @property
    def line(self) -> int:
        return self.tracked.line

    @property
    def col(self) -> int:
        return self.tracked.col

    @property
    def group(self) -> Priority | Finding:
        """The priority or finding the item sits under (a finding with no actions is its own group)."""
        group = self.priority or self.finding
        assert group is not None
        return group

    @property
    def milestones(self) -> list[Milestone]:
        return self.tracked.milestones

    @property
    def target(self) -> Target | None:
        return self.tracked.target

    @property
    def carried_forward(self) -> bool:
        return self.tracked.carried_forward

    @property
    def means(self) -> Meaning | None:
        return self.status.means if self.status is not None else None

    @property
    def complete(self) -> bool:
        """Done: its status means done (BLUE on the default scale)."""
        return self.status is not None and self.status.means is Meaning.DONE

    @property
    def latest_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    @property
    def is_finding(self) -> bool:
        return isinstance(self.tracked, Finding)


@dataclass(slots=True, eq=False)
class Plan:
    path: str
    file: PlanFile
    items: list[Item] = field(default_factory=list)
    scale: Scale = field(init=False)

    def __post_init__(self) -> None:
        self.scale = scale_of(self.file.plan)

    def __repr__(self) -> str:
        return f"Plan({self.id!r}, {self.path!r})"

    @property
    def id(self) -> str:
        return self.file.plan.id

    @property
    def title(self) -> str:
        return self.file.plan.title


def _build_items(plan: Plan) -> None:
    plan_id = plan.id
    for priority in plan.file.priorities:
        for action in priority.actions:
            plan.items.append(_item(plan, f"{plan_id}/{action.id}", action, priority=priority, inherit=priority))
    for finding in plan.file.findings:
        if not finding.actions:
            plan.items.append(_item(plan, f"{plan_id}/{finding.id}", finding, finding=finding))
        for action in finding.actions:
            plan.items.append(
                _item(plan, f"{plan_id}/{finding.id}.{action.id}", action, finding=finding, inherit=finding)
            )


def _item(
    plan: Plan,
    ref: str,
    tracked: Action | Finding,
    *,
    priority: Priority | None = None,
    finding: Finding | None = None,
    inherit: Finding | Priority | None = None,
) -> Item:
    """An item with its effective values: its own, else those of the finding or priority it inherits from."""
    own_due = tracked.due is not None or inherit is None
    # Sorted, stably: a finding's update comes before an action's of the same date, and a
    # file that lists updates out of order still has its newest update last.
    updates = sorted([*(inherit.updates if inherit else ()), *tracked.updates], key=lambda update: update.date)
    return Item(
        ref=ref,
        plan=plan,
        tracked=tracked,
        priority=priority,
        finding=finding,
        leads=tuple(tracked.leads or (inherit.leads if inherit else ())),
        due=tracked.due if own_due else inherit.due if inherit else None,
        # A recurrence belongs to the due date it repeats.
        recurs=tracked.recurs if own_due else (tracked.recurs or (inherit.recurs if inherit else None)),
        status=tracked.status or (inherit.status if inherit else None),
        # A completion day travels with the status it completes.
        completed=tracked.completed or (inherit.completed if inherit and tracked.status is None else None),
        updates=tuple(updates),
        # The note belongs to the due date it qualifies: an action's own note, else the one of the due it inherits.
        due_note=tracked.due_note if tracked.due_note or own_due else inherit.due_note if inherit else None,
        accountable=tuple(
            tracked.accountable or (inherit.accountable if inherit else ()) or plan.file.plan.accountable
        ),
    )


class People:
    """Everyone in the people files, found by id or alias."""

    def __init__(self, files: Iterable[tuple[str, PeopleFile]] = ()) -> None:
        self.persons: list[tuple[str, Person]] = []
        self._by_key: dict[str, Person] = {}
        for path, people_file in files:
            for person in people_file.people:
                self.persons.append((path, person))
                for key in (person.id, *person.aliases):
                    self._by_key.setdefault(nfc(key), person)

    def __contains__(self, key: str) -> bool:
        return nfc(key) in self._by_key

    @property
    def keys(self) -> list[str]:
        """Every id and alias anyone is known by."""
        return list(self._by_key)

    def get(self, key: str) -> Person | None:
        return self._by_key.get(nfc(key))

    def canonical(self, key: str) -> str:
        """The person's id for an id or alias; a key nobody is known by stays as it is."""
        person = self._by_key.get(nfc(key))
        return person.id if person is not None else key

    def label(self, key: str) -> str:
        """A person's name (or role) for readers; the id itself when nobody is known by it."""
        person = self._by_key.get(nfc(key))
        return person.label if person is not None else key

    def name_or_role(self, key: str) -> str:
        """The name, else the role, else the key: where the id is shown beside it anyway."""
        person = self._by_key.get(key)
        return person.name_or_role if person is not None else key


Named = Plan | Priority | Finding | Item
"""What a reference can name."""


@dataclass(slots=True)
class Workspace:
    """Everything loaded from a plans folder, and every problem found while loading it."""

    plans: list[Plan]
    people: People
    problems: list[Problem]
    files: list[str]
    _built: dict[str, list[tuple[str, Named]]] | None = field(default=None, repr=False)
    """Everything named, by each form of its reference; built on the first lookup (``_index``)."""
    _folded: dict[str, list[tuple[str, Named]]] | None = field(default=None, repr=False)
    """The index by lower-cased key, built on the first lookup that needs it."""

    @property
    def _index(self) -> dict[str, list[tuple[str, Named]]]:
        # Built when first asked for: most commands (validate, status, JSON lists) never
        # look a reference up, and at 10,000 actions the index is 4 MB.
        index = self._built
        if index is None:
            index = self._built = {}
            # named() gives each target once and its tails are distinct, so no target is listed twice
            # under one key (checking for that was quadratic in the number of actions sharing an id).
            for full, target in self.named():
                entry = (full, target)
                for tail in dict.fromkeys(_tails(full, target)):
                    index.setdefault(nfc(tail), []).append(entry)
        return index

    @property
    def items(self) -> Iterator[Item]:
        for plan in self.plans:
            yield from plan.items

    def named(self) -> Iterator[tuple[str, Named]]:
        """Every plan, priority, finding and item with its full reference."""
        for plan in self.plans:
            yield plan.id, plan
            for priority in plan.file.priorities:
                yield f"{plan.id}/{priority.id}", priority
            for finding in plan.file.findings:
                if finding.actions:
                    yield f"{plan.id}/{finding.id}", finding
            for item in plan.items:
                yield item.ref, item

    def lookup(self, text: str) -> list[tuple[str, Named]]:
        """Everything ``text`` could mean: a full reference or any tail of one; exact case first."""
        text = nfc(text.strip())
        found = self._index.get(text)
        if found is None:
            if self._folded is None:
                self._folded = {}
                for key, entries in self._index.items():
                    self._folded.setdefault(key.lower(), []).extend(entries)
            found = self._folded.get(text.lower(), [])
        unique: dict[int, tuple[str, Named]] = {id(target): (full, target) for full, target in found}
        return sorted(unique.values(), key=lambda entry: entry[0])

    def resolve(self, text: str) -> tuple[str, Named]:
        """The one thing ``text`` names; ``UnknownReference`` lists the candidates otherwise."""
        found = self.lookup(text)
        if len(found) != 1:
            raise UnknownReference(text, [full for full, _ in found])
        return found[0]

    def short_ref(self, target: Named, full: str) -> str:
        """The shortest form of ``full`` that still names ``target`` alone: what a person would type."""
        for tail in reversed(_tails(full, target)):
            found = self._index.get(tail, [])
            if len(found) == 1 and found[0][1] is target:
                return tail
        return full

    def plan(self, plan_id: str) -> Plan | None:
        return next((plan for plan in self.plans if plan.id == plan_id), None)


def natural_key(ref: str) -> tuple[tuple[int, str], ...]:
    """Sort key for references that puts 1.9 before 1.10."""
    return tuple((int(part), "") if part.isdigit() else (0, part) for part in re.split(r"(\d+)", ref) if part)


def _tails(full: str, target: Named) -> list[str]:
    """The shorter forms a user may type: without the plan, and an action's own id inside a finding."""
    tails = [full]
    if "/" in full:
        rest = full.split("/", 1)[1]
        tails.append(rest)
        if isinstance(target, Item) and target.finding is not None and not target.is_finding:
            tails.append(target.id)
    return tails


# ---------------------------------------------------------------------------
# Loading


def load_folder(
    folder: Path | str,
    *,
    recursive: bool = True,
    extra: Iterable[Path] = (),
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
    cache: FileCache | None = None,
) -> Workspace:
    """Load every plan and people file under ``folder``; problems come back in the workspace, never raised.

    ``financial_year_start``: the month financial years (``2012/13``) start in, from ``plantool.toml``.
    With a ``cache`` (``plantool.cache``), a file whose bytes were loaded before is not parsed again.
    """
    folder = Path(folder)
    # ``extra``: files named on the command line, read whatever their suffix, under the same rules.
    sources, problems = discover(folder, recursive=recursive, named=extra)
    with gc_paused():  # building the workspace allocates as much as loading, and frees as little
        loaded = [load_source(source, financial_year_start=financial_year_start, cache=cache) for source in sources]
        workspace = build_workspace(loaded, problems)
    if cache is not None:
        cache.tidy()
    return workspace


def build_workspace(loaded: list[LoadedFile], problems: Iterable[Problem] = ()) -> Workspace:
    """Assemble loaded files into a workspace and run the checks that span files (``validation``)."""
    all_problems = list(problems)
    plans: list[Plan] = []
    people_files: list[tuple[str, PeopleFile]] = []
    # With the sound part of each file that has problems in its fields, in file order
    # (the first of two duplicates is the one named first), for the checks across files.
    judged_plans: list[Plan] = []
    judged_people: list[tuple[str, PeopleFile]] = []
    for file in loaded:
        all_problems.extend(file.problems)
        if file.plan is not None:
            plan = Plan(file.path, file.plan)
            _build_items(plan)
            plans.append(plan)
            judged_plans.append(plan)
        if file.people is not None:
            people_files.append((file.path, file.people))
            judged_people.append((file.path, file.people))
        if isinstance(file.salvaged, PlanFile):
            partial = Plan(file.path, file.salvaged)
            _build_items(partial)
            judged_plans.append(partial)
        elif isinstance(file.salvaged, PeopleFile):
            judged_people.append((file.path, file.salvaged))
    workspace = Workspace(plans, People(people_files), all_problems, [file.path for file in loaded])
    judged = workspace
    if len(judged_plans) > len(plans) or len(judged_people) > len(people_files):
        # Every problem in one run (docs/decisions.md): a bad date in one action does not
        # hide an unknown lead in it, a duplicate id beside it, or a link to it from another file.
        judged = Workspace(judged_plans, People(judged_people), [], workspace.files)
    workspace.problems.extend(validate_workspace(judged))
    workspace.problems.sort(key=lambda problem: problem.sort_key)
    return workspace
