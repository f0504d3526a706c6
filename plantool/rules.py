"""The CI gate's rules: one small function each, its docstring its documentation.

A rule takes a ``Context`` (the loaded plans, the as-of date, the thresholds)
and yields problems. ``RULES`` lists them in the order CLI.md does, with the
default severity of each; ``plantool.toml`` can change a severity or turn a
rule off, and ``run_rules`` applies that. ``plantool check --list-rules``
prints this registry, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from plantool.dates import describe_offset
from plantool.judgements import Thresholds
from plantool.models import Meaning, fold_key
from plantool.problems import PlantoolError, Problem, Severity
from plantool.queries import Row, judge_all
from plantool.scope import Scope
from plantool.workspace import Workspace


@dataclass(frozen=True)
class Context:
    workspace: Workspace
    as_of: date
    thresholds: Thresholds = Thresholds()

    @cached_property
    def rows(self) -> list[Row]:
        return judge_all(self.workspace, self.as_of, self.thresholds)

    @property
    def open_rows(self) -> Iterator[Row]:
        return (row for row in self.rows if not row.item.complete)


def _at(row: Row, rule: str, message: str, where: tuple[int, int] | None = None) -> Problem:
    """A problem with an action, at ``where`` (the field at fault) or else at the action itself."""
    line, col = where or (row.item.line, row.item.col)
    return Problem(row.item.path, line, col, message, rule=rule, ref=row.item.ref)


def invalid(context: Context) -> Iterable[Problem]:
    """A file does not load or validate: YAML syntax, an unknown key, a bad date, a file that cannot be read."""
    return (p for p in context.workspace.problems if p.rule == "invalid")


def overdue(context: Context) -> Iterable[Problem]:
    """An action is overdue: its due day (or an open milestone's) is before the as-of day and it is not BLUE."""
    for row in context.rows:
        since = row.judgement.overdue_since
        if not (row.judgement.overdue and since is not None):
            continue
        late = describe_offset(since, context.as_of)
        milestone = next(
            (m for m in row.item.milestones if m.due is not None and not m.done and m.due.end == since), None
        )
        if row.judgement.due == since or milestone is None:
            # At the action's own due date, when it has one: where an author fixes it.
            yield _at(row, "overdue", f"{row.item.ref} is overdue: due {since.isoformat()} ({late})",
                      row.item.tracked.position_of("due") if row.item.tracked.due else None)  # fmt: skip
        else:
            message = f"{row.item.ref} is overdue: milestone {milestone.title!r} was due {since.isoformat()} ({late})"
            yield _at(row, "overdue", message, (milestone.line, milestone.col))


def unowned(context: Context) -> Iterable[Problem]:
    """An open action has no effective lead (its own, its priority's or its finding's) and nobody accountable for it."""
    for row in context.open_rows:
        if row.item.unowned:
            yield _at(row, "unowned", f"{row.item.ref} has no lead")


def unknown_lead(context: Context) -> Iterable[Problem]:
    """A lead (or an update's 'by') is not an id or alias in any people file."""
    return (p for p in context.workspace.problems if p.rule == "unknown-lead")


def duplicate_id(context: Context) -> Iterable[Problem]:
    """Two plans, priorities, findings, actions in one scope, or people share an id."""
    return (p for p in context.workspace.problems if p.rule == "duplicate-id")


def broken_link(context: Context) -> Iterable[Problem]:
    """A link names no plan, finding or action, or names more than one."""
    return (p for p in context.workspace.problems if p.rule == "broken-link")


def green_but_overdue(context: Context) -> Iterable[Problem]:
    """An action is GREEN, or any key that means on-track ("on target"), although it is overdue: the status and the dates disagree."""
    for row in context.rows:
        if row.item.means is Meaning.ON_TRACK and row.judgement.overdue:
            said = _said(row)
            yield _at(row, "green-but-overdue", f"{row.item.ref} is {said} but overdue; {said} means on target",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def blue_without_date(context: Context) -> Iterable[Problem]:
    """An action is BLUE, or any key that means done (complete), but does not say when: add 'completed: YYYY-MM-DD'."""
    for row in context.rows:
        if row.item.complete and row.item.completed is None:
            yield _at(row, "blue-without-date", f"{row.item.ref} is {_said(row)} with no completed date",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def _said(row: Row) -> str:
    """The status as the plan says it: GREEN, or a plan's own key with its label ("2 (On track)")."""
    grade = row.item.plan.scale.grade(row.status)
    if grade is None or not row.item.plan.scale.custom or fold_key(grade.label) == fold_key(grade.key):
        return row.status
    return f"{grade.key} ({grade.label})"


def undated(context: Context) -> Iterable[Problem]:
    """An open action has no effective due date and no open milestone."""
    for row in context.open_rows:
        if row.judgement.next_date is None:
            yield _at(row, "undated", f"{row.item.ref} has no due date")


def recurs_undated(context: Context) -> Iterable[Problem]:
    """An open action recurs but has no due date, so nobody can say when the next one falls."""
    for row in context.open_rows:
        if row.item.recurs is not None and row.item.due is None:
            yield _at(row, "recurs-undated", f"{row.item.ref} recurs {row.item.recurs} but has no due date to count from",
                      row.item.tracked.position_of("recurs") if row.item.tracked.recurs else None)  # fmt: skip


def unrated(context: Context) -> Iterable[Problem]:
    """An open action has no status, or one that means no-update (its lead has not reported)."""
    for row in context.open_rows:
        if row.item.status is None:
            yield _at(row, "unrated", f"{row.item.ref} has no RAG status")
        elif row.item.means is Meaning.NO_UPDATE:
            yield _at(row, "unrated", f"{row.item.ref} is {_said(row)}: no update from its lead",
                      row.item.tracked.position_of("status") if row.item.tracked.status else None)  # fmt: skip


def stale(context: Context) -> Iterable[Problem]:
    """An open action's newest update is older than the stale threshold (90 days unless configured)."""
    for row in context.open_rows:
        last = row.judgement.last_update
        if row.judgement.stale and last is not None:
            age = (context.as_of - last).days
            newest = row.item.updates[-1]
            message = f"{row.item.ref}: newest update is {age} days old (stale after {context.thresholds.stale_days})"
            yield _at(row, "stale", message, (newest.line, newest.col) if newest.line else None)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    check: Callable[[Context], Iterable[Problem]]

    @property
    def doc(self) -> str:
        return " ".join((self.check.__doc__ or "").split())


RULES: tuple[Rule, ...] = (
    Rule("invalid", Severity.ERROR, invalid),
    Rule("overdue", Severity.ERROR, overdue),
    Rule("unowned", Severity.ERROR, unowned),
    Rule("unknown-lead", Severity.ERROR, unknown_lead),
    Rule("duplicate-id", Severity.ERROR, duplicate_id),
    Rule("broken-link", Severity.ERROR, broken_link),
    Rule("green-but-overdue", Severity.ERROR, green_but_overdue),
    Rule("blue-without-date", Severity.WARNING, blue_without_date),
    Rule("undated", Severity.WARNING, undated),
    Rule("recurs-undated", Severity.WARNING, recurs_undated),
    Rule("unrated", Severity.WARNING, unrated),
    Rule("stale", Severity.WARNING, stale),
)
RULE_IDS = frozenset(rule.id for rule in RULES)


def run_rules(context: Context, settings: Mapping[str, str] | None = None, only: Sequence[str] = ()) -> list[Problem]:
    """Every problem the chosen rules find, with severities as configured, most severe first then by place.

    ``settings`` maps a rule id to "error", "warning" or "off"; ``only`` limits the run to those rule ids.
    """
    for name in only:
        if name not in RULE_IDS:
            raise PlantoolError(f"unknown rule {name!r}; the rules are: {', '.join(rule.id for rule in RULES)}")
    problems: list[Problem] = []
    for rule in RULES:
        setting = (settings or {}).get(rule.id, rule.severity.value)
        if only and rule.id not in only:
            continue
        if setting == "off":
            if not only:
                continue
            setting = rule.severity.value  # asked for by name: run it even though the config turns it off

        severity = Severity(setting)
        problems.extend(replace(problem, severity=severity) for problem in rule.check(context))
    problems.sort(key=lambda p: (p.severity is not Severity.ERROR, p.path, p.line, p.col, p.rule))
    return problems


@dataclass(frozen=True)
class CheckResult:
    """What ``plantool check`` found over everything it was asked to judge."""

    problems: list[Problem]
    rules: list[str]
    """The rule ids that ran, in registry order."""
    files: int
    """Plan and people files read."""
    unread: int
    """Files that did not load while the ``invalid`` rule was not run: their actions went unchecked."""

    def failed(self, fail_on: Severity) -> bool:
        """Whether the gate fails: any error, or with ``fail_on`` warning any problem at all."""
        return any(p.severity is Severity.ERROR or fail_on is Severity.WARNING for p in self.problems)


def rules_to_run(settings: Mapping[str, str] | None = None, only: Sequence[str] = ()) -> list[str]:
    """The rule ids a run will use: those named (even if configured off), else all not turned off."""
    if only:
        return [rule.id for rule in RULES if rule.id in only]
    return [rule.id for rule in RULES if (settings or {}).get(rule.id) != "off"]


def check_scope(
    scope: Scope,
    as_of: date,
    thresholds: Thresholds = Thresholds(),
    settings: Mapping[str, str] | None = None,
    only: Sequence[str] = (),
) -> CheckResult:
    """Run the rules over every loaded context and keep the problems in the files asked about."""
    problems: list[Problem] = []
    for workspace in scope.workspaces:
        problems += scope.select(run_rules(Context(workspace, as_of, thresholds), settings, only))
    ran = rules_to_run(settings, only)
    unread = 0 if "invalid" in ran else len({p.path for p in scope.problems if p.rule == "invalid"})
    return CheckResult(problems, ran, len(scope.files), unread)
