"""The import's cell readers: dates as plans write them, RAG words and colours, leads, headings, encodings."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantool.importing.cells import ImportFailure, clean_text, column_letter, column_number
from plantool.importing.csvfile import decode, read_csv
from plantool.importing.headings import Field, parse_map, recognise
from plantool.importing.leads import Directory, Entry, split_leads
from plantool.importing.values import heading_month, leading_date, read_due, read_status, status_of_colour
from plantool.importing.writer import scalar
from plantool.problems import PlantoolError


@pytest.mark.parametrize(
    ("text", "written", "end"),
    [
        ("2024-03-31", "2024-03-31", date(2024, 3, 31)),
        ("2024-03", "2024-03", date(2024, 3, 31)),
        ("July 2023", "2023-07", date(2023, 7, 31)),
        ("Jul-23", "2023-07", date(2023, 7, 31)),
        ("Jul 2023", "2023-07", date(2023, 7, 31)),
        ("Sept 23", "2023-09", date(2023, 9, 30)),
        ("Apr 2024", "2024-04", date(2024, 4, 30)),
        ("31/03/2024", "2024-03-31", date(2024, 3, 31)),
        ("1/4/24", "2024-04-01", date(2024, 4, 1)),
        ("12/07/2023", "2023-07-12", date(2023, 7, 12)),  # day first, as UK plans write it
        ("31st March 2024", "2024-03-31", date(2024, 3, 31)),
        ("Q1 2024/25", "2024-Q2", date(2024, 6, 30)),  # the financial year's first quarter: April-June
        ("Q4 2023/24", "2024-Q1", date(2024, 3, 31)),
        ("Q3 2023", "2023-Q3", date(2023, 9, 30)),
        ("2024-Q1", "2024-Q1", date(2024, 3, 31)),
        ("2023/24", "2023/24", date(2024, 3, 31)),
        ("2023/2024", "2023/24", date(2024, 3, 31)),
        ("FY2012/13", "2012/13", date(2013, 3, 31)),
        ("2025", "2025", date(2025, 12, 31)),
        ("by end of March 2024", "2024-03", date(2024, 3, 31)),
        ("End March 2024", "2024-03", date(2024, 3, 31)),
    ],
)
def test_dates_as_plans_write_them(text: str, written: str, end: date) -> None:
    due = read_due(text)
    assert due is not None
    assert (due.written, due.end) == (written, end)


def test_end_of_march_needs_the_plans_year() -> None:
    assert read_due("end of March") is None
    due = read_due("end of March", plan_year=2023)
    assert due is not None and due.written == "2024-03"  # March of the year 2023/24
    due = read_due("end of September", plan_year=2023)
    assert due is not None and due.written == "2023-09"


@pytest.mark.parametrize(
    "text",
    ["Ongoing", "Monthly", "TBC", "31/02/2024", "2023/25", "FY24", "Q5 2024", "September 2023 (Strategy) / December 2023",
     "March 2024 and ongoing", "To be confirmed in the Children and Social Work Act", "13/13/2023", "0", "1999-2000x"],
)  # fmt: skip
def test_anything_else_is_not_a_date(text: str) -> None:
    assert read_due(text) is None


@given(st.text(max_size=40))
def test_a_date_read_is_always_one_the_plan_format_can_hold(text: str) -> None:
    due = read_due(text, plan_year=2023)
    if due is not None:
        assert 1900 <= due.end.year <= 2999
        assert due.written.strip() == due.written and due.written


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2900, 12, 31)))
def test_a_uk_day_reads_back_as_that_day(day: date) -> None:
    due = read_due(day.strftime("%d/%m/%Y"))
    assert due is not None and due.end == day and due.written == day.isoformat()


def test_updates_dated_by_their_opening_words_or_their_heading() -> None:
    dated = leading_date("Jan 2023: Tender awarded to the provider")
    assert dated is not None and dated[0].written == "2023-01" and dated[1] == "Tender awarded to the provider"
    assert leading_date("Meeting held in January with partners") is None
    heading = heading_month("Update mid-April 23")
    assert heading is not None and heading.written == "2023-04"


@pytest.mark.parametrize(
    ("text", "status"),
    [("Green", "GREEN"), ("AMBER", "AMBER"), ("red", "RED"), ("Blue", "BLUE"), ("Complete", "BLUE"), ("G", "GREEN"),
     ("Amber - some slippage", "AMBER"), ("on track", "GREEN"), ("In progress", None), ("", None), ("Greenish", None)],
)  # fmt: skip
def test_rag_words_in_any_case(text: str, status: str | None) -> None:
    assert read_status(text) == status


@pytest.mark.parametrize(
    ("rgb", "status"),
    [("00B050", "GREEN"), ("92D050", "GREEN"), ("FFC000", "AMBER"), ("FFFF00", "AMBER"), ("FF0000", "RED"),
     ("C00000", "RED"), ("0070C0", "BLUE"), ("00B0F0", "BLUE"), ("FFFFFF", None), ("D9D9D9", None), ("000000", None)],
)  # fmt: skip
def test_rag_colours(rgb: str, status: str | None) -> None:
    assert status_of_colour(rgb) == status


def leads(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(lead.id, lead.name, lead.role) for lead in split_leads(text)]


def test_role_and_name_joined_by_slash_and_new_lines() -> None:
    text = "Director of Practice - Jenny Turnross / \nAssistant Director – Alison Holmes"
    assert leads(text) == [
        (None, "Jenny Turnross", "Director of Practice"),
        (None, "Alison Holmes", "Assistant Director"),
    ]


def test_an_ampersand_inside_a_role_does_not_split_it() -> None:
    text = "Director of Commissioning & Corporate Parenting - David Stringfellow"
    assert leads(text) == [(None, "David Stringfellow", "Director of Commissioning & Corporate Parenting")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("JT & AxB", [("JT", None, None), ("AxB", None, None)]),
     ("GT and LJ", [("GT", None, None), ("LJ", None, None)]),
     ("DoP / AxB", [("DoP", None, None), ("AxB", None, None)]),
     ("David Stringfellow and Lisa Jamieson", [(None, "David Stringfellow", None), (None, "Lisa Jamieson", None)]),
     ("GT\nLJ", [("GT", None, None), ("LJ", None, None)]),
     ("Head of Service", [(None, None, "Head of Service")]),
     ("YOS Board", [(None, None, "YOS Board")]),
     ("GT / GT", [("GT", None, None)])],
)  # fmt: skip
def test_several_leads(text: str, expected: list[tuple[str | None, str | None, str | None]]) -> None:
    assert leads(text) == expected


def test_people_are_matched_never_duplicated_and_never_named_by_invention() -> None:
    directory = Directory([Entry("AxB", "Alison Brown", "AD"), Entry("JT", "Jenny Turnross", aliases=("DoP",))])
    ids = [directory.resolve(lead).id for lead in split_leads("Interim AD - Alison Brown / DoP / LH / Andrew Black")]
    assert ids == ["AxB", "JT", "LH", "AB"]
    new = {entry.id: entry for entry in directory.added}
    assert new["LH"].name is None  # initials only: no name invented
    assert new["AB"].name == "Andrew Black"
    # A second person with the same initials gets their own id.
    other = directory.resolve(split_leads("Amy Bell")[0])
    assert other.id == "AmB"
    assert directory.resolve(split_leads("Andrew Black")[0]) is new["AB"]


@pytest.mark.parametrize(
    ("heading", "field"),
    [("Action", Field.ACTION), ("Actions", Field.ACTION), ("What", Field.ACTION), ("Lead(s)", Field.LEAD),
     ("Who", Field.LEAD), ("Responsibility", Field.LEAD), ("Lead officer", Field.LEAD), ("By when", Field.DUE),
     ("Target date", Field.DUE), ("Timescale", Field.DUE), ("Completion date", Field.DUE), ("Date to complete", Field.DUE),
     ("Date", Field.DUE), ("RAG", Field.STATUS), ("RAG Status", Field.STATUS), ("RAG rating", Field.STATUS),
     ("Status", Field.STATUS), ("Progress", Field.UPDATE), ("Progress update", Field.UPDATE), ("Comments", Field.UPDATE),
     ("Update", Field.UPDATE), ("Update mid-April 23", Field.UPDATE), ("Areas for improvement", Field.FINDING),
     ("LEAD:", Field.LEAD), ("Lead / Responsibility", Field.LEAD), ("Colour", None), ("", None)],
)  # fmt: skip
def test_headings(heading: str, field: Field | None) -> None:
    assert recognise(heading) is field


def test_map_names_columns_by_letter_or_number() -> None:
    assert parse_map("action=B,lead=c,due=4") == {Field.ACTION: 2, Field.LEAD: 3, Field.DUE: 4}
    for bad in ("actoin=B", "action", "action=B2"):
        with pytest.raises(PlantoolError, match="--map"):
            parse_map(bad)


@given(st.integers(min_value=1, max_value=5000))
def test_column_letters_round_trip(number: int) -> None:
    assert column_number(column_letter(number)) == number


def test_csv_encodings_excel_writes() -> None:
    text = "Action,Lead\nRéview the café’s offer,Zoë Smith\n"
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "f.csv")[1] == "UTF-8 (with BOM)"
    assert decode(text.encode("utf-8"), "f.csv") == (text, "UTF-8")
    assert decode(text.encode("cp1252"), "f.csv") == (text, "Windows-1252")
    assert decode(text.encode("utf-16"), "f.csv") == (text, "UTF-16")


def test_csv_whose_encoding_cannot_be_told_says_so() -> None:
    data = "Action,Lead\nПлан,Іван\n".encode("cp1251") + b"\x81"
    with pytest.raises(ImportFailure, match=r"cannot tell the encoding of f\.csv.*--encoding"):
        decode(data, "f.csv")
    assert decode(data, "f.csv", "cp1251")[0].startswith("Action,Lead\nПлан")


def test_csv_delimiters_and_quoted_new_lines() -> None:
    grid, _ = read_csv(b'Action;Lead\n"Two\nlines";GT\n', "f.csv")
    assert [[cell.text for cell in row] for row in grid.rows] == [["Action", "Lead"], ["Two\nlines", "GT"]]
    assert grid.where(grid.rows[1][1]) == "f.csv, row 2, column B"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_cell_text_is_written_so_it_reads_back_as_the_same_text(raw: str) -> None:
    from plantool.loader import load_text

    text = clean_text(raw)
    loaded = load_text(f"people:\n  - id: X\n    name: {scalar(text)}\n", "p.yaml")
    if text:
        assert loaded.people is not None, loaded.problems
        assert loaded.people.people[0].name == text
