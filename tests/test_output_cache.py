"""The output cache (plantool/outputcache.py): a kept answer is replayed only when nothing it depends on changed.

Every test runs the real console script (``python -m plantool``) in a fresh
process. To tell a replayed answer from a worked-out one, a test *plants* a
kept entry: it rewrites the entry the first run left, under the same key, so
that it says ``PLANTED``; a run that prints ``PLANTED`` was answered from the
cache, and one that does not worked the answer out again.
"""

from __future__ import annotations

import fcntl
import marshal
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BUNDLED_PLANS
from plantool import outputcache
from plantool.cachefolder import read_entry, write_entry
from plantool.cli import app
from plantool.cli.app import COMMANDS, _build

PLANTED = b"PLANTED\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled plans in a folder of their own, and an empty cache folder of this test's."""
    shutil.copytree(BUNDLED_PLANS, tmp_path / "project" / "plans")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("PLANTOOL_TODAY", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "project"


def run(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "plantool", *args],
        cwd=project,
        capture_output=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )


def entries(project: Path) -> list[Path]:
    return sorted((project.parent / "cache" / "plantool").glob("*" + outputcache.SUFFIX))


def plant(project: Path) -> None:
    """Make the one kept answer say PLANTED (a valid entry, under its own key)."""
    (entry,) = entries(project)
    payload = read_entry(entry, outputcache.HEADER, outputcache.MAX_ENTRY_BYTES)
    assert payload is not None
    key, code, _ = marshal.loads(payload)
    write_entry(entry, outputcache.HEADER, marshal.dumps((key, code, [(1, PLANTED)])))


def warm(project: Path, *args: str, env: dict[str, str] | None = None) -> None:
    """Run once so the answer is kept, plant it, and check that the same run is now answered from the cache."""
    run(project, *args, env=env)
    plant(project)
    assert run(project, *args, env=env).stdout == PLANTED


ARGS = ("status", "--as-of", "2023-05-26")


def test_a_kept_answer_is_the_answer_byte_for_byte(project: Path) -> None:
    # check exits 1 on the bundled plans and status warns on stderr when a file has errors.
    (project / "plans" / "broken.yaml").write_text("plan: [\n", encoding="utf-8")
    for args in (("check", "--format", "json"), ("status",), ("list", "--overdue", "--sort", "due"), ("overdue",)):
        first, second = run(project, *args), run(project, *args)
        assert (second.stdout, second.stderr, second.returncode) == (first.stdout, first.stderr, first.returncode)
        assert first.stdout and first.returncode in (0, 1)
    assert run(project, "check").returncode == 1
    assert b"problem" in run(project, "status").stderr
    kept = [read_entry(e, outputcache.HEADER, outputcache.MAX_ENTRY_BYTES) for e in entries(project)]
    assert len(kept) == 5 and all(kept)


def test_a_kept_answer_keeps_stdout_and_stderr_in_the_order_written(project: Path) -> None:
    # stderr, then stdout, then stderr: a plantool.toml that is ignored (its folder is open to
    # anyone) is warned about before the board, a file with problems after it.
    (project / "plantool.toml").write_text("due_soon_days = 30\n", encoding="utf-8")
    project.chmod(0o777)
    (project / "plans" / "broken.yaml").write_text("plan: [\n", encoding="utf-8")
    command = [sys.executable, "-m", "plantool", "status", "--format", "markdown"]
    first, second = (
        subprocess.run(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        for _ in range(2)
    )
    assert len(entries(project)) == 1
    assert first.stdout.startswith(b"plantool: warning: ignoring") and first.stdout.rstrip().endswith(b"for details.")
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)


