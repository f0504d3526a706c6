"""The one place plantool writes a user's file: atomically, verified, never through a link.

Every write goes the same way (docs/decisions.md, "Writing files"):

1. the new bytes go to a temporary file created exclusively in the target's own folder,
   with the target's permissions, and are flushed and synced to disk;
2. the temporary file is read back and must hold exactly the new bytes, then the
   caller's ``verify`` sees them (an edit command re-parses the plan there);
3. just before the rename, the target must still be the file that was read - same
   inode, same bytes - or the write is refused: another editor or a ``git pull``
   changed it meanwhile, and plantool will not overwrite their work;
4. ``os.replace`` swaps the new file in whole, and the folder is synced so the rename
   itself survives a power cut.

Any failure on the way (a full disk, a size limit, a refusal from ``verify``, Ctrl-C)
removes the temporary file and leaves the target byte for byte as it was.

All the steps name files relative to one open descriptor of the target's folder, so a
folder swapped for a link half-way cannot redirect the later steps somewhere else.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from plantool.fswords import entry_kind, failure
from plantool.problems import PlantoolError

_CHUNK = 1 << 20


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


def snapshot(path: Path) -> Snapshot:
    """Read ``path`` without following a final link; only a regular file is accepted."""
    fd = _open_existing(path, os.O_RDONLY)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(f"{path}: {entry_kind(info.st_mode)}, not a regular file; plantool only rewrites files")
        data = _read_all(fd)
    except OSError as error:
        raise WriteRefused(f"cannot read {path}: {failure(error)}") from None
    finally:
        os.close(fd)
    return Snapshot(path, data, info.st_dev, info.st_ino, info.st_mode)


def replace(snap: Snapshot, new: bytes, *, verify: Callable[[bytes], None] | None = None) -> None:
    """Replace the file ``snap`` was taken from with ``new``, atomically and only if unchanged since.

    ``verify`` receives the bytes as read back from disk and may raise
    :class:`WriteRefused`; the original is then left exactly as it was.
    """
    path = snap.path
    with _Folder(path) as folder:
        folder.require_unchanged(snap)
        temp = folder.write_temp(new, stat.S_IMODE(snap.mode), verify)
        try:
            folder.require_unchanged(snap)
            folder.rename_over(temp)
        except BaseException:
            folder.discard(temp)
            raise
        folder.sync()


def write_output(path: Path, data: bytes, *, protected: Iterable[Path] = ()) -> None:
    """Write an output file (``-o``, ``schema``): new or replaced, atomically, never onto an input.

    Refused: a target that is one of the ``protected`` files (the plans, people files
    and plantool.toml the command read - compared by device and inode, so another
    name for the same file is caught too), anything but a regular file (a FIFO, a
    device, a folder), a link, and a path inside the current folder whose folder leads out
    of it through a link.
    """
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
        replace(snapshot(path), data)
        return
    with _Folder(path) as folder:
        temp = folder.write_temp(data, _default_mode(), None)
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

    def require_unchanged(self, snap: Snapshot) -> None:
        """Refuse unless the target is still the very file, with the very bytes, ``snap`` read."""
        moved = f"{self.target} changed on disk since plantool read it (another editor, a git pull?); nothing written"
        try:
            fd = os.open(self.name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self.fd)
        except OSError as error:
            if error.errno in (errno.ENOENT, errno.ELOOP):
                raise WriteRefused(moved) from None
            raise WriteRefused(f"cannot read {self.target} again: {failure(error)}; nothing written") from None
        try:
            info = os.fstat(fd)
            if (info.st_dev, info.st_ino) != (snap.device, snap.inode) or not stat.S_ISREG(info.st_mode):
                raise WriteRefused(moved)
            if info.st_size != len(snap.data) or _read_all(fd) != snap.data:
                raise WriteRefused(moved)
        except OSError as error:
            raise WriteRefused(f"cannot read {self.target} again: {failure(error)}; nothing written") from None
        finally:
            os.close(fd)

    def write_temp(self, data: bytes, mode: int, verify: Callable[[bytes], None] | None) -> str:
        """A synced temporary file beside the target holding ``data``, read back and verified."""
        temp, fd = self._create_temp()
        try:
            try:
                os.fchmod(fd, mode)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
                os.lseek(fd, 0, os.SEEK_SET)
                written = _read_all(fd)
            finally:
                os.close(fd)
            if written != data:
                raise WriteRefused(f"cannot write {self.target}: the disk gave back other bytes than were written")
            if verify is not None:
                verify(written)
        except OSError as error:
            self.discard(temp)
            raise WriteRefused(f"cannot write {self.target}: {failure(error)}; {self._unchanged()}") from None
        except BaseException:
            self.discard(temp)
            raise
        return temp

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


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, _CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)
