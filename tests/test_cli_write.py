"""The write commands end to end: golden diffs on the bundled plans, exit codes, and nothing lost.

GOLDEN DIFFS. ``tests/golden/write/*.diff`` hold what ``--dry-run`` prints for
each command on a copy of the bundled plans. After a deliberate change, rerun with
``PLANTOOL_UPDATE_GOLDEN=1`` and read ``git diff tests/golden/write`` line by line:
each diff must be the change a careful person would make by hand, and nothing else.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import plain_environment
from plantool.cli import app
from plantool.loader import load_bytes

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden" / "write"
UPDATE_GOLDEN = os.environ.get("PLANTOOL_UPDATE_GOLDEN") == "1"
DAY = "2023-06-14"


@pytest.fixture(autouse=True)
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans in a fresh folder, which is the current folder."""
    plain_environment(monkeypatch)
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--as-of", DAY], catch_exceptions=False)


def validates() -> bool:
    return CliRunner().invoke(app, ["validate", "--plans", "plans"], catch_exceptions=False).exit_code == 0


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.exists(), f"{path} is missing; run with PLANTOOL_UPDATE_GOLDEN=1 to create it, then review it"
    assert text == path.read_bytes().decode("utf-8")


COMMANDS = {
    "update": ["update", "1.4", "--note", "PSDP pilot: NO delays so far.\nTwo localities live.", "--status", "green",
               "--by", "JT"],
    "update-finding": ["update", "domestic-abuse", "--note", "Deputy PCC met; funding bid in.", "--date", "2023-06"],
    "rate": ["rate", "domestic-abuse.2", "amber"],
    "complete": ["complete", "1.1", "--date", "2023-05-26", "--note", "Shared with Ofsted at the Annual Conversation."],
    "move": ["move", "2.3", "--due", "2024-06", "--reason", "Recruitment paused until the budget is agreed."],
    "assign": ["assign", "domestic-abuse.2", "--lead", "GT", "--lead", "LJ"],
    "add": ["add", "SP2", "--id", "2.10", "--title", "Launch the agency conversion scheme", "--lead", "LJ", "--due",
            "2024-03"],
    "new": ["new", "fostering-2024", "--title", "Fostering Sufficiency: 2024", "--kind", "inspection"],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_dry_run_prints_the_golden_diff_and_writes_nothing(name: str, plans: Path) -> None:
    before = snapshot(plans)
    result = run(*COMMANDS[name], "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert_golden(f"{name}.diff", result.stdout)
    assert snapshot(plans) == before


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_write_is_exactly_the_dry_runs_diff(name: str, plans: Path) -> None:
    from plantool.edits import unified_diff

    before = snapshot(plans)
    shown = run(*COMMANDS[name], "--dry-run").stdout
    result = run(*COMMANDS[name])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    after = snapshot(plans)
    changed = [file for file in after if before.get(file) != after[file]]
    assert len(changed) == 1
    old = before.get(changed[0], b"").decode("utf-8")
    diff = unified_diff(old, after[changed[0]].decode("utf-8"), f"plans/{changed[0]}", new_file=name == "new")
    assert diff == shown
    assert load_bytes(after[changed[0]], changed[0]).problems == []
    assert validates()


def test_each_write_says_what_it_did_on_stderr() -> None:
    result = run("rate", "1.4", "red")
    assert result.stderr == "plantool: rated tdp-2023-24/1.4 RED (plans/tdp-2023-24.yaml)\n"


def test_the_move_is_seen_by_diff_and_history_with_its_reason(plans: Path) -> None:
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "x", "--allow-empty"], check=True
    )
    subprocess.run(["git", "add", "plans"], check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "plans"], check=True)
    assert run("move", "2.3", "--due", "2024-06", "--reason", "Budget not agreed.").exit_code == 0
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qam", "move 2.3"], check=True)
    for command in (["diff", "HEAD~1", "HEAD"], ["history", "2.3"]):
        shown = CliRunner().invoke(app, command, catch_exceptions=False)
        assert shown.exit_code == 0, shown.output
        flat = " ".join(shown.stdout.split())
        assert "2023-06 → 2024-06 (+366 days)" in flat
        # diff's table wraps the action's title beside the update, so look for the parts.
        assert "2023-06-14: Due date moved from 2023-06 to" in flat and "2024-06: Budget not agreed." in flat


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rate", "1.4", "purple"], "'purple' is not on the plan's status scale; use one of GREEN, AMBER, RED, BLUE"),
        (
            ["assign", "1.4", "--lead", "GTT"],
            "unknown lead 'GTT': nobody in the people files has that id or alias; did you mean 'GT'",
        ),
        (["update", "1.4", "--note", "x", "--by", "jt"], "unknown person 'jt'"),
        (["update", "1.4", "--note", "x", "--date", "Mar-24"], "--date: 'Mar-24' is not a date"),
        (["complete", "1.4", "--date", "2023-06"], "--date: '2023-06' is a month"),
        (["move", "1.4", "--due", "2024-02-30", "--reason", "x"], "--due: '2024-02-30' is not a real day"),
        (["rate", "9.99", "GREEN"], "no action, finding or plan matches '9.99'"),
        (["rate", "tdp-2023-24", "GREEN"], "names a whole plan"),
        (["update", "1.4", "--note", "  "], "the update's note is empty"),
        (["move", "1.4", "--due", "2024-03", "--reason", "x"], "is already due 2024-03"),
    ],
)
def test_asked_wrongly_is_exit_2_and_nothing_written(args: list[str], message: str, plans: Path) -> None:
    before = snapshot(plans)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(plans) == before


