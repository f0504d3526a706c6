"""``plantool diff`` and ``plantool history``: changes as a terminal report, Markdown, or JSON (the shape docs/git.md shows).

``diff_sections`` is the plain-data form every format shares (and the HTML
board report loops over): the changes grouped by the question a board asks
(what went worse, what was completed, which dates slipped...), each row with
its words already written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from plantool.changes import Change, Commit, Diff, Direction, History, Kind, Revision, Step, Value
from plantool.problems import Problem
from plantool.queries import UNRATED
from plantool.render.formats import ChangesFormat, Renderer
from plantool.render.style import md_cell, md_table, status_word
from plantool.render.text import json_text

COMMITS_SHOWN = 10
"""Text and Markdown list this many of the commits between the two sides; JSON lists them all."""


# ---------------------------------------------------------------------------
# Plain data


@dataclass(frozen=True, slots=True)
class ChangeRow:
    ref: str
    title: str
    text: str
    """The change in words: ``GREEN → RED``, ``2024-03 → 2024-06 (+91 days)``."""
    flag: bool
    """A red flag for the board: a carried-forward action that slipped again."""
    change: Change


@dataclass(frozen=True, slots=True)
class ChangeSection:
    key: str
    heading: str
    rows: list[ChangeRow]


def _slipped(change: Change) -> bool:
    return change.kind is Kind.DUE and (change.slip_days or 0) > 0


# Board questions first: what got worse, what was done, what slipped.
_SECTIONS: tuple[tuple[str, str, Callable[[Change], bool]], ...] = (
    ("worse", "Status worse", lambda c: c.kind is Kind.STATUS and c.direction is Direction.WORSE),
    ("completed", "Completed", lambda c: c.kind is Kind.COMPLETED),
    ("slipped", "Due dates slipped", _slipped),
    ("due", "Due dates brought forward, set or cleared", lambda c: c.kind is Kind.DUE and not _slipped(c)),
    ("better", "Status better", lambda c: c.kind is Kind.STATUS and c.direction is Direction.BETTER),
    ("rated", "Rating added or removed", lambda c: c.kind is Kind.STATUS and c.direction is None),
    ("added", "Added", lambda c: c.kind is Kind.ADDED),
    ("removed", "Removed", lambda c: c.kind is Kind.REMOVED),
    ("leads", "Leads changed", lambda c: c.kind is Kind.LEADS),
    ("moved", "Moved to another priority", lambda c: c.kind is Kind.MOVED),
    ("update", "New updates", lambda c: c.kind is Kind.UPDATE),
)


def diff_sections(diff: Diff) -> list[ChangeSection]:
    """The non-empty sections, in the order a board reads them."""
    sections = []
    for key, heading, wanted in _SECTIONS:
        changes = [change for change in diff.changes if wanted(change)]
        if key == "slipped":  # the red flags first, then the longest slips
            changes.sort(key=lambda c: (not c.repeated_slip, -(c.slip_days or 0)))
        if changes:
            rows = [ChangeRow(c.ref, c.title, describe(c), c.repeated_slip, c) for c in changes]
            sections.append(ChangeSection(key, heading, rows))
    return sections


def _status(value: Value) -> str:
    return status_word(value) if isinstance(value, str) else status_word(UNRATED)


def _days(days: int) -> str:
    return f"{days:+,} day" + ("" if abs(days) == 1 else "s")


def _summary_words(value: Value) -> str:
    if not isinstance(value, Mapping):
        return ""
    leads = value.get("leads") or ()
    parts = [_status(value.get("status")), f"due {value['due']}" if value.get("due") else "no due date"]
    parts.append(f"leads {', '.join(leads)}" if leads else "no lead")
    return ", ".join(parts)


def _update_words(value: Value) -> str:
    if not isinstance(value, Mapping):
        return ""
    extra = [str(value["status"])] if value.get("status") else []
    extra += [f"by {value['by']}"] if value.get("by") else []
    said = f" ({', '.join(extra)})" if extra else ""
    return f"{value.get('date')}{said}: {value.get('text')}"


def describe(change: Change) -> str:
    """The change in a few words, without the action's reference or title."""
    kind = change.kind
    if kind is Kind.ADDED:
        return _summary_words(change.after)
    if kind is Kind.REMOVED:
        return f"was {_summary_words(change.before)}"
    if kind is Kind.COMPLETED:
        done = f", completed {change.completed_on}" if change.completed_on else ""
        return f"{_status(change.before)} → {_status(change.after)}{done}"
    if kind is Kind.STATUS:
        return f"{_status(change.before)} → {_status(change.after)}"
    if kind is Kind.DUE:
        text = f"{change.before or 'no due date'} → {change.after or 'no due date'}"
        if change.slip_days is not None:
            text += f" ({_days(change.slip_days)})"
        if change.repeated_slip:
            text += "; carried forward from the last plan and slipped again"
        return text
    if kind is Kind.LEADS:
        return f"{_leads(change.before)} → {_leads(change.after)}"
    if kind is Kind.MOVED:
        return f"priority {change.before} → {change.after}"
    return _update_words(change.after)


