"""Which files a command judges when it is given paths (plantool.scope)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

PEOPLE = "people:\n  - id: JT\n"
PLAN = 'plan: {id: a, title: T}\npriorities:\n  - id: S\n    title: S\n    actions:\n      - {id: "1", title: t, leads: [ZZ]}\n'


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "x" / "a.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", ["validate", "check"])
def test_a_file_named_beside_its_folder_is_judged_once(folder: Path, command: str) -> None:
    result = CliRunner().invoke(app, [command, "--plans", "nowhere", "x", "x/a.yaml", "--format", "json"])
    assert result.exit_code == 1
    import json

    problems = json.loads(result.stdout)["problems"]
    unknown = [p for p in problems if p["rule"] == "unknown-lead"]
    assert len(unknown) == 1
    if command == "validate":
        assert sorted(json.loads(result.stdout)["files"]) == ["x/a.yaml", "x/people.yaml"]


def test_a_named_file_that_links_outside_the_folder_is_not_read(folder: Path) -> None:
    secret = folder / ".env"
    secret.write_text("SECRET_TOKEN: do-not-echo\n", encoding="utf-8")
    (folder / "x" / "notes.txt").symlink_to(secret)
    result = CliRunner().invoke(app, ["validate", "--plans", "x", "x/notes.txt"])
    assert result.exit_code == 1
    assert "x/notes.txt:0:0: error: is a link to somewhere outside the plans folder; not read" in result.output
    assert "SECRET_TOKEN" not in result.output


def test_folders_nested_past_the_bound_are_reported_not_walked(folder: Path) -> None:
    deep = folder / "d"
    for _ in range(40):
        deep = deep / "x"
    deep.mkdir(parents=True)
    (deep / "a.yaml").write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "d"])
    assert result.exit_code == 1
    assert "folders nested more than 32 deep; not read" in result.output
    assert "Traceback" not in result.output


def test_check_on_an_empty_folder_warns_that_it_saw_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0
    assert "no plan or people files were found" in result.stderr


def test_check_says_when_unreadable_files_went_unchecked(folder: Path) -> None:
    (folder / "x" / "broken.yaml").write_text("plan: [\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--plans", "x", "--rule", "overdue"])
    assert result.exit_code == 0
    assert "1 file(s) did not load" in result.stderr
    with_invalid = CliRunner().invoke(app, ["check", "--plans", "x", "--rule", "invalid"])
    assert with_invalid.exit_code == 1
    assert "did not load" not in with_invalid.stderr


def test_an_output_suffix_that_names_no_format_is_a_usage_error(folder: Path) -> None:
    for command in (["export", "-o", "actions.xls"], ["report", "-o", "board.txt"]):
        result = CliRunner().invoke(app, [*command, "--plans", "x"])
        assert result.exit_code == 2, result.output
        assert "cannot tell the format" in result.stderr
        assert not (folder / command[-1]).exists()


@pytest.mark.parametrize("command", ["validate", "check"])
def test_naming_only_the_people_file_still_reports_the_leads_it_orphans(folder: Path, command: str) -> None:
    # What pre-commit does when a commit only edits people.yaml: a lead removed there must
    # not pass unnoticed because the plan files that name it were not changed.
    (folder / "x" / "a.yaml").write_text(PLAN.replace("leads: [ZZ]", "leads: [JT]"), encoding="utf-8")
    ok = CliRunner().invoke(app, [command, "--plans", "x", "x/people.yaml"])
    assert ok.exit_code == 0, ok.output
    (folder / "x" / "people.yaml").write_text("people:\n  - id: AB\n", encoding="utf-8")
    orphaned = CliRunner().invoke(app, [command, "--plans", "x", "x/people.yaml"])
    assert orphaned.exit_code == 1
    assert "x/a.yaml:6:37: error: lead 'JT' is not in any people file" in orphaned.output
