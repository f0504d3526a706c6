"""``plantool collect``: returned forms into the plan files, through the write commands, each form whole or not at all.

Forms are sent with ``plantool request``, filled in with openpyxl as a lead
would, and collected; the plan file is then read back (and compared line by
line with what it was) to show that only the change changed.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from formkit import PLAN, fill, make_plans, request, run

import plantool.collecting
from plantool.collecting import Collector
from plantool.workspace import load_folder

COLLECT_DAY = "2024-06-10"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return make_plans(tmp_path)


@pytest.fixture
def forms(plans: Path, tmp_path: Path) -> Path:
    return request(plans, tmp_path / "forms")


def collect(plans: Path, *args: str) -> tuple[int, str, str]:
    return run("collect", "--plans", str(plans), "--as-of", COLLECT_DAY, *args)


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def item(plans: Path, ref: str) -> plantool.Item:
    return next(found for found in load_folder(plans).items if found.ref == ref)


def test_a_filled_form_lands_in_the_plan_as_an_update_by_the_lead(plans: Path, forms: Path) -> None:
    plan_file = plans / "demo-plan.yaml"
    before = plan_file.read_text()
    fill(forms / "GT.xlsx", {"I8": "RED", "J8": "Board moved to July."})
    code, stdout, stderr = collect(plans, str(forms / "GT.xlsx"))
    assert code == 0, stdout + stderr
    assert "row 8  demo-plan/1.1  apply: status RED, update 'Board moved to July.'" in stdout
    assert "row 9  demo-plan/1.2  skipped: nothing filled in (I9)" in stdout
    assert "1 form: 1 row applied, 1 skipped, 0 refused" in stdout
    changed = item(plans, "demo-plan/1.1")
    assert changed.status is not None and changed.status.value == "RED"
    latest = changed.updates[-1]
    assert (str(latest.date), latest.text, latest.by) == (COLLECT_DAY, "Board moved to July.", "GT")
    assert latest.status is not None and latest.status.value == "RED"
    assert changed_lines(before, plan_file.read_text()) == [
        "-  updated: 2024-05",
        "+  updated: 2024-06",  # the plan writes a month, so it stays one
        "-        status: AMBER",
        "+        status: RED",
        "+          - date: 2024-06-10",
        "+            text: Board moved to July.",
        "+            status: RED",
        "+            by: GT",
    ]


def test_dry_run_prints_the_whole_change_and_writes_nothing(plans: Path, forms: Path) -> None:
    plan_file = plans / "demo-plan.yaml"
    before = plan_file.read_bytes()
    fill(forms / "GT.xlsx", {"J9": "Started."})
    code, stdout, _ = collect(plans, "--dry-run", str(forms / "GT.xlsx"))
    assert code == 0
    assert plan_file.read_bytes() == before
    assert "would apply: update 'Started.'" in stdout
    assert "--- a/" in stdout and "+++ b/" in stdout and "+          - date: 2024-06-10" in stdout
    assert "1 form: 1 row would be applied, 1 skipped, 0 refused" in stdout


def test_one_refused_row_holds_back_the_whole_form(plans: Path, forms: Path) -> None:
    plan_file = plans / "demo-plan.yaml"
    before = plan_file.read_bytes()
    fill(forms / "GT.xlsx", {"I8": "PURPLE", "J9": "Started."})
    code, stdout, _ = collect(plans, str(forms / "GT.xlsx"))
    assert code == 1
    assert plan_file.read_bytes() == before
    assert "row 8  demo-plan/1.1  refused: I8: status 'PURPLE' is not on the plan's scale" in stdout
    assert "not applied: 1 row refused" in stdout
    assert "1 form: 0 rows applied, 0 skipped, 1 refused; 1 form not applied (holding 1 row" in stdout


def test_collecting_a_form_twice_does_not_apply_it_twice(plans: Path, forms: Path) -> None:
    fill(forms / "GT.xlsx", {"J8": "Going well."})
    assert collect(plans, str(forms / "GT.xlsx"))[0] == 0
    after_first = (plans / "demo-plan.yaml").read_bytes()
    code, stdout, _ = collect(plans, str(forms / "GT.xlsx"))
    assert code == 1
    assert "has changed in the plan since the form was sent" in stdout
    assert (plans / "demo-plan.yaml").read_bytes() == after_first


def test_two_leads_answering_for_one_shared_action_cannot_both_land_unseen(plans: Path, forms: Path) -> None:
    fill(forms / "GT.xlsx", {"I9": "GREEN"})
    fill(forms / "LJ.xlsx", {"I8": "RED", "J9": "Not started."})  # row 8 is the shared 1.2
    for extra in (("--dry-run",), ()):
        code, stdout, _ = collect(plans, *extra, str(forms / "GT.xlsx"), str(forms / "LJ.xlsx"))
        assert code == 1
        assert "row 8  demo-plan/1.2  refused: A8: demo-plan/1.2 has changed in the plan since" in stdout
    assert item(plans, "demo-plan/1.2").status.value == "GREEN"  # type: ignore[union-attr]
    assert not item(plans, "demo-plan/1.4").updates  # LJ's form was held back whole
    code, stdout, _ = collect(plans, "--force", str(forms / "LJ.xlsx"))
    assert code == 0, stdout
    assert item(plans, "demo-plan/1.2").status.value == "RED"  # type: ignore[union-attr]
    assert "applied anyway (--force)" in stdout


def test_the_done_key_completes_the_action(plans: Path, forms: Path) -> None:
    fill(forms / "GT.xlsx", {"I8": "BLUE", "J8": "Strategy published.", "I9": "Complete"})
    assert collect(plans, str(forms / "GT.xlsx"))[0] == 0
    for ref in ("demo-plan/1.1", "demo-plan/1.2"):
        done = item(plans, ref)
        assert done.status is not None and done.status.value == "BLUE"
        assert done.completed is not None and str(done.completed) == COLLECT_DAY
    assert item(plans, "demo-plan/1.1").updates[-1].by == "GT"
    assert not item(plans, "demo-plan/1.2").updates  # a status alone is not an update


def test_a_csv_form_is_collected_too(plans: Path, tmp_path: Path) -> None:
    path = request(plans, tmp_path / "csv", "--lead", "GT", "--format", "csv") / "GT.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",,,demo-plan/1.2 ", ",amber,Started,demo-plan/1.2 "))
    code, stdout, _ = collect(plans, str(path))
    assert code == 0, stdout
    assert item(plans, "demo-plan/1.2").updates[-1].text == "Started"


def test_a_file_that_is_not_a_form_is_reported_and_the_others_still_collected(
    plans: Path, forms: Path, tmp_path: Path
) -> None:
    other = tmp_path / "minutes.csv"
    other.write_text("Minutes of the board\n")
    fill(forms / "GT.xlsx", {"J8": "Going well."})
    code, stdout, _ = collect(plans, str(other), str(forms / "GT.xlsx"))
    assert code == 1
    assert "refused: cannot be read as a form: it is not a plantool update form" in stdout
    assert item(plans, "demo-plan/1.1").updates[-1].text == "Going well."


def test_a_missing_form_is_a_usage_error(plans: Path, tmp_path: Path) -> None:
    code, _, stderr = collect(plans, str(tmp_path / "nope.xlsx"))
    assert code == 2 and "no such form" in stderr


def test_a_plan_file_changed_while_collecting_is_not_overwritten(
    plans: Path, forms: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    plan_file = plans / "demo-plan.yaml"
    fill(forms / "GT.xlsx", {"J8": "Going well."})
    real = plantool.collecting.apply_change

    def someone_else_saves_meanwhile(text: str, *args: object, **kwargs: object) -> str:
        plan_file.write_text(plan_file.read_text() + "# edited in another window\n")
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plantool.collecting, "apply_change", someone_else_saves_meanwhile)
    result = Collector(plans, date(2024, 6, 10)).collect(forms / "GT.xlsx")
    assert result.write_refused and not result.written
    assert plan_file.read_text().endswith("# edited in another window\n")
    assert "Going well." not in plan_file.read_text()
    assert sorted(path.name for path in plans.iterdir()) == ["demo-plan.yaml", "people.yaml"]  # no temp file left


OTHER_PLAN = """\
plan:
  id: other-plan
  title: Another plan
