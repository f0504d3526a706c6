"""A plans folder arrives through pull requests and can hold anything (docs/decisions.md, "Reading plan files").

Each hostile entry is built in ``tmp_path`` and must be reported by name (or
walked, for a folder) without hanging; nothing outside the plans folder is
read or echoed; exit codes are the README's: 1 for a folder with problems, 2 for
a path that does not exist or a name Typer takes for an option.

There are no timing assertions: an entry that blocks shows up as a test that
never finishes.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PEOPLE
from plantool import sources
from plantool.cli import app
from plantool.problems import Problem
from plantool.workspace import load_folder

SECRET = "SECRET-TOKEN-4242"


def plan(plan_id: str, lead: str = "JT") -> str:
    return (
        f"plan:\n  id: {plan_id}\n  title: A plan\n"
        "priorities:\n  - id: P1\n    title: A priority\n    actions:\n"
        f'      - id: "1.1"\n        title: An action\n        leads: [{lead}]\n'
    )


def cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    return result.exit_code, result.output


def located(output: str) -> dict[str, str]:
    """``{path: message}`` for each ``path:0:0: error: message`` line."""
    found = {}
    for line in output.splitlines():
        if ":0:0: error: " in line:
            path, message = line.split(":0:0: error: ", 1)
            found[path] = message
    return found


LOOP = ("symbolic link loop", "too many levels of symbolic links")  # Python < 3.13 / >= 3.13
OUTSIDE = "is a link to somewhere outside the plans folder; not read"


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path/plans`` with every kind of entry a pull request could bring; the current folder is ``tmp_path``."""
    outside = tmp_path / "outside"
    outside.mkdir()
    # Bait: if this were ever read, the invalid id would be quoted in an error message.
    (outside / "secret.yaml").write_text(f"plan:\n  id: {SECRET}\n  title: {SECRET}\npriorities: []\n")
    (outside / "notes.md").write_text(SECRET)
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "people.yaml").write_text(PEOPLE)
    (plans / "good.yaml").write_text(plan("good"))
    (plans / "-h.yaml").write_text(plan("dash"))
    os.mkfifo(plans / "x.yaml")
    (plans / "zero.yaml").symlink_to("/dev/zero")
    (plans / "secret.yaml").symlink_to(outside / "secret.yaml")
    (plans / "README.md").symlink_to(outside / "notes.md")  # not a plan file: never read, never a problem
    (plans / "dir.yaml").mkdir()
    (plans / "dir.yaml" / "inner.yaml").write_text(plan("in-dir"))
    (plans / "locked.yaml").write_text(plan("locked"))
    (plans / "a.yaml").symlink_to("b.yaml")
    (plans / "b.yaml").symlink_to("a.yaml")
    (plans / "loop").mkdir()
    (plans / "loop" / "up").symlink_to("..")
    (plans / "loop" / "here").symlink_to(".")
    (plans / "spin").symlink_to("spin")
    (plans / "shared").symlink_to(outside)
    monkeypatch.chdir(tmp_path)
    yield plans


@pytest.fixture
def locked(monkeypatch: pytest.MonkeyPatch) -> None:
    """``locked.yaml`` cannot be opened. Tests run as root, where chmod 000 stops nothing, so refuse it here."""
    real_open = os.open

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if os.path.basename(os.fspath(path)) == "locked.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)


EXPECTED = {
    os.path.join("plans", "a.yaml"): LOOP,
    os.path.join("plans", "b.yaml"): LOOP,
    os.path.join("plans", "locked.yaml"): ("cannot be read: permission denied",),
    os.path.join("plans", "secret.yaml"): (OUTSIDE,),
    os.path.join("plans", "shared"): (OUTSIDE,),
    os.path.join("plans", "x.yaml"): ("is a FIFO (named pipe), not a regular file; not read",),
    os.path.join("plans", "zero.yaml"): (OUTSIDE,),
}
READ = sorted(
    os.path.join("plans", name)
    for name in ("-h.yaml", os.path.join("dir.yaml", "inner.yaml"), "good.yaml", "locked.yaml", "people.yaml")
)


def check_reported(found: dict[str, str]) -> None:
    assert set(found) == set(EXPECTED), found
    for path, message in found.items():
        assert any(text in message for text in EXPECTED[path]), (path, message)


