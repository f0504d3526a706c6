"""The one place plantool writes a user's file: atomically, verified, never through a link.

Every write goes the same way (docs/decisions.md, "Writing files"):

1. the new bytes go to a temporary file created exclusively in the target's own folder,
   with the target's permissions, and are flushed and synced to disk; an output may
   come as chunks (``write_output``), written as they are produced, so a large one is
   never held whole in memory;
2. the temporary file is read back and must hold exactly the new bytes (compared by
   length and digest as they are written and as they are read back), then the
   caller's ``verify`` sees them (an edit command re-parses the plan there);
3. just before the rename, the target must still be the file that was read - same
   inode, same bytes - or the write is refused: another editor or a ``git pull``
   changed it meanwhile, and plantool will not overwrite their work;
4. ``os.replace`` swaps the new file in whole, and the folder is synced so the rename
   itself survives a power cut.

Any failure on the way (a full disk, a size limit, a refusal from ``verify``, Ctrl-C, or
the code producing an output's chunks raising half-way) removes the temporary file and
leaves the target byte for byte as it was.

All the steps name files relative to one open descriptor of the target's folder, so a
folder swapped for a link half-way cannot redirect the later steps somewhere else.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from plantool.fswords import entry_kind, failure
from plantool.problems import PlantoolError

_T = TypeVar("_T")

_CHUNK = 1 << 20
"""How much is read, or gathered from an output's chunks before it is written, at a time."""


class WriteRefused(PlantoolError):
    """A write plantool will not do; ``str()`` is the user-facing reason (CLI: exit 2)."""


@dataclass(frozen=True)
class Snapshot:
    """What a file held when it was read, to tell later whether someone else changed it."""

    path: Path
    data: bytes
    device: int
    inode: int
    mode: int

    @property
    def seen(self) -> _Seen:
        return _Seen(self.device, self.inode, len(self.data), _digest_of([self.data]))


@dataclass(frozen=True)
class _Seen:
    """What must still be true of a target just before it is replaced: the same file, the same bytes.

    The bytes are kept as their length and digest, so an output file about to be replaced
    (last month's report) need not be held in memory while the new one is written.
    """

    device: int
    inode: int
    size: int
    digest: bytes


def snapshot(path: Path) -> Snapshot:
    """Read ``path`` without following a final link; only a regular file is accepted."""
    info, data = _read_regular(path, _read_all)
    return Snapshot(path, data, info.st_dev, info.st_ino, info.st_mode)


def replace(snap: Snapshot, new: bytes, *, verify: Callable[[bytes], None] | None = None) -> None:
    """Replace the file ``snap`` was taken from with ``new``, atomically and only if unchanged since.

    ``verify`` receives the bytes as read back from disk and may raise
    :class:`WriteRefused`; the original is then left exactly as it was.
    """
    _replace(snap.path, snap.seen, stat.S_IMODE(snap.mode), [new], verify)


def _replace(
    path: Path, seen: _Seen, mode: int, chunks: Iterable[bytes], verify: Callable[[bytes], None] | None
) -> None:
    with _Folder(path) as folder:
        folder.require_unchanged(seen)
        temp = folder.write_temp(chunks, mode, verify)
        try:
            folder.require_unchanged(seen)
            folder.rename_over(temp)
        except BaseException:
            folder.discard(temp)
            raise
        folder.sync()


def write_output(path: Path, data: bytes | Iterable[bytes], *, protected: Iterable[Path] = ()) -> None:
    """Write an output file (``-o``, ``schema``): new or replaced, atomically, never onto an input.

    ``data`` is the whole output, or its chunks in order: each is written as it comes,
    and none is asked for until every check below has passed. Should the chunks' producer
    raise half-way (or Ctrl-C come), the exception goes on to the caller, the temporary
    file is removed and the target is left as it was.

    Refused: a target that is one of the ``protected`` files (the plans, people files
    and plantool.toml the command read - compared by device and inode, so another
    name for the same file is caught too), anything but a regular file (a FIFO, a
    device, a folder), a link, and a path inside the current folder whose folder leads out
    of it through a link.
    """
    chunks: Iterable[bytes] = [data] if isinstance(data, bytes) else data
    _refuse_link_out_of_tree(path)
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteRefused(f"cannot write {path}: {failure(error)}") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise WriteRefused(f"{path} is a link; plantool does not write through links (name the file itself)")
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"{path} is {entry_kind(info.st_mode)}; -o takes a regular file")
        if _same_file_as_any(info, protected):
            raise WriteRefused(f"{path} is a file this command reads; refusing to overwrite it with the output")
        seen, mode = _examine(path)
        _replace(path, seen, mode, chunks, None)
        return
    with _Folder(path) as folder:
        temp = folder.write_temp(chunks, _default_mode(), None)
        try:
            folder.link_new(temp)
        finally:
            folder.discard(temp)
        folder.sync()


