"""``deliver`` (plantool/cli/common.py): an output written as it is produced, whole or not at all where it can be.

A renderer may hand over its output whole or as chunks. Written to a file (``-o``),
a renderer failing half-way leaves the file as it was and no temporary file; written
to stdout, a failure within the first ``HELD`` characters leaves stdout empty, and one
after says on stderr that what came is incomplete (docs/decisions.md, "Output as it is
produced").
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import BUNDLED_PLANS
from plantool.cli import app, common
from plantool.cli.common import deliver
from plantool.render import export, listing
from plantool.render.formats import ExportFormat, ListFormat


class _Stream(io.TextIOWrapper):
    """A text stdout over bytes, as a real one is, to see what reached it in which order."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="\n")

    def written(self) -> bytes:
        self.flush()
        raw: Any = self.buffer
        return bytes(raw.getvalue())


def redirect(monkeypatch: pytest.MonkeyPatch) -> _Stream:
    """A fresh stdout for the test's body (pytest sets its own capture for each phase, after any fixture)."""
    stream = _Stream()
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


def test_chunks_of_text_reach_stdout_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = redirect(monkeypatch)
    deliver(f"row {n}\n" for n in range(50_000))
    assert stdout.written() == "".join(f"row {n}\n" for n in range(50_000)).encode()


def test_text_and_bytes_keep_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = redirect(monkeypatch)
    deliver(["text, ", "more text, "])
    deliver([b"\xef\xbb\xbfbytes\r\n", b"more bytes\r\n"])
    deliver("whole text\n")
    deliver(b"whole bytes\n")
    assert stdout.written() == b"text, more text, \xef\xbb\xbfbytes\r\nmore bytes\r\nwhole text\nwhole bytes\n"


def test_chunks_of_text_go_to_the_file_as_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deliver(iter(["caf", "é ", "✓\n"]), tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_bytes() == "café ✓\n".encode()
    assert capsys.readouterr().err == f"plantool: wrote {tmp_path / 'out.txt'}\n"


def _rows_then_a_bug(count: int) -> Iterator[str]:
    yield "[\n"
    for number in range(count):
        yield f'  {{"row": {number}}},\n'
    raise RuntimeError("a bug in the renderer")


def test_a_small_output_whose_renderer_fails_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = redirect(monkeypatch)
    with pytest.raises(RuntimeError):
        deliver(_rows_then_a_bug(10))
    assert stdout.written() == b""


def test_a_large_output_whose_renderer_fails_is_said_to_be_incomplete(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout = redirect(monkeypatch)
    rows = common.HELD // 10 + 10
    with pytest.raises(RuntimeError):
        deliver(_rows_then_a_bug(rows))
    written = stdout.written()
    assert len(written) >= common.HELD
    assert b"".join(f'  {{"row": {n}}},\n'.encode() for n in range(1000)) in written
    assert capsys.readouterr().err == "plantool: the output above stops part-way: it is incomplete\n"


def test_the_generator_is_closed_when_writing_fails(tmp_path: Path) -> None:
    closed: list[bool] = []

    def rows() -> Iterator[bytes]:
        try:
            while True:
                yield b"row\n"
        finally:
            closed.append(True)

    with pytest.raises(common.PlantoolError, match="is a folder"):
        deliver(rows(), tmp_path)
    assert closed == []  # refused before a chunk was asked for
    generator = rows()
    next(generator)
    with pytest.raises(common.PlantoolError):
        deliver(generator, tmp_path)
    assert closed == [True]


# --- through the command line ------------------------------------------------------------


def _export_failing_after(rows: int) -> Any:
    def renderer(result: object, view: object) -> Iterator[str]:
        return _rows_then_a_bug(rows)

    return renderer


@pytest.mark.parametrize("rows", [3, 200_000])
def test_export_to_a_file_that_fails_half_way_keeps_last_months_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: int
) -> None:
    out = tmp_path / "actions.json"
    out.write_bytes(b"last month's export\n")
    monkeypatch.setitem(export.FORMATS, ExportFormat.json, _export_failing_after(rows))
    result = CliRunner().invoke(app, ["export", "--plans", str(BUNDLED_PLANS), "-o", str(out)])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: a bug in the renderer" in result.stderr
    assert "wrote" not in result.stderr
    assert out.read_bytes() == b"last month's export\n"
    assert {p.name for p in tmp_path.iterdir()} == {"actions.json"}


def test_export_to_a_new_file_that_fails_half_way_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(export.FORMATS, ExportFormat.json, _export_failing_after(200_000))
    result = CliRunner().invoke(app, ["export", "--plans", str(BUNDLED_PLANS), "-o", str(tmp_path / "new.json")])
    assert result.exit_code == 3
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_exporting_to_a_file_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "actions.json"
    out.write_bytes(b"last month's export\n")

    def interrupted(result: object, view: object) -> Iterator[str]:
        yield "[\n"
        raise KeyboardInterrupt

    monkeypatch.setitem(export.FORMATS, ExportFormat.json, interrupted)
    result = CliRunner().invoke(app, ["export", "--plans", str(BUNDLED_PLANS), "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_bytes() == b"last month's export\n"
    assert {p.name for p in tmp_path.iterdir()} == {"actions.json"}


@pytest.mark.parametrize(("rows", "incomplete"), [(3, False), (200_000, True)])
def test_list_on_stdout_failing_half_way_is_a_bug_and_never_looks_complete(
    monkeypatch: pytest.MonkeyPatch, rows: int, incomplete: bool
) -> None:
    monkeypatch.setitem(listing.FORMATS, ListFormat.json, _export_failing_after(rows))
    result = CliRunner().invoke(app, ["list", "--plans", str(BUNDLED_PLANS), "--format", "json"])
    assert result.exit_code == 3
    assert ("stops part-way: it is incomplete" in result.stderr) is incomplete
    if incomplete:
        assert result.stdout.startswith('[\n  {"row": 0},\n')
    else:
        assert result.stdout == ""
