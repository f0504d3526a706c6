"""What the file system says about a path, in plantool's words: the kind of entry it is, and why it failed.

Reading (``sources``) and writing (``safeio``) both refuse an entry that is not
a regular file and both pass on an operating-system error; they name them the
same way, so a user meets one wording for a FIFO or "permission denied"
whichever command met it.
"""

from __future__ import annotations

import stat


def entry_kind(mode: int) -> str:
    """What an entry that is not a regular file is, from its ``st_mode``: "a folder", "a FIFO (named pipe)"..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a link"
    return "a special file"


def failure(error: BaseException) -> str:
    """Why an operation failed, without the path (the caller names it): "permission denied"."""
    if isinstance(error, RuntimeError):  # pathlib's resolve() on a loop of links
        return "symbolic link loop"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    if isinstance(error, OSError):
        return str(error) or type(error).__name__
    return type(error).__name__
