"""plantool.safeio: a user's file is replaced whole or not at all, never through a link, never onto an input.

Each refusal is checked on disk afterwards: the original bytes are intact and the
folder holds no temporary file, whichever way the write ended.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantool import safeio
from plantool.safeio import Snapshot, WriteRefused, replace, snapshot, write_output

OLD = b"plan:\n  id: P\n  title: The old text\n"
NEW = b"plan:\n  id: P\n  title: The new text\n"


def names(folder: Path) -> set[str]:
    return {entry.name for entry in folder.iterdir()}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_bytes(OLD)
    return path


# --- snapshot -------------------------------------------------------------------------


def test_snapshot_records_bytes_and_identity(target: Path) -> None:
    snap = snapshot(target)
    info = os.stat(target)
    assert snap == Snapshot(target, OLD, info.st_dev, info.st_ino, info.st_mode)


def test_snapshot_refuses_a_link(target: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    with pytest.raises(WriteRefused, match="is a link"):
        snapshot(link)


def test_snapshot_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="named pipe"):
        snapshot(fifo)


def test_snapshot_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="folder"):
        snapshot(tmp_path)


def test_snapshot_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="cannot read"):
        snapshot(tmp_path / "missing.yaml")


# --- replace --------------------------------------------------------------------------


def test_replace_writes_exactly_the_new_bytes_and_leaves_nothing_behind(target: Path) -> None:
    before = names(target.parent)
    replace(snapshot(target), NEW)
    assert target.read_bytes() == NEW
    assert names(target.parent) == before


def test_replace_keeps_the_mode(target: Path) -> None:
    target.chmod(0o640)
    replace(snapshot(target), NEW)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640


def test_replace_is_a_new_inode_so_readers_never_see_half_a_file(target: Path) -> None:
    before = os.stat(target).st_ino
    replace(snapshot(target), NEW)
    assert os.stat(target).st_ino != before


def test_replace_refuses_after_another_editor_changed_the_bytes(target: Path) -> None:
    snap = snapshot(target)
    target.write_bytes(b"someone else's work\n")
    with pytest.raises(WriteRefused, match="changed on disk"):
        replace(snap, NEW)
    assert target.read_bytes() == b"someone else's work\n"
    assert names(target.parent) == {"plan.yaml"}


def test_replace_refuses_a_file_swapped_in_with_the_same_bytes(target: Path, tmp_path: Path) -> None:
    # A git pull or an editor's own atomic save puts a new file in place: same text, new inode.
    snap = snapshot(target)
    other = tmp_path / "other"
    other.write_bytes(OLD)
    os.replace(other, target)
    with pytest.raises(WriteRefused, match="changed on disk"):
        replace(snap, NEW)
    assert target.read_bytes() == OLD


def test_replace_refuses_a_file_deleted_meanwhile(target: Path) -> None:
    snap = snapshot(target)
    target.unlink()
    with pytest.raises(WriteRefused, match="changed on disk"):
        replace(snap, NEW)
    assert names(target.parent) == set()


def test_replace_refuses_a_file_turned_into_a_link_meanwhile(target: Path, tmp_path: Path) -> None:
    snap = snapshot(target)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(OLD)
    target.unlink()
    target.symlink_to(outside)
    with pytest.raises(WriteRefused):
        replace(snap, NEW)
    assert outside.read_bytes() == OLD
    assert target.is_symlink()


def test_a_change_during_the_write_is_caught_by_the_second_check(target: Path) -> None:
    def meanwhile(data: bytes) -> None:
        target.write_bytes(b"saved in the editor while plantool wrote\n")

    with pytest.raises(WriteRefused, match="changed on disk"):
        replace(snapshot(target), NEW, verify=meanwhile)
    assert target.read_bytes() == b"saved in the editor while plantool wrote\n"
    assert names(target.parent) == {"plan.yaml"}


def test_verify_sees_the_bytes_read_back_and_its_refusal_keeps_the_original(target: Path) -> None:
    seen: list[bytes] = []

    def refuse(data: bytes) -> None:
        seen.append(data)
        raise WriteRefused("the edited plan no longer loads")

    with pytest.raises(WriteRefused, match="no longer loads"):
        replace(snapshot(target), NEW, verify=refuse)
    assert seen == [NEW]
    assert target.read_bytes() == OLD
    assert names(target.parent) == {"plan.yaml"}


def test_ctrl_c_during_the_write_keeps_the_original_and_removes_the_temporary_file(target: Path) -> None:
    def interrupted(data: bytes) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        replace(snapshot(target), NEW, verify=interrupted)
    assert target.read_bytes() == OLD
    assert names(target.parent) == {"plan.yaml"}


def test_a_failed_rename_removes_the_temporary_file(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_rename(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(safeio.os, "replace", no_rename)
    with pytest.raises(WriteRefused, match="input/output error"):
        replace(snapshot(target), NEW)
    assert target.read_bytes() == OLD
    assert names(target.parent) == {"plan.yaml"}


@settings(max_examples=40, deadline=None)
@given(old=st.binary(max_size=2000), new=st.binary(max_size=2000))
def test_replace_round_trips_any_bytes(tmp_path_factory: pytest.TempPathFactory, old: bytes, new: bytes) -> None:
    folder = tmp_path_factory.mktemp("any")
    path = folder / "file"
    path.write_bytes(old)
    replace(snapshot(path), new)
    assert path.read_bytes() == new
    assert names(folder) == {"file"}


# A write past RLIMIT_FSIZE fails with EFBIG (Python ignores SIGXFSZ), as a full disk
# fails with ENOSPC: both must leave last month's file whole. Run in a child process so
# the limit cannot touch the test runner.
_LIMITED_WRITE = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from plantool.safeio import WriteRefused, replace, snapshot, write_output
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    path = Path(sys.argv[2])
    try:
        if sys.argv[1] == "replace":
            replace(snapshot(path), b"x" * 100_000)
        else:
            write_output(path, b"x" * 100_000)
    except WriteRefused as error:
        print(error)
        sys.exit(2)
    sys.exit(0)
    """
)


