"""The user's private cache folder and its entries, with the standard library alone.

Both caches keep their entries here: ``cache.py`` (each loaded file) and
``outputcache.py`` (each read command's output, checked before Typer, pydantic or
rich is imported, so this module imports none of them). The rules
(docs/decisions.md, "The warm cache"): the folder is ``$XDG_CACHE_HOME/plantool``
(else ``~/.cache/plantool``), made ``0700``; a folder or entry not owned by the
user, or writable by anyone else, is never read; an entry starts with its
format line and a checksum of the rest, and anything that does not hold is a
miss; an entry is written to a temporary file and renamed into place, so two
writers at once each leave a whole entry; the least recently used go first once
a kind of entry outgrows its bound.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

DIGEST = 32
"""Bytes of every checksum and key (blake2b)."""

STALE_TEMPORARY_SECONDS = 3600
"""A temporary file this old belongs to a process that died mid-write."""


def cache_folder(environ: Mapping[str, str]) -> Path | None:
    """``$XDG_CACHE_HOME/plantool``, else ``~/.cache/plantool``; None when there is no home to put it in."""
    base = environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):  # the XDG spec: a relative path is invalid and must be ignored
        return Path(base) / "plantool"
    home = environ.get("HOME") or os.path.expanduser("~")
    if not home or not os.path.isabs(home):
        return None
    return Path(home) / ".cache" / "plantool"


def switched_off(environ: Mapping[str, str]) -> bool:
    """``PLANTOOL_NO_CACHE=1`` (or true, yes, on)."""
    return environ.get("PLANTOOL_NO_CACHE", "").strip().lower() in ("1", "true", "yes", "on")


def open_folder(environ: Mapping[str, str]) -> Path | None:
    """The user's cache folder, made if need be; None when it cannot be trusted or made."""
    folder = cache_folder(environ)
    if folder is None:
        return None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder if private(folder, want_dir=True) else None


def private(path: Path, *, want_dir: bool) -> bool:
    """Whether ``path`` (not followed if a link) is the user's own and no one else can write to it."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return trusted(info, want_dir=want_dir)


def trusted(info: os.stat_result, *, want_dir: bool) -> bool:
    kind_ok = stat.S_ISDIR(info.st_mode) if want_dir else stat.S_ISREG(info.st_mode)
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return kind_ok and owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_entry(entry: Path, header: bytes, limit: int) -> bytes | None:
    """The entry's payload once its owner, mode, size, ``header`` and checksum all hold; else None."""
    try:
        descriptor = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not trusted(info, want_dir=False) or info.st_size > limit:
            return None
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            blob = handle.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    head = len(header) + DIGEST
    if len(blob) < head or not blob.startswith(header):
        return None
    payload = blob[head:]
    if hashlib.blake2b(payload, digest_size=DIGEST).digest() != blob[len(header) : head]:
        return None
    with contextlib.suppress(OSError):  # keeps a recently used entry from eviction; failing costs nothing
        os.utime(entry)
    return payload


def write_entry(entry: Path, header: bytes, payload: bytes) -> int:
    """Write ``header``, the checksum and ``payload`` to ``entry`` atomically; the bytes written, 0 on failure."""
    blob = header + hashlib.blake2b(payload, digest_size=DIGEST).digest() + payload
    try:
        descriptor, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
    except OSError:
        return 0
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, entry)  # atomic: a reader sees the old entry, the new one, or none
    except OSError:
        unlink(temporary)
        return 0
    return len(blob)


def tidy(folder: Path, suffix: str, limit: int) -> None:
    """Evict the least recently used ``suffix`` entries until they are under ``limit``; drop dead temporaries."""
    entries: list[tuple[float, int, str]] = []
    now = time.time()
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                info = entry.stat(follow_symlinks=False)
                if entry.name.startswith(".tmp-"):
                    if now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                        unlink(entry.path)
                elif entry.name.endswith(suffix):
                    entries.append((info.st_mtime, info.st_size, entry.path))
    except OSError:
        return
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        unlink(path)
        total -= size


def unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
