"""The CI gate's rules: one small function each, its docstring its documentation.

A rule takes a ``Context`` (the loaded plans, the as-of date, the thresholds)
and yields problems. ``RULES`` lists them in the order docs/ci.md does, with the
default severity of each; ``plantool.toml`` can change a severity or turn a
rule off, and ``run_rules`` applies that. ``plantool check --list-rules``
prints this registry, so the documentation cannot drift from the code; it
must not pay for the plans' models, so those are imported where a rule runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from plantool.dates import describe_offset
from plantool.judgements import Thresholds
from plantool.problems import PlantoolError, Problem, RuleId, Severity

if TYPE_CHECKING:
    from plantool.queries import Row
    from plantool.scope import Scope
    from plantool.workspace import Workspace


@dataclass(frozen=True)
class Context:
    workspace: Workspace
    as_of: date
    thresholds: Thresholds = Thresholds()

    @cached_property
    def rows(self) -> list[Row]:
        from plantool.queries import judge_all

        return judge_all(self.workspace, self.as_of, self.thresholds)

    @property
    def open_rows(self) -> Iterator[Row]:
        return (row for row in self.rows if not row.item.complete)


def _at(row: Row, rule: RuleId, message: str, where: tuple[int, int] | None = None) -> Problem:
    """A problem with an action, at ``where`` (the field at fault) or else at the action itself."""
    line, col = where or (row.item.line, row.item.col)
    return Problem(row.item.path, line, col, message, rule=rule, ref=row.item.ref)


def _found_while_loading(rule: RuleId, context: Context) -> Iterable[Problem]:
    """The problems of ``rule`` that loading the workspace already found: the rule passes them through."""
    return (p for p in context.workspace.problems if p.rule is rule)


def invalid(context: Context) -> Iterable[Problem]:
    """A file does not load or validate: YAML syntax, an unknown key, a bad date, a file that cannot be read."""
    return _found_while_loading(RuleId.INVALID, context)


def overdue(context: Context) -> Iterable[Problem]:
    """An action is overdue: its due day (or an open milestone's) is before the as-of day and it is not BLUE."""
    for row in context.rows:
        since = row.judgement.overdue_since
        if not (row.judgement.overdue and since is not None):
            continue
        late = describe_offset(since, context.as_of)
        milestone = row.judgement.overdue_milestone
        if milestone is None:
            # At the action's own due date, when it has one: where an author fixes it.
            yield _at(row, RuleId.OVERDUE, f"{row.item.ref} is overdue: due {since.isoformat()} ({late})",
                      row.item.tracked.position_of("due") if row.item.tracked.due else None)  # fmt: skip
        else:
            message = f"{row.item.ref} is overdue: milestone {milestone.title!r} was due {since.isoformat()} ({late})"
            yield _at(row, RuleId.OVERDUE, message, (milestone.line, milestone.col))


def unowned(context: Context) -> Iterable[Problem]:
    """An open action has no effective lead (its own, its priority's or its finding's) and nobody accountable for it."""
    for row in context.open_rows:
        if row.item.unowned:
            yield _at(row, RuleId.UNOWNED, f"{row.item.ref} has no lead")


def unknown_lead(context: Context) -> Iterable[Problem]:
    """A lead (or an update's 'by') is not an id or alias in any people file."""
    return _found_while_loading(RuleId.UNKNOWN_LEAD, context)


def duplicate_id(context: Context) -> Iterable[Problem]:
    """Two plans, priorities, findings, actions in one scope, or people share an id."""
    return _found_while_loading(RuleId.DUPLICATE_ID, context)


def broken_link(context: Context) -> Iterable[Problem]:
    """A link names no plan, finding or action, or names more than one."""
    return _found_while_loading(RuleId.BROKEN_LINK, context)


def green_but_overdue(context: Context) -> Iterable[Problem]:
    """An action is GREEN, or any key that means on-track ("on target"), although it is overdue: the status and the dates disagree."""
    from plantool.models import Meaning

    for row in context.rows:
        if row.item.means is Meaning.ON_TRACK and row.judgement.overdue:
            said = _said(row)
            yield _at(row, RuleId.GREEN_BUT_OVERDUE, f"{row.item.ref} is {said} but overdue; {said} means on target",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def blue_without_date(context: Context) -> Iterable[Problem]:
    """An action is BLUE, or any key that means done (complete), but does not say when: add 'completed: YYYY-MM-DD'."""
    for row in context.rows:
        if row.item.complete and row.item.completed is None:
            yield _at(row, RuleId.BLUE_WITHOUT_DATE, f"{row.item.ref} is {_said(row)} with no completed date",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def _said(row: Row) -> str:
    """The status as the plan says it: GREEN, or a plan's own key with its label ("2 (On track)")."""
    from plantool.models import fold_key

    grade = row.item.plan.scale.grade(row.status)
    if grade is None or not row.item.plan.scale.custom or fold_key(grade.label) == fold_key(grade.key):
        return row.status
    return f"{grade.key} ({grade.label})"


def undated(context: Context) -> Iterable[Problem]:
    """An open action has no effective due date and no open milestone."""
    for row in context.open_rows:
        if row.judgement.next_date is None:
            yield _at(row, RuleId.UNDATED, f"{row.item.ref} has no due date")


def recurs_undated(context: Context) -> Iterable[Problem]:
    """An open action recurs but has no due date, so nobody can say when the next one falls."""
    for row in context.open_rows:
        if row.item.recurs is not None and row.item.due is None:
            yield _at(row, RuleId.RECURS_UNDATED, f"{row.item.ref} recurs {row.item.recurs} but has no due date to count from",
                      row.item.tracked.position_of("recurs") if row.item.tracked.recurs else None)  # fmt: skip


def unrated(context: Context) -> Iterable[Problem]:
    """An open action has no status, or one that means no-update (its lead has not reported)."""
    from plantool.models import Meaning

    for row in context.open_rows:
        if row.item.status is None:
            yield _at(row, RuleId.UNRATED, f"{row.item.ref} has no RAG status")
        elif row.item.means is Meaning.NO_UPDATE:
            yield _at(row, RuleId.UNRATED, f"{row.item.ref} is {_said(row)}: no update from its lead",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def stale(context: Context) -> Iterable[Problem]:
    """An open action's newest update is older than the stale threshold (90 days unless configured)."""
    for row in context.open_rows:
        last = row.judgement.last_update
        if row.judgement.stale and last is not None:
            age = (context.as_of - last).days
            newest = row.item.updates[-1]
            message = f"{row.item.ref}: newest update is {age} days old (stale after {context.thresholds.stale_days})"
            yield _at(row, RuleId.STALE, message, (newest.line, newest.col) if newest.line else None)


@dataclass(frozen=True)
class Rule:
    id: RuleId
    severity: Severity
    check: Callable[[Context], Iterable[Problem]]

    @property
    def doc(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


RULES: tuple[Rule, ...] = (
    Rule(RuleId.INVALID, Severity.ERROR, invalid),
    Rule(RuleId.OVERDUE, Severity.ERROR, overdue),
    Rule(RuleId.UNOWNED, Severity.ERROR, unowned),
    Rule(RuleId.UNKNOWN_LEAD, Severity.ERROR, unknown_lead),
    Rule(RuleId.DUPLICATE_ID, Severity.ERROR, duplicate_id),
    Rule(RuleId.BROKEN_LINK, Severity.ERROR, broken_link),
    Rule(RuleId.GREEN_BUT_OVERDUE, Severity.ERROR, green_but_overdue),
    Rule(RuleId.BLUE_WITHOUT_DATE, Severity.WARNING, blue_without_date),
    Rule(RuleId.UNDATED, Severity.WARNING, undated),
    Rule(RuleId.RECURS_UNDATED, Severity.WARNING, recurs_undated),
    Rule(RuleId.UNRATED, Severity.WARNING, unrated),
    Rule(RuleId.STALE, Severity.WARNING, stale),
)
RULE_IDS = frozenset(rule.id for rule in RULES)


def _selection(settings: Mapping[str, str] | None, only: Sequence[str]) -> list[tuple[Rule, Severity]]:
    """The rules a run uses, in registry order, each at its configured severity.

    Those named in ``only`` run even if configured off (asked for by name); otherwise every rule not turned off.
    """
    for name in only:
        if name not in RULE_IDS:
            raise PlantoolError(f"unknown rule {name!r}; the rules are: {', '.join(rule.id for rule in RULES)}")
    chosen: list[tuple[Rule, Severity]] = []
    for rule in RULES:
        setting = (settings or {}).get(rule.id, rule.severity.value)
        if only and rule.id not in only:
            continue
        if setting == "off":
            if not only:
                continue
            setting = rule.severity.value
        chosen.append((rule, Severity(setting)))
    return chosen


def run_rules(context: Context, settings: Mapping[str, str] | None = None, only: Sequence[str] = ()) -> list[Problem]:
    """Every problem the chosen rules find, with severities as configured, most severe first then by place.

    ``settings`` maps a rule id to "error", "warning" or "off"; ``only`` limits the run to those rule ids.
    """
    problems = [
        replace(problem, severity=severity)
        for rule, severity in _selection(settings, only)
        for problem in rule.check(context)
    ]
    problems.sort(key=lambda p: (p.severity is not Severity.ERROR, p.path, p.line, p.col, p.rule))
    return problems


def rules_to_run(settings: Mapping[str, str] | None = None, only: Sequence[str] = ()) -> list[RuleId]:
    """The rule ids a run will use: those named (even if configured off), else all not turned off."""
    return [rule.id for rule, _ in _selection(settings, only)]


@dataclass(frozen=True)
class CheckResult:
    """What ``plantool check`` found over everything it was asked to judge, and whether the gate fails."""

    problems: list[Problem]
    rules: list[RuleId]
    """The rule ids that ran, in registry order."""
    files: int
    """Plan and people files read."""
    unread: int
    """Files that did not load while the ``invalid`` rule was not run: their actions went unchecked."""
    fail_on: Severity = Severity.ERROR
    """The least severe problem that fails the gate (``--fail-on``)."""

    def fails(self, problem: Problem) -> bool:
        """Whether this one problem fails the gate: an error, or any problem when failing on warnings."""
        return problem.severity is Severity.ERROR or self.fail_on is Severity.WARNING

    @property
    def failed(self) -> bool:
        """Whether the gate fails: any problem that ``fails``."""
        return any(self.fails(problem) for problem in self.problems)


def check_scope(
    scope: Scope,
    as_of: date,
    thresholds: Thresholds = Thresholds(),
    settings: Mapping[str, str] | None = None,
    only: Sequence[str] = (),
    fail_on: Severity = Severity.ERROR,
) -> CheckResult:
    """Run the rules over every loaded context and keep the problems in the files asked about."""
    problems: list[Problem] = []
    for workspace in scope.workspaces:
        problems += scope.select(run_rules(Context(workspace, as_of, thresholds), settings, only))
    ran = rules_to_run(settings, only)
    unread = 0 if RuleId.INVALID in ran else len({p.path for p in scope.problems if p.rule is RuleId.INVALID})
    return CheckResult(problems, ran, len(scope.files), unread, fail_on)
