"""``plantool show REF``: one action, finding, priority or plan in full."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(help="A reference such as tdp-2023-24/1.4, or any unambiguous tail: 1.4, domestic-abuse.1.")
    ],
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    format: Annotated[ShowFormat, typer.Option("--format", help="text or json.")] = ShowFormat.text,
    debug: DebugOption = False,
) -> None:
    """One action, finding or plan in full: text, finding, leads with names and roles, due, status, milestones, target, updates."""
    from plantool.cli.common import Session
    from plantool.render import detail as render

    session = Session.open(plans, as_of)
    full, target = session.workspace.resolve(ref)
    if format is ShowFormat.json:
        session.emit_json(render.named_json(session.workspace, full, target, session.as_of, session.thresholds))
    else:
        render.print_named(session.workspace, full, target, session.as_of, session.thresholds, session.console())
    session.finish()