@pytest.mark.parametrize("how", ["replace", "write_output"])
def test_a_write_past_the_size_limit_leaves_the_old_file_intact(target: Path, how: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_WRITE, how, str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert "file too large" in done.stdout
    assert "left as it was" in done.stdout
    assert target.read_bytes() == OLD
    assert names(target.parent) == {"plan.yaml"}


def test_a_new_file_past_the_size_limit_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    done = subprocess.run(
        [sys.executable, "-c", _LIMITED_WRITE, "write_output", str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    assert names(tmp_path) == set()


# --- write_output ---------------------------------------------------------------------


def test_write_output_creates_a_new_file_with_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    write_output(target, b"<html>")
    assert target.read_bytes() == b"<html>"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o666 & ~mask
    assert names(tmp_path) == {"board.html"}


def test_write_output_replaces_last_months_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    target.write_bytes(b"last month")
    target.chmod(0o600)
    write_output(target, b"this month")
    assert target.read_bytes() == b"this month"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert names(tmp_path) == {"board.html"}


def test_write_output_refuses_a_file_the_command_reads(target: Path) -> None:
    with pytest.raises(WriteRefused, match="reads"):
        write_output(target, b"report", protected=[target])
    assert target.read_bytes() == OLD


def test_write_output_refuses_another_name_for_a_file_the_command_reads(target: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias.yaml"
    os.link(target, alias)
    with pytest.raises(WriteRefused, match="reads"):
        write_output(alias, b"report", protected=[target])
    assert target.read_bytes() == OLD


def test_write_output_refuses_a_link(target: Path, tmp_path: Path) -> None:
    link = tmp_path / "board.html"
    link.symlink_to(target)
    with pytest.raises(WriteRefused, match="is a link"):
        write_output(link, b"report")
    assert target.read_bytes() == OLD
    assert link.is_symlink()


def test_write_output_refuses_a_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "board.html"
    link.symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(WriteRefused, match="is a link"):
        write_output(link, b"report")
    assert not (tmp_path / "elsewhere.html").exists()


def test_write_output_refuses_a_fifo_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "board.html"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="named pipe"):
        write_output(fifo, b"report")


def test_write_output_refuses_a_device() -> None:
    with pytest.raises(WriteRefused, match="device"):
        write_output(Path("/dev/null"), b"report")


def test_write_output_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="folder"):
        write_output(tmp_path, b"report")


@pytest.mark.parametrize("spelt", ["relative", "absolute"])
def test_a_path_inside_the_current_folder_may_not_lead_out_through_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelt: str
) -> None:
    tree = tmp_path / "repo"
    outside = tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (tree / "reports").symlink_to(outside)
    monkeypatch.chdir(tree)
    named = Path("reports/board.html")
    with pytest.raises(WriteRefused, match="outside the current folder"):
        write_output(named if spelt == "relative" else tree.resolve() / named, b"report")
    assert names(outside) == set()


def test_an_absolute_path_outside_the_current_folder_is_the_users_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "reports").symlink_to(tmp_path / "shared")
    monkeypatch.chdir(tmp_path / "repo")
    write_output(tmp_path / "reports" / "board.html", b"report")
    assert (tmp_path / "shared" / "board.html").read_bytes() == b"report"


