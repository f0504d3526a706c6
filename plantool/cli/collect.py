"""``plantool collect FILE...``: returned update forms into the plans, each form whole or not at all (docs/update-round.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


@app.command()
def collect(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Returned forms (.xlsx or .csv), as 'plantool request' wrote them.", dir_okay=False, metavar="FILE..."
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show every change as a diff of the plan files; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Apply rows whose action changed in the plan since the form was sent."),
    ] = False,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    debug: DebugOption = False,
) -> int:
    """Apply returned update forms: each row's status and update, by the form's lead, dated the as-of day."""
    from plantool.cli.common import Session
    from plantool.collecting import Collector
    from plantool.problems import PlantoolError
    from plantool.render.collect import collected_text

    session = Session.open(plans, as_of)
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        raise PlantoolError(f"no such form: {', '.join(missing)}")
    collector = Collector(
        session.folder,
        session.as_of,
        force=force,
        dry_run=dry_run,
        thresholds=session.thresholds,
        financial_year_start=session.settings.financial_year_start,
    )
    results = [collector.collect(path) for path in files]
    session.deliver(collected_text(results, dry_run=dry_run))
    if any(result.write_refused for result in results):
        return EXIT_USAGE
    return EXIT_OK if all(result.applied for result in results) else EXIT_PROBLEMS
