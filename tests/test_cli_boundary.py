"""The error boundary: exit codes for a closed pipe, unwritable output and a bug, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

ROOT = Path(__file__).resolve().parent.parent
PLANTOOL = [sys.executable, "-m", "plantool"]


@pytest.mark.parametrize("command", [["status"], ["leads"], ["show", "1.1"], ["list"], ["check"]])
def test_a_reader_that_goes_away_gives_the_sigpipe_status(command: list[str]) -> None:
    # `head -c 1` reads one byte and leaves; plantool must neither claim success (0) nor
    # "problems found" (1), nor print a traceback.
    script = (
        f"{' '.join(PLANTOOL)} {' '.join(command)} --as-of 2023-05-26 | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    )
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr
    # A small output may be written whole before the reader leaves: then the real status stands.
    assert done.stdout.strip() in {"141", "0", "1"}, done.stdout + done.stderr
    if command[0] != "check":
        assert done.stdout.strip() in {"141", "0"}


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_a_large_output_into_a_closed_pipe_is_141(tmp_path: Path, fmt: str) -> None:
    # Far more than a pipe buffer holds, so the writer meets the closed pipe for certain.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate
    finally:
        sys.path.pop(0)
    generate(3000, tmp_path / "plans")
    command = f"{' '.join(PLANTOOL)} list --plans {tmp_path / 'plans'} --format {fmt} --as-of 2023-05-26"
    script = f"{command} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    # 141 when the write met the closed pipe; 0 if the system let the whole output through
    # first. Never 1 ("problems found") or 3 ("a bug"), and never a traceback.
    assert done.stdout.strip() in {"141", "0"}, done.stderr
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_that_cannot_be_written_is_not_called_a_bug() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*PLANTOOL, "list", "--as-of", "2023-05-26"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert "cannot write the output" in done.stderr
    assert "bug" not in done.stderr


def test_an_unexpected_failure_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    import plantool.queries

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(plantool.queries, "status_board", broken)
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 3
    assert "internal error: ZeroDivisionError: boom" in result.output
    assert "--debug" in result.output
    assert "Traceback" not in result.output
    debug = CliRunner().invoke(app, ["status", "--debug"])
    assert isinstance(debug.exception, ZeroDivisionError)


@pytest.mark.parametrize("args", [["--version"], ["--version", "status"], ["--plans", "nowhere", "--version"]])
def test_version_prints_one_line_and_exits_0(args: list[str]) -> None:
    from plantool import __version__

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"plantool {__version__}\n"


def test_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    from plantool import __version__

    assert version("plantool") == __version__


def test_a_misspelt_command_is_a_usage_error_naming_the_nearest_commands() -> None:
    # The commands are built only when used, so the suggestion comes from the one list of them.
    result = CliRunner().invoke(app, ["stauts"])
    assert result.exit_code == 2
    assert "No such command 'stauts'. Did you mean 'status'?" in result.output
    unlike = CliRunner().invoke(app, ["zzzz"])
    assert unlike.exit_code == 2
    assert "Did you mean" not in unlike.output