def _leads(value: Value) -> str:
    return ", ".join(value) if isinstance(value, tuple) and value else "no lead"


def summary_line(diff: Diff) -> str:
    """``3 actions changed. Status worse: 1; due dates slipped: 2 (1 repeated slip).``"""
    if not diff.changes:
        return "No changes to actions."
    parts = []
    for section in diff_sections(diff):
        part = f"{section.heading.lower()}: {len(section.rows)}"
        repeated = sum(row.flag for row in section.rows)
        if repeated:
            part += f" ({repeated} repeated slip{'' if repeated == 1 else 's'})"
        parts.append(part)
    actions = len(diff.refs)
    listed = "; ".join(parts)
    return f"{actions} action{'' if actions == 1 else 's'} changed. {listed[0].upper()}{listed[1:]}."


def side_words(side: Revision) -> str:
    """``HEAD~1 (1a2b3c4, 2024-01-05, Ann Lee: Monthly update)`` or ``the working tree``."""
    if side.commit is None:
        return f"the {side.label}"
    commit = side.commit
    return f"{side.label} ({commit.short}, {commit.date.date().isoformat()}, {commit.author}: {commit.subject})"


# ---------------------------------------------------------------------------
# JSON


def commit_json(commit: Commit) -> dict[str, Any]:
    return {
        "sha": commit.sha,
        "short": commit.short,
        "author": commit.author,
        "email": commit.email,
        "date": commit.date.isoformat(),
        "subject": commit.subject,
    }


def _plain(value: Value) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return {key: _plain(inner) for key, inner in value.items()}
    return value


def change_json(change: Change) -> dict[str, Any]:
    return {
        "ref": change.ref,
        "kind": change.kind.value,
        "before": _plain(change.before),
        "after": _plain(change.after),
        "slip_days": change.slip_days,
        "direction": change.direction.value if change.direction is not None else None,
        "repeated_slip": change.repeated_slip,
        "carried_forward": change.carried_forward,
        "completed_on": change.completed_on,
        "title": change.title,
        "plan": change.plan,
        "file": change.path,
        "line": change.line,
    }


CONTRACT_KINDS = tuple(kind for kind in Kind if kind is not Kind.MOVED)
"""The kinds docs/git.md lists for ``changes`` in JSON; tools that check ``kind`` against them must not meet another."""


def move_json(change: Change) -> dict[str, Any]:
    """A ``moved`` change, for JSON's ``moves``: ``before`` and ``after`` are the priority ids."""
    return {
        "ref": change.ref,
        "before": _plain(change.before),
        "after": _plain(change.after),
        "title": change.title,
        "plan": change.plan,
        "file": change.path,
        "line": change.line,
    }


