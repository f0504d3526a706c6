"""``plantool diff [FROM] [TO]``: what changed in the plans between two git revisions."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import ChangesFormatOption, DebugOption, PlansOption
from plantool.render.formats import ChangesFormat


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
    format: ChangesFormatOption = ChangesFormat.text,
    debug: DebugOption = False,
) -> int:
    """What changed between two revisions: actions added, removed, completed; status worse or better; due dates moved (slip in days); leads; new updates."""
    from plantool.cli.common import Session
    from plantool.gitrev import compare
    from plantool.render.diff import DIFF_FORMATS

    session = Session.open(plans)
    session.deliver(
        DIFF_FORMATS[format](
            compare(
                session.folder, from_revision, to_revision, financial_year_start=session.settings.financial_year_start
            ),
            None,
        )
    )
    return EXIT_OK
