"""The words of the board report, shared by its HTML and Markdown forms so both say the same thing.

Dates are written the way a board paper writes them ("31 Mar 2024"; a due
month as "Mar 2024", which is what the plan promised), with the ISO form in
the HTML's ``<time datetime>``. Month names are our own, not the locale's,
so the output does not change with the machine it is made on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from plantool.changes import Change, Direction, Kind
from plantool.dates import PlanDate, describe_offset, parse_plan_date
from plantool.queries import Counts
from plantool.render.diff import describe
from plantool.render.style import STATUS_WORD
from plantool.report import (
    DEFAULT_LEGEND,
    ActionRow,
    ExceptionKind,
    GroupSection,
    KeyLine,
    LatestUpdate,
    Lead,
    Legend,
    MilestoneLine,
    Reason,
    Report,
)

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def status_word(look: str, looks: Mapping[str, KeyLine] | None = None) -> str:
    """A status in the report (its look, ``KeyLine.look``) as a reader sees it: GREEN, "2 On track", "not rated"."""
    if looks is not None and look in looks:
        return looks[look].word
    return STATUS_WORD.get(look, look)


def long_day(day: date) -> str:
    """1 October 2023"""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_day(day: date) -> str:
    """1 Oct 2023"""
    return f"{day.day} {_MONTHS[day.month - 1][:3]} {day.year}"


def month(day: date) -> str:
    """Mar 2024"""
    return f"{_MONTHS[day.month - 1][:3]} {day.year}"


def plan_date(value: PlanDate | str) -> str:
    """A date in the form the plan wrote it, in words: "12 May 2023", "May 2023"; a quarter or a year as written."""
    if isinstance(value, str):
        value = parse_plan_date(value)
    if value.is_day:
        return short_day(value.end)
    if value.month_only:
        return month(value.end)
    return str(value)  # 2024-Q1, 2024, 2012/13: the plan's own words for the period


def period(start: PlanDate, end: PlanDate) -> str:
    """A plan's period as written: "1 Apr 2023 to 31 Mar 2024", "2025 to 2028", "2012/13 to 2014/15"."""
    return f"{plan_date(start)} to {plan_date(end)}"


def due(day: date | None, written: PlanDate | None = None, note: str | None = None) -> str:
    """The due date in the form the plan wrote it ("Mar 2024", "2012/13"); the plan's note where there is none."""
    if day is None:
        return note or "no date"
    shown = plan_date(written) if written is not None and written.end == day else short_day(day)
    return f"{shown} ({note})" if note else shown


def due_note(row: ActionRow, as_of: date) -> str:
    """How the due date stands today, in words; empty when there is nothing to say."""
    if row.complete:
        return f"completed {plan_date(row.completed)}" if row.completed else "complete"
    if row.overdue and row.overdue_since is not None:
        return describe_offset(row.overdue_since, as_of)
    if row.due is None:
        return ""
    return describe_offset(row.due, as_of)


CHUNK = 1 << 16
"""About how many characters each piece of a report holds as it is handed over (``in_pieces``)."""


def in_pieces(texts: Iterable[str]) -> Iterator[str]:
    """``texts`` (a tag, a value, a line) joined in order into pieces of about ``CHUNK`` characters.

    Both forms of the report are made in many small texts and handed over in pieces, never whole
    (README, "Memory"); a piece each would be a write each.
    """
    held: list[str] = []
    size = 0
    for text in texts:
        held.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(held)
            held.clear()
            size = 0
    if held:
        yield "".join(held)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def reason(item: Reason, as_of: date, looks: Mapping[str, KeyLine] | None = None) -> str:
    """Why an action is an exception, in a few words ("3 weeks overdue", "Stale: no update for 120 days")."""
    if item.kind is ExceptionKind.RED:
        if item.status is None or item.status == "RED" or looks is None or item.status not in looks:
            return "RED: major issues"
        return f"{looks[item.status].word}: off track"
    if item.kind is ExceptionKind.OVERDUE and item.since is not None:
        late = describe_offset(item.since, as_of).capitalize()
        return f"{late}: milestone “{item.milestone}” was due {short_day(item.since)}" if item.milestone else late
    if item.kind is ExceptionKind.STALE and item.days is not None:
        return f"Stale: no update for {item.days} days"
    if item.kind is ExceptionKind.UNOWNED:
        return "No lead"
    return str(item.kind.value)


