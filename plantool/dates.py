"""Plan dates as plans write them, and the arithmetic on them.

A plan date is a day (``2024-03-31``) or a period: a month (``2024-03``), a
calendar quarter (``2024-Q1``), a calendar year (``2024``) or a financial year
(``2012/13``, also written ``FY2012/13``). A period used as a due date is a
promise "by the end of it", so every comparison uses its last day; a period
used as the start of something (``period.start``) begins on its first day.

A financial year starts on the 1st of the month ``financial_year_start`` in
``plantool.toml`` names (default 4, April): ``2012/13`` runs from 1 April 2012
to 31 March 2013. ``2012/13`` names the year it starts in and the two digits of
the next one, so the second part must follow the first.

Parsing is ours, not pydantic's or YAML's: only these forms are accepted, so
``due: 0`` or ``due: Mar-24`` can never become a date by accident. A date
remembers the form it was written in, and ``str()`` gives that form back
("2012/13" stays "2012/13"; ``FY2012/13`` keeps its prefix).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

ACCEPTED_FORMS = (
    "a day YYYY-MM-DD (2024-03-31), a month YYYY-MM (2024-03), a quarter YYYY-Qn (2024-Q1), "
    "a year YYYY (2024) or a financial year YYYY/YY (2023/24)"
)
ACCEPTED_DAY_FORM = "a day YYYY-MM-DD (2024-03-31)"
DEFAULT_FINANCIAL_YEAR_START = 4
"""April: the UK public sector's financial year."""

# Plans are about the years people live in; a bound well inside date's range keeps
# every sum (as-of + due-soon days, a recurrence's next occurrence) from overflowing.
MIN_YEAR, MAX_YEAR = 1900, 2999

# ASCII: other scripts' digits are not ISO. Letters in any case (2024-q1, fy2012/13).
_DAY_OR_MONTH = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?", re.ASCII)
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])", re.ASCII)
_YEAR = re.compile(r"(\d{4})", re.ASCII)
_FINANCIAL_YEAR = re.compile(r"([Ff][Yy] ?)?(\d{4})/(\d{2})", re.ASCII)


class Precision(IntEnum):
    """How much time a plan date covers; the order breaks ties between dates that end on the same day."""

    DAY = 0
    MONTH = 1
    QUARTER = 2
    FINANCIAL_YEAR = 3
    YEAR = 4


_SPAN_MONTHS = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.FINANCIAL_YEAR: 12, Precision.YEAR: 12}