def test_a_warm_answer_imports_neither_typer_nor_the_models(project: Path) -> None:
    probe = (
        "import sys\nsys.argv = ['plantool', 'status']\nfrom plantool.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    command = [sys.executable, "-c", probe]
    cold = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    hot = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert "typer" in cold.stderr.split()
    modules = hot.stderr.split()
    assert hot.stdout == cold.stdout
    assert not {"typer", "pydantic", "rich", "yaml", "plantool.models"} & set(modules)


def test_any_changed_byte_is_a_miss_even_keeping_size_and_time(project: Path) -> None:
    warm(project, *ARGS)
    plan = project / "plans" / "tdp-2023-24.yaml"
    before = plan.stat()
    data = plan.read_bytes()
    at = data.index(b"title: ") + len(b"title: ")
    plan.write_bytes(data[:at] + bytes([data[at] ^ 0x20]) + data[at + 1 :])  # one letter's case
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plan.stat().st_size == before.st_size and plan.stat().st_mtime_ns == before.st_mtime_ns
    assert run(project, *ARGS).stdout != PLANTED


def test_a_changed_people_file_is_a_miss(project: Path) -> None:
    warm(project, *ARGS)
    people = next(p for p in (project / "plans").rglob("*.yaml") if "people" in p.name)
    people.write_bytes(people.read_bytes() + b"\n")
    assert run(project, *ARGS).stdout != PLANTED


def test_a_new_or_removed_file_is_a_miss(project: Path) -> None:
    warm(project, *ARGS)
    extra = project / "plans" / "more" / "extra.yaml"
    extra.parent.mkdir()
    extra.write_bytes(b"# nothing yet\n")
    assert run(project, *ARGS).stdout != PLANTED
    for entry in entries(project):
        entry.unlink()
    warm(project, *ARGS)
    extra.unlink()
    assert run(project, *ARGS).stdout != PLANTED


def test_a_new_or_changed_config_is_a_miss(project: Path) -> None:
    warm(project, *ARGS)
    (project / "plantool.toml").write_text("due_soon_days = 30\n", encoding="utf-8")
    assert run(project, *ARGS).stdout != PLANTED
    for entry in entries(project):
        entry.unlink()
    warm(project, *ARGS)
    (project / "plantool.toml").write_text("due_soon_days = 31\n", encoding="utf-8")
    assert run(project, *ARGS).stdout != PLANTED


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("status", "--as-of", "2023-05-27"), {}),
        (("status",), {}),
        (("status", "--as-of", "2023-05-26", "--format", "json"), {}),
        (("--as-of", "2023-05-26", "status"), {}),
        (ARGS, {"PLANTOOL_TODAY": "2023-05-27"}),
        (ARGS, {"NO_COLOR": "1"}),
        (ARGS, {"FORCE_COLOR": "1"}),
        (ARGS, {"COLUMNS": "200"}),
        (ARGS, {"TZ": "Pacific/Kiritimati"}),
        (ARGS, {"PYTHONIOENCODING": "latin-1"}),
    ],
)
def test_other_arguments_or_environment_are_a_miss(project: Path, args: tuple[str, ...], env: dict[str, str]) -> None:
    warm(project, *ARGS)
    assert run(project, *args, env=env).stdout != PLANTED


def test_another_folder_is_a_miss(project: Path) -> None:
    warm(project, *ARGS)
    assert run(project / "plans", "--plans", ".", *ARGS[1:]).stdout != PLANTED


def test_another_day_is_a_miss(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)

    class Tomorrow:
        @staticmethod
        def today() -> object:
            from datetime import date, timedelta

            return date.today() + timedelta(days=1)

    today = outputcache.Question(["status"], os.environ, project.parent / "cache").key
    monkeypatch.setattr(outputcache, "date", Tomorrow)
    assert outputcache.Question(["status"], os.environ, project.parent / "cache").key not in ("", today)


