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
