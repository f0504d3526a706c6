"""``plantool leads``: workload per lead."""

from __future__ import annotations

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import AsOfOption, BoardFormatOption, DebugOption, PlanOption, PlansOption
from plantool.render.formats import BoardFormat


@app.command()
def leads(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    format: BoardFormatOption = BoardFormat.text,
    debug: DebugOption = False,
) -> int:
    """Workload per lead: open, overdue, RED and due-soon actions, most at risk first."""
    from plantool.cli.common import Session
    from plantool.queries import workloads
    from plantool.render.workload import FORMATS

    session = Session.open(plans, as_of)
    loads = workloads(session.workspace, session.as_of, session.thresholds, plan=plan)
    session.deliver(FORMATS[format](loads, session.as_of))
    session.finish()
    return EXIT_OK