def _on_a_terminal(project: Path, columns: int) -> bytes:
    """``plantool status`` with stdout on a pseudo-terminal ``columns`` wide; what it wrote there."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    done = subprocess.run(
        [sys.executable, "-m", "plantool", *ARGS], cwd=project, stdout=follower, stderr=subprocess.PIPE, check=False
    )
    os.close(follower)
    out = b""
    try:
        while chunk := os.read(leader, 65536):
            out += chunk
    except OSError:
        pass
    os.close(leader)
    assert done.returncode == 0
    return out


def test_a_terminal_of_another_width_is_a_miss(project: Path) -> None:
    _on_a_terminal(project, 100)
    plant(project)
    assert PLANTED.strip() in _on_a_terminal(project, 100)
    assert PLANTED.strip() not in _on_a_terminal(project, 130)
    assert run(project, *ARGS).stdout != PLANTED  # and a pipe is not a terminal


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "garbage"])
def test_a_damaged_entry_is_ignored(project: Path, damage: str) -> None:
    good = run(project, *ARGS)
    (entry,) = entries(project)
    data = entry.read_bytes()
    damaged = {
        "flip": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
        "truncate": data[: len(data) // 2],
        "empty": b"",
        "garbage": outputcache.HEADER + os.urandom(200),
    }[damage]
    entry.write_bytes(damaged)
    again = run(project, *ARGS)
    assert (again.stdout, again.stderr, again.returncode) == (good.stdout, good.stderr, good.returncode)


def test_an_entry_of_another_owner_or_open_to_others_is_not_read(project: Path) -> None:
    warm(project, *ARGS)
    (entry,) = entries(project)
    entry.chmod(0o666)
    assert run(project, *ARGS).stdout != PLANTED


def test_no_cache_reads_and_keeps_nothing(project: Path) -> None:
    warm(project, *ARGS)
    assert run(project, "--no-cache", *ARGS).stdout != PLANTED
    assert run(project, *ARGS, env={"PLANTOOL_NO_CACHE": "1"}).stdout != PLANTED
    assert len(entries(project)) == 1


def test_writes_and_other_commands_are_never_kept(project: Path) -> None:
    for args in (
        ("validate",),
        ("leads",),
        ("check", "plans/tdp-2023-24.yaml"),
        ("check", "-o", "out.json", "--format", "json"),
        ("status", "--help"),
        ("status", "--frobnicate"),
        ("--version",),
        ("list", "--plan", "no-such-plan"),  # a usage error: exit 2
    ):
        run(project, *args)
    assert entries(project) == []


def test_two_processes_filling_the_cache_at_once_leave_one_whole_entry(project: Path) -> None:
    command = [sys.executable, "-m", "plantool", "list", "--as-of", "2023-05-26", "--format", "json"]
    runs = [subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = [process.communicate(timeout=120) for process in runs]
    assert len({out for out, _ in outputs}) == 1
    assert len(entries(project)) == 1
    assert not list((project.parent / "cache" / "plantool").glob(".tmp-*"))
    again = run(project, "list", "--as-of", "2023-05-26", "--format", "json")
    assert again.stdout == outputs[0][0]


def test_a_file_edited_while_the_command_ran_leaves_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    asked = outputcache.ask(["status"], os.environ)
    assert asked is not None
    plan = project / "plans" / "tdp-2023-24.yaml"
    plan.write_bytes(plan.read_bytes() + b"\n")
    asked.keep(0, outputcache.Recording([(1, b"an answer to the old files\n")]), [])
    assert entries(project) == []


def test_a_file_changed_and_changed_back_while_the_command_ran_leaves_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is the same before and after, but the command read other bytes in between."""
    from plantool.sources import watching_reads

    monkeypatch.chdir(project)
    asked = outputcache.ask(["status"], os.environ)
    assert asked is not None
    plan = project / "plans" / "tdp-2023-24.yaml"
    original = plan.read_bytes()

    def status_reading_an_edit_that_is_then_undone() -> None:
        plan.write_bytes(original + b"# a moment later\n")
        try:
            assert CliRunner().invoke(app, ["status"]).exit_code in (0, 1)
        finally:
            plan.write_bytes(original)

    with watching_reads() as reads:
        status_reading_an_edit_that_is_then_undone()
    assert reads, "the command reads through sources.read_source"
    asked.keep(0, outputcache.Recording([(1, b"an answer to bytes the key never saw\n")]), reads)
    assert entries(project) == []


