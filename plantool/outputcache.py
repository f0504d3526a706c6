"""The output cache: a read command's whole answer, replayed when nothing it depends on has changed.

``status``, ``list``, ``overdue`` and ``check`` print what follows from their
arguments, the plan and people files, ``plantool.toml``, the day, a few
environment variables and the terminal, and from nothing else. So the console
script (``plantool.launch``) asks here first, before Typer, pydantic, rich or
YAML is imported: the question's key is a hash of all of those, and an entry
under it holds the bytes the command wrote to stdout and stderr, in order, and
its exit code. A hit writes them again and exits; a warm run then costs little
more than starting Python (docs/decisions.md, "The output cache").

What the key holds (any change to any of it is a miss):

- plantool's own source (every ``.py`` file's bytes), the Python that runs it and
  where the libraries it renders with are installed, with their files' times;
- the arguments, the current folder, today's date, and every environment
  variable plantool, Typer, click or rich reads (``ENVIRONMENT``, ``ENV_PREFIXES``);
- whether stdin, stdout and stderr are terminals, their sizes, and the streams'
  encodings;
- the settings, as ``config.load_settings`` reads them (the very same walk and
  trust rules), with ``plantool.toml``'s location and bytes and any warning the
  walk gave;
- every file the plans folder's walk finds (``sources.discover``, the walk every
  command makes, with its safety rules), by name and by its exact bytes, so an
  edit that keeps a file's size and time is a miss; and where the git repository
  above the folder starts (``check`` names files relative to it).

Anything unexpected is not a miss but no question at all: a file that cannot be
read, a problem in the walk, an argument the parser here does not know, a
``-o`` file, named paths, ``--help``. Then the command runs as usual and nothing
is kept. Only a run that exits 0 or 1 is kept, only when the key worked out
again after the run is the key worked out before it, and only when every file
the command read held the bytes the key hashed: a file edited while the
command ran, even one changed back before it ended, leaves nothing behind. Entries live in the private folder of
``cachefolder`` under its rules; ``--no-cache`` or ``PLANTOOL_NO_CACHE`` skips
this cache altogether.
"""

from __future__ import annotations

import errno
import hashlib
import io
import marshal
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from plantool.cachefolder import DIGEST, open_folder, read_entry, switched_off, tidy, write_entry

HEADER = b"plantool-output 1\n"
"""First bytes of every output entry; a change to its layout changes it."""

SUFFIX = ".output"
MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""One command's output; a larger one (``list --format json`` of 100,000 actions) is not kept, nor held
while it is written: the recording lets go of it as soon as it passes this size."""
MAX_CACHE_BYTES = 128 * 1024 * 1024
"""Every output entry together; the least recently used go first."""

KEPT_EXITS = (0, 1)
"""Exit codes whose output is an answer about the plans; a usage error, a bug or a broken pipe is never kept."""

# Each command's options and whether each takes a value; an option not listed here
# means the question is not asked (tests/test_output_cache.py holds this table to
# the commands' own definitions).
_ROOT_OPTIONS = {"--plans": True, "--as-of": True, "--debug": False}
_FILTERS = {
    "--plan": True, "--priority": True, "--area": True, "--lead": True, "--status": True, "--overdue": False,
    "--due-before": True, "--due-after": True, "--due-within": True, "--unowned": False,
    "--carried-forward": False, "--search": True, "--tag": True,
}  # fmt: skip
_COMMON = {"--plans": True, "--as-of": True, "--debug": False, "--format": True}
COMMAND_OPTIONS: dict[str, dict[str, bool]] = {
    "status": {**_COMMON, "--plan": True, "--by": True},
    "list": {**_COMMON, **_FILTERS, "--sort": True},
    "overdue": {
        **_COMMON,
        **{name: value for name, value in _FILTERS.items() if name not in ("--overdue", "--due-within")},
        "--sort": True,
    },
    "check": {**_COMMON, "--fail-on": True, "--rule": True, "--list-rules": False},
}
"""The commands whose output depends on nothing but what the key holds (not ``diff`` or ``history``,
which read git, nor a command that writes)."""

ENVIRONMENT = frozenset(
    {
        "TZ", "LANG", "LANGUAGE", "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "GITHUB_WORKSPACE", "GITHUB_ACTIONS",
        # rich, click and Typer: colour, width, terminal
        "NO_COLOR", "FORCE_COLOR", "PY_COLORS", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "COLORTERM", "TERM_PROGRAM",
        "COLUMNS", "LINES", "TERMINAL_WIDTH", "JUPYTER_COLUMNS", "JUPYTER_LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
        "UNICODE_VERSION", "DATABRICKS_RUNTIME_VERSION", "WT_SESSION", "PAGER", "LESS", "SHELL",
    }
)  # fmt: skip
"""Environment variables an answer may depend on, by name."""
ENV_PREFIXES = ("PLANTOOL", "_PLANTOOL", "TYPER", "_TYPER", "CLICK", "PYTHON", "PYDANTIC", "LC_")
"""And by prefix: plantool's own (``PLANTOOL_TODAY``), Python's (``PYTHONIOENCODING``), the locale's."""

