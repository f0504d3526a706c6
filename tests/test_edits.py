"""edits.py: each change makes exactly the text a careful person would write, and nothing else changes."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from plantool import edits
from plantool.edits import EditError, InvalidEdit
from plantool.loader import load_text
from plantool.yamlread import read_yaml


def plan(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


SMALL = plan(
    """
    # yaml-language-server: $schema=../schemas/plan.schema.json
    plan:
      id: small
      title: A small plan
      updated: 2023-05   # the last round

    priorities:
      - id: "SP1"
        title: First priority
        actions:
          - id: "1.1"
            title: Write the strategy
            leads: ["GT"]
            due: 2024-03  # as agreed
            # the pilot's progress
            updates:
              - date: 2023-05
                text: Started.
          - id: "1.2"
            title: Hire staff
    """
)

FINDINGS = plan(
    """
    plan:
      id: insp
      title: Inspection plan
    findings:
      - id: da
        title: Domestic abuse
        leads: [GT]
        due: 2024-03
        actions:
          - id: "1"
            title: Review the strategy
      - id: lone
        title: A finding with no actions
        updates: []
    """
)


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_update_appends_after_the_last_update_in_the_lists_own_style() -> None:
    new = edits.update(SMALL, "1.1", note="Consultation closed.", on=date(2023, 6, 14))
    removed, added = changed_lines(SMALL, new)
    assert removed == ["  updated: 2023-05   # the last round\n"]
    assert added == [
        "  updated: 2023-06   # the last round\n",
        "          - date: 2023-06-14\n",
        "            text: Consultation closed.\n",
    ]


def test_update_with_a_status_sets_it_beside_the_due_date_and_records_it_on_the_update() -> None:
    new = edits.update(SMALL, "small/1.1", note="Behind.", on=date(2023, 6, 1), status="amber", by="GT")
    assert "        due: 2024-03  # as agreed\n        status: AMBER\n        # the pilot's progress\n" in new
    assert (
        "          - date: 2023-06-01\n            text: Behind.\n            status: AMBER\n            by: GT\n"
        in new
    )


def test_updated_is_bumped_only_when_newer_and_keeps_its_form() -> None:
    same_month = edits.update(SMALL, "1.1", note="x", on=date(2023, 5, 20))
    assert "updated: 2023-05   #" in same_month
    older = edits.update(SMALL, "1.1", note="x", on=date(2023, 1, 20))
    assert "updated: 2023-05   #" in older
    no_updated = edits.update(FINDINGS, "da.1", note="x", on=date(2023, 6, 1))
    assert "updated" not in no_updated


def test_first_update_of_an_action_makes_the_list() -> None:
    new = edits.update(SMALL, "1.2", note="Advert out.", on=date(2023, 6, 1))
    assert new.endswith(
        "        title: Hire staff\n        updates:\n          - date: 2023-06-01\n            text: Advert out.\n"
    )


def test_a_flow_list_takes_a_flow_entry() -> None:
    new = edits.update(FINDINGS, "lone", note="Done: all of it, [really]", on=date(2023, 6, 1))
    assert "    updates: [{date: 2023-06-01, text: 'Done: all of it, [really]'}]\n" in new


@pytest.mark.parametrize(
    ("note", "written"),
    [
        ("NO", "'NO'"),
        ("1.10", "'1.10'"),
        ("yes", "'yes'"),
        ("a: #b", "'a: #b'"),
        ("~", "'~'"),
        ("- x", "'- x'"),
        ('it\'s "quoted"', 'it\'s "quoted"'),
        (" leading space", "' leading space'"),
        ("tab\there", '"tab\\there"'),
    ],
)
def test_text_is_written_so_it_reads_back_exactly(note: str, written: str) -> None:
    new = edits.update(SMALL, "1.1", note=note, on=date(2023, 6, 1))
    assert f"            text: {written}\n" in new
    loaded = load_text(new, "x.yaml")
    assert loaded.plan is not None
    assert loaded.plan.priorities[0].actions[0].updates[-1].text == note


def test_a_note_of_several_lines_is_a_literal_block() -> None:
    new = edits.update(SMALL, "1.1", note="First line.\nSecond: line.", on=date(2023, 6, 1))
    assert "            text: |-\n              First line.\n              Second: line.\n" in new


def test_crlf_bom_and_a_missing_final_line_break_are_kept() -> None:
    original = "\ufeff" + SMALL.replace("\n", "\r\n").removesuffix("\r\n")
    new = edits.update(original, "1.2", note="x", on=date(2023, 6, 1))
    assert new.startswith("\ufeff# yaml-language-server")
    assert "\n" not in new.replace("\r\n", "")
    assert new.endswith(
        "        title: Hire staff\r\n        updates:\r\n          - date: 2023-06-01\r\n            text: x\r\n"
    )


def test_rate_replaces_the_value_keeping_its_quotes_and_comment() -> None:
    text = SMALL.replace(
        "        due: 2024-03  # as agreed\n", '        due: 2024-03  # as agreed\n        status: "GREEN"  # said JT\n'
    )
    new = edits.rate(text, "1.1", "red")
    assert changed_lines(text, new) == (
        ['        status: "GREEN"  # said JT\n'],
        ['        status: "RED"  # said JT\n'],
    )


def test_rate_fills_an_empty_status() -> None:
    text = SMALL.replace("        title: Hire staff\n", "        title: Hire staff\n        status:\n")
    assert edits.rate(text, "1.2", "Blue").endswith("        status: BLUE\n")


def test_complete_sets_the_done_key_and_the_day_and_keeps_a_note() -> None:
    new = edits.complete(SMALL, "1.1", on=date(2023, 9, 30), note="Signed off by the board.")
    removed, added = changed_lines(SMALL, new)
    assert removed == ["  updated: 2023-05   # the last round\n"]
    assert added == [
        "  updated: 2023-09   # the last round\n",
        "        status: BLUE\n",
        "        completed: 2023-09-30\n",
        "          - date: 2023-09-30\n",
        "            text: Signed off by the board.\n",
        "            status: BLUE\n",
    ]


def test_move_keeps_the_old_date_and_the_reason_as_an_update() -> None:
    new = edits.move(SMALL, "1.1", due="2024-06", reason="Funding delayed", on=date(2023, 6, 1))
    assert "        due: 2024-06  # as agreed\n" in new
    assert "            text: 'Due date moved from 2024-03 to 2024-06: Funding delayed'\n" in new


def test_move_of_an_action_that_inherits_its_findings_date_gives_it_its_own() -> None:
    new = edits.move(FINDINGS, "da.1", due="2024-09-30", reason="Waiting for the PCC", on=date(2023, 6, 1))
    assert "        title: Review the strategy\n        due: 2024-09-30\n        updates:\n" in new
    assert "Due date moved from 2024-03 to 2024-09-30: Waiting for the PCC" in new


def test_move_to_the_same_date_is_refused() -> None:
    with pytest.raises(EditError, match="already due 2024-03"):
        edits.move(SMALL, "1.1", due="2024-03", reason="no change", on=date(2023, 6, 1))


def test_assign_replaces_the_leads_in_their_own_quoting() -> None:
    new = edits.assign(SMALL, "1.1", leads=["JT", "NO"])
    assert changed_lines(SMALL, new) == (['        leads: ["GT"]\n'], ['        leads: ["JT", "NO"]\n'])
    block = SMALL.replace('        leads: ["GT"]\n', "        leads:\n          - GT  # interim\n")
    new = edits.assign(block, "1.1", leads=["JT", "ON"])
    assert "        leads:\n          - JT\n          - 'ON'  # interim\n" in new


def test_add_appends_an_action_in_the_siblings_style() -> None:
    new = edits.add_action(SMALL, "SP1", id="1.3", title="Review: annually", leads=["GT"], due="2024-03")
    assert new.endswith(
        '        title: Hire staff\n      - id: "1.3"\n        title: \'Review: annually\'\n        leads: ["GT"]\n'
        "        due: 2024-03\n"
    )


def test_add_under_a_finding_with_no_actions_starts_its_list() -> None:
    new = edits.add_action(FINDINGS, "lone", id="1", title="First step")
    assert new.endswith("    updates: []\n    actions:\n      - id: '1'\n        title: First step\n")


def test_add_refuses_an_id_already_used() -> None:
    with pytest.raises(InvalidEdit, match=r"already has an action '1\.2'"):
        edits.add_action(SMALL, "SP1", id="1.2", title="Again")


def test_add_refuses_what_would_not_load() -> None:
    with pytest.raises(InvalidEdit, match=r"would leave .* invalid") as refused:
        edits.add_action(SMALL, "SP1", id="bad id", title="x")
    assert "not a valid id" in str(refused.value)


def test_a_file_that_does_not_load_is_not_changed() -> None:
    broken = SMALL.replace("        title: Hire staff\n", "        title: Hire staff\n        lead: GT\n")
    with pytest.raises(InvalidEdit, match="does not load cleanly") as refused:
        edits.rate(broken, "1.1", "GREEN")
    assert "unknown key 'lead'; did you mean 'leads'?" in str(refused.value)


def test_unknown_references_and_statuses_are_usage_errors() -> None:
    with pytest.raises(EditError, match=r"has no action, finding or priority '9\.9'"):
        edits.rate(SMALL, "9.9", "GREEN")
    with pytest.raises(
        EditError, match=r"'PURPLE' is not on the plan's status scale; use one of GREEN, AMBER, RED, BLUE"
    ):
        edits.rate(SMALL, "1.1", "PURPLE")


def test_new_plan_loads_at_once() -> None:
    text = edits.new_plan("fostering-2025", "Fostering: sufficiency", kind="inspection")
    assert text == (
        "# yaml-language-server: $schema=../schemas/plan.schema.json\n"
        "plan:\n  id: fostering-2025\n  title: 'Fostering: sufficiency'\nfindings: []\n"
    )
    assert load_text(text, "x.yaml").plan is not None


def test_the_reader_sees_exactly_the_intended_data() -> None:
    new = edits.update(SMALL, "1.1", note="x", on=date(2023, 6, 1), status="GREEN")
    before, after = read_yaml(SMALL).data, read_yaml(new).data
    action = before["priorities"][0]["actions"][0]
    action["status"] = "GREEN"
    action["updates"].append({"date": "2023-06-01", "text": "x", "status": "GREEN"})
    before["plan"]["updated"] = "2023-06"
    assert after == before


NUMERIC_SCALE = plan(
    """
    plan:
      id: lscb
      title: A review on a numeric scale
      scale:
        - {key: "1", label: Fully achieved, means: done}
        - {key: "2", label: On track, means: on-track}
        - {key: "4", label: No progress, means: off-track}
    priorities:
      - id: P1
        title: Safer recruitment
        actions:
          - id: "1"
            title: Audit the files
            status: "4"
    """
)


def test_statuses_are_the_plans_own_scale_keys_or_labels() -> None:
    assert 'status: "2"' in edits.rate(NUMERIC_SCALE, "1", "2")
    assert 'status: "2"' in edits.rate(NUMERIC_SCALE, "1", "on track")
    with pytest.raises(EditError, match="use one of 1, 2, 4"):
        edits.rate(NUMERIC_SCALE, "1", "GREEN")


def test_complete_writes_the_key_that_means_done_on_the_plans_scale() -> None:
    done = edits.complete(NUMERIC_SCALE, "1", on=date(2024, 1, 31))
    assert 'status: "1"' in done
    assert "completed: 2024-01-31" in done
