"""Finding and reading plan files on disk, without trusting what is in the folder.

A plans folder arrives through pull requests and can hold anything: a FIFO
that blocks a plain ``read()`` forever, a link to ``/dev/zero``, a link to a
secret outside the folder, a link loop (docs/decisions.md, "The folder"). We walk the
folder ourselves in sorted order, accept only regular files whose real path
stays inside the folder, open them without blocking, read at most
``MAX_FILE_BYTES``, and decode strictly as UTF-8. Everything else becomes a
``Problem`` naming the entry; nothing outside the folder is read or echoed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from plantool.fswords import entry_kind, failure
from plantool.problems import Problem

MAX_FILE_BYTES = 16 * 1024 * 1024
"""A real plan is tens of kilobytes; 16 MiB holds 15,000 synthetic actions."""

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Source:
    """A plan file to read: where it is on disk and how to name it to the user."""

    path: Path
    display: str
    opened: Path | None = None
    """The real file, when ``path`` is a link to a file inside the folder (opened instead, without following)."""
    device: int = -1
    inode: int = -1
    """What was discovered: the opened file must be this very file, or it was swapped meanwhile."""


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the current folder where possible."""
    try:
        shown = os.path.relpath(path) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        shown = str(path)
    # A name that is not UTF-8 arrives with surrogate escapes, which no UTF-8 output can
    # carry (an export or report would fail); show the bad bytes as U+FFFD instead.
    # Control characters stay: each output format escapes them its own way (GitHub's
    # annotations need the name itself, percent-encoded, to point at the file).
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# Control characters, line and paragraph separators and bidi controls in a file name.
_UNSAFE_IN_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible_name(name: str) -> str:
    """A file name safe to print: a newline in it cannot start a forged ``path:1:1: error:`` line.

    Each control character is shown as its escape (``\\n``, ``\\x1b``), as git quotes such names.
    """
    return _UNSAFE_IN_NAME.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


MAX_FOLDER_DEPTH = 32
"""Folders inside folders; a plans tree is two or three deep, and git can carry one of thousands."""
MAX_WALK_ENTRIES = 200_000
"""Names looked at in one walk: a real plans folder has dozens; a home folder or ``/usr`` has millions."""
MAX_WALK_FILES = 50_000
"""YAML files read in one walk (the benchmarks read 20,000)."""
MAX_WALK_BYTES = 1024 * 1024 * 1024
"""Their total size."""


class _Budget:
    """What one walk may still look at; a walk that runs out stops with one problem on the folder."""

    def __init__(self) -> None:
        self.entries = MAX_WALK_ENTRIES
        self.files = MAX_WALK_FILES
        self.bytes = MAX_WALK_BYTES
        self.exhausted: str | None = None


def discover(root: Path, *, recursive: bool = True, named: Iterable[Path] = ()) -> tuple[list[Source], list[Problem]]:
    """Every YAML file under ``root`` in sorted path order, and a problem for each unusable entry.

    Names starting with a dot (``.git``, editor lock files) are skipped. ``named`` are files
    the user gave by name: read whatever their suffix, but only under the same rules (a
    regular file whose real path is inside ``root``).
    """
    sources: list[Source] = []
    problems: list[Problem] = []
    try:
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        problems.append(Problem(display_path(root), 0, 0, f"cannot open the plans folder: {failure(error)}"))
        return sources, problems
    if recursive and real_root == Path(real_root.anchor):
        # Walking / would read every YAML file on the machine and report on each.
        message = "the plans folder is the root of the filesystem; name the folder that holds the plans"
        problems.append(Problem(display_path(root), 0, 0, message))
        return sources, problems
    budget = _Budget()
    _walk(root, real_root, {real_root}, recursive, 0, sources, problems, budget)
    if budget.exhausted is not None:
        problems.append(
            Problem(display_path(root), 0, 0, f"{budget.exhausted}; stopped there. Is this really the plans folder?")
        )
    known = {os.path.abspath(source.path) for source in sources} | {os.path.abspath(p.path) for p in problems}
    for path in named:
        if os.path.abspath(path) not in known and _inside(path, real_root, problems):
            _admit(path, real_root, True, False, sources, problems, budget)
    return sources, problems


def _inside(path: Path, real_root: Path, problems: list[Problem]) -> bool:
    """A named file must stay inside the folder through every component, not only its last one."""
    try:
        real = path.parent.resolve(strict=True)  # the last component is _admit's to judge
    except (OSError, RuntimeError) as error:
        problems.append(Problem(display_path(path), 0, 0, f"cannot be read: {failure(error)}"))
        return False
    if not real.is_relative_to(real_root):
        problems.append(
            Problem(
                display_path(path), 0, 0, "is reached through a link to somewhere outside the plans folder; not read"
            )
        )
        return False
    return True


