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
