"""``plantool validate [PATH...]``: load and validate; every problem at path:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from plantool.cli.options import DebugOption, PlansOption, TextOrJsonOption
from plantool.render.formats import TextOrJson


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Plan files or folders. Default: the plans folder. Put '--' before a name that starts with '-'.",
            show_default=False,
        ),
    ] = None,
    plans: PlansOption = None,
    format: TextOrJsonOption = TextOrJson.text,
    debug: DebugOption = False,
) -> int:
    """Load and validate plan and people files; report every problem; exit 1 if any is an error."""
    from plantool.cli.common import Session
    from plantool.problems import Severity
    from plantool.render.problems import FORMATS

    session = Session.open(plans)
    scope = session.scope(paths or [])
    session.deliver(FORMATS[format](scope, None))
    failed = any(problem.severity is Severity.ERROR for problem in scope.problems)
    return EXIT_PROBLEMS if failed else EXIT_OK
