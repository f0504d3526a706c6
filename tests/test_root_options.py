"""--plans, --as-of and --debug may stand before the command as well as after it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "theplans")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)
    return tmp_path


def as_of_of(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["as_of"])


def test_options_before_the_command(elsewhere: Path) -> None:
    assert as_of_of(["--plans", "theplans", "--as-of", "2023-05-26", "status", "--format", "json"]) == "2023-05-26"


def test_the_commands_own_option_wins(elsewhere: Path) -> None:
    args = ["--plans", "theplans", "--as-of", "2023-05-26", "status", "--as-of", "2023-10-01", "--format", "json"]
    assert as_of_of(args) == "2023-10-01"


def test_a_root_option_wins_over_the_environment(elsewhere: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "2023-01-01")
    assert as_of_of(["--plans", "theplans", "--as-of", "2023-05-26", "leads", "--format", "json"]) == "2023-05-26"
    assert as_of_of(["--plans", "theplans", "leads", "--format", "json"]) == "2023-01-01"


def test_a_command_that_takes_no_such_option_ignores_it(elsewhere: Path) -> None:
    result = CliRunner().invoke(app, ["--as-of", "2023-05-26", "schema", "--check", "--out", str(ROOT / "schemas")])
    assert result.exit_code == 0, result.output


def test_a_missing_plans_folder_before_the_command_is_exit_2(elsewhere: Path) -> None:
    result = CliRunner().invoke(app, ["--plans", "nowhere", "list"])
    assert result.exit_code == 2
    assert "no plans folder at nowhere" in result.output
