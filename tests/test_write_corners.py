"""The write commands with format version 2's dates and text from the command line.

A date on the command line is read as the plans are (financial years start
where plantool.toml says); ``plan.updated`` keeps the form the plan writes it
in; text a plan file cannot hold is a usage error naming the character; and a
status typed with combining accents matches the plan's key.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest
from formkit import PLAN, fill, make_plans, request
from formkit import run as run_plantool
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import plain_environment
from plantool.cli import app
from plantool.dates import in_form_of, parse_plan_date

PEOPLE = "people:\n  - id: GM\n    name: Gerry Moore\n"


def _plan(updated: str) -> str:
    return dedent(f"""\
        plan:
          id: yos
          title: Youth Offending Service improvement plan
          updated: {updated}
          scale:
            - {{key: Réalisé, label: Done, means: done}}
            - {{key: En cours, label: Under way, means: on-track}}
        priorities:
          - id: P1
            title: Reduce reoffending
            actions:
              - id: "1"
                title: Review the reoffending tool
                leads: [GM]
                due: 2012/13
        """)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plain_environment(monkeypatch)
    monkeypatch.setenv("PLANTOOL_NO_CACHE", "1")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(folder: Path, updated: str, toml: str = "") -> Path:
    path = folder / "plans" / "yos.yaml"
    path.write_text(_plan(updated), encoding="utf-8")
    if toml:
        (folder / "plantool.toml").write_text(toml, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--as-of", "2013-05-10"], catch_exceptions=False)
    return result.exit_code, result.stderr


def _updated(path: Path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("  updated:"))


# ---------------------------------------------------------------------------
# plan.updated keeps the plan's form


@pytest.mark.parametrize(
    ("written", "after"),
    [
        ("2013-Q1", "2013-Q2"),
        ("2013", "2013"),  # 10 May 2013 is in 2013: nothing to move on
        ("2012", "'2013'"),  # the writer quotes a bare year, which other YAML tools read as a number
        ("2011/12", "2013/14"),
        ("FY2011/12", "FY2013/14"),
        ("2013-02", "2013-05"),
        ("2013-02-01", "2013-05-10"),
    ],
)
def test_plan_updated_moves_on_in_the_form_the_plan_writes_it(folder: Path, written: str, after: str) -> None:
    path = _write(folder, written)
    code, err = run("update", "1", "--note", "Tool reviewed with the board.")
    assert code == 0, err
    assert _updated(path) == f"  updated: {after}"


def test_plan_updated_moves_on_by_the_configured_financial_year(folder: Path) -> None:
    """With years starting in January, 10 May 2013 is in 2013/14; an April start would keep 2012/13."""
    path = _write(folder, "2012/13", toml="financial_year_start = 1\n")
    code, err = run("update", "1", "--note", "Tool reviewed with the board.")
    assert code == 0, err
    assert _updated(path) == "  updated: 2013/14"


@given(
    day=st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31)),
    written=st.sampled_from(["2013-05", "2013-Q2", "2013", "2013/14", "FY2013/14", "2013-05-10"]),
    start=st.integers(1, 12),
)
def test_the_form_kept_holds_the_day(day: date, written: str, start: int) -> None:
    like = parse_plan_date(written, start)
    kept = in_form_of(day, like)
    assert kept.precision is like.precision
    assert kept.start <= day <= kept.end
    assert parse_plan_date(str(kept), start) == kept  # it reads back as itself under the same setting
    assert str(kept).startswith("FY") == str(like).startswith("FY")


# ---------------------------------------------------------------------------
# A date from the command line is read as the plans are


def test_move_reads_a_financial_year_with_the_configured_start(folder: Path) -> None:
    """2999/00 ends in 3000 for an April start, so it is refused; with a January start it is 2999 itself."""
    _write(folder, "2013-05")
    code, err = run("move", "1", "--due", "2999/00", "--reason", "Waiting on the board.", "--dry-run")
    assert code == 2
    assert "--due: '2999/00' ends after 2999" in err
    (folder / "plantool.toml").write_text("financial_year_start = 1\n", encoding="utf-8")
    code, err = run("move", "1", "--due", "2999/00", "--reason", "Waiting on the board.")
    assert code == 0, err
    assert "moved yos/1 to 2999/00" in err


def test_write_help_lists_every_date_form() -> None:
    for command in (["move", "--help"], ["add", "--help"], ["update", "--help"]):
        result = CliRunner().invoke(app, command, env={"COLUMNS": "200"})
        text = " ".join(result.output.split())
        assert "YYYY-MM-DD, YYYY-MM, a quarter (2024-Q1), a year (2024) or a financial year (2024/25)" in text


# ---------------------------------------------------------------------------
# Text a plan cannot hold is a usage error naming the character


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["update", "1", "--note", "Done\u2028next"], "--note holds line separator U+2028"),
        (["update", "1", "--note", "Done\x1b[31m"], "--note holds control character U+001B"),
        (["complete", "1", "--note", "Done\u2029"], "--note holds paragraph separator U+2029"),
        (["move", "1", "--due", "2014/15", "--reason", "Board\u2028moved"], "--reason holds line separator U+2028"),
        (["add", "P1", "--id", "2", "--title", "New\x85one"], "--title holds next line U+0085"),
        (["update", "1", "--note", "Done\rnext"], "--note holds a carriage return without a line feed"),
        (["update", "1", "--note", "Done \u202eevil"], "--note holds control character U+202E"),
    ],
)
def test_text_a_plan_cannot_hold_is_a_usage_error_naming_it(folder: Path, args: list[str], named: str) -> None:
    path = _write(folder, "2013-05")
    before = path.read_bytes()
    code, err = run(*args)
    assert code == 2, err
    assert named in err and "which a plan file cannot hold" in err
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------
# Statuses match in one Unicode form


def test_a_status_typed_with_a_combining_accent_matches_the_plans_key(folder: Path) -> None:
    path = _write(folder, "2013-05")
    decomposed = unicodedata.normalize("NFD", "réalisé")
    assert decomposed != "réalisé"
    code, err = run("rate", "1", decomposed)
    assert code == 0, err
    assert "status: Réalisé" in path.read_text(encoding="utf-8")
    assert "rated yos/1 Réalisé" in err  # said as the plan spells its key, not as typed
    result = CliRunner().invoke(
        app, ["list", "--status", unicodedata.normalize("NFD", "Réalisé"), "--format", "json", "--as-of", "2013-05-10"]
    )
    assert result.exit_code == 0, result.stderr
    assert '"ref": "yos/1"' in result.stdout


def test_rate_says_the_scales_own_key_for_a_label_typed_in_any_case(folder: Path) -> None:
    _write(folder, "2013-05")
    code, err = run("rate", "1", "under WAY")
    assert code == 0, err
    assert "rated yos/1 En cours" in err


def test_a_status_written_decomposed_in_a_plan_matches_the_scale(folder: Path) -> None:
    path = _write(folder, "2013-05")
    text = path.read_text(encoding="utf-8").replace(
        "        due: 2012/13\n", "        due: 2012/13\n        status: X\n"
    )
    path.write_text(text.replace("status: X", "status: " + unicodedata.normalize("NFD", "réalisé")), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--plans", "plans"], catch_exceptions=False)
    assert result.exit_code == 0, result.output


# ---------------------------------------------------------------------------
# The update round reads and writes the folder as every command does


def test_collect_moves_plan_updated_by_the_configured_financial_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Years starting in July: 10 June 2024 is still in 2023/24, so ``updated`` stays; April would make it 2024/25."""
    monkeypatch.setenv("PLANTOOL_NO_CACHE", "1")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plantool.toml").write_text("financial_year_start = 7\n", encoding="utf-8")
    plans = make_plans(
        tmp_path, PLAN.replace("updated: 2024-05", "updated: 2023/24").replace("due: 2024-03", "due: 2024/25")
    )
    forms = request(plans, tmp_path / "forms")
    fill(forms / "GT.xlsx", {"J8": "Going well."})
    code, stdout, stderr = run_plantool(
        "collect", "--plans", str(plans), "--as-of", "2024-06-10", str(forms / "GT.xlsx")
    )
    assert code == 0, stdout + stderr
    assert "1 row applied" in stdout
    text = (plans / "demo-plan.yaml").read_text(encoding="utf-8")
    assert "  updated: 2023/24\n" in text and "text: Going well." in text


def test_add_refuses_an_id_whose_reference_another_priority_already_uses(folder: Path) -> None:
    """Priority actions share one namespace (PLAN/ID): "1" under P2 would clash with "1" under P1."""
    path = _write(folder, "2013-05")
    path.write_text(path.read_text(encoding="utf-8") + "  - id: P2\n    title: Another\n", encoding="utf-8")
    before = path.read_bytes()
    code, err = run("add", "P2", "--id", "1", "--title", "Again")
    assert code == 1
    assert "yos/1 already names something in the plan; choose another id" in err
    assert path.read_bytes() == before
    code, err = run("add", "P2", "--id", "P1", "--title", "Named like a priority")
    assert code == 1
    assert "yos/P1 already names something in the plan" in err