def share(count: int, total: int) -> str:
    """A whole percentage, halves rounded up (as a reader rounds, not as Python's round() does)."""
    return f"{(200 * count + total) // (2 * total)}%" if total else "–"


def milestone(line: MilestoneLine, as_of: date, looks: Mapping[str, KeyLine] | None = None) -> str:
    when = due(line.due, line.written, line.due_note)
    state = status_word(line.status, looks)
    if line.done:
        return f"{line.title}: {when}, done"
    if line.overdue and line.due is not None:
        return f"{line.title}: {when}, {describe_offset(line.due, as_of)}, {state}"
    return f"{line.title}: {when}, {state}"


def update_heading(update: LatestUpdate, looks: Mapping[str, KeyLine] | None = None) -> str:
    parts = [plan_date(update.date)]
    if update.status:
        parts.append(status_word(update.status, looks))
    if update.by:
        parts.append(f"by {update.by}")
    return ", ".join(parts)


def shows_updates(group: GroupSection, rows: Sequence[ActionRow]) -> bool:
    """Whether a group's table of actions has a latest-update column: a priority's always, a finding's when an
    action has an update of its own (the finding's own update is shown once, with the finding)."""
    return group.kind == "priority" or any(row.latest_update and not row.latest_update.from_finding for row in rows)


def leads(people: Sequence[Lead]) -> str:
    return ", ".join(lead.name for lead in people) if people else "No lead"


_CHANGE_WORDS = {
    Kind.ADDED: "Added",
    Kind.REMOVED: "Removed",
    Kind.COMPLETED: "Completed",
    Kind.STATUS: "Status",
    Kind.DUE: "Due date",
    Kind.LEADS: "Leads",
    Kind.MOVED: "Moved",
    Kind.UPDATE: "New update",
}


@dataclass(frozen=True, slots=True)
class SinceLine:
    """One line of "since the last report": a change, or a file the comparison could not read."""

    ref: str
    """The action's reference; the file's path for a file not read."""
    title: str
    words: str
    """ "Status: AMBER → RED": the kind, then the change as ``plantool diff`` words it."""
    worse: bool
    """Bad news (a status worse, a date later, a file not read), which the report marks."""


def since_lines(report: Report) -> list[SinceLine]:
    """The section's lines: the changes in the diff's order, then each file that was not read."""
    lines = [
        SinceLine(c.ref, c.title, f"{_CHANGE_WORDS[c.kind]}: {describe(c)}", _worse(c)) for c in report.changes or ()
    ]
    for problem in report.unread:
        # Without a line saying so, the section would say "no changes" about actions it could not compare.
        where = f"line {problem.line}: " if problem.line else ""
        words = f"Not read: {where}{problem.message} (what it holds is left out of this comparison)"
        lines.append(SinceLine(problem.path, "", words, True))
    return lines


def _worse(change: Change) -> bool:
    return change.direction is Direction.WORSE or (change.kind is Kind.DUE and (change.slip_days or 0) > 0)


def counts(value: Counts, legend: Legend = DEFAULT_LEGEND) -> str:
    """ "4 actions: 1 RED, 3 not rated; 2 overdue" (statuses with none are left out)."""
    shown = [(legend.count(value, line), line.word) for line in legend.lines]
    statuses = ", ".join(f"{n} {word}" for n, word in shown if n)
    timing = [f"{n} {word}" for n, word in ((value.overdue, "overdue"), (value.due_soon, "due soon")) if n]
    text = plural(value.total, "action")
    if statuses:
        text += f": {statuses}"
    if timing:
        text += "; " + ", ".join(timing)
    return text


def organisations(report: Report) -> str:
    """The organisations as a reader lists them: "A", "A and B", "A, B and C"."""
    *others, last = report.organisations or ("",)
    return f"{', '.join(others)} and {last}" if others else last
