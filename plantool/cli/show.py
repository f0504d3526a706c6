"""``plantool show REF``: one action, finding, priority or plan in full."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption, TextOrJsonOption
from plantool.render.formats import TextOrJson


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(help="A reference such as tdp-2023-24/1.4, or any unambiguous tail: 1.4, domestic-abuse.1.")
    ],
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    format: TextOrJsonOption = TextOrJson.text,
    debug: DebugOption = False,
) -> int:
    """One action, finding or plan in full: text, finding, leads with names and roles, due, status, milestones, target, updates."""
    from plantool.cli.common import Session
    from plantool.render.detail import FORMATS, DetailView, Shown

    session = Session.open(plans, as_of)
    shown = Shown(*session.workspace.resolve(ref))
    session.deliver(FORMATS[format](shown, DetailView(session.workspace, session.as_of, session.thresholds)))
    session.finish()
    return EXIT_OK
