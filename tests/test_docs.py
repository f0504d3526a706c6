"""Every command has help, is in the README, and the rules table in docs/ci.md matches the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from plantool.cli import app
from plantool.cli.app import COMMANDS as COMMAND_LIST

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = sorted(COMMAND_LIST)


def test_each_module_defines_the_commands_the_list_gives_it() -> None:
    import importlib

    for module in set(COMMAND_LIST.values()):
        importlib.import_module(f"plantool.cli.{module}")
    defined = {command.name or command.callback.__name__ for command in app.registered_commands if command.callback}
    assert defined == set(COMMAND_LIST)


def test_the_commands_are_the_ones_cli_md_promises() -> None:
    promised = {
        "validate",
        "status",
        "list",
        "overdue",
        "show",
        "leads",
        "check",
        "schema",
        "report",
        "diff",
        "history",
        "export",
    }
    assert promised <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    callback = typer.main.get_command(app).get_command(None, command)  # type: ignore[attr-defined, arg-type]
    assert callback.help, f"{command} has no docstring"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`plantool {command}\b", readme), f"README.md does not mention plantool {command}"


def test_python_dash_m_runs_the_same_app() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "plantool", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout


def test_help_lists_the_commands_in_reading_order() -> None:
    result = CliRunner().invoke(app, ["--help"])
    listed = [line.split()[0] for line in result.output.split("Commands:", 1)[1].splitlines() if line.strip()]
    assert listed == list(COMMAND_LIST)