def changes_json(changes: Sequence[Change]) -> dict[str, list[dict[str, Any]]]:
    """``changes`` with only docs/git.md's kinds, and ``moves`` beside them."""
    return {
        "changes": [change_json(c) for c in changes if c.kind is not Kind.MOVED],
        "moves": [move_json(c) for c in changes if c.kind is Kind.MOVED],
    }


def _problem_json(revision: str, problem: Problem) -> dict[str, Any]:
    return {
        "revision": revision,
        "severity": problem.severity.value,
        "file": problem.path,
        "line": problem.line,
        "column": problem.col,
        "message": problem.message,
    }


def diff_json(diff: Diff) -> dict[str, Any]:
    return {
        "from": diff.before.label,
        "to": diff.after.label,
        "from_commit": commit_json(diff.before.commit) if diff.before.commit else None,
        "to_commit": commit_json(diff.after.commit) if diff.after.commit else None,
        "summary": {kind.value: diff.count(kind) for kind in CONTRACT_KINDS},
        **changes_json(diff.changes),
        "problems": [_problem_json(side.label, p) for side in (diff.before, diff.after) for p in side.problems],
        "commits": [commit_json(commit) for commit in diff.commits],
    }


# ---------------------------------------------------------------------------
# Terminal


def title(diff: Diff) -> str:
    if diff.after.commit is None:
        return f"Changes since {diff.before.label}"
    return f"Changes from {diff.before.label} to {diff.after.label}"


def changes_markdown(diff: Diff, level: int = 1) -> str:
    """The changes as Markdown; ``level`` is the heading level of the title (the report nests it at 2)."""
    hashes = "#" * level
    lines = [f"{hashes} {md_cell(title(diff))}", ""]
    lines += [f"From {md_cell(side_words(diff.before))} to {md_cell(side_words(diff.after))}.", ""]
    lines += [md_cell(summary_line(diff)), ""]
    for side in (diff.before, diff.after):
        if side.problems:
            lines.append(
                f"Not read {md_cell(side_place(side))} (actions in these files are left out of the comparison):"
            )
            lines += [f"- `{md_cell(str(problem))}`" for problem in side.problems]
            lines.append("")
    for section in diff_sections(diff):
        lines += [f"{hashes}# {section.heading} ({len(section.rows)})", ""]
        rows = []
        for row in section.rows:
            text = md_cell(row.text)
            rows.append([md_cell(row.ref), md_cell(row.title), f"**{text}**" if row.flag else text])
        lines += md_table(["Ref", "Action", "Change"], rows)
        lines.append("")
    if diff.commits:
        lines += [f"{hashes}# Commits that changed the plans ({len(diff.commits)})", ""]
        for commit in diff.commits[:COMMITS_SHOWN]:
            lines.append(
                f"- `{commit.short}` {commit.date.date().isoformat()} {md_cell(commit.author)}: {md_cell(commit.subject)}"
            )
        if len(diff.commits) > COMMITS_SHOWN:
            lines.append(f"- ... and {len(diff.commits) - COMMITS_SHOWN} more")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# history


def when(step: Step) -> str:
    if step.commit is None:
        return "uncommitted (working tree)"
    commit = step.commit
    return f"{commit.date.strftime('%Y-%m-%d %H:%M')} {commit.short} {commit.author}: {commit.subject}"


def now_words(step: Step) -> list[str]:
    """How the item stood after the step: status, due, leads; its latest update unless just listed as new."""
    state = step.state
    if not state.readable:
        return ["could not be read here (the problems below say why)"]
    item = state.item
    if item is None:
        return ["not in the plans"]
    status = status_word(item.status.key, item.plan.scale) if item.status else status_word(UNRATED)
    due = f"due {item.due}" if item.due else "no due date"
    leads = f"leads {', '.join(item.leads)}" if item.leads else "no lead"
    words = [f"now {status}, {due}, {leads}"]
    latest = item.latest_update
    shown = {(c.after.get("date"), c.after.get("text")) for c in step.changes if isinstance(c.after, Mapping)}
    if latest is not None and (str(latest.date), latest.text) not in shown:
        words.append(f"latest update {latest.date}: {latest.text}")
    return words


