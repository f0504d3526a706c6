"""The command line: options in → one library call → a renderer → an exit code.

Each command lives in a module of its own and registers itself on ``app``; ``COMMANDS``
in ``cli/app.py`` lists them, and a command's module is imported only when it runs (or
``--help`` lists it). Heavy modules (rich, pydantic, yaml) are imported inside the
commands, so ``plantool --help`` stays fast.
"""

from __future__ import annotations

import gc

import typer

from plantool.cli.app import COMMANDS, app
from plantool.cli.options import AsOfOption, DebugOption, NoCacheOption, PlansOption, VersionOption


@app.callback()
def everywhere(
    ctx: typer.Context,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    debug: DebugOption = False,
    version: VersionOption = False,
    no_cache: NoCacheOption = False,
) -> None:
    """Options that may also stand before the command: plantool --plans DIR --as-of DAY status."""
    from plantool.cli import common

    common.CACHE = not no_cache  # set on every run, so one run's choice never leaks into the next
    # Given here, they become the command's defaults, so the command's own flag still wins
    # and a command that takes no such option is not troubled by it.
    given = {name: value for name, value in (("plans", plans), ("as_of", as_of)) if value is not None}
    if given:
        ctx.default_map = {command: dict(given) for command in COMMANDS}


def main() -> None:
    """The console script: one command, then exit."""
    from plantool.cli import common

    # Everything imported so far lives until exit: move it out of the collector's way
    # (gc.freeze), and do the same with the loaded plans (common.loading). The library
    # never touches the collector; only this one-command process does.
    common.FREEZE = True
    gc.freeze()
    _prepare_streams()
    app()


def _prepare_streams() -> None:
    """A closed stdout is a usage error, said on stderr; text a stream's encoding cannot hold is replaced.

    ``plantool status >&-`` leaves ``sys.stdout`` as None; with ``PYTHONIOENCODING=cp1252``
    an emoji in a title cannot be written. Neither is a bug in plantool (docs/decisions.md).
    """
    import sys

    if sys.stdout is None:
        if sys.stderr is not None:
            sys.stderr.write("plantool: standard output is closed; nothing can be shown (exit 2)\n")
        raise SystemExit(2)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            reconfigure(errors="replace")
    if sys.stderr is None:
        import os

        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives until exit)


__all__ = ["app", "main"]