def _walk(
    folder: Path,
    real_root: Path,
    seen: set[Path],
    recursive: bool,
    depth: int,
    sources: list[Source],
    problems: list[Problem],
    budget: _Budget,
) -> None:
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        problems.append(Problem(display_path(folder), 0, 0, f"cannot list this folder: {failure(error)}"))
        return
    for name in names:
        if budget.exhausted is not None:
            return
        if name.startswith("."):
            continue
        budget.entries -= 1
        if budget.entries < 0:
            budget.exhausted = f"more than {MAX_WALK_ENTRIES:,} files and folders under the plans folder"
            return
        path = folder / name
        real_dir = _admit(path, real_root, name.lower().endswith(YAML_SUFFIXES), recursive, sources, problems, budget)
        if real_dir is None or real_dir in seen:
            continue  # not a folder, or a link back to a folder we are already reading
        if depth + 1 > MAX_FOLDER_DEPTH:
            problems.append(
                Problem(display_path(path), 0, 0, f"folders nested more than {MAX_FOLDER_DEPTH} deep; not read")
            )
            continue
        _walk(path, real_root, seen | {real_dir}, recursive, depth + 1, sources, problems, budget)


def _admit(
    path: Path,
    real_root: Path,
    is_yaml: bool,
    recursive: bool,
    sources: list[Source],
    problems: list[Problem],
    budget: _Budget,
) -> Path | None:
    """Add ``path`` to ``sources`` if it is a file to read, or a problem; a folder to walk is returned."""
    shown = display_path(path)
    opened = None
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            real = path.resolve(strict=True)
            if not real.is_relative_to(real_root):
                # Only what would be read matters: a README.md linked from elsewhere is no problem.
                if is_yaml or (recursive and real.is_dir()):
                    problems.append(Problem(shown, 0, 0, "is a link to somewhere outside the plans folder; not read"))
                return None
            info = real.stat()
            opened = real
        else:
            real = path
    except (OSError, RuntimeError) as error:
        if is_yaml:
            problems.append(Problem(shown, 0, 0, f"cannot be read: {failure(error)}"))
        return None
    if stat.S_ISDIR(info.st_mode):
        return real.resolve() if recursive else None
    if is_yaml:
        if stat.S_ISREG(info.st_mode):
            budget.files -= 1
            budget.bytes -= info.st_size
            if budget.files < 0:
                budget.exhausted = f"more than {MAX_WALK_FILES:,} YAML files under the plans folder"
            elif budget.bytes < 0:
                budget.exhausted = f"more than {MAX_WALK_BYTES:,} bytes of YAML under the plans folder"
            else:
                sources.append(Source(path, shown, opened, info.st_dev, info.st_ino))
        else:
            problems.append(Problem(shown, 0, 0, f"is {entry_kind(info.st_mode)}, not a regular file; not read"))
    return None


_watchers: list[list[tuple[str, bytes]]] = []


@contextmanager
def watching_reads() -> Iterator[list[tuple[str, bytes]]]:
    """Note every file ``read_source`` reads while inside: its path and a digest of the bytes it read.

    The output cache (``plantool.outputcache``) keeps an answer only when the run read
    exactly the bytes its key was worked out from; a file changed and changed back while
    the command ran would otherwise slip past a check of the folder before and after.
    """
    reads: list[tuple[str, bytes]] = []
    _watchers.append(reads)
    try:
        yield reads
    finally:
        _watchers.remove(reads)


def read_digest(data: bytes) -> bytes:
    """The digest ``watching_reads`` notes for a file's bytes."""
    import hashlib

    return hashlib.blake2b(data, digest_size=20).digest()


def read_source(source: Source) -> bytes | Problem:
    """The file's bytes, or a problem. Never blocks on a FIFO and never reads past the size bound."""
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
        # O_NOFOLLOW: a file swapped for a link after the walk saw it is not followed out of the folder.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(source.opened or source.path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return Problem(source.display, 0, 0, "became a link while plantool was reading the folder; not read")
        return Problem(source.display, 0, 0, f"cannot be read: {failure(error)}")
    try:
        info = os.fstat(descriptor)
        if source.inode >= 0 and (info.st_dev, info.st_ino) != (source.device, source.inode):
            # Swapped (through any folder on its path) between the walk and the open.
            return Problem(source.display, 0, 0, "was replaced while plantool was reading the folder; not read")
        if not stat.S_ISREG(info.st_mode):
            return Problem(source.display, 0, 0, f"is {entry_kind(info.st_mode)}, not a regular file; not read")
        if info.st_size > MAX_FILE_BYTES:
            return _too_big(source)
        chunks = []
        remaining = MAX_FILE_BYTES + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES:
            return _too_big(source)
        for reads in _watchers:
            reads.append((str(source.opened or source.path), read_digest(data)))
        return data
    except OSError as error:
        return Problem(source.display, 0, 0, f"cannot be read: {failure(error)}")
    finally:
        os.close(descriptor)


def _too_big(source: Source) -> Problem:
    return Problem(
        source.display, 0, 0, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; split the plan into several files"
    )


_UTF16_32_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode(data: bytes) -> str | tuple[int, int, str]:
    """UTF-8 text (a leading BOM dropped), or ``(line, col, message)`` saying where it is not."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    else:
        for bom, encoding in _UTF16_32_BOMS.items():
            if data.startswith(bom):
                return 1, 1, f"the file is {encoding}; re-save it as UTF-8"
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return line, col, "a NUL byte: this is not a UTF-8 text file (UTF-16 or binary?); re-save it as UTF-8"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _byte_position(data, error.start)
        byte = data[error.start]
        return (
            line,
            col,
            f"byte 0x{byte:02X} is not UTF-8 (was the file saved as Latin-1 or Windows-1252?); re-save it as UTF-8",
        )


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column