def step_changes(step: Step) -> list[str]:
    words = []
    for change in step.changes:
        if change.kind in (Kind.ADDED, Kind.REMOVED):
            words.append(str(change.kind))
        elif change.kind is Kind.UPDATE:
            words.append(f"new update {describe(change)}")
        elif change.kind is Kind.STATUS and change.direction is not None:
            words.append(f"status {describe(change)} ({change.direction})")
        else:
            words.append(f"{change.kind} {describe(change)}")
    if step.edited:
        words.append(f"edited: {', '.join(step.edited)}")
    return words


def history_headline(history: History) -> str:
    count = len([s for s in history.steps if s.commit is not None])
    text = f"{count} commit{'' if count == 1 else 's'} changed it"
    if any(step.commit is None for step in history.steps):
        text += ", and the working tree has uncommitted changes to it"
    slips = history.slips
    if slips:
        days = sum(c.slip_days or 0 for c in slips)
        times = "once" if len(slips) == 1 else f"{len(slips)} times"
        text += f". Its due date moved later {times}, {days:,} days in all"
        if len(slips) > 1 and any(c.carried_forward for c in slips):
            text += " (a carried-forward action slipping again)"
    return text + "."


def history_markdown(history: History) -> str:
    lines = [f"# History of {md_cell(history.ref)}: {md_cell(history.title)}", "", md_cell(history_headline(history))]
    for step in history.steps:
        lines += ["", f"## {md_cell(when(step))}", ""]
        lines += [f"- {md_cell(words)}" for words in step_changes(step)]
        lines += [f"- *{md_cell(words)}*" for words in now_words(step)]
        lines += [f"- `{md_cell(str(problem))}`" for problem in step.state.problems]
    return "\n".join(lines) + "\n"


def _step_json(step: Step) -> dict[str, Any]:
    item = step.state.item
    latest = item.latest_update if item is not None else None
    return {
        "commit": commit_json(step.commit) if step.commit is not None else None,
        "working_tree": step.commit is None,
        "readable": step.state.readable,
        "present": item is not None,
        "title": item.title if item is not None else None,
        "status": item.status.key if item is not None and item.status else None,
        "means": item.status.means.value if item is not None and item.status else None,
        "due": str(item.due) if item is not None and item.due else None,
        "leads": list(item.leads) if item is not None else [],
        "latest_update": {"date": str(latest.date), "text": latest.text} if latest is not None else None,
        "file": item.path if item is not None else None,
        "line": item.line if item is not None else None,
        **changes_json(step.changes),
        "edited": list(step.edited),
        "problems": [
            _problem_json(step.commit.short if step.commit else "working tree", p) for p in step.state.problems
        ],
    }


def history_json(history: History) -> dict[str, Any]:
    slips = history.slips
    return {
        "ref": history.ref,
        "title": history.title,
        "slips": len(slips),
        "slip_days_total": sum(c.slip_days or 0 for c in slips),
        "steps": [_step_json(step) for step in history.steps],
    }


def _diff_terminal(diff: Diff, view: None) -> str:
    from plantool.render.terminal.diff import diff_terminal

    return diff_terminal(diff)


def _history_terminal(history: History, view: None) -> str:
    from plantool.render.terminal.diff import history_terminal

    return history_terminal(history)


DIFF_FORMATS: dict[ChangesFormat, Renderer[Diff, None]] = {
    ChangesFormat.text: _diff_terminal,
    ChangesFormat.markdown: lambda diff, view: changes_markdown(diff),
    ChangesFormat.json: lambda diff, view: json_text(diff_json(diff)),
}
HISTORY_FORMATS: dict[ChangesFormat, Renderer[History, None]] = {
    ChangesFormat.text: _history_terminal,
    ChangesFormat.markdown: lambda history, view: history_markdown(history),
    ChangesFormat.json: lambda history, view: json_text(history_json(history)),
}


def side_place(side: Revision) -> str:
    return f"in the {side.label}" if side.commit is None else f"at {side.label}"