_LIBRARIES = ("typer", "click", "rich", "pydantic", "pydantic_core", "yaml")
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EROFS, errno.EDQUOT, errno.EFBIG})
_EXIT_BROKEN_PIPE = 141


def question(argv: Sequence[str]) -> tuple[str, str | None] | None:
    """The command and its ``--plans`` (None: the default) when ``argv`` asks a cacheable question; else None."""
    root = _options(argv, 0, _ROOT_OPTIONS)
    if root is None or root[1] >= len(argv) or argv[root[1]] not in COMMAND_OPTIONS:
        return None
    command = argv[root[1]]
    own = _options(argv, root[1] + 1, COMMAND_OPTIONS[command])
    if own is None or own[1] < len(argv):
        return None  # a named path, a stray word, or the end of options: let the command judge it
    return command, own[0] if own[0] is not None else root[0]


def _options(argv: Sequence[str], index: int, options: Mapping[str, bool]) -> tuple[str | None, int] | None:
    """Read options from ``index`` up to the first word that is not one: the ``--plans`` given (None: none) and
    where that word stands; None when an option is one the table does not know."""
    plans: str | None = None
    while index < len(argv) and argv[index].startswith("-") and argv[index] not in ("-", "--"):
        parsed = _option(argv, index, options)
        if parsed is None:
            return None
        name, value, index = parsed
        if name == "--plans":
            plans = value
    return plans, index


def _option(argv: Sequence[str], index: int, options: Mapping[str, bool]) -> tuple[str, str | None, int] | None:
    """The option at ``index``, its value and where the next begins; None for one the table does not know."""
    name, equals, value = argv[index].partition("=")
    if name not in options:
        return None
    if not options[name]:
        return None if equals else (name, None, index + 1)
    if equals:
        return (name, value, index + 1) if value else None
    if index + 1 >= len(argv) or not argv[index + 1]:
        return None
    return name, argv[index + 1], index + 2  # click takes the next word as the value, whatever it looks like


class Question:
    """One run's cacheable question: its key, worked out from everything its answer depends on."""

    def __init__(self, argv: Sequence[str], environ: Mapping[str, str], folder: Path) -> None:
        self.argv = list(argv)
        self.environ = environ
        self.folder = folder
        self.hashed: dict[str, bytes] = {}
        """Each plan and people file the key was worked out from, by path, with the digest of its bytes."""
        self.key = self.work_out_key(self.hashed)

    @property
    def entry(self) -> Path:
        return self.folder / (self.key + SUFFIX)

    def work_out_key(self, hashed: dict[str, bytes]) -> str:
        """The key, or an empty string when something the answer depends on cannot be read; ``hashed`` is filled
        with the files it was worked out from."""
        parsed = question(self.argv)
        if parsed is None:
            return ""
        digest = hashlib.blake2b(HEADER, digest_size=DIGEST)
        try:
            facts = _facts(self.argv, self.environ)
            settings_facts, plans = _settings(parsed[1])
            digest.update(repr((facts, settings_facts)).encode("utf-8", "surrogateescape"))
            if not _plan_files(plans, digest, hashed):
                return ""
        except Exception:  # whatever went wrong, the command itself will meet it and say so
            return ""
        return digest.hexdigest()

    # -- a hit ---------------------------------------------------------------------------

    def replay(self) -> int | None:
        """Write the kept answer and return its exit code; None when there is no whole, sound entry."""
        if not self.key:
            return None
        payload = read_entry(self.entry, HEADER, MAX_ENTRY_BYTES)
        if payload is None:
            return None
        try:
            key, code, chunks = marshal.loads(payload)
        except Exception:  # a damaged or unexpected entry is a miss, whatever it holds
            return None
        if key != self.key or code not in KEPT_EXITS or type(chunks) is not list:
            return None
        if not all(type(c) is tuple and len(c) == 2 and c[0] in (1, 2) and type(c[1]) is bytes for c in chunks):
            return None
        return _write(chunks, code)

    # -- a miss --------------------------------------------------------------------------

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        """Pass stdout and stderr through while noting every byte written to each, in order."""
        recorded = Recording()
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _tee(saved[0], 1, recorded), _tee(saved[1], 2, recorded)
        try:
            yield recorded
        finally:
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
            sys.stdout, sys.stderr = saved

    def keep(self, code: object, recorded: Recording, reads: list[tuple[str, bytes]]) -> None:
        """Keep the answer when it is one, and only when nothing it depends on changed while it was worked out.

        ``reads`` are the files the command itself read (``sources.watching_reads``): each must
        be one the key hashed, holding the same bytes. The key worked out again after the run
        catches a change that stayed; this catches one undone before the run ended.
        """
        if not self.key or code not in KEPT_EXITS or recorded.too_large or self.work_out_key({}) != self.key:
            return
        if any(self.hashed.get(path) != digest for path, digest in reads):
            return
        # A streamed output arrives in many small writes: each stream's run of them is joined once.
        runs = ((stream, b"".join(data for _, data in run)) for stream, run in groupby(recorded.chunks, lambda c: c[0]))
        merged = [(stream, data) for stream, data in runs if data]
        payload = marshal.dumps((self.key, code, merged))
        if len(payload) > MAX_ENTRY_BYTES - len(HEADER) - DIGEST:
            return
        if write_entry(self.entry, HEADER, payload):
            tidy(self.folder, SUFFIX, MAX_CACHE_BYTES)