@pytest.mark.usefixtures("locked")
def test_every_entry_is_reported_by_name_through_the_library(hostile: Path) -> None:
    workspace = load_folder(Path("plans"))
    assert all((p.line, p.col) == (0, 0) for p in workspace.problems), workspace.problems
    check_reported({p.path: p.message for p in workspace.problems})
    assert sorted(workspace.files) == READ
    assert sorted(p.id for p in workspace.plans) == ["dash", "good", "in-dir"]  # dir.yaml was walked into


@pytest.mark.usefixtures("locked")
@pytest.mark.parametrize("args", [["validate", "--plans", "plans"], ["validate", "plans"]], ids=["--plans", "PATH"])
def test_every_entry_is_reported_by_name_through_the_cli(hostile: Path, args: list[str]) -> None:
    code, output = cli(args)
    assert code == 1
    check_reported(located(output))
    assert SECRET not in output
    code, output = cli(["validate", "--format", "json", *args[1:]])
    assert code == 1
    document = json.loads(output)
    assert sorted(document["files"]) == READ  # -h.yaml, and the plan inside dir.yaml, were read
    check_reported({p["file"]: p["message"] for p in document["problems"]})
    assert SECRET not in output


def test_nothing_outside_the_folder_is_opened(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open
    opened: list[str] = []

    def recording_open(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        opened.append(os.path.realpath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    load_folder(Path("plans"))
    root = hostile.resolve()
    assert opened
    for path in opened:
        assert Path(path).is_relative_to(root), path
    assert str(root / "x.yaml") not in opened  # the FIFO is judged by lstat, not opened


def test_a_fifo_named_on_the_command_line_does_not_block(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Named directly, even with another suffix, it is opened without waiting for a writer."""
    os.mkfifo(hostile / "pipe.txt")
    monkeypatch.chdir(hostile)
    code, output = cli(["validate", "x.yaml", "pipe.txt"])
    assert code == 1
    assert located(output) == {
        "pipe.txt": "is a FIFO (named pipe), not a regular file; not read",
        "x.yaml": "is a FIFO (named pipe), not a regular file; not read",
    }


def test_a_socket_and_a_device_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(plans / "s.yaml"))
        expected = {os.path.join("plans", "s.yaml"): "is a socket, not a regular file; not read"}
        try:  # a device node inside the folder (needs CAP_MKNOD; containers often lack it)
            os.mknod(plans / "dev.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 5))
            expected[os.path.join("plans", "dev.yaml")] = "is a device, not a regular file; not read"
        except (PermissionError, OSError):
            pass
        monkeypatch.chdir(tmp_path)
        code, output = cli(["validate", "--plans", "plans"])
        assert code == 1
        assert located(output) == expected
    finally:
        listener.close()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads a chmod 000 file anyway")
def test_an_unreadable_file_for_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.yaml").write_text(plan("locked"))
    (tmp_path / "locked.yaml").chmod(0)
    monkeypatch.chdir(tmp_path)
    code, output = cli(["validate", "locked.yaml"])
    assert code == 1
    assert located(output) == {"locked.yaml": "cannot be read: permission denied"}


# ---------------------------------------------------------------------------
# A file named like an option


def test_dash_h_after_double_dash_is_a_file(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hostile)
    code, output = cli(["validate", "--", "-h.yaml"])
    assert code == 0, output
    assert "1 file valid" in output
    code, output = cli(["validate", "--plans", ".", "--", "-h.yaml"])
    assert code == 0, output
    assert "1 file valid" in output


def test_dash_h_without_double_dash_is_a_usage_error(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a shell glob does to it: Typer sees an option. Exit 2, never a traceback, nothing read."""
    monkeypatch.chdir(hostile)
    code, output = cli(["validate", "-h.yaml"])
    assert code == 2
    assert "-h" in output


def test_dash_h_is_read_when_its_folder_is_named(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (hostile / "-h.yaml").write_text(plan("dash", lead="NOBODY"))
    monkeypatch.chdir(hostile)
    code, output = cli(["validate", "--format", "json", "."])
    assert code == 1
    document = json.loads(output)
    assert "-h.yaml" in document["files"]
    assert [(p["line"], p["column"]) for p in document["problems"] if p["file"] == "-h.yaml"] == [(10, 17)]
    assert any("'NOBODY'" in p["message"] for p in document["problems"] if p["file"] == "-h.yaml")


# ---------------------------------------------------------------------------
# Single files keep the people of their plans folder


@pytest.fixture
def layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans" / "sub").mkdir(parents=True)
    (tmp_path / "plans" / "people.yaml").write_text(PEOPLE)
    (tmp_path / "plans" / "sub" / "file.yaml").write_text(plan("in-plans"))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "people.yaml").write_text("people:\n  - id: AB\n")
    (tmp_path / "elsewhere" / "file.yaml").write_text(plan("elsewhere", lead="AB"))
    (tmp_path / "lonely").mkdir()
    (tmp_path / "lonely" / "file.yaml").write_text(plan("lonely"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_file_in_the_plans_folder_sees_the_folders_people(layout: Path) -> None:
    code, output = cli(["validate", "--plans", "plans", os.path.join("plans", "sub", "file.yaml")])
    assert code == 0, output
    assert "1 file valid" in output


def test_a_file_outside_the_plans_folder_sees_its_own_folders_people(layout: Path) -> None:
    code, output = cli(["validate", "--plans", "plans", os.path.join("elsewhere", "file.yaml")])
    assert code == 0, output
    assert "1 file valid" in output


def test_a_file_with_no_people_beside_it_has_unknown_leads(layout: Path) -> None:
    """The control for the two tests above: the people file is what made them pass."""
    code, output = cli(["validate", "--plans", "plans", os.path.join("lonely", "file.yaml")])
    assert code == 1
    assert f"{os.path.join('lonely', 'file.yaml')}:10:17: error: lead 'JT' is not in any people file" in output


def test_a_missing_path_is_a_usage_error(layout: Path) -> None:
    code, output = cli(["validate", "--plans", "plans", "nope.yaml"])
    assert code == 2
    assert "nope.yaml: no such file or folder" in output


def test_a_missing_plans_folder_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = cli(["validate", "--plans", "nowhere"])
    assert code == 2
    assert "no plans folder" in output


def test_a_link_loop_named_on_the_command_line(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Named, a loop is reported whatever its name (``spin`` would be skipped by a walk: not YAML)."""
    monkeypatch.chdir(hostile)
    code, output = cli(["validate", "a.yaml", "spin"])
    assert code == 1
    found = located(output)
    assert set(found) == {"a.yaml", "spin"}, output
    for message in found.values():
        assert any(text in message for text in LOOP), message


def test_read_source_refuses_what_discovery_let_through(tmp_path: Path) -> None:
    """The second guard: a path swapped for a FIFO after the walk is still not read."""
    os.mkfifo(tmp_path / "late.yaml")
    result = sources.read_source(sources.Source(tmp_path / "late.yaml", "late.yaml"))
    assert isinstance(result, Problem)
    assert result.message == "is a FIFO (named pipe), not a regular file; not read"


# --- -o and schema never clobber an input (docs/decisions.md, "Writing files") ---------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(plan("PLAN"))
    (tmp_path / "plans" / "people.yaml").write_text(PEOPLE)
    (tmp_path / "plantool.toml").write_text('plans = "plans"\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-o", "plans/plan.yaml", "--format", "markdown"],
        ["check", "-o", "plans/plan.yaml"],
        ["check", "plans/plan.yaml", "-o", "plans/people.yaml"],
        ["export", "-o", "plans/people.yaml", "--format", "csv"],
        ["export", "-o", "plantool.toml", "--format", "json"],
        ["report", "-o", "./plans/../plans/plan.yaml", "--format", "html"],
    ],
)
def test_output_onto_a_file_the_command_reads_is_refused(repo: Path, args: list[str]) -> None:
    before = {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()}
    code, output = cli(args)
    assert code == 2
    assert "a file this command reads" in output
    assert {path: path.read_bytes() for path in repo.rglob("*") if path.is_file()} == before


def test_output_onto_another_name_for_a_plan_is_refused(repo: Path) -> None:
    os.link(repo / "plans" / "plan.yaml", repo / "board.md")
    code, output = cli(["report", "-o", "board.md"])
    assert code == 2
    assert "a file this command reads" in output
    assert (repo / "plans" / "plan.yaml").read_text() == plan("PLAN")


def test_output_onto_a_fifo_is_refused_without_waiting(repo: Path) -> None:
    os.mkfifo(repo / "board.html")
    code, output = cli(["report", "-o", "board.html"])
    assert code == 2
    assert "named pipe" in output


def test_output_through_a_link_is_refused(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "victim.csv"
    outside.write_text("keep me")
    (repo / "out.csv").symlink_to(outside)
    code, output = cli(["export", "-o", "out.csv"])
    assert code == 2
    assert "link" in output
    assert outside.read_text() == "keep me"


def test_output_replaces_last_months_report_whole(repo: Path) -> None:
    (repo / "board.md").write_text("last month\n")
    code, _ = cli(["report", "-o", "board.md"])
    assert code == 0
    assert (repo / "board.md").read_text().startswith("#")
    assert sorted(p.name for p in repo.iterdir()) == ["board.md", "plans", "plantool.toml"]


def test_schema_never_writes_through_a_link(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    outside = tmp_path_factory.mktemp("outside") / "victim.json"
    outside.write_text("keep me")
    (repo / "schemas").mkdir()
    (repo / "schemas" / "plan.schema.json").symlink_to(outside)
    code, output = cli(["schema"])
    assert code == 2
    assert "link" in output
    assert outside.read_text() == "keep me"


# --- nothing outside the plans folder, through any component or any race ------------------


def test_a_named_file_through_a_linked_folder_is_not_read(hostile: Path) -> None:
    # plans/shared links out; the last component (secret.yaml) is an ordinary file there.
    code, output = cli(["validate", "plans/shared/secret.yaml"])
    assert SECRET not in output
    found = located(output)
    assert (
        "through a link to somewhere outside the plans folder" in found[os.path.join("plans", "shared", "secret.yaml")]
    )
    assert code == 1


def test_a_file_swapped_for_a_link_after_the_walk_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    target = tmp_path / "plans" / "plan.yaml"
    target.write_text(plan("p"))
    (tmp_path / "secret.yaml").write_text(f"plan:\n  id: {SECRET}\n")
    found, _ = sources.discover(tmp_path / "plans")
    target.unlink()
    target.symlink_to(tmp_path / "secret.yaml")
    result = sources.read_source(found[0])
    assert isinstance(result, Problem)
    assert "became a link" in result.message


def test_a_file_replaced_after_the_walk_is_not_read(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    (plans / "sub").mkdir(parents=True)
    (plans / "sub" / "plan.yaml").write_text(plan("p"))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "plan.yaml").write_text(f"plan:\n  id: {SECRET}\n")
    found, _ = sources.discover(plans)
    # A folder on the path swapped for a link out: the last component is an ordinary file.
    (plans / "sub").rename(plans / "old")
    (plans / "sub").symlink_to(tmp_path / "outside")
    result = sources.read_source(found[0])
    assert isinstance(result, Problem)
    assert "was replaced while plantool was reading" in result.message


def test_the_filesystem_root_is_refused_as_a_plans_folder() -> None:
    code, output = cli(["validate", "--plans", "/"])
    assert code == 1
    assert "the plans folder is the root of the filesystem" in output
    assert output.count("error:") == 1


@pytest.mark.parametrize(
    ("bound", "value", "message"),
    [
        ("MAX_WALK_FILES", 3, "more than 3 YAML files"),
        ("MAX_WALK_ENTRIES", 4, "more than 4 files and folders"),
        ("MAX_WALK_BYTES", 300, "more than 300 bytes of YAML"),
    ],
)
def test_a_walk_stops_at_its_bounds_with_one_clear_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: str, value: int, message: str
) -> None:
    for index in range(6):
        (tmp_path / f"p{index}.yaml").write_text(plan(f"p{index}"))
    monkeypatch.setattr(sources, bound, value)
    found, problems = sources.discover(tmp_path)
    assert len(found) < 6
    assert [p.message for p in problems if message in p.message], problems
    assert "Is this really the plans folder?" in problems[-1].message


def test_a_yaml_file_that_is_no_plan_is_not_echoed(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text(f"{SECRET}: 1\npassword: &{SECRET}x hunter2\n")
    code, output = cli(["validate", "--plans", str(tmp_path)])
    assert code == 1
    assert SECRET not in output and "hunter2" not in output
    assert "not a plan or people file" in output