def test_write_output_follows_a_link_that_stays_inside_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "reports").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    write_output(Path("reports/board.html"), b"report")
    assert (tmp_path / "real" / "board.html").read_bytes() == b"report"


def test_write_output_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="no such file"):
        write_output(tmp_path / "missing" / "board.html", b"report")


def test_a_name_that_appears_while_writing_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "board.html"
    with safeio._Folder(target) as folder:
        temp = folder.write_temp([b"ours"], 0o644, None)
        target.write_bytes(b"theirs")
        with pytest.raises(WriteRefused, match="appeared"):
            folder.link_new(temp)
        folder.discard(temp)
    assert target.read_bytes() == b"theirs"
    assert names(tmp_path) == {"board.html"}


# --- write_output, given chunks -----------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(old=st.none() | st.binary(max_size=200), chunks=st.lists(st.binary(max_size=50), max_size=30))
def test_chunks_are_written_as_their_concatenation(
    tmp_path_factory: pytest.TempPathFactory, old: bytes | None, chunks: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("chunks")
    path = folder / "out.json"
    if old is not None:
        path.write_bytes(old)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(safeio, "_CHUNK", 7)  # gathered into blocks, some chunks larger than a block
        write_output(path, iter(chunks))
    assert path.read_bytes() == b"".join(chunks)
    assert names(folder) == {"out.json"}


def _failing_after(count: int, error: BaseException, started: list[bytes]) -> Iterator[bytes]:
    for number in range(count):
        chunk = f"row {number}\n".encode()
        started.append(chunk)
        yield chunk
    raise error


@pytest.mark.parametrize("error", [RuntimeError("a bug in the renderer"), KeyboardInterrupt(), OSError(5, "eio")])
@pytest.mark.parametrize("rows", [0, 3, 300_000])
def test_a_producer_failing_half_way_leaves_the_old_file_and_no_temporary_file(
    target: Path, error: BaseException, rows: int
) -> None:
    produced: list[bytes] = []
    with pytest.raises(type(error)) as raised:
        write_output(target, _failing_after(rows, error, produced))
    assert raised.value is error  # the producer's own error, not a refusal naming the file
    assert len(produced) == rows
    assert target.read_bytes() == OLD
    assert names(target.parent) == {"plan.yaml"}


@pytest.mark.parametrize("error", [RuntimeError("a bug in the renderer"), KeyboardInterrupt()])
def test_a_producer_failing_half_way_leaves_no_new_file(tmp_path: Path, error: BaseException) -> None:
    with pytest.raises(type(error)):
        write_output(tmp_path / "board.csv", _failing_after(300_000, error, []))
    assert names(tmp_path) == set()


def test_a_refused_write_never_asks_for_a_chunk(target: Path) -> None:
    produced: list[bytes] = []
    with pytest.raises(WriteRefused, match="reads"):
        write_output(target, _failing_after(3, RuntimeError("never reached"), produced), protected=[target])
    assert produced == []


def test_a_target_changed_while_the_chunks_are_written_is_not_replaced(target: Path) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"first half, "
        target.write_bytes(b"someone else's save\n")  # same inode, other bytes
        yield b"second half\n"

    with pytest.raises(WriteRefused, match="changed on disk"):
        write_output(target, chunks())
    assert target.read_bytes() == b"someone else's save\n"
    assert names(target.parent) == {"plan.yaml"}
