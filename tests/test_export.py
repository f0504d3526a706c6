"""``plantool export``: CSV for Excel, JSON as ``list`` gives it, and iCalendar for a lead's calendar.

Golden files (``tests/golden/report/export.csv``, ``export.ics``) pin the
bytes; the other tests say what the bytes must mean. The fixture plans are
hostile on purpose (see ``test_report.py``). ``PLANTOOL_UPDATE_GOLDEN=1``
rewrites the golden files.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from conftest import assert_golden
from plantool.cli import app
from plantool.render.ics import uid

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "report"
FIXTURE_ARG = "tests/golden/report/plans"
AS_OF = "2024-10-15"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)


def export(*args: str, plans: str = FIXTURE_ARG, as_of: str = AS_OF) -> bytes:
    result = CliRunner().invoke(app, ["export", "--plans", plans, "--as-of", as_of, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def calendar_events(data: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(data)
    return [
        {
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
        }
        for event in calendar.walk("VEVENT")
    ]


# ---------------------------------------------------------------------------
# CSV


def test_csv_matches_golden() -> None:
    assert_golden("report/export.csv", export("--format", "csv"))


def test_csv_opens_cleanly_in_excel() -> None:
    data = export("--format", "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM tells Excel the file is UTF-8
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 13  # one row per action
    assert text.startswith("ref,plan,") and text.split("\n", 1)[0].endswith("\r") and text.endswith("\r\n")
    by_ref = {row["ref"]: row for row in rows}
    assert by_ref["example-dev/1.1"]["due"] == "2024-12-31"  # ISO, a due month as its last day
    assert by_ref["example-dev/2.4"]["due"] == ""
    # Cells a spreadsheet would run as a formula are neutralised; the text is kept.
    assert by_ref["example-dev/2.1"]["title"] == '\'=HYPERLINK("http://example.invalid","click me")'
    assert by_ref["example-dev/2.1"]["latest_update"] == "'@SUM(A1:A9) is not a formula here"
    assert by_ref["example-dev/2.3"]["latest_update"].startswith("'+44 ")
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@"), value


def test_csv_to_a_file_keeps_the_bom_and_crlf(tmp_path: Path) -> None:
    target = tmp_path / "actions.csv"
    export("-o", str(target))  # the format comes from the suffix
    assert target.read_bytes() == export("--format", "csv")


# ---------------------------------------------------------------------------
# JSON


@pytest.mark.parametrize(
    "filters",
    [(), ("--lead", "AB"), ("--overdue",), ("--status", "unrated", "--sort", "due"), ("--search", "script")],
    ids=lambda f: " ".join(f) or "all",
)
def test_json_is_what_list_gives(filters: tuple[str, ...]) -> None:
    listed = CliRunner().invoke(app, ["list", "--plans", FIXTURE_ARG, "--as-of", AS_OF, "--format", "json", *filters])
    assert listed.exit_code == 0, listed.output
    assert json.loads(export("--format", "json", *filters)) == json.loads(listed.stdout)


# ---------------------------------------------------------------------------
# iCalendar


def test_ics_matches_golden() -> None:
    assert_golden("report/export.ics", export("--format", "ics"))


def test_ics_has_one_all_day_event_per_open_dated_action_and_open_milestone() -> None:
    data = export("--format", "ics")
    events = calendar_events(data)
    summaries = sorted(str(e["summary"]).split(":")[0] for e in events)
    # Not 1.4, leaving-care.3 (BLUE) or 2.4 (no date); 2.2's met milestone neither.
    assert summaries == sorted([
        "example-dev/1.1", "example-dev/1.2", "example-dev/1.3", "example-dev/2.1", "example-dev/2.2",
        "example-dev/2.2 milestone", "example-dev/2.2 milestone", "example-dev/2.3",
        "example-inspection/leaving-care.1", "example-inspection/leaving-care.2",
        "example-inspection/supervision", "example-inspection/front-door.1",
    ])  # fmt: skip
    for event in events:
        start, end = event["start"], event["end"]
        assert type(start) is date and (end - start).days == 1  # type: ignore[operator]
    assert b"DTSTART;VALUE=DATE:20241231\r\n" in data
    assert [e["start"] for e in events] == sorted(e["start"] for e in events)  # type: ignore[type-var]


def test_ics_is_handed_over_an_event_at_a_time() -> None:
    # The calendar's head, then each event on its own, then its end: a large export is never one
    # tree of components in memory. Joined, the pieces are the file icalendar itself would write.
    from plantool.queries import select
    from plantool.render.ics import rows_ics
    from plantool.workspace import load_folder

    as_of = date(2024, 10, 15)
    workspace = load_folder(ROOT / FIXTURE_ARG)
    chunks = list(rows_ics(select(workspace, as_of), workspace.people, as_of))
    assert chunks[0].startswith(b"BEGIN:VCALENDAR\r\n") and b"BEGIN:VEVENT" not in chunks[0]
    assert chunks[-1] == b"END:VCALENDAR\r\n"
    events = chunks[1:-1]
    assert len(events) == 12
    assert all(e.startswith(b"BEGIN:VEVENT\r\n") and e.endswith(b"END:VEVENT\r\n") for e in events)
    assert len(calendar_events(b"".join(chunks))) == 12


def test_ics_text_cannot_start_a_property_or_an_event() -> None:
    data = export("--format", "ics")
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert lines.count(b"BEGIN:VEVENT") == lines.count(b"END:VEVENT") == len(calendar_events(data)) == 12
    assert not any(line.startswith((b"SUMMARY:injected", b"END:VEVENT\\", b"BEGIN:VEVENT\\")) for line in lines)
    (event,) = [e for e in calendar_events(data) if str(e["summary"]).startswith("example-dev/1.3")]
    assert "Line one of the update.\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected; by a newline, a comma" in str(
        event["description"]
    )
    assert "Leads: Asha Bell (AB)" in str(event["description"])


def test_ics_is_reproducible_and_its_uids_are_stable(tmp_path: Path) -> None:
    first = export("--format", "ics")
    assert export("--format", "ics") == first
    assert b"DTSTAMP:20241015T000000Z" in first
    events = calendar_events(first)
    assert len({e["uid"] for e in events}) == len(events)
    assert uid("example-dev/1.1") in {e["uid"] for e in events}
    # A later export, with the action renamed and its due date moved, updates the same event.
    plans = tmp_path / "plans"
    shutil.copytree(ROOT / FIXTURE_ARG, plans)
    plan = plans / "example-dev.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("title: Launch the practice academy", "title: Open the academy").replace(
            "due: 2024-12\n", "due: 2025-01\n", 1
        ),
        encoding="utf-8",
    )
    later = {e["uid"]: e for e in calendar_events(export("--format", "ics", plans=str(plans), as_of="2024-11-01"))}
    moved = later[uid("example-dev/1.1")]
    assert str(moved["summary"]) == "example-dev/1.1: Open the academy"
    assert moved["start"] == date(2025, 1, 31)


def test_ics_filters_apply() -> None:
    events = calendar_events(export("--format", "ics", "--lead", "GH"))
    assert sorted({str(e["summary"]).split(":")[0].split(" ")[0] for e in events}) == [
        "example-dev/2.2",
        "example-dev/2.3",
        "example-inspection/leaving-care.1",
    ]


# ---------------------------------------------------------------------------
# Usage


def test_format_from_suffix_and_usage_errors(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    export("-o", str(target))
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--plans", FIXTURE_ARG, "--lead", "nobody"])
    assert result.exit_code == 2 and "no lead 'nobody'" in result.stderr
    result = runner.invoke(app, ["export", "--plans", FIXTURE_ARG, "--due-before", "31/12/2024"])
    assert result.exit_code == 2 and "--due-before" in result.stderr
    assert runner.invoke(app, ["export", "--plans", FIXTURE_ARG, "--format", "pdf"]).exit_code == 2