@dataclass(frozen=True, order=True, slots=True)
class PlanDate:
    """A due, update or completion date, precise to the day or covering a month, quarter or year.

    Ordered by the last day it covers, then by precision, so a month sorts after
    every day in it and a quarter after the month it ends with. Only ``end`` and
    ``precision`` take part in equality: ``2012/13`` and ``FY2012/13`` are the same date.
    """

    end: date
    precision: Precision = Precision.DAY
    prefixed: bool = field(default=False, compare=False)
    """A financial year written ``FY2012/13`` rather than ``2012/13``: shown back the same way."""

    @classmethod
    def day(cls, value: date) -> PlanDate:
        return cls(value, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> PlanDate:
        return cls(month_end(year, month), Precision.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> PlanDate:
        return cls(month_end(year, quarter * 3), Precision.QUARTER)

    @classmethod
    def year(cls, year: int) -> PlanDate:
        return cls(date(year, 12, 31), Precision.YEAR)

    @classmethod
    def financial_year(
        cls, first_year: int, start_month: int = DEFAULT_FINANCIAL_YEAR_START, *, prefixed: bool = False
    ) -> PlanDate:
        """The financial year that starts on the 1st of ``start_month`` in ``first_year``."""
        if start_month == 1:
            return cls(date(first_year, 12, 31), Precision.FINANCIAL_YEAR, prefixed)
        return cls(month_end(first_year + 1, start_month - 1), Precision.FINANCIAL_YEAR, prefixed)

    @property
    def month_only(self) -> bool:
        """Written as a month (``2024-03``)."""
        return self.precision is Precision.MONTH

    @property
    def is_day(self) -> bool:
        return self.precision is Precision.DAY

    @property
    def start(self) -> date:
        """The first day the date covers: the day itself, or the first day of its month, quarter or year."""
        if self.precision is Precision.DAY:
            return self.end
        months = _SPAN_MONTHS[self.precision]
        return add_months(self.end.replace(day=1), 1 - months)

    def __str__(self) -> str:
        if self.precision is Precision.DAY:
            return self.end.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.end.year:04d}-{self.end.month:02d}"
        if self.precision is Precision.QUARTER:
            return f"{self.end.year:04d}-Q{self.end.month // 3}"
        if self.precision is Precision.YEAR:
            return f"{self.end.year:04d}"
        first = self.start.year
        return f"{'FY' if self.prefixed else ''}{first:04d}/{(first + 1) % 100:02d}"


def in_form_of(day: date, like: PlanDate) -> PlanDate:
    """The date written as ``like`` is (a month, quarter, year or financial year) that holds ``day``.

    ``plan.updated: 2013-Q1`` moved on to 10 May 2013 is ``2013-Q2``, not a day the plan
    never writes. A financial year keeps ``like``'s start month and its ``FY`` prefix.
    """
    if like.precision is Precision.MONTH:
        return PlanDate.month(day.year, day.month)
    if like.precision is Precision.QUARTER:
        return PlanDate.quarter(day.year, (day.month - 1) // 3 + 1)
    if like.precision is Precision.YEAR:
        return PlanDate.year(day.year)
    if like.precision is Precision.FINANCIAL_YEAR:
        start_month = like.end.month % 12 + 1
        first_year = day.year if day.month >= start_month else day.year - 1
        return PlanDate.financial_year(first_year, start_month, prefixed=like.prefixed)
    return PlanDate.day(day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_plan_date(text: str, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> PlanDate:
    """Parse any form in ``ACCEPTED_FORMS``; anything else raises ``ValueError`` saying what is accepted."""
    stripped = text.strip()
    match = _DAY_OR_MONTH.fullmatch(stripped)
    if match is not None:
        year, month, day = _year(text, match[1]), int(match[2]), match[3]
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
    match = _QUARTER.fullmatch(stripped)
    if match is not None:
        return PlanDate.quarter(_year(text, match[1]), int(match[2]))
    match = _YEAR.fullmatch(stripped)
    if match is not None:
        return PlanDate.year(_year(text, match[1]))
    match = _FINANCIAL_YEAR.fullmatch(stripped)
    if match is not None:
        first = _year(text, match[2])
        if int(match[3]) != (first + 1) % 100:
            raise ValueError(
                f"{_shown(text)} is not a financial year: after {first} comes {(first + 1) % 100:02d} "
                f"({first}/{(first + 1) % 100:02d}); use {ACCEPTED_FORMS}"
            )
        if first == MAX_YEAR and financial_year_start != 1:
            raise ValueError(f"{_shown(text)} ends after {MAX_YEAR}; use {ACCEPTED_FORMS}")
        return PlanDate.financial_year(first, financial_year_start, prefixed=match[1] is not None)
    raise ValueError(f"{_shown(text)} is not a date; use {ACCEPTED_FORMS}")


_SHARED: dict[tuple[str, int], PlanDate] = {}
_SHARED_MAX = 4096


def shared_plan_date(text: str, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> PlanDate:
    """``parse_plan_date``, giving the same object for the same text: a plan date is frozen, and
    a plan names the same few months over and over (at 10,000 actions, 30,000 dates were 2.6 MB)."""
    key = (text, financial_year_start)
    found = _SHARED.get(key)
    if found is None:
        found = parse_plan_date(text, financial_year_start)
        if len(_SHARED) < _SHARED_MAX:  # a bound, whatever the files hold
            _SHARED[key] = found
    return found


def _year(text: str, digits: str) -> int:
    year = int(digits)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{_shown(text)} is not a plausible year ({MIN_YEAR} to {MAX_YEAR}); use {ACCEPTED_FORMS}")
    return year


def _shown(text: str) -> str:
    """The value quoted for a message, cut short: an error must not repeat a page of input."""
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "…"


def parse_day(text: str) -> date:
    """Parse a day ``YYYY-MM-DD`` only (``--as-of`` and the filters that take a day)."""
    if _DAY_OR_MONTH.fullmatch(text.strip()) is None:
        raise ValueError(f"{_shown(text)} is not a day; use {ACCEPTED_DAY_FORM}")
    parsed = parse_plan_date(text)  # a plausible year, a real day
    if not parsed.is_day:
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
