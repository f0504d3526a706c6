"""Date judgements on an item as of a given day: overdue, due soon, stale, next due.

The as-of date always comes from the caller; nothing here reads the clock.

The rules (docs/format.md, "Dates and what they mean", and docs/decisions.md):

- An item is *open* unless its effective status is BLUE.
- Its dates are its effective due date and the due date of every open
  milestone (a milestone is open unless it is BLUE or has a ``completed`` day).
  A milestone counts on its own date.
- *Overdue*: open, and one of its dates is before the as-of day (a date that
  is today is not overdue).
- *Due soon*: open, not overdue, and one of its dates falls within the next
  ``due_soon_days`` days (inclusive).
- A *recurring* item (``recurs``) falls due again one period after each
  recorded update: its due date is the first occurrence of the cycle (starting
  at ``due``) that is after the newest update's date. With no update after
  the first occurrence, that first occurrence is the due date.
- *Stale*: open, and its newest update is older than ``stale_days`` days
  (an item with no update at all is not stale; ``undated`` and ``unrated``
  speak for it instead). An update dated by month counts from the month's
  last day, as a due month does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from plantool.dates import add_months

if TYPE_CHECKING:  # only named in annotations: judging needs no models imported (``check --list-rules``)
    from plantool.models import Milestone
    from plantool.workspace import Item

DEFAULT_DUE_SOON_DAYS = 30
DEFAULT_STALE_DAYS = 90

# Keyed by the values of models.Recurrence (a str enum, so its members find these keys).
_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "annually": 12}


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgement:
    """What the dates say about one item on one day (built by keyword: seven values in a row are easy to swap)."""

    due: date | None
    """The effective due day (the recurrence applied), or None when undated."""
    overdue: bool
    due_soon: bool
    overdue_since: date | None
    """The earliest of its dates that has passed, when overdue."""
    overdue_milestone: Milestone | None
    """The open milestone whose date is ``overdue_since``, when that date is a milestone's and not the due date:
    what the gate and the report name as late."""
    next_date: date | None
    """The earliest open date (due or milestone): what the item is working towards."""
    stale: bool
    last_update: date | None


@dataclass(frozen=True, slots=True)
class Thresholds:
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    stale_days: int = DEFAULT_STALE_DAYS


def effective_due(item: Item) -> date | None:
    """The day the item is due, with its recurrence applied (see the module docstring)."""
    if item.due is None:
        return None
    first = item.due.end
    recurs = item.recurs
    if recurs is None or not item.updates:
        return first
    newest = item.updates[-1].date.end
    if newest < first:
        return first
    months = _PERIOD_MONTHS[recurs]
    # Occurrences are counted from the first, so a 31st stays the last day of shorter months.
    cycles = ((newest.year - first.year) * 12 + newest.month - first.month) // months
    whole_months = not item.due.is_day
    occurrence = _occurrence(first, months * cycles, whole_months)
    while occurrence <= newest:
        cycles += 1
        occurrence = _occurrence(first, months * cycles, whole_months)
    return occurrence


def _occurrence(first: date, months: int, whole_months: bool) -> date:
    if whole_months:  # "by the end of the month" (or quarter, or year) recurs as the end of a month
        return add_months(first.replace(day=1), months + 1) - timedelta(days=1)
    return add_months(first, months)


def judge(item: Item, as_of: date, *, thresholds: Thresholds = Thresholds()) -> Judgement:
    """What the dates say about ``item`` on ``as_of`` (the rules in the module docstring), by the ``thresholds`` given."""
    due = effective_due(item)
    last_update = item.updates[-1].date.end if item.updates else None
    if item.complete:
        return Judgement(
            due=due,
            overdue=False,
            due_soon=False,
            overdue_since=None,
            overdue_milestone=None,
            next_date=None,
            stale=False,
            last_update=last_update,
        )
    dates = [due] if due is not None else []
    dates += [m.due.end for m in item.milestones if m.due is not None and not m.done]
    passed = [d for d in dates if d < as_of]
    upcoming = [d for d in dates if d >= as_of]
    overdue = bool(passed)
    since = min(passed) if passed else None
    soon_limit = as_of + timedelta(days=thresholds.due_soon_days)
    due_soon = not overdue and any(d <= soon_limit for d in upcoming)
    stale = last_update is not None and (as_of - last_update).days > thresholds.stale_days
    return Judgement(
        due=due,
        overdue=overdue,
        due_soon=due_soon,
        overdue_since=since,
        overdue_milestone=_late_milestone(item, since) if since is not None and since != due else None,
        next_date=min(dates) if dates else None,
        stale=stale,
        last_update=last_update,
    )


def _late_milestone(item: Item, since: date) -> Milestone | None:
    """The first open milestone due on ``since`` (the earliest date that passed)."""
    return next((m for m in item.milestones if m.due is not None and not m.done and m.due.end == since), None)