class _Folder:
    """The target's folder, held open so every step names files relative to the same folder."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.name = target.name
        self.parent = target.parent
        self.fd = -1

    def __enter__(self) -> _Folder:
        if not self.name or self.name in (".", ".."):
            raise WriteRefused(f"{self.target} is not a file name")
        try:
            self.fd = os.open(self.parent, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise WriteRefused(f"cannot write {self.target}: {failure(error)}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def require_unchanged(self, seen: _Seen) -> None:
        """Refuse unless the target is still the very file, with the very bytes, that was read."""
        moved = f"{self.target} changed on disk since plantool read it (another editor, a git pull?); nothing written"
        try:
            fd = os.open(self.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self.fd)
        except OSError as error:
            if error.errno in (errno.ENOENT, errno.ELOOP):
                raise WriteRefused(moved) from None
            raise WriteRefused(f"cannot read {self.target} again: {failure(error)}; nothing written") from None
        try:
            info = os.fstat(fd)
            if (info.st_dev, info.st_ino) != (seen.device, seen.inode) or not stat.S_ISREG(info.st_mode):
                raise WriteRefused(moved)
            if info.st_size != seen.size or _digest_of(_read_chunks(fd)) != seen.digest:
                raise WriteRefused(moved)
        except OSError as error:
            raise WriteRefused(f"cannot read {self.target} again: {failure(error)}; nothing written") from None
        finally:
            os.close(fd)

    def write_temp(self, chunks: Iterable[bytes], mode: int, verify: Callable[[bytes], None] | None) -> str:
        """A synced temporary file beside the target holding ``chunks``, read back and verified.

        An error from the file system is a refusal naming the target; anything the chunks'
        producer raises goes on as it is. Either way the temporary file is gone.
        """
        temp, fd = self._create_temp()
        try:
            try:
                with self._on_disk():
                    os.fchmod(fd, mode)
                digest = _new_digest()
                size = 0
                for block in _gathered(chunks):  # the producer runs here: its errors are not the disk's
                    with self._on_disk():
                        _write_all(fd, block)
                    digest.update(block)
                    size += len(block)
                with self._on_disk():
                    os.fsync(fd)
                    os.lseek(fd, 0, os.SEEK_SET)
                    if verify is None:
                        back = _digest_of(_read_chunks(fd))
                        read_size = os.fstat(fd).st_size
                    else:
                        written = _read_all(fd)
                        back, read_size = _digest_of([written]), len(written)
            finally:
                with self._on_disk():
                    os.close(fd)
            if (read_size, back) != (size, digest.digest()):
                raise WriteRefused(f"cannot write {self.target}: the disk gave back other bytes than were written")
            if verify is not None:
                verify(written)
        except BaseException:
            self.discard(temp)
            raise
        return temp

    @contextlib.contextmanager
    def _on_disk(self) -> Iterator[None]:
        """A file system error in the block becomes a refusal naming the target."""
        try:
            yield
        except OSError as error:
            raise WriteRefused(f"cannot write {self.target}: {failure(error)}; {self._unchanged()}") from None

    def rename_over(self, temp: str) -> None:
        try:
            os.replace(temp, self.name, src_dir_fd=self.fd, dst_dir_fd=self.fd)
        except OSError as error:
            raise WriteRefused(f"cannot write {self.target}: {failure(error)}; {self._unchanged()}") from None

    def link_new(self, temp: str) -> None:
        """Put ``temp`` in place under the target's name, refusing if that name appeared meanwhile."""
        try:
            os.link(temp, self.name, src_dir_fd=self.fd, dst_dir_fd=self.fd, follow_symlinks=False)
        except FileExistsError:
            raise WriteRefused(f"{self.target} appeared while plantool was writing it; nothing written") from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise WriteRefused(f"cannot write {self.target}: {failure(error)}") from None
            # A filesystem without hard links (some network and FUSE mounts): the last
            # check and the rename are then two steps, as close together as they can be.
            try:
                os.lstat(self.name, dir_fd=self.fd)
            except FileNotFoundError:
                self.rename_over(temp)
                return
            raise WriteRefused(f"{self.target} appeared while plantool was writing it; nothing written") from None

    def discard(self, temp: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp, dir_fd=self.fd)

    def sync(self) -> None:
        try:
            os.fsync(self.fd)
        except OSError as error:
            # The rename is done and visible; only its durability across a power cut is
            # unconfirmed, which some filesystems never offer for folders.
            if error.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF):
                raise WriteRefused(f"wrote {self.target} but could not sync its folder: {failure(error)}") from None

    def _create_temp(self) -> tuple[str, int]:
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        for _ in range(100):
            temp = f".{self.name}.{secrets.token_hex(4)}.plantool-tmp"
            try:
                return temp, os.open(temp, flags, 0o600, dir_fd=self.fd)
            except FileExistsError:
                continue
            except OSError as error:
                raise WriteRefused(f"cannot write {self.target}: {failure(error)}; {self._unchanged()}") from None
        raise WriteRefused(f"cannot write {self.target}: no free temporary name in {self.parent}")

    def _unchanged(self) -> str:
        return "the file was left as it was"


