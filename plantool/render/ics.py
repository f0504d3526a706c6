"""``plantool export --format ics``: open, dated actions and milestones as all-day events for a lead's calendar.

Built with the ``icalendar`` library, which escapes text and folds long lines
as RFC 5545 requires: a newline, comma or semicolon in an update stays inside
its property and can never start a property or an event of its own.

The file is reproducible: the same plans and as-of date give the same bytes.
Every event's UID is derived from the action's reference (and the milestone's
title), so importing a later export updates the events rather than adding
copies; DTSTAMP is the as-of date, not the clock; events are sorted by date,
then reference.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar, Event

from plantool.dates import describe_offset
from plantool.models import Milestone
from plantool.queries import Row
from plantool.render.style import status_word
from plantool.report import leads_of
from plantool.workspace import People

PRODID = "-//plantool//plan deadlines//EN"
UID_DOMAIN = "plantool"


@dataclass(frozen=True, slots=True)
class _Deadline:
    day: date
    row: Row
    milestone: Milestone | None
    key: str
    """What the UID is derived from: the reference, plus the milestone's title for a milestone."""


def uid(key: str) -> str:
    """A stable UID for a reference: the same action always gets the same one, whatever else changes."""
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _deadlines(rows: Sequence[Row]) -> Iterator[_Deadline]:
    for row in rows:
        item = row.item
        if item.complete:
            continue
        if row.judgement.due is not None:
            yield _Deadline(row.judgement.due, row, None, item.ref)
        seen: dict[str, int] = {}
        for milestone in item.milestones:
            if milestone.done or milestone.due is None:
                continue
            # Two milestones of one action may share a title; the second gets its own UID.
            seen[milestone.title] = seen.get(milestone.title, 0) + 1
            suffix = "" if seen[milestone.title] == 1 else f"#{seen[milestone.title]}"
            yield _Deadline(milestone.due.end, row, milestone, f"{item.ref}#milestone:{milestone.title}{suffix}")


def _description(deadline: _Deadline, people: People, as_of: date) -> str:
    row, milestone = deadline.row, deadline.milestone
    item, judgement = row.item, row.judgement
    lines = [item.title, "", f"Plan: {item.plan.title} ({item.plan.id})"]
    if item.priority is not None:
        lines.append(f"Priority: {item.priority.id} {item.priority.title}")
    if item.finding is not None and not item.is_finding:
        lines.append(f"Finding: {item.finding.title}")
    # A role with no name already reads "CPB-CHAIR, Chair, ...": the id is not added twice.
    leads = [
        lead.name if lead.name == lead.id or lead.name.startswith(f"{lead.id}, ") else f"{lead.name} ({lead.id})"
        for lead in leads_of(people, item.leads)
    ]
    lines.append(f"Leads: {', '.join(leads) if leads else 'none'}")
    lines.append(f"Status: {status_word(row.status, row.item.plan.scale)}")
    if milestone is not None:
        lines.append(f"Milestone: {milestone.title}, due {milestone.due}")
    if judgement.due is not None:
        lines.append(f"Action due: {judgement.due.isoformat()}")
    if deadline.day < as_of:
        lines.append(describe_offset(deadline.day, as_of).capitalize())
    latest = item.latest_update
    if latest is not None:
        lines += ["", f"Latest update ({latest.date}):", latest.text]
    else:
        lines += ["", "No update recorded."]
    lines += ["", f"{item.ref}, as of {as_of.isoformat()} (plantool)"]
    return "\n".join(lines)


def _summary(deadline: _Deadline) -> str:
    item = deadline.row.item
    if deadline.milestone is not None:
        return f"{item.ref} milestone: {deadline.milestone.title} ({item.title})"
    return f"{item.ref}: {item.title}"


def rows_ics(rows: Sequence[Row], people: People, as_of: date) -> Iterator[bytes]:
    """An iCalendar file (CRLF lines, UTF-8) of every open, dated action and open milestone among ``rows``,
    an event at a time.

    The calendar's own lines come first and its END line last, as ``Calendar.to_ical``
    writes them with the events inside; each event is serialised and handed over on its
    own, so 100,000 actions are never one tree of components in memory.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Plan deadlines")
    calendar.add("x-wr-caldesc", f"Open actions and milestones with a due date, as of {as_of.isoformat()} (plantool)")
    shell: bytes = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert shell.endswith(end)  # icalendar writes a component's subcomponents just before its END line
    yield shell[: -len(end)]
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=timezone.utc)
    for deadline in sorted(_deadlines(rows), key=lambda d: (d.day, d.row.item.ref, d.key)):
        item = deadline.row.item
        event = Event()
        event.add("uid", uid(deadline.key))
        event.add("dtstamp", stamp)
        event.add("dtstart", deadline.day)  # a date, so VALUE=DATE: an all-day event
        event.add("dtend", deadline.day + timedelta(days=1))  # all-day ends are exclusive
        event.add("summary", _summary(deadline))
        event.add("description", _description(deadline, people, as_of))
        event.add("categories", [item.plan.id, status_word(deadline.row.status, item.plan.scale)])
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        data: bytes = event.to_ical()
        yield data
    yield end