def ask(argv: Sequence[str], environ: Mapping[str, str]) -> Question | None:
    """The run's question, when ``argv`` is one this cache answers and the cache may be used; else None."""
    if os.name != "posix" or not all(hasattr(s, "buffer") for s in (sys.stdout, sys.stderr)):
        return None  # no stream, or one a caller replaced with something that is not a file
    if switched_off(environ) or environ.get("PLANTOOL_NO_CACHE") or question(argv) is None:
        return None
    folder = open_folder(environ)
    if folder is None:
        return None
    asked = Question(argv, environ, folder)
    return asked if asked.key else None


def run(argv: Sequence[str], environ: Mapping[str, str], command: Any) -> None:
    """Answer from the cache, else call ``command()`` (the command line, which exits) and keep what it said."""
    asked = ask(argv, environ)
    if asked is None:
        command()
        return
    code = asked.replay()
    if code is not None:
        raise SystemExit(code)
    from plantool.sources import watching_reads

    ended: SystemExit | None = None
    with asked.recording() as recorded, watching_reads() as reads:
        try:
            command()
        except SystemExit as exit:
            ended = exit
    code_given = 0 if ended is None or ended.code is None else ended.code
    asked.keep(code_given, recorded, reads)
    if ended is not None:
        raise ended


# ---------------------------------------------------------------------------
# What the key is made of


