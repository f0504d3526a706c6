"""Reading returned forms and judging every row: the forms are filled in with openpyxl (or csv) as a lead would.

No Excel in the loop: ``plantool request`` writes the form, the test types into
cells, picks from the drop-down, leaves rows blank or edits a locked cell anyway,
and ``formread`` + ``forms.check_returned`` say what each row would do.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from formkit import PLAN, drop_down_choices, fill, make_plans, request
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from plantool.formread import FormUnreadable, read_form
from plantool.forms import Change, FormVerdict, Outcome, check_returned
from plantool.workspace import load_folder


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return make_plans(tmp_path)


@pytest.fixture
def form(plans: Path, tmp_path: Path) -> Path:
    return request(plans, tmp_path / "forms", "--lead", "GT") / "GT.xlsx"


def verdict(form: Path, plans: Path, *, force: bool = False) -> FormVerdict:
    return check_returned(read_form(form), load_folder(plans), force=force)


def outcomes(result: FormVerdict) -> list[tuple[int, str, str | None]]:
    return [(row.row, row.outcome.value, row.cell) for row in result.rows]


def test_a_form_round_trips_typed_text_and_a_status_picked_from_the_drop_down(form: Path, plans: Path) -> None:
    choices = drop_down_choices(load_workbook(form)["Update"], "I8")
    fill(form, {"I8": choices[choices.index("RED")], "J8": "Strategy delayed:\nboard moved to July."})
    result = verdict(form, plans)
    assert result.applicable
    assert outcomes(result) == [(8, "apply", None), (9, "skipped", "I9")]
    assert result.changes == [Change("demo-plan/1.1", "GT", "Strategy delayed:\nboard moved to July.", "RED", False)]
    assert result.rows[1].message == "nothing filled in"


def test_an_update_alone_keeps_the_status_and_a_status_alone_is_a_rating(form: Path, plans: Path) -> None:
    fill(form, {"J8": "  On course.  ", "I9": "green"})
    result = verdict(form, plans)
    assert result.changes == [
        Change("demo-plan/1.1", "GT", "On course.", None, False),
        Change("demo-plan/1.2", "GT", None, "GREEN", False),
    ]


def test_the_done_key_or_its_label_completes_the_item(form: Path, plans: Path) -> None:
    fill(form, {"I8": "Complete", "J8": "Published.", "I9": "blue"})
    assert [(change.status, change.complete) for change in verdict(form, plans).changes] == [
        ("BLUE", True),
        ("BLUE", True),
    ]


def test_the_current_status_again_with_no_update_changes_nothing(form: Path, plans: Path) -> None:
    fill(form, {"I8": "AMBER"})
    assert outcomes(verdict(form, plans))[0] == (8, "skipped", None)


def test_a_status_off_the_scale_is_refused_at_its_cell_and_refuses_the_form(form: Path, plans: Path) -> None:
    fill(form, {"I8": "PURPLE", "I9": "GREEN"})
    result = verdict(form, plans)
    assert outcomes(result) == [(8, "refused", "I8"), (9, "apply", None)]
    assert "status 'PURPLE' is not on the plan's scale (GREEN, AMBER, RED, BLUE)" in result.rows[0].message
    assert not result.applicable  # all or nothing


def test_an_edited_reference_is_refused(form: Path, plans: Path) -> None:
    fill(form, {"A9": "demo-plan/1.4", "I9": "RED"})
    result = verdict(form, plans)
    assert outcomes(result)[1] == (9, "refused", "A9")
    assert result.rows[1].message == "the reference was edited: sent as demo-plan/1.2, now 'demo-plan/1.4'"


def test_a_locked_cell_edited_anyway_is_said_and_not_taken(form: Path, plans: Path) -> None:
    sheet = load_workbook(form)["Update"]
    assert sheet["D8"].protection.locked and sheet["F8"].protection.locked
    fill(form, {"D8": "A better title", "F8": "GREEN", "J8": "Going well."})
    result = verdict(form, plans)
    assert result.applicable
    assert result.changes == [Change("demo-plan/1.1", "GT", "Going well.", None, False)]
    assert result.rows[0].notes == ("D8, F8 changed on the form; only New status and This month's update are taken",)


def test_an_item_changed_since_the_form_was_sent_is_refused_unless_forced(form: Path, plans: Path) -> None:
    fill(form, {"I8": "RED", "J8": "Late."})
    plan_file = plans / "demo-plan.yaml"
    plan_file.write_text(plan_file.read_text().replace("text: Draft written.", "text: Draft written and agreed."))
    result = verdict(form, plans)
    assert outcomes(result)[0] == (8, "refused", "A8")
    assert "has changed in the plan since the form was sent (as of 2024-06-01)" in result.rows[0].message
    forced = verdict(form, plans, force=True)
    assert forced.applicable and forced.changes[0].status == "RED"
    assert "applied anyway (--force)" in forced.rows[0].notes[0]


def test_a_blank_form_applies_nothing_and_refuses_nothing(form: Path, plans: Path) -> None:
    result = verdict(form, plans)
    assert result.applicable and result.changes == []
    assert [row.outcome for row in result.rows] == [Outcome.SKIPPED, Outcome.SKIPPED]


def test_a_form_for_another_plans_folder_is_refused_whole(form: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    other = make_plans(tmp_path / "elsewhere", PLAN.replace("id: demo-plan", "id: other-plan"))
    fill(form, {"I8": "RED"})
    result = verdict(form, other)
    assert not result.applicable and result.rows == ()
    assert result.refused == (
        "this form was made for another plans folder: it is for demo-plan, and this folder's plans are other-plan"
    )


def test_an_answer_on_a_row_the_form_did_not_send_is_refused(form: Path, plans: Path) -> None:
    fill(form, {"A10": "demo-plan/1.4", "I10": "GREEN", "A12": "Sorry this is late!"})
    result = verdict(form, plans)
    assert outcomes(result)[2:] == [(10, "refused", "A10"), (12, "skipped", "A12")]
    assert "text outside the form's rows, not taken: 'Sorry this is late!'" in result.rows[3].message


def test_a_control_character_in_an_update_is_refused_at_its_cell(form: Path, plans: Path) -> None:
    fill(form, {"J8": "Done \u202eti ees"})  # a right-to-left override: invisible, and turns text round
    result = verdict(form, plans)
    assert outcomes(result)[0] == (8, "refused", "J8")
    assert "an invisible control character (U+202E)" in result.rows[0].message


def test_a_cell_excel_turned_into_a_number_or_a_date_reads_as_the_lead_saw_it(form: Path, plans: Path) -> None:
    from datetime import datetime

    workbook = load_workbook(form)
    workbook["Update"]["J8"] = 42.0
    workbook["Update"]["J9"] = datetime(2024, 5, 3)
    workbook.save(form)
    assert [change.note for change in verdict(form, plans).changes] == ["42", "2024-05-03"]


def test_a_csv_form_round_trips_too(plans: Path, tmp_path: Path) -> None:
    path = request(plans, tmp_path / "forms", "--lead", "GT", "--format", "csv") / "GT.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    rows[7][8:10] = ["red", "Late, as said."]
    rows[8][0] = "demo-plan/1.3"  # an edited reference
    # Saved by Excel as plain "CSV": the machine's code page, no byte order mark.
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().replace("Late", "Lat\u00e9").encode("cp1252"))
    result = verdict(path, plans)
    assert outcomes(result) == [(8, "apply", None), (9, "refused", "A9")]
    assert result.rows[0].change == Change("demo-plan/1.1", "GT", "Lat\u00e9, as said.", "RED", False)
    assert result.rows[0].notes == ()  # the neutralised formula-like title reads back as sent


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.xlsx", b"not a zip", "it is not a workbook"),
        ("notes.csv", b"Reference,Status\n1.1,RED\n", "it is not a plantool update form"),
        ("binary.csv", b"\x81\x8d\x8f\x90\x9d", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_a_file_that_is_not_a_form_is_unreadable_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(FormUnreadable, match=reason):
        read_form(path)


def test_a_workbook_that_is_not_a_form_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "Budget"  # type: ignore[index]
    workbook.save(path)
    with pytest.raises(FormUnreadable, match="not a plantool update form"):
        read_form(path)


_TYPED = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\u202a\u202b\u202c\u202d\u202e")
    | st.sampled_from("\n\t\r"),
    max_size=80,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(typed="'=SUM(A1)", status="")  # as typed, though the form writes its own '=' cells that way
@given(typed=_TYPED, status=st.sampled_from(["", "red", " Amber ", "BLUE", "Complete", "on target for delivery"]))
def test_whatever_a_lead_types_round_trips_through_a_csv_form(tmp_path: Path, typed: str, status: str) -> None:
    plans = tmp_path / "plans"
    if not plans.exists():
        make_plans(tmp_path)
    path = tmp_path / "forms" / "GT.csv"
    if not path.exists():
        request(plans, tmp_path / "forms", "--lead", "GT", "--format", "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    rows[8][8:10] = [status, typed]
    filled = tmp_path / "filled.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    filled.write_text(buffer.getvalue(), encoding="utf-8")
    result = verdict(filled, plans)
    (row,) = [row for row in result.rows if row.row == 9]
    note = "\n".join(line.rstrip() for line in typed.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    if not note and not status.strip():
        assert row.outcome is Outcome.SKIPPED
        return
    assert row.outcome is Outcome.APPLY, row.message
    assert row.change is not None
    assert row.change.note == (note or None)
    expected = {"red": "RED", "amber": "AMBER", "blue": "BLUE", "complete": "BLUE", "on target for delivery": "GREEN"}
    assert row.change.status == expected.get(status.strip().casefold())
