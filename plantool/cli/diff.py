"""``plantool diff [FROM] [TO]``: what changed in the plans between two git revisions."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import DebugOption, PlansOption


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    from_revision: Annotated[
        str, typer.Argument(metavar="FROM", help="The revision to compare from: a commit, branch, tag or HEAD~N.")
    ] = "HEAD",
    to_revision: Annotated[
        str | None,
        typer.Argument(metavar="TO", help="The revision to compare to. Default: the working tree.", show_default=False),
    ] = None,
    plans: PlansOption = None,
    format: Annotated[DiffFormat, typer.Option("--format", help="text, markdown or json.")] = DiffFormat.text,
    debug: DebugOption = False,
) -> None:
    """What changed between two revisions: actions added, removed, completed; status worse or better; due dates moved (slip in days); leads; new updates."""
    from plantool.cli.common import plans_folder
    from plantool.config import load_settings
    from plantool.gitrev import compare
    from plantool.render import diff as render

    settings = load_settings()
    result = compare(
        plans_folder(plans, settings), from_revision, to_revision, financial_year_start=settings.financial_year_start
    )
    if format is DiffFormat.json:
        from plantool.render.console import emit_json

        emit_json(render.diff_json(result))
    elif format is DiffFormat.markdown:
        typer.echo(render.changes_markdown(result), nl=False)
    else:
        from plantool.render.console import console

        render.print_diff(result, console())
