"""plantool works as a library, without the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import plantool

ROOT = Path(__file__).resolve().parent.parent


def test_every_exported_name_resolves() -> None:
    assert sorted(plantool.__all__) == sorted(plantool._EXPORTS)
    for name in plantool.__all__:
        assert getattr(plantool, name) is not None, name


def test_the_readme_example_works() -> None:
    workspace = plantool.load_folder(ROOT / "plans")
    assert workspace.problems == []
    late = plantool.select(workspace, date(2023, 10, 1), plantool.Filters(overdue=True, leads=("GT",)))
    assert late and all(row.judgement.overdue for row in late)
    board = plantool.status_board(workspace, date(2023, 5, 26))
    assert (board.counts.total, board.counts.overdue) == (119, 4)


def test_importing_plantool_loads_nothing_heavy() -> None:
    code = "import sys, plantool; print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'typer') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
