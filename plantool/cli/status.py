"""``plantool status``: the RAG board per plan and per priority, area or lead."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import AsOfOption, BoardFormatOption, DebugOption, PlanOption, PlansOption
from plantool.render.formats import BoardFormat


class GroupBy(str, Enum):
    area = "area"
    lead = "lead"


@app.command()
def status(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    by: Annotated[GroupBy, typer.Option("--by", help="Group by priority/finding area, or by lead.")] = GroupBy.area,
    format: BoardFormatOption = BoardFormat.text,
    debug: DebugOption = False,
) -> int:
    """RAG summary: GREEN, AMBER, RED, BLUE and not rated, overdue and due soon, per plan and priority/area."""
    from plantool.cli.common import Session
    from plantool.queries import BoardBy, status_board
    from plantool.render.board import FORMATS

    session = Session.open(plans, as_of)
    board = status_board(
        session.workspace, session.as_of, plan=plan, by=BoardBy(by.value), thresholds=session.thresholds
    )
    session.deliver(FORMATS[format](board, None))
    session.finish()
    return EXIT_OK
