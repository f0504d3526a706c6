"""What start-up imports: ``--help`` pays for neither the models nor rich's tables.

(pydantic itself is Typer's: it coerces options through it whenever a command runs.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

_PROBE = (
    "import sys\n"
    "sys.argv = ['plantool', *sys.argv[1:]]\n"
    "from plantool.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stderr.write('\\n'.join(sorted(sys.modules)))\n"
)


def imported_by(*args: str) -> set[str]:
    """The modules a fresh ``plantool ARGS`` process has imported when it is done."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT, check=False)
    return set(done.stderr.split())


@pytest.mark.parametrize("args", [["--help"], ["status", "--help"], ["check", "--list-rules"]])
def test_start_up_imports_neither_the_models_nor_rich_tables(args: list[str]) -> None:
    modules = imported_by(*args)
    assert "plantool.cli" in modules  # the probe really ran the command line
    heavy = {"plantool.models", "plantool.workspace", "rich.table", "yaml"}
    assert not heavy & modules, sorted(heavy & modules)


def test_a_command_that_loads_plans_does_import_them() -> None:
    # The other side of the test above: the probe sees what a command imports.
    assert {"plantool.models", "yaml"} <= imported_by("status", "--plans", "plans", "--format", "json")


def test_a_command_imports_its_own_module_and_no_other_command() -> None:
    modules = imported_by("status", "--help")
    commands = {name for name in modules if name.startswith("plantool.cli.")} - {
        "plantool.cli.app", "plantool.cli.options", "plantool.cli.common"
    }  # fmt: skip
    assert commands == {"plantool.cli.status"}


def test_the_piped_board_needs_no_rich() -> None:
    # The probe's stdout is a pipe: the board is laid out as plain text (render/board.py).
    modules = imported_by("status", "--plans", "plans")
    assert "plantool.render.board" in modules
    assert not {name for name in modules if name == "rich" or name.startswith("rich.")}
