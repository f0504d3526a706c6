"""The command line: options in → one library call → a renderer → an exit code.

Each command lives in a module of its own and registers itself on ``app``.
Heavy modules (rich, pydantic, yaml) are imported inside the commands, so
``plantool --help`` stays fast.
"""

from __future__ import annotations

from plantool.cli import check, diff, export, history, leads, listing, report, schema, show, status, validate  # noqa: F401  (registers the commands)
from plantool.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
