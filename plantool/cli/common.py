"""What commands share: the ``Session`` (settings, as-of day, plans folder, loaded plans) and ``deliver``.

A command opens one ``Session``, asks the library for a result, picks a renderer from
its output module's ``FORMATS`` and hands what it returns (the text, or its chunks) to
``deliver``; then it returns its exit code to the one error boundary in ``app.py``
(docs/architecture.md).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from plantool.config import Settings, load_settings, resolve_as_of
from plantool.problems import NoPlansFolder, PlantoolError, RuleId

E = TypeVar("E")

if TYPE_CHECKING:
    from plantool.cache import Cache
    from plantool.judgements import Thresholds
    from plantool.render.formats import Output
    from plantool.scope import Scope
    from plantool.workspace import Workspace


FREEZE = False
"""Set by ``main()``, the console script: only a real one-command process freezes the collector's heap.
A test runner calling the app in-process must not, or every workspace it loads would stay for good."""

RULE_NAMES = frozenset(rule.value for rule in RuleId)


@contextmanager
def loading() -> Iterator[None]:
    """Load with the collector off, then freeze what was loaded: it lives until the process exits.

    The collector would otherwise walk the freshly loaded plans again as soon as it is back
    on, and once more at exit, finding nothing to free (measured: about a quarter of a run).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if FREEZE:
            gc.freeze()
        if enabled:
            gc.enable()


CACHE = True
"""Whether this run may use the warm cache; ``--no-cache`` before the command turns it off."""


def plans_cache(settings: Settings) -> Cache | None:
    """The user's warm cache (docs/decisions.md), keyed on every setting but where the plans are."""
    if not CACHE:
        return None
    from plantool.cache import open_cache

    keyed = {
        f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name not in ("plans", "source")
    }
    return open_cache(os.environ, keyed)


@dataclass
class Session:
    """One command's context: its settings, its as-of day, its plans folder and, once asked for, the loaded plans.

    Opening a session reads ``plantool.toml`` once and validates all of it, ``[rules]``
    names included, so a misspelt rule is an error whichever command meets it. The
    as-of day and the plans are worked out on first use: ``validate`` never needs a day,
    ``diff`` never loads the working tree through here.
    """

    settings: Settings
    folder: Path
    as_of_flag: str | None = None
    read: list[Path] = field(default_factory=list)
    """Every file loaded so far: ``deliver`` never writes over one of them."""

    @classmethod
    def open(cls, plans: Path | None, as_of: str | None = None) -> Session:
        """``--plans`` wins over ``plans`` in plantool.toml, which wins over ./plans."""
        settings = load_settings(known_rules=RULE_NAMES)
        return cls(settings, plans if plans is not None else settings.plans, as_of)

    @cached_property
    def as_of(self) -> date:
        # The one place plantool reads the clock: the core only ever receives a date.
        return resolve_as_of(self.as_of_flag, date.today())

    @cached_property
    def workspace(self) -> Workspace:
        """The plans folder, loaded; a usage error when there is no such folder."""
        from plantool.workspace import load_folder

        if not self.folder.is_dir():
            raise NoPlansFolder(self.folder)
        with loading():
            workspace = load_folder(
                self.folder, financial_year_start=self.settings.financial_year_start, cache=plans_cache(self.settings)
            )
        self.read += [Path(path) for path in workspace.files]
        return workspace

    def scope(self, paths: Sequence[Path]) -> Scope:
        """What ``paths`` name, each read with its context (default: the whole plans folder)."""
        from plantool.scope import load_scope

        with loading():
            scope = load_scope(
                paths,
                self.folder,
                financial_year_start=self.settings.financial_year_start,
                cache=plans_cache(self.settings),
            )
        self.read += [Path(path) for workspace in scope.workspaces for path in workspace.files]
        return scope

    @property
    def thresholds(self) -> Thresholds:
        """The due-soon and stale thresholds plantool.toml sets (or the defaults)."""
        from plantool.judgements import Thresholds

        return Thresholds(self.settings.due_soon_days, self.settings.stale_days)

    def deliver(self, data: Output, output: Path | None = None) -> None:
        """``deliver`` the output, never over a file this session read (a plan, a people file, plantool.toml)."""
        config = [self.settings.source] if self.settings.source is not None else []
        deliver(data, output, protected=[*self.read, *config])

    def finish(self) -> None:
        """Say on stderr when the numbers above leave something out because a file did not load."""
        from plantool.problems import Severity

        errors = sum(1 for problem in self.workspace.problems if problem.severity is Severity.ERROR)
        if errors:
            noun = "problem" if errors == 1 else "problems"
            sys.stderr.write(
                f"plantool: warning: the plans have {errors} {noun}; what is shown may be incomplete. "
                "Run 'plantool validate' for details.\n"
            )


