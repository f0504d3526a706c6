"""Reading one cell's value: a due date as plans write it, a RAG rating in words or colour.

Every reader returns what it understood *and* the words for the comment the
written plan carries, or ``None`` when the cell says something else; the
caller then keeps the text (``due_note``, a comment, an update) and lists the
cell in the import's report. Nothing here invents a date: "Ongoing", "TBC" and
"Monthly" are notes, and "end of March" becomes a date only when the plan's
own year is known (from its title or ``--year``).

The date forms, beyond the ISO ones of docs/format.md:

- months: "July 2023", "Jul 2023", "Jul-23", "Sept 23", "March 2024";
- days, day first as in the UK: "31/03/2024", "31/3/24", "31.03.2024", "31 March 2024";
- quarters: "Q1 2024" (calendar), "Q1 2024/25" (of the financial year);
- years and financial years: "2024", "2023/24", "2023-24", "2023/2024", "FY23/24";
- "end of March", "by March 2024", "end March 2024": the words around a date are dropped.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from plantool.dates import MAX_YEAR, MIN_YEAR

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Due:
    """A date as the plan file writes it, the end day it stands for, and how it was read."""

    written: str
    """The plan-file form: 2024-03-31, 2024-03, 2024-Q2, 2024, 2023/24."""
    end: date
    how: str
    """For the comment: what the cell said and how it was taken."""
    precise: bool = True
    """False when the form needs format version 2 (a quarter, a year, a financial year)."""


def _year(text: str) -> int:
    number = int(text)
    return 2000 + number if len(text) == 2 else number


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


_PREFIX = re.compile(r"^(?:by|before|due|complete by|completed by|for|in|at)\s+(?:the\s+)?", re.I)
_END = re.compile(r"^(?:the\s+)?(?:end|close)\s+(?:of\s+)?", re.I)
_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_V2_QUARTER = re.compile(r"(\d{4})-Q([1-4])", re.I)
_UK_DAY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})")
_WORD_DAY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_WORD})\.?,?\s+(\d{{4}}|\d{{2}})", re.I)
_WORD_MONTH = re.compile(rf"({_MONTH_WORD})\.?[\s\-/']*(\d{{4}}|\d{{2}})", re.I)
_BARE_MONTH = re.compile(rf"({_MONTH_WORD})\.?", re.I)
_QUARTER = re.compile(r"Q([1-4])[\s,\-]*(?:of\s+)?(FY\s*)?(\d{4}|\d{2})(?:\s*[/\-]\s*(\d{4}|\d{2}))?", re.I)
_FINANCIAL = re.compile(r"(?:FY\s*)?(\d{4}|\d{2})\s*[/\-]\s*(\d{4}|\d{2})", re.I)
_FY_ONLY = re.compile(r"FY\s*(\d{4}|\d{2})", re.I)
_YEAR = re.compile(r"(\d{4})")


def _financial(first: str, second: str, fy_start: int) -> tuple[int, int] | None:
    """("2023", "24") → (2023, 2024) when the second year follows the first; else None."""
    start, end = _year(first), _year(second)
    if end != start + 1 or not _plausible(start):
        return None
    return start, end


def _fy_end(start: int, fy_start: int) -> date:
    """The last day of the financial year that starts in ``start`` (month ``fy_start``)."""
    if fy_start == 1:
        return date(start, 12, 31)
    return _month_end(start + 1, fy_start - 1)


def read_due(text: str, plan_year: int | None = None, fy_start: int = 4) -> Due | None:
    """A due date from a cell's text, or None when the cell says something other than one date.

    ``plan_year`` is the year a bare month ("end of March") falls in: the plan's
    financial year that starts in it (so March is the March after, for a year starting in April).
    """
    original = " ".join(text.split())
    body = _END.sub("", _PREFIX.sub("", original.strip(" .,;:"))).strip(" .,;:")
    if not body:
        return None
    said = f"{original!r}"
    if m := _ISO_DAY.fullmatch(body):
        return _day(int(m[1]), int(m[2]), int(m[3]), f"{said} is that day")
    if m := _ISO_MONTH.fullmatch(body):
        return _month(int(m[1]), int(m[2]), f"{said}: the month, due by its end")
    if m := _V2_QUARTER.fullmatch(body):
        year, quarter = int(m[1]), int(m[2])
        return _quarter(year, quarter, f"{said}: the calendar quarter, due by its end") if _plausible(year) else None
    if m := _UK_DAY.fullmatch(body):
        return _day(_year(m[3]), int(m[2]), int(m[1]), f"{said}: day first, as UK dates are written")
    if m := _WORD_DAY.fullmatch(body):
        return _day(_year(m[3]), _MONTHS[m[2].lower()], int(m[1]), f"{said} is that day")
    if m := _WORD_MONTH.fullmatch(body):
        return _month(_year(m[2]), _MONTHS[m[1].lower()], f"{said}: the month, due by its end")
    if m := _QUARTER.fullmatch(body):
        quarter = int(m[1])
        if m[4] is not None or m[2]:
            years = (
                _financial(m[3], m[4], fy_start)
                if m[4]
                else ((_year(m[3]), _year(m[3]) + 1) if len(m[3]) == 4 else None)
            )
            if years is None:
                return None
            first_month = fy_start + 3 * (quarter - 1)
            year = years[0] + (first_month - 1) // 12
            month = (first_month - 1) % 12 + 1
            if (month - 1) % 3:
                return None  # a financial year not starting on a calendar quarter: no plan-file form says it
            fy = f"{years[0]}/{str(years[1])[-2:]}"
            months = f"{calendar.month_name[month]} to {calendar.month_name[month + 2]} {year}"
            return _quarter(year, (month - 1) // 3 + 1, f"{said}: quarter {quarter} of financial year {fy}, {months}")
        year = _year(m[3])
        return _quarter(year, quarter, f"{said}: the calendar quarter, due by its end") if _plausible(year) else None
    if m := _FINANCIAL.fullmatch(body):
        years = _financial(m[1], m[2], fy_start)
        if years is None:
            return None
        written = f"{years[0]}/{str(years[1])[-2:]}"
        return Due(written, _fy_end(years[0], fy_start), f"{said}: the financial year {written}, due by its end", False)
    if m := _FY_ONLY.fullmatch(body):
        return None  # "FY24" could be the year starting or ending in 2024: not guessed
    if m := _YEAR.fullmatch(body):
        year = int(m[1])
        return (
            Due(str(year), date(year, 12, 31), f"{said}: the calendar year, due by its end", False)
            if _plausible(year)
            else None
        )
    if (m := _BARE_MONTH.fullmatch(body)) and plan_year is not None:
        month = _MONTHS[m[1].lower()]
        year = plan_year + 1 if month < fy_start else plan_year
        return _month(
            year,
            month,
            f"{said}: {calendar.month_name[month]} of the plan's year {plan_year}/{str(plan_year + 1)[-2:]}",
        )
    return None


def _day(year: int, month: int, day: int, how: str) -> Due | None:
    if not _plausible(year):
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return Due(value.isoformat(), value, how)


def _month(year: int, month: int, how: str) -> Due | None:
    if not _plausible(year) or not 1 <= month <= 12:
        return None
    return Due(f"{year}-{month:02d}", _month_end(year, month), how)


def _quarter(year: int, quarter: int, how: str) -> Due:
    return Due(f"{year}-Q{quarter}", _month_end(year, quarter * 3), how, False)


def plan_year_of(text: str) -> int | None:
    """The year a plan's own title gives it: "Development Plan 2023/2024" → 2023; "Plan 2023-24" → 2023."""
    m = re.search(r"\b(\d{4})\s*[/\-–]\s*(\d{4}|\d{2})\b", text)
    return int(m[1]) if m and _financial(m[1], m[2], 4) is not None else None


