"""``plantool history REF``: one action's story through the commits that changed it."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import DebugOption, PlansOption


class HistoryFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


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
    format: Annotated[HistoryFormat, typer.Option("--format", help="text, markdown or json.")] = HistoryFormat.text,
    debug: DebugOption = False,
) -> None:
    """One action through git: each commit that changed it, with date, author, message, and its status, due and latest update then."""
    from plantool.cli.common import plans_folder
    from plantool.config import load_settings
    from plantool.gitrev import history as story
    from plantool.render import diff as render

    settings = load_settings()
    result = story(
        plans_folder(plans, settings), ref, max_count=max_count, financial_year_start=settings.financial_year_start
    )
    if format is HistoryFormat.json:
        from plantool.render.console import emit_json

        emit_json(render.history_json(result))
    elif format is HistoryFormat.markdown:
        typer.echo(render.history_markdown(result), nl=False)
    else:
        from plantool.render.console import console

        render.print_history(result, console())