def day_option(flag: str, text: str | None) -> date | None:
    """A day given to a flag such as ``--due-before``; a bad one is a usage error naming the flag."""
    if text is None:
        return None
    from plantool.dates import parse_day

    try:
        return parse_day(text)
    except ValueError as error:
        raise PlantoolError(f"{flag}: {error}") from None


def format_for(output: Path | None, chosen: E | None, by_suffix: dict[str, E], default: E) -> E:
    """The output format: ``--format``, else the ``-o`` file's suffix, else ``default``.

    A suffix that names no format is a usage error rather than, say, CSV written into
    a file called ``.xlsx`` that a spreadsheet then refuses.
    """
    if chosen is not None:
        return chosen
    if output is None:
        return default
    suffix = output.suffix.lower()
    if suffix not in by_suffix:
        known = ", ".join(sorted(by_suffix))
        raise PlantoolError(f"cannot tell the format from {output.name!r} (known suffixes: {known}); add --format")
    return by_suffix[suffix]


HELD = 1 << 20
"""How much of an output (characters or bytes) is held back before the first is written to stdout:
a renderer that fails within it leaves stdout empty (docs/decisions.md, "Output as it is produced")."""


def deliver(data: Output, output: Path | None = None, *, protected: Iterable[Path] = ()) -> None:
    """Where every command's output goes: to ``output`` (``-o``), or to stdout.

    ``data`` is the whole output or its chunks, in order, each written as it comes, so a
    large output is never held whole. Text goes to stdout as text, bytes as bytes (so a
    BOM or CRLF reaches the file untouched). A file is written atomically and never over
    one of ``protected``, the files the command read (``safeio.write_output``); a
    renderer failing half-way leaves it as it was. On stdout the first ``HELD``
    characters wait until more follow or the output ends; past them, a renderer failing
    leaves what was written and says on stderr that it is incomplete.
    """
    chunks: Iterator[str | bytes] = iter((data,) if isinstance(data, str | bytes) else data)
    try:
        if output is None:
            _to_stdout(chunks)
            return
        from plantool.safeio import write_output

        write_output(output, (c.encode("utf-8") if isinstance(c, str) else c for c in chunks), protected=protected)
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()  # a generator's own clean-up runs now, not when it is collected
    sys.stderr.write(f"plantool: wrote {output}\n")


def _to_stdout(chunks: Iterator[str | bytes]) -> None:
    held: list[str | bytes] = []
    size = 0
    for chunk in chunks:
        held.append(chunk)
        size += len(chunk)
        if size >= HELD:
            break
    out = _Stdout()
    for chunk in held:
        out.write(chunk)
    del held
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            break
        except Exception:
            # The renderer broke (the error boundary reports it): a reader must not take what came for all.
            with suppress(OSError):
                sys.stdout.flush()
            sys.stderr.write("plantool: the output above stops part-way: it is incomplete\n")
            raise
        out.write(chunk)
    out.flush()


class _Stdout:
    """stdout for a run of chunks: text through ``sys.stdout``, bytes through its buffer, in order."""

    def __init__(self) -> None:
        self.text = True

    def write(self, chunk: str | bytes) -> None:
        if isinstance(chunk, str):
            if not self.text:
                sys.stdout.buffer.flush()
                self.text = True
            sys.stdout.write(chunk)
        else:
            if self.text:
                sys.stdout.flush()  # text written before bytes goes out first
                self.text = False
            sys.stdout.buffer.write(chunk)

    def flush(self) -> None:
        (sys.stdout if self.text else sys.stdout.buffer).flush()
