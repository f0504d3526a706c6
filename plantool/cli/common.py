"""What commands share: settings from flags, environment and plantool.toml; the loaded plans; the as-of date."""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from plantool.config import Settings, load_settings, resolve_as_of
from plantool.problems import PlantoolError

E = TypeVar("E")

if TYPE_CHECKING:
    from rich.console import Console

    from plantool.cache import Cache
    from plantool.judgements import Thresholds
    from plantool.workspace import Workspace


FREEZE = False
"""Set by ``main()``, the console script: only a real one-command process freezes the collector's heap.
A test runner calling the app in-process must not, or every workspace it loads would stay for good."""


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


def plans_folder(flag: Path | None, current: Settings | None = None) -> Path:
    """``--plans`` wins; then ``plans`` in plantool.toml; then ./plans."""
    if flag is not None:
        return flag
    return (current or load_settings()).plans


def as_of(flag: str | None) -> date:
    # The one place plantool reads the clock: the core only ever receives a date.
    return resolve_as_of(flag, date.today())


@dataclass
class Session:
    """One command's context: its settings, its as-of date and the loaded plans folder."""

    settings: Settings
    as_of: date
    workspace: Workspace
    folder: Path

    @classmethod
    def open(cls, plans: Path | None, as_of_flag: str | None) -> Session:
        from plantool.workspace import load_folder

        settings = load_settings()
        day = as_of(as_of_flag)
        folder = plans_folder(plans, settings)
        if not folder.is_dir():
            raise PlantoolError(f"no plans folder at {folder} (name one with --plans DIR or in plantool.toml)")
        with loading():
            workspace = load_folder(
                folder, financial_year_start=settings.financial_year_start, cache=plans_cache(settings)
            )
        return cls(settings, day, workspace, folder)

    def reads(self) -> list[Path]:
        """Every file this session read: the plan and people files, and plantool.toml."""
        return inputs(self.workspace.files, self.settings)

    @property
    def thresholds(self) -> Thresholds:
        return thresholds(self.settings)

    def console(self) -> Console:
        from plantool.render.console import console

        return console()

    def emit_json(self, document: Any) -> None:
        from plantool.render.console import emit_json

        emit_json(document)

    def write(self, text: str) -> None:
        sys.stdout.write(text)

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


def deliver(data: bytes, output: Path | None, reads: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``output``, or to stdout as bytes (so a BOM or CRLF reaches the file untouched).

    ``reads``: the files the command read (plans, people files, plantool.toml); ``-o``
    onto any of them is refused rather than replacing an input with its own report.
    The file is written atomically (docs/decisions.md, "Writing files").
    """
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from plantool.safeio import write_output

    write_output(output, data, protected=reads)
    sys.stderr.write(f"plantool: wrote {output}\n")


def thresholds(settings: Settings) -> Thresholds:
    """The due-soon and stale thresholds plantool.toml sets (or the defaults)."""
    from plantool.judgements import Thresholds

    return Thresholds(settings.due_soon_days, settings.stale_days)


def inputs(files: Iterable[str], settings: Settings) -> list[Path]:
    """The files a command read, which its ``-o`` must never replace."""
    read = [Path(file) for file in files]
    if settings.source is not None:
        read.append(settings.source)
    return read