def test_a_change_that_would_leave_the_plan_invalid_is_exit_1(plans: Path) -> None:
    before = snapshot(plans)
    result = run("add", "SP1", "--id", "1.4", "--title", "Again")
    assert result.exit_code == 1
    assert "already has an action '1.4'" in result.stderr
    result = run("add", "SP1", "--id", "1.99", "--title", "x" * 2001)
    assert result.exit_code == 1
    assert "title: longer than the 2,000 characters allowed" in result.stderr
    result = run("new", "tdp-2023-24", "--title", "Again")
    assert result.exit_code == 1
    assert "a plan 'tdp-2023-24' already exists" in result.stderr
    assert snapshot(plans) == before


def test_a_file_that_does_not_load_cleanly_is_not_written_and_the_problem_is_named(plans: Path) -> None:
    path = plans / "tdp-2023-24.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "    title: The support offer", "    titel: x\n    title: The support offer", 1
        ),
        encoding="utf-8",
    )
    before = snapshot(plans)
    result = run("rate", "1.4", "GREEN")
    assert result.exit_code == 1, result.output
    assert "which does not load cleanly, so nothing is written" in result.stderr
    assert "unknown key 'titel'; did you mean 'title'?" in result.stderr
    assert snapshot(plans) == before


def test_a_file_changed_on_disk_meanwhile_is_refused(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool import edits

    path = plans / "tdp-2023-24.yaml"
    theirs = path.read_bytes().replace(b"updated: 2023-05", b"updated: 2023-04")
    real_rate = edits.rate

    def rate_while_someone_saves(text: str, ref: str, status: str, **kwargs: str) -> str:
        new = real_rate(text, ref, status, **kwargs)
        path.write_bytes(theirs)  # another editor saves while plantool works
        return new

    monkeypatch.setattr(edits, "rate", rate_while_someone_saves)
    result = run("rate", "1.4", "GREEN")
    assert result.exit_code == 2, result.output
    assert "changed on disk since plantool read it" in result.stderr
    assert path.read_bytes() == theirs
    assert sorted(p.name for p in plans.iterdir()) == ["ofsted-ilacs-2023.yaml", "people.yaml", "tdp-2023-24.yaml"]


_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from plantool.cli import main
sys.argv = ["plantool", "update", "1.4", "--note", "x", "--as-of", "2023-06-14"]
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_a_failed_write_leaves_the_file_intact_and_no_temporary_file(plans: Path) -> None:
    before = snapshot(plans)
    done = subprocess.run([sys.executable, "-c", _FULL_DISK], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(plans) == before


def test_crlf_a_bom_and_the_files_mode_survive_a_write(plans: Path) -> None:
    path = plans / "tdp-2023-24.yaml"
    original = b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(original)
    path.chmod(0o640)
    assert run("update", "1.4", "--note", "Line one.\nLine two.").exit_code == 0
    new = path.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf# yaml-language-server")
    assert b"\n" not in new.replace(b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    kept = [line for line in original.splitlines() if line not in new.splitlines()]
    assert kept == [b"  updated: 2023-05"]


def test_new_plan_is_valid_at_once_and_never_overwrites(plans: Path) -> None:
    assert run("new", "fostering-2024", "--title", "Fostering").exit_code == 0
    assert (
        (plans / "fostering-2024.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schemas/plan.schema.json\nplan:\n")
    )
    assert validates()
    (plans / "other.yaml").write_text("people: []\n", encoding="utf-8")
    assert run("new", "other", "--title", "x").exit_code == 2
    assert (plans / "other.yaml").read_text(encoding="utf-8") == "people: []\n"
