"""``plantool status``: the RAG board per plan and per priority, area or lead."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


class StatusFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class GroupBy(str, Enum):
    area = "area"
    lead = "lead"


@app.command()
def status(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: Annotated[str | None, typer.Option("--plan", help="Only this plan (its id).", show_default=False)] = None,
    by: Annotated[GroupBy, typer.Option("--by", help="Group by priority/finding area, or by lead.")] = GroupBy.area,
    format: Annotated[StatusFormat, typer.Option("--format", help="text, json or markdown.")] = StatusFormat.text,
    debug: DebugOption = False,
) -> None:
    """RAG summary: GREEN, AMBER, RED, BLUE and not rated, overdue and due soon, per plan and priority/area."""
    from plantool.cli.common import Session
    from plantool.queries import status_board
    from plantool.render import board as render

    session = Session.open(plans, as_of)
    result = status_board(session.workspace, session.as_of, plan=plan, by=by.value, thresholds=session.thresholds)
    if format is StatusFormat.json:
        session.emit_json(render.board_json(result))
    elif format is StatusFormat.markdown:
        session.write(render.board_markdown(result))
    else:
        render.print_board(result, session.console())
    session.finish()
