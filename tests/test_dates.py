"""Plan dates: the two ISO forms, month ends, ordering, month arithmetic and the words for an offset."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantool.dates import (
    ACCEPTED_DAY_FORM,
    ACCEPTED_FORMS,
    PlanDate,
    Precision,
    add_months,
    describe_offset,
    month_end,
    parse_day,
    parse_plan_date,
)

# ---------------------------------------------------------------------------
# Accepted forms


@pytest.mark.parametrize(
    ("text", "end", "month_only"),
    [
        ("2024-03-31", date(2024, 3, 31), False),
        ("2024-03-01", date(2024, 3, 1), False),
        ("2024-03", date(2024, 3, 31), True),
        ("2023-04", date(2023, 4, 30), True),
        ("2023-02", date(2023, 2, 28), True),
        ("1900-01-01", date(1900, 1, 1), False),
        ("2999-12", date(2999, 12, 31), True),
        (" 2024-03 ", date(2024, 3, 31), True),  # surrounding space is not part of the date
    ],
)
def test_accepted_forms(text: str, end: date, month_only: bool) -> None:
    parsed = parse_plan_date(text)
    assert parsed == PlanDate(end, Precision.MONTH if month_only else Precision.DAY)
    assert parsed.end == end
    assert parsed.month_only is month_only


@pytest.mark.parametrize(
    "text",
    [
        "Mar-24",
        "12/07/2023",
        "2023/07/12",
        "24-03",
        "2024-3",
        "2024-3-1",
        "2024-03-1",
        "20240331",
        "2024-Q0",
        "2024-Q5",
        "Q1 2024",
        "2024Q1",
        "2012/2013",
        "2012-13",
        "FY12/13",
        "24",
        "2024-03-31T10:00",
        "2024-03-31 10:00",
        "March 2024",
        "",
        "0",
        "2024-03-31-01",
        "+2024-03",
        "\u0662\u0660\u0662\u0664-\u0660\u0663",  # Arabic-Indic digits: ISO means ASCII digits
        "\uff12\uff10\uff12\uff14-03-01",  # full-width digits
    ],
)
def test_rejected_forms_show_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_plan_date(text)
    message = str(raised.value)
    assert ACCEPTED_FORMS in message
    assert "2024-03" in message and "2024-03-31" in message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-30", "2023-02 has 28 days"),
        ("2023-02-29", "2023-02 has 28 days"),
        ("2023-04-31", "2023-04 has 30 days"),
        ("2024-02-30", "2024-02 has 29 days"),
        ("2024-01-00", "not a real day"),
        ("2024-13", "no month 13"),
        ("2024-00-10", "no month 0"),
        ("1899-12-31", "not a plausible year"),
        ("0000-01", "not a plausible year"),
        # Past 2999 every sum on a date could overflow (as-of + 30 days, a recurrence).
        ("3000-01-01", "not a plausible year (1900 to 2999)"),
        ("9999-12", "not a plausible year"),
    ],
)
def test_impossible_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_plan_date(text)
    assert reason in str(raised.value)
    assert ACCEPTED_FORMS in str(raised.value)


def test_a_long_bad_value_is_not_repeated_whole() -> None:
    with pytest.raises(ValueError) as raised:
        parse_plan_date("x" * 5000)
    assert len(str(raised.value)) < 100 + len(ACCEPTED_FORMS)


def test_2023_02_30_is_an_error_not_a_clamp() -> None:
    with pytest.raises(ValueError, match=r"'2023-02-30' is not a real day \(2023-02 has 28 days\)"):
        parse_plan_date("2023-02-30")


def test_parse_day_refuses_a_month() -> None:
    assert parse_day("2024-03-31") == date(2024, 3, 31)
    with pytest.raises(ValueError) as raised:
        parse_day("2024-03")
    assert "is a month" in str(raised.value)
    assert ACCEPTED_DAY_FORM in str(raised.value)


# ---------------------------------------------------------------------------
# A month means its last day


@given(year=st.integers(1900, 2200), month=st.integers(1, 12))
def test_month_means_its_last_day(year: int, month: int) -> None:
    parsed = parse_plan_date(f"{year:04d}-{month:02d}")
    assert parsed.month_only
    assert (parsed.end.year, parsed.end.month) == (year, month)
    following = parsed.end + timedelta(days=1)
    assert following.day == 1
    assert (following.year, following.month) == ((year, month + 1) if month < 12 else (year + 1, 1))
    assert parsed.start == date(year, month, 1)
    assert parsed.end == month_end(year, month)


@pytest.mark.parametrize(("year", "last"), [(2024, 29), (2023, 28), (2100, 28), (2000, 29), (1900, 28), (2200, 28)])
def test_leap_years(year: int, last: int) -> None:
    assert parse_plan_date(f"{year}-02").end == date(year, 2, last)
    assert calendar.isleap(year) == (last == 29)


def test_a_day_starts_and_ends_on_itself() -> None:
    parsed = parse_plan_date("2024-03-15")
    assert parsed.start == parsed.end == date(2024, 3, 15)


# ---------------------------------------------------------------------------
# Ordering


@given(year=st.integers(1900, 2200), month=st.integers(1, 12), data=st.data())
def test_a_month_sorts_after_every_day_in_it(year: int, month: int, data: st.DataObject) -> None:
    whole = PlanDate.month(year, month)
    day = data.draw(st.integers(1, calendar.monthrange(year, month)[1]))
    one_day = PlanDate.day(date(year, month, day))
    # even the month's last day, which ends when the month does, sorts first: it is the more precise
    assert one_day < whole
    assert one_day.end <= whole.end
    assert sorted([whole, one_day]) == [one_day, whole]


def test_a_month_sorts_before_the_next_months_first_day() -> None:
    assert parse_plan_date("2024-03") < parse_plan_date("2024-04-01")
    assert parse_plan_date("2024-03-31") < parse_plan_date("2024-03")
    assert parse_plan_date("2024-03") > parse_plan_date("2024-03-30")


def test_sorting_mixed_dates() -> None:
    texts = ["2024-04-01", "2024-03", "2024-03-31", "2023-12", "2024-03-01"]
    assert [str(d) for d in sorted(parse_plan_date(t) for t in texts)] == [
        "2023-12",
        "2024-03-01",
        "2024-03-31",
        "2024-03",
        "2024-04-01",
    ]


# ---------------------------------------------------------------------------
# str() round trip

_days = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
_valid_texts = st.one_of(
    _days.map(date.isoformat),
    _days.map(lambda d: f"{d.year:04d}-{d.month:02d}"),
)


@given(_valid_texts)
def test_str_round_trip(text: str) -> None:
    assert str(parse_plan_date(text)) == text


@given(_days)
def test_a_day_round_trips_through_its_own_text(day: date) -> None:
    assert parse_plan_date(str(PlanDate.day(day))) == PlanDate.day(day)


# ---------------------------------------------------------------------------
# add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 5, 31), 1, date(2024, 6, 30)),
        (date(2023, 11, 15), 2, date(2024, 1, 15)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 8, 31), 3, date(2024, 11, 30)),
        (date(2024, 6, 10), 0, date(2024, 6, 10)),
    ],
)
def test_add_months_examples(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), months=st.integers(-1200, 1200))
def test_add_months_clamps_to_the_end_of_a_shorter_month(day: date, months: int) -> None:
    result = add_months(day, months)
    # the calendar month moved by exactly `months`
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    # the same day of the month where it exists, else the month's last day
    assert result.day == min(day.day, last)


@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 28)), months=st.integers(0, 600))
def test_add_months_round_trips_when_no_clamping(day: date, months: int) -> None:
    if day.day <= 28:
        assert add_months(add_months(day, months), -months) == day


# ---------------------------------------------------------------------------
# describe_offset

AS_OF = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "due today"),
        (1, "due in 1 day"),
        (-1, "1 day overdue"),
        (2, "due in 2 days"),
        (-2, "2 days overdue"),
        (13, "due in 13 days"),
        (-13, "13 days overdue"),
        (14, "due in 2 weeks"),
        (-14, "2 weeks overdue"),
        (20, "due in 2 weeks"),
        (21, "due in 3 weeks"),
        (60, "due in 8 weeks"),
        (61, "due in 2 months"),  # 2024-05-15: two calendar months on
        (-61, "2 months overdue"),
        (89, "due in 2 months"),  # 2024-06-12: not yet three months, so never rounded up to 3
        (365, "due in 12 months"),  # 2025-03-15: a calendar year, whatever the day count
        (729, "due in 23 months"),  # 2026-03-14: a day short of 24 months, counted down
        (730, "due in 2 years"),
        (-730, "23 months overdue"),  # 2022-03-16: 2024's 29 February makes this a day short of two years
        (-731, "2 years overdue"),
        (-1000, "2 years overdue"),  # 2 years 8 months: counted down, not rounded to 3
        (3653, "due in 10 years"),
    ],
)
def test_describe_offset(days: int, words: str) -> None:
    assert describe_offset(AS_OF + timedelta(days=days), AS_OF) == words


@pytest.mark.parametrize(
    ("due", "as_of", "words"),
    [
        (date(2024, 3, 31), date(2026, 11, 27), "2 years overdue"),  # 2 years 7 months
        (date(2024, 3, 31), date(2026, 3, 30), "23 months overdue"),
        (date(2024, 3, 31), date(2026, 3, 31), "2 years overdue"),
        (date(2024, 1, 31), date(2024, 3, 30), "8 weeks overdue"),  # a day short of two months
        (date(2024, 1, 31), date(2024, 3, 31), "2 months overdue"),
        (date(2026, 11, 27), date(2024, 3, 31), "due in 2 years"),
    ],
)
def test_describe_offset_counts_whole_calendar_units_down(due: date, as_of: date, words: str) -> None:
    assert describe_offset(due, as_of) == words


@given(days=st.integers(-20_000, 20_000))
def test_describe_offset_direction_and_grammar(days: int) -> None:
    words = describe_offset(AS_OF + timedelta(days=days), AS_OF)
    if days == 0:
        assert words == "due today"
    elif days > 0:
        assert words.startswith("due in ")
    else:
        assert words.endswith(" overdue")
    if days:
        count = int(words.removeprefix("due in ").split()[0])
        assert count >= 1
        assert words.split()[-1 if days > 0 else -2].endswith("s") == (count != 1)


@given(start=st.dates(date(1950, 1, 1), date(2100, 12, 31)), days=st.integers(1, 20_000))
def test_describe_offset_never_overstates_the_gap(start: date, days: int) -> None:
    """The count is the whole units that have passed: one more would reach beyond the later date."""
    later = start + timedelta(days=days)
    count_text, unit = describe_offset(later, start).removeprefix("due in ").split()
    count, unit = int(count_text), unit.rstrip("s")
    assert describe_offset(start, later) == f"{count_text} {unit}{'s' if count != 1 else ''} overdue"
    if unit == "day":
        assert count == days
    elif unit == "week":
        assert count * 7 <= days < (count + 1) * 7
    else:
        months = count * (12 if unit == "year" else 1)
        step = 12 if unit == "year" else 1
        assert add_months(start, months) <= later < add_months(start, months + step)


# ---------------------------------------------------------------------------
# Version 2: quarters, years and financial years


@pytest.mark.parametrize(
    ("text", "start", "end", "shown"),
    [
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "2024-Q1"),
        ("2024-q4", date(2024, 10, 1), date(2024, 12, 31), "2024-Q4"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2024"),
        ("2012/13", date(2012, 4, 1), date(2013, 3, 31), "2012/13"),
        ("FY2012/13", date(2012, 4, 1), date(2013, 3, 31), "FY2012/13"),
        ("fy 2024/25", date(2024, 4, 1), date(2025, 3, 31), "FY2024/25"),
        ("1999/00", date(1999, 4, 1), date(2000, 3, 31), "1999/00"),
    ],
)
def test_periods_as_plans_write_them(text: str, start: date, end: date, shown: str) -> None:
    parsed = parse_plan_date(text)
    assert (parsed.start, parsed.end, str(parsed)) == (start, end, shown)
    assert not parsed.is_day and not parsed.month_only


def test_financial_year_follows_the_configured_start_month() -> None:
    january = parse_plan_date("2012/13", financial_year_start=1)
    assert (january.start, january.end) == (date(2012, 1, 1), date(2012, 12, 31))
    july = parse_plan_date("FY2012/13", financial_year_start=7)
    assert (july.start, july.end, str(july)) == (date(2012, 7, 1), date(2013, 6, 30), "FY2012/13")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2012/14", "after 2012 comes 13"),
        ("1999/01", "after 1999 comes 00"),
        ("1899/00", "not a plausible year"),
        ("2999/00", "ends after 2999"),
        ("3000", "not a plausible year"),
        ("3000-Q1", "not a plausible year"),
    ],
)
def test_impossible_periods_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_plan_date(text)
    assert reason in str(raised.value) and ACCEPTED_FORMS in str(raised.value)


_years = st.integers(1900, 2998)
_fy_starts = st.integers(1, 12)


@given(year=_years, quarter=st.integers(1, 4))
def test_a_quarter_is_its_three_months(year: int, quarter: int) -> None:
    parsed = parse_plan_date(f"{year}-Q{quarter}")
    assert parsed.start == date(year, quarter * 3 - 2, 1)
    assert parsed.end == month_end(year, quarter * 3)
    assert parse_plan_date(f"{year}-{quarter * 3:02d}") < parsed  # ends with its last month, less precise
    assert parse_plan_date(str(parsed)) == parsed


@given(year=_years, start_month=_fy_starts, prefixed=st.booleans())
def test_a_financial_year_is_twelve_months_from_its_start(year: int, start_month: int, prefixed: bool) -> None:
    text = f"{'FY' if prefixed else ''}{year}/{(year + 1) % 100:02d}"
    parsed = parse_plan_date(text, start_month)
    assert parsed.start == date(year, start_month, 1)
    assert parsed.end + timedelta(days=1) == add_months(parsed.start, 12)
    assert str(parsed) == text  # shown as written
    assert parse_plan_date(str(parsed), start_month) == parsed


@given(year=_years)
def test_a_year_covers_every_day_in_it(year: int) -> None:
    parsed = parse_plan_date(str(year))
    assert (parsed.start, parsed.end) == (date(year, 1, 1), date(year, 12, 31))
    assert all(PlanDate.day(date(year, m, 1)) < parsed for m in range(1, 13))


_any_written = st.one_of(
    _valid_texts,
    st.builds(lambda y, q: f"{y}-Q{q}", _years, st.integers(1, 4)),
    _years.map(str),
    st.builds(lambda y, p: f"{p}{y}/{(y + 1) % 100:02d}", _years, st.sampled_from(["", "FY"])),
)


@given(st.lists(_any_written, min_size=1, max_size=8), _fy_starts)
def test_every_form_round_trips_and_sorts_by_its_last_day(texts: list[str], start_month: int) -> None:
    parsed = [parse_plan_date(text, start_month) for text in texts]
    assert [str(p) for p in parsed] == [t.replace("q", "Q") for t in texts]
    ordered = sorted(parsed)
    assert [p.end for p in ordered] == sorted(p.end for p in parsed)
    for date_ in parsed:
        assert date_.start <= date_.end