def test_an_answer_from_exactly_the_hashed_bytes_is_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool.sources import watching_reads

    monkeypatch.chdir(project)
    asked = outputcache.ask(["status"], os.environ)
    assert asked is not None
    with watching_reads() as reads:
        assert CliRunner().invoke(app, ["status"]).exit_code in (0, 1)
    asked.keep(0, outputcache.Recording([(1, b"the answer\n")]), reads)
    assert len(entries(project)) == 1


def test_the_parser_takes_only_what_it_knows() -> None:
    question = outputcache.question
    assert question(["status"]) == ("status", None)
    assert question(["--plans", "a", "status", "--plans=b"]) == ("status", "b")
    assert question(["--plans", "a", "list", "--search", "--plans"]) == ("list", "a")
    assert question(["--as-of", "2023-05-26", "overdue", "--lead", "GT"]) == ("overdue", None)
    for refused in (
        [],
        ["--no-cache", "status"],
        ["status", "--help"],
        ["check", "plans"],
        ["check", "-o", "x.json"],
        ["check", "--output", "x.json"],
        ["status", "--"],
        ["status", "--plans"],
        ["status", "--plans="],
        ["list", "--overdue=1"],
        ["overdue", "--overdue"],
        ["diff"],
        ["validate"],
        ["update", "1.4", "--note", "x"],
    ):
        assert question(refused) is None, refused


@pytest.mark.parametrize("command", sorted(outputcache.COMMAND_OPTIONS))
def test_the_parser_knows_each_option_as_the_command_defines_it(command: str) -> None:
    assert command in COMMANDS
    defined = {}
    for parameter in _build(command).params:
        if parameter.param_type_name != "option":
            continue
        for name in parameter.opts:
            defined[name] = not parameter.is_flag
    left_out = {"--help", "-o", "--output"}  # never a cacheable question
    assert {name: takes for name, takes in defined.items() if name not in left_out} == outputcache.COMMAND_OPTIONS[
        command
    ]


def test_a_streamed_answer_is_kept_whole(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An output written in many small pieces (``deliver`` given chunks) is kept as one run of bytes per stream."""
    from plantool.cli.common import deliver

    monkeypatch.chdir(project)
    asked = outputcache.ask(["list", "--format", "json"], os.environ)
    assert asked is not None
    rows = [f"row {number} ✓\n" for number in range(20_000)]
    with asked.recording() as recorded:
        sys.stderr.write("a warning first\n")
        deliver(iter(rows))
    assert len(recorded.chunks) > 2  # it did arrive in pieces
    asked.keep(0, recorded, [])
    (entry,) = entries(project)
    payload = read_entry(entry, outputcache.HEADER, outputcache.MAX_ENTRY_BYTES)
    assert payload is not None
    assert marshal.loads(payload)[2] == [(2, b"a warning first\n"), (1, "".join(rows).encode())]


def test_an_answer_past_the_size_bound_is_neither_kept_nor_held(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool.cli.common import deliver

    monkeypatch.chdir(project)
    monkeypatch.setattr(outputcache, "MAX_ENTRY_BYTES", 100_000)
    asked = outputcache.ask(["list", "--format", "json"], os.environ)
    assert asked is not None
    held: list[int] = []

    def rows(recorded: outputcache.Recording) -> Iterator[str]:
        for number in range(100_000):
            held.append(sum(len(data) for _, data in recorded.chunks))
            yield f"row {number}\n"

    with asked.recording() as recorded:
        deliver(rows(recorded))
    assert recorded.too_large and recorded.chunks == []
    assert max(held) <= 100_000
    asked.keep(0, recorded, [])
    assert entries(project) == []