def _facts(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[Any, ...]:
    """Everything but the settings and the plan files: the code, the arguments, the day, the environment, the terminal."""
    environment = sorted(
        (name, value) for name, value in environ.items() if name in ENVIRONMENT or name.startswith(ENV_PREFIXES)
    )
    terminals = []
    for descriptor in (0, 1, 2):
        try:
            size: tuple[int, int] | None = tuple(os.get_terminal_size(descriptor))  # type: ignore[assignment]
        except (OSError, ValueError):
            size = None
        terminals.append((os.isatty(descriptor), size))
    streams = [(getattr(s, "encoding", None), getattr(s, "errors", None)) for s in (sys.stdout, sys.stderr)]
    return (
        _code(),
        sys.version,
        sys.executable,
        tuple(sys.flags),
        _libraries(),
        tuple(argv),
        os.getcwd(),
        date.today().isoformat(),
        environment,
        terminals,
        streams,
    )


def _code() -> str:
    """A hash of plantool's own source: a changed module is a different program."""
    digest = hashlib.blake2b(digest_size=DIGEST)
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        data = path.read_bytes()
        name = str(path.relative_to(package)).encode()
        digest.update(len(name).to_bytes(4, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _libraries() -> list[tuple[str, str | None, int, int]]:
    """Where each library plantool renders with is installed, and its main file's time and size."""
    from importlib.util import find_spec

    found = []
    for name in _LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        info = os.stat(origin) if origin else None
        found.append((name, origin, info.st_mtime_ns if info else 0, info.st_size if info else 0))
    return found


def _settings(plans_flag: str | None) -> tuple[tuple[Any, ...], Path]:
    """The settings as the command will read them, the config file's bytes, any warning, and the plans folder."""
    from plantool.config import load_settings, repository_root
    from plantool.problems import RuleId

    said = io.StringIO()
    saved = sys.stderr
    sys.stderr = said  # find_config's warnings: a hit replays the command's own
    try:
        settings = load_settings(known_rules=frozenset(rule.value for rule in RuleId))
    finally:
        sys.stderr = saved
    config = settings.source.read_bytes() if settings.source is not None else None
    plans = Path(plans_flag) if plans_flag is not None else settings.plans
    return (repr(settings), config, said.getvalue(), str(plans), repository_root(plans)), plans


def _plan_files(plans: Path, digest: Any, hashed: dict[str, bytes]) -> bool:
    """Add every discovered file's name and bytes to ``digest`` (and to ``hashed``, by path); False if the walk or a
    read met any problem."""
    from plantool.problems import Problem
    from plantool.sources import discover, read_digest, read_source

    if not plans.is_dir():
        return False
    sources, problems = discover(plans)
    if problems:
        return False
    for source in sources:
        data = read_source(source)
        if isinstance(data, Problem):
            return False
        names = repr((source.display, str(source.path), str(source.opened))).encode("utf-8", "surrogateescape")
        digest.update(len(names).to_bytes(4, "big") + names + len(data).to_bytes(8, "big"))
        digest.update(data)
        hashed[str(source.opened or source.path)] = read_digest(data)
    digest.update(len(sources).to_bytes(8, "big"))
    return True


# ---------------------------------------------------------------------------
# Streams


@dataclass
class Recording:
    """What a run wrote to stdout (1) and stderr (2), in order; once past ``MAX_ENTRY_BYTES``, nothing but
    ``too_large``: an answer that will not be kept is not held in memory either while it streams out."""

    chunks: list[tuple[int, bytes]] = field(default_factory=list)
    size: int = 0
    too_large: bool = False

    def note(self, number: int, data: bytes) -> None:
        if self.too_large:
            return
        self.size += len(data)
        if self.size > MAX_ENTRY_BYTES:
            self.too_large = True
            self.chunks.clear()
            return
        self.chunks.append((number, data))


class _Tee(io.BufferedIOBase):
    """A stream's binary buffer that also notes what is written through it; closing it leaves the stream open."""

    def __init__(self, target: BinaryIO, number: int, recorded: Recording) -> None:
        super().__init__()
        self._target = target
        self._number = number
        self._recorded = recorded

    def write(self, data: Any) -> int:
        written = self._target.write(data)
        data = bytes(data)
        self._recorded.note(self._number, data if written is None else data[:written])
        return len(data) if written is None else written

    def flush(self) -> None:
        self._target.flush()

    def close(self) -> None:
        self._target.flush()

    def fileno(self) -> int:
        return self._target.fileno()

    def isatty(self) -> bool:
        return self._target.isatty()

    def writable(self) -> bool:
        return True


def _tee(stream: TextIO, number: int, recorded: Recording) -> TextIO:
    """A text stream like ``stream`` (encoding, errors, buffering) whose bytes are noted as they pass."""
    stream.flush()
    tee: Any = _Tee(stream.buffer, number, recorded)  # a binary buffer in all but typeshed's name
    return io.TextIOWrapper(
        tee,
        encoding=stream.encoding,
        errors=stream.errors,
        newline="\n",
        line_buffering=bool(stream.line_buffering),
        write_through=bool(getattr(stream, "write_through", False)),
    )


def _write(chunks: list[tuple[int, bytes]], code: int) -> int:
    """Write the kept bytes, each to its stream in turn; what the command line would exit with if writing fails."""
    try:
        for number, data in chunks:
            stream = sys.stdout if number == 1 else sys.stderr
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
    except BrokenPipeError:
        # As the command itself does (cli/app.py): exit as SIGPIPE would, and let the final flush go nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _EXIT_BROKEN_PIPE
    except OSError as error:
        if error.errno not in _OUTPUT_ERRNOS:
            raise
        sys.stderr.write(f"plantool: cannot write the output: {error.strerror}\n")
        return 2
    return code
