"""Plan dates: a day (``2024-03-31``) or a month (``2024-03``), and the arithmetic on them.

A month is a promise "by the end of that month", so every comparison uses the
last day of the month. Parsing is ours, not pydantic's or YAML's: only the two
ISO forms are accepted, so ``due: 0`` or ``due: Mar-24`` can never become a
date by accident.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

ACCEPTED_FORMS = "a day YYYY-MM-DD (2024-03-31) or a month YYYY-MM (2024-03)"
ACCEPTED_DAY_FORM = "a day YYYY-MM-DD (2024-03-31)"

# Plans are about the years people live in; a bound well inside date's range keeps
# every sum (as-of + due-soon days, a recurrence's next occurrence) from overflowing.
MIN_YEAR, MAX_YEAR = 1900, 2999

_PLAN_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?", re.ASCII)  # ASCII: other scripts' digits are not ISO


@dataclass(frozen=True, order=True, slots=True)
class PlanDate:
    """A due or update date, precise to the day or to the month.

    Ordered by the last day it covers, so a month sorts after every day in it.
    """

    end: date
    month_only: bool = False

    @classmethod
    def day(cls, value: date) -> PlanDate:
        return cls(value, False)

    @classmethod
    def month(cls, year: int, month: int) -> PlanDate:
        return cls(month_end(year, month), True)

    @property
    def start(self) -> date:
        """The first day the date covers: the day itself, or the 1st of the month."""
        return self.end.replace(day=1) if self.month_only else self.end

    def __str__(self) -> str:
        return self.end.strftime("%Y-%m") if self.month_only else self.end.isoformat()


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_plan_date(text: str) -> PlanDate:
    """Parse ``YYYY-MM-DD`` or ``YYYY-MM``; anything else raises ``ValueError``."""
    match = _PLAN_DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{_shown(text)} is not a date; use {ACCEPTED_FORMS}")
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{_shown(text)} is not a plausible year ({MIN_YEAR} to {MAX_YEAR}); use {ACCEPTED_FORMS}")
    if not 1 <= month <= 12:
        raise ValueError(f"{_shown(text)} has no month {month}; use {ACCEPTED_FORMS}")
    if day is None:
        return PlanDate.month(year, month)
    try:
        return PlanDate.day(date(year, month, int(day)))
    except ValueError:
        last = calendar.monthrange(year, month)[1]
        raise ValueError(
            f"{_shown(text)} is not a real day ({year}-{month:02d} has {last} days); use {ACCEPTED_FORMS}"
        ) from None


def _shown(text: str) -> str:
    """The value quoted for a message, cut short: an error must not repeat a page of input."""
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "…"


def parse_day(text: str) -> date:
    """Parse a day ``YYYY-MM-DD`` only (period bounds, completion dates, ``--as-of``)."""
    if _PLAN_DATE.fullmatch(text.strip()) is None:
        raise ValueError(f"{_shown(text)} is not a day; use {ACCEPTED_DAY_FORM}")
    parsed = parse_plan_date(text)  # a plausible year, a real day
    if parsed.month_only:
        raise ValueError(f"{_shown(text)} is a month; this needs {ACCEPTED_DAY_FORM}")
    return parsed.end


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def describe_offset(due: date, as_of: date) -> str:
    """Human words for how far ``due`` is from ``as_of``: "due today", "3 weeks overdue"."""
    days = (due - as_of).days
    if days == 0:
        return "due today"
    span = _span(min(due, as_of), max(due, as_of))
    return f"{span} overdue" if days < 0 else f"due in {span}"


def _span(earlier: date, later: date) -> str:
    """Whole units only, counted down: 2 years 8 months overdue is "2 years overdue", never 3.

    Months and years are calendar ones, so a date a year away reads "12 months", not the
    "11 months" that dividing 365 days by an average month length would give.
    """
    days = (later - earlier).days
    months = _whole_months(earlier, later)
    if days < 14:
        unit, count = "day", days
    elif months < 2:
        unit, count = "week", days // 7
    elif months < 24:
        unit, count = "month", months
    else:
        unit, count = "year", months // 12
    return f"{count} {unit}" + ("" if count == 1 else "s")


def _whole_months(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if add_months(earlier, months) > later else months