def _open_existing(path: Path, flags: int) -> int:
    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise WriteRefused(
                f"{path} is a link; plantool does not write through links (name the file itself)"
            ) from None
        raise WriteRefused(f"cannot read {path}: {failure(error)}") from None


def _refuse_link_out_of_tree(path: Path) -> None:
    """A path inside the current folder must not leave it through a link in one of its folders.

    Whether the path was written relative or absolute does not matter: what is checked
    is where it points once spelt out. A path naming a place outside the current folder
    is the user's explicit choice and is left to them.
    """
    here = Path.cwd().resolve()
    named = Path(os.path.normpath(here / path)).parent
    folder = named.resolve()
    inside = named == here or here in named.parents
    if inside and folder != here and here not in folder.parents:
        raise WriteRefused(f"{path} leads outside the current folder through a link; name the real place instead")


def _same_file_as_any(info: os.stat_result, paths: Iterable[Path]) -> bool:
    for other in paths:
        try:
            seen = os.stat(other)
        except OSError:
            continue
        if (seen.st_dev, seen.st_ino) == (info.st_dev, info.st_ino):
            return True
    return False


def _default_mode() -> int:
    """What a newly created file would get: 0o666 less the umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _examine(path: Path) -> tuple[_Seen, int]:
    """``snapshot`` without keeping the bytes: the identity a replaced output must still have, and its mode."""
    info, (size, digest) = _read_regular(path, _measured)
    return _Seen(info.st_dev, info.st_ino, size, digest), stat.S_IMODE(info.st_mode)


def _read_regular(path: Path, read: Callable[[int], _T]) -> tuple[os.stat_result, _T]:
    """``read`` the open ``path``, not followed through a final link; only a regular file is accepted."""
    fd = _open_existing(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"{path}: {entry_kind(info.st_mode)}, not a regular file; plantool only rewrites files")
        return info, read(fd)
    except OSError as error:
        raise WriteRefused(f"cannot read {path}: {failure(error)}") from None
    finally:
        os.close(fd)


def _measured(fd: int) -> tuple[int, bytes]:
    """The length and digest of what ``fd`` holds, read a block at a time."""
    size = 0
    digest = _new_digest()
    for chunk in _read_chunks(fd):
        digest.update(chunk)
        size += len(chunk)
    return size, digest.digest()


def _gathered(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks`` gathered into blocks of about ``_CHUNK`` bytes: a row at a time would be a system call a row."""
    pending = bytearray()
    for chunk in chunks:
        if not pending and len(chunk) >= _CHUNK:
            yield chunk
            continue
        pending += chunk
        if len(pending) >= _CHUNK:
            yield bytes(pending)
            pending.clear()
    if pending:
        yield bytes(pending)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _new_digest() -> hashlib.blake2b:
    return hashlib.blake2b(digest_size=32)


def _digest_of(chunks: Iterable[bytes]) -> bytes:
    digest = _new_digest()
    for chunk in chunks:
        digest.update(chunk)
    return digest.digest()


def _read_chunks(fd: int) -> Iterator[bytes]:
    while chunk := os.read(fd, _CHUNK):
        yield chunk


def _read_all(fd: int) -> bytes:
    return b"".join(_read_chunks(fd))
