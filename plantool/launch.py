"""The console script ``plantool``: a read command's kept answer if it still holds, else the command line.

This module and what it imports use the standard library alone (and plantool's
own ``config``, ``sources`` and ``problems``): a warm ``status`` is answered by
``outputcache`` before Typer, pydantic, rich or YAML is imported, and any other
run goes on to ``plantool.cli.main`` unchanged.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Run one command and exit."""
    from plantool.outputcache import run

    run(sys.argv[1:], os.environ, _command_line)


def _command_line() -> None:
    from plantool.cli import main as command_line

    command_line()