priorities:
  - id: P1
    title: Listen to children
    actions:
      - id: "2.1"
        title: Run the survey
        leads: [GT]
        due: 2024-12
"""


def test_a_form_across_two_plan_files_is_put_back_whole_when_the_second_write_is_refused(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    import plantool.safeio

    (plans / "other-plan.yaml").write_text(OTHER_PLAN, encoding="utf-8")
    forms = request(plans, tmp_path / "forms", "--lead", "GT")
    fill(forms / "GT.xlsx", {"J8": "Going well.", "J10": "Survey sent."})
    before = {name: (plans / name).read_bytes() for name in ("demo-plan.yaml", "other-plan.yaml")}
    real = plantool.safeio.replace
    replaced: list[str] = []

    def the_second_file_changes_meanwhile(snap: plantool.safeio.Snapshot, data: bytes, **kwargs: object) -> None:
        replaced.append(snap.path.name)
        if len(replaced) == 2:  # the form's second file: someone saves it just before plantool does
            snap.path.write_bytes(snap.data + b"# edited in another window\n")
        real(snap, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(plantool.safeio, "replace", the_second_file_changes_meanwhile)
    result = Collector(plans, date(2024, 6, 10)).collect(forms / "GT.xlsx")
    assert result.write_refused and not result.written
    first, second = replaced[:2]
    assert replaced[2:] == [first]  # the first file put back
    assert (plans / first).read_bytes() == before[first]
    assert (plans / second).read_bytes() == before[second] + b"# edited in another window\n"
    assert sorted(path.name for path in plans.iterdir()) == ["demo-plan.yaml", "other-plan.yaml", "people.yaml"]


def test_a_plan_on_its_own_scale_takes_its_own_keys_and_its_done_key_completes(tmp_path: Path) -> None:
    own_scale = (
        "  scale:\n"
        "    - {key: GREEN, label: Complete, means: done}\n"
        "    - {key: YELLOW, label: On track, means: on-track}\n"
        "    - {key: AMBER, label: Some slippage, means: at-risk}\n"
        "    - {key: RED, label: Not started, means: not-started}\n"
    )
    plan = PLAN.replace("  updated: 2024-05\n", "  updated: 2024-05\n" + own_scale).replace("BLUE", "GREEN")
    plans = make_plans(tmp_path, plan)
    forms = request(plans, tmp_path / "forms", "--lead", "GT")
    fill(forms / "GT.xlsx", {"I8": "yellow", "J8": "On course again.", "I9": "Complete"})
    code, stdout, _ = collect(plans, str(forms / "GT.xlsx"))
    assert code == 0, stdout
    on_track = item(plans, "demo-plan/1.1")
    assert on_track.status is not None and on_track.status.key == "YELLOW"
    assert (on_track.updates[-1].text, on_track.updates[-1].by) == ("On course again.", "GT")
    done = item(plans, "demo-plan/1.2")
    assert done.status is not None and done.status.key == "GREEN"
    assert done.completed is not None and str(done.completed) == COLLECT_DAY
