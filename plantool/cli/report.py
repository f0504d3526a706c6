"""``plantool report``: the board report, as one self-contained HTML file or as Markdown."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import AsOfOption, DebugOption, OutputOpt, PlanOption, PlansOption
from plantool.render.formats import REPORT_SUFFIXES, ReportFormat


@app.command()
def report(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            help="html (one self-contained file) or markdown. Default: from the -o file's suffix, else html.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            help="The report's title. Default: the plan's title (with several plans: 'Improvement plans: progress report').",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Add a 'since the last report' section: what changed in the plans from this git revision to now.",
            show_default=False,
        ),
    ] = None,
    debug: DebugOption = False,
) -> int:
    """The board report: headline RAG charts, exceptions (overdue, RED, stale, no lead), then every priority and finding with its actions."""
    from plantool.cli.common import Session, format_for
    from plantool.render.board_report import FORMATS
    from plantool.report import build_report

    chosen = format_for(output, format, REPORT_SUFFIXES, ReportFormat.html)
    session = Session.open(plans, as_of)
    diff = None
    if since is not None:
        from plantool.gitrev import compare

        settings = session.settings
        diff = compare(
            session.folder, since, worktree=session.workspace, financial_year_start=settings.financial_year_start
        )
    data = build_report(
        session.workspace, session.as_of, session.thresholds, plan=plan, title=title, since=since, diff=diff
    )
    session.deliver(FORMATS[chosen](data, None), output)
    session.finish()
    return EXIT_OK
