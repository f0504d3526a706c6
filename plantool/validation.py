"""Checks that need more than one object: unique ids, known leads, links that resolve.

Each check is a plain function from the workspace to problems, listed in
``CHECKS``; ``validate`` and the ``check`` command's rules of the same names
both run them. Each problem names both places where a duplicate stands.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from plantool.models import PlanFile, PlanMeta, Priority, Tracked
from plantool.problems import Problem

if TYPE_CHECKING:
    from plantool.workspace import People, Workspace


def duplicate_ids(workspace: Workspace) -> Iterator[Problem]:
    """Plan ids across the folder; priority, finding and priority-action ids within a plan; action ids within a finding; person ids and aliases across people files."""
    first_plan: dict[str, str] = {}
    for plan in workspace.plans:
        meta = plan.file.plan
        if meta.id in first_plan:
            yield _duplicate(plan.path, meta.line, meta.col, "plan id", meta.id, first_plan[meta.id])
        else:
            first_plan[meta.id] = f"{plan.path}:{meta.line}"
        # Everything in a plan is named by one reference (PLAN/ID, PLAN/FINDING.ID), so ids
        # are unique by the reference they make: a priority action "f.1" and action "1" of
        # finding "f" clash as surely as two actions "1.4" do.
        named: list[tuple[str, str, Any]] = [(f"{plan.id}/{p.id}", "priority", p) for p in plan.file.priorities]
        named += [(f"{plan.id}/{f.id}", "finding", f) for f in plan.file.findings]
        named += [(f"{plan.id}/{a.id}", "action", a) for p in plan.file.priorities for a in p.actions]
        named += [(f"{plan.id}/{f.id}.{a.id}", "action", a) for f in plan.file.findings for a in f.actions]
        yield from _unique(plan.path, named)
    seen: dict[str, str] = {}
    for path, person in workspace.people.persons:
        for key in dict.fromkeys((person.id, *person.aliases)):
            if key in seen:
                yield _duplicate(path, person.line, person.col, "person id or alias", key, seen[key])
            else:
                seen[key] = f"{path}:{person.line}"


def _unique(path: str, named: list[tuple[str, str, Any]]) -> Iterator[Problem]:
    """A problem for each thing whose reference an earlier thing in the plan already has."""
    first: dict[str, tuple[str, int, str]] = {}
    for ref, kind, thing in named:
        if ref in first:
            other, line, other_id = first[ref]
            also = "" if other == kind else f" by a {other}"
            if other_id != thing.id:  # the same reference from different ids: say which
                also += f" (both are {ref})"
            yield Problem(
                path, thing.line, thing.col,
                f"duplicate {kind} id {thing.id!r}: already used at line {line}{also}",
                rule="duplicate-id", ref=ref,
            )  # fmt: skip
        else:
            first[ref] = (kind, thing.line, thing.id)


def _duplicate(path: str, line: int, col: int, what: str, value: str, first: str) -> Problem:
    return Problem(path, line, col, f"duplicate {what} {value!r}: already used at {first}", rule="duplicate-id")


def unknown_leads(workspace: Workspace) -> Iterator[Problem]:
    """Every lead, everyone accountable and every update's ``by`` must be a person id or alias in a people file."""
    people = workspace.people
    hint = "" if workspace.people.persons else " (no people file was found beside the plans)"
    for plan in workspace.plans:
        for tracked, ref in _owned(plan.id, plan.file):
            for field, what in (("leads", "lead"), ("accountable", "accountable")):
                for index, lead in enumerate(getattr(tracked, field, ())):
                    if lead not in people:
                        yield Problem(
                            plan.path,
                            *tracked.position_of(field, index),
                            f"{what} {lead!r} is not in any people file{hint}{_near(lead, people)}",
                            rule="unknown-lead",
                            ref=ref,
                        )
            if isinstance(tracked, PlanMeta):
                continue
            for update in tracked.updates:
                if update.by is not None and update.by not in people:
                    yield Problem(
                        plan.path,
                        *update.position_of("by"),
                        f"update by {update.by!r}: not in any people file{hint}",
                        rule="unknown-lead",
                        ref=ref,
                    )


def _near(key: str, people: People) -> str:
    """ "; did you mean 'SF'?" for a key that differs from a known one in case or by a slip."""
    known = people.keys
    same = [k for k in known if k.casefold() == key.casefold()]
    close = same or difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _owned(plan_id: str, plan_file: PlanFile) -> Iterator[tuple[Tracked | Priority | PlanMeta, str]]:
    """Everything that names people: the plan, its priorities, and every tracked finding and action."""
    yield plan_file.plan, plan_id
    for priority in plan_file.priorities:
        yield priority, f"{plan_id}/{priority.id}"
    yield from _tracked(plan_id, plan_file)


def _tracked(plan_id: str, plan_file: PlanFile) -> Iterator[tuple[Tracked, str]]:
    for priority in plan_file.priorities:
        for action in priority.actions:
            yield action, f"{plan_id}/{action.id}"
    for finding in plan_file.findings:
        yield finding, f"{plan_id}/{finding.id}"
        for action in finding.actions:
            yield action, f"{plan_id}/{finding.id}.{action.id}"


def broken_links(workspace: Workspace) -> Iterator[Problem]:
    """Every link must name exactly one plan, priority, finding or action (a tail is enough)."""
    for plan in workspace.plans:
        for tracked, ref in _tracked(plan.id, plan.file):
            for index, link in enumerate(tracked.links):
                found = workspace.lookup(link)
                if len(found) == 1:
                    continue
                if found:
                    names = ", ".join(full for full, _ in found)
                    message = f"link {link!r} is ambiguous: it could be {names}"
                else:
                    message = f"link {link!r} matches no plan, finding or action"
                yield Problem(plan.path, *tracked.position_of("links", index), message, rule="broken-link", ref=ref)


Check = Callable[["Workspace"], Iterable[Problem]]
CHECKS: tuple[Check, ...] = (duplicate_ids, unknown_leads, broken_links)


def validate_workspace(workspace: Workspace) -> list[Problem]:
    return [problem for check in CHECKS for problem in check(workspace)]
