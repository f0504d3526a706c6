"""``plantool history REF``: one action's story through the commits that changed it."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import ChangesFormatOption, DebugOption, PlansOption
from plantool.render.formats import ChangesFormat


@app.command()
def history(
    ref: Annotated[
        str, typer.Argument(help="An action such as tdp-2023-24/1.4, or any unambiguous tail: 1.4, domestic-abuse.1.")
    ],
    plans: PlansOption = None,
    max_count: Annotated[
        int | None,
        typer.Option(
            "--max-count",
            "-n",
            min=1,
            help="Look at only the N newest commits that changed the plans.",
            show_default=False,
        ),
    ] = None,
    format: ChangesFormatOption = ChangesFormat.text,
    debug: DebugOption = False,
) -> int:
    """One action through git: each commit that changed it, with date, author, message, and its status, due and latest update then."""
    from plantool.cli.common import Session
    from plantool.gitrev import history as story
    from plantool.render.diff import HISTORY_FORMATS

    session = Session.open(plans)
    session.deliver(
        HISTORY_FORMATS[format](
            story(session.folder, ref, max_count=max_count, financial_year_start=session.settings.financial_year_start),
            None,
        )
    )
    return EXIT_OK
