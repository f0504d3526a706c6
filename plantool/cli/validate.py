"""``plantool validate [PATH...]``: load and validate; every problem at path:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from plantool.cli.options import DebugOption, PlansOption, ProblemFormat


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
    format: Annotated[ProblemFormat, typer.Option("--format", help="text or json.")] = ProblemFormat.text,
    debug: DebugOption = False,
) -> None:
    """Load and validate plan and people files; report every problem; exit 1 if any is an error."""
    from plantool.cli.common import loading, plans_cache, plans_folder
    from plantool.config import load_settings
    from plantool.problems import Severity
    from plantool.render import problems as render
    from plantool.scope import load_scope

    settings = load_settings()
    with loading():
        scope = load_scope(
            paths or [],
            plans_folder(plans, settings),
            financial_year_start=settings.financial_year_start,
            cache=plans_cache(settings),
        )
    problems, files = scope.problems, scope.files
    if format is ProblemFormat.json:
        render.emit_json(render.problems_json(problems, files))
    else:
        render.print_problems(problems, files)
    failed = any(problem.severity is Severity.ERROR for problem in problems)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
