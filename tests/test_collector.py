"""The garbage collector: only the one-command process freezes its heap; the library leaves it alone."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from plantool.cli import app
from plantool.workspace import load_folder

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PLANS = ROOT / "plans"


def test_the_library_leaves_the_collector_as_it_found_it() -> None:
    frozen = gc.get_freeze_count()
    load_folder(BUNDLED_PLANS)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_the_app_called_in_process_does_not_freeze_what_it_loaded() -> None:
    # A test runner (or a program embedding the app) must get its memory back.
    frozen = gc.get_freeze_count()
    result = CliRunner().invoke(app, ["status", "--plans", str(BUNDLED_PLANS), "--as-of", "2023-06-01"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def _frozen_at_exit(*args: str) -> tuple[int, bool]:
    """Run the console script's ``main()`` in a fresh process; how many objects were frozen, and was gc on."""
    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print(gc.get_freeze_count(), gc.isenabled(), file=sys.stderr))\n"
        "sys.argv[0] = 'plantool'\n"
        "from plantool.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    frozen, enabled = done.stderr.split()[-2:]
    return int(frozen), enabled == "True"


def test_the_console_script_freezes_the_loaded_plans_and_keeps_the_collector_on() -> None:
    at_start, _ = _frozen_at_exit("--help")
    after_loading, enabled = _frozen_at_exit("status", "--plans", str(BUNDLED_PLANS), "--as-of", "2023-06-01")
    # What the imports made is frozen at start; the 119 loaded actions (and the modules that
    # loading imported) are frozen too, thousands of objects more.
    assert at_start > 10_000
    assert after_loading > at_start + 10_000
    assert enabled
