"""``plantool leads``: workload per lead."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption
from plantool.cli.status import StatusFormat


@app.command()
def leads(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: Annotated[str | None, typer.Option("--plan", help="Only this plan (its id).", show_default=False)] = None,
    format: Annotated[StatusFormat, typer.Option("--format", help="text, json or markdown.")] = StatusFormat.text,
    debug: DebugOption = False,
) -> None:
    """Workload per lead: open, overdue, RED and due-soon actions, most at risk first."""
    from plantool.cli.common import Session
    from plantool.queries import workloads
    from plantool.render import workload as render

    session = Session.open(plans, as_of)
    loads = workloads(session.workspace, session.as_of, session.thresholds, plan=plan)
    if format is StatusFormat.json:
        session.emit_json(render.workloads_json(loads, session.as_of))
    elif format is StatusFormat.markdown:
        session.write(render.workloads_markdown(loads, session.as_of))
    else:
        render.print_workloads(loads, session.as_of, session.console())
    session.finish()