# ---------------------------------------------------------------------------
# RAG ratings


_STATUS_WORDS = {
    "green": "GREEN", "g": "GREEN", "on track": "GREEN", "on target": "GREEN", "on target for delivery": "GREEN",
    "amber": "AMBER", "a": "AMBER", "yellow": "AMBER", "delayed": "AMBER",
    "red": "RED", "r": "RED", "off track": "RED",
    "blue": "BLUE", "b": "BLUE", "complete": "BLUE", "completed": "BLUE", "done": "BLUE", "achieved": "BLUE",
}  # fmt: skip


def read_status(text: str) -> str | None:
    """GREEN/AMBER/RED/BLUE from a rating cell in any case ("Green", "AMBER - some delay", "Complete"), else None."""
    folded = " ".join(re.sub(r"[^\w ]+", " ", text.lower()).split())
    if folded in _STATUS_WORDS:
        return _STATUS_WORDS[folded]
    first = folded.split(" ", 1)[0] if folded else ""
    if first in ("green", "amber", "red", "blue"):
        return first.upper()
    return None


def status_of_colour(rgb: str) -> str | None:
    """The RAG rating a cell's fill colour shows, by hue; None for white, grey or an unclear colour."""
    try:
        red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    high, low = max(red, green, blue), min(red, green, blue)
    if high - low < 0.25:
        return None  # white, black or grey: no colour to read
    span = high - low
    if high == red:
        hue = 60 * (((green - blue) / span) % 6)
    elif high == green:
        hue = 60 * ((blue - red) / span + 2)
    else:
        hue = 60 * ((red - green) / span + 4)
    if hue < 20 or hue >= 330:
        return "RED"
    if hue < 65:
        return "AMBER"
    if 75 <= hue < 165:
        return "GREEN"
    if 180 <= hue < 260:
        return "BLUE"
    return None


# ---------------------------------------------------------------------------
# Dated updates

_LEADING_DATE = re.compile(
    rf"^((?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH_WORD})\.?[\s\-']*(?:\d{{4}}|\d{{2}})|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?)\s*[:\-–]\s+",
    re.I,
)


def leading_date(text: str) -> tuple[Due, str] | None:
    """An update that opens with its date ("Jan 2023: Tender awarded") → the date and the rest."""
    m = _LEADING_DATE.match(text)
    if m is None:
        return None
    due = read_due(m[1])
    if due is None or not due.precise:
        return None
    return due, text[m.end() :].strip()


def heading_month(heading: str) -> Due | None:
    """The month an update column's heading names: "Update mid-April 23" → 2023-04."""
    m = re.search(rf"({_MONTH_WORD})\.?[\s\-']*(\d{{4}}|\d{{2}})\b", heading, re.I)
    if m is None:
        return None
    return _month(_year(m[2]), _MONTHS[m[1].lower()], f"the column heading {heading!r}")
