"""``plantool report``: the board report, as one self-contained HTML file or as Markdown."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.listing import PlanOpt
from plantool.cli.options import AsOfOption, DebugOption, OutputOpt, PlansOption


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


_SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".md": ReportFormat.markdown,
             ".markdown": ReportFormat.markdown}  # fmt: skip


@app.command()
def report(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOpt = None,
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
) -> None:
    """The board report: headline RAG charts, exceptions (overdue, RED, stale, no lead), then every priority and finding with its actions."""
    from plantool.cli.common import Session, deliver, format_for
    from plantool.report import build_report

    chosen = format_for(output, format, _SUFFIXES, ReportFormat.html)
    session = Session.open(plans, as_of)
    changes = None
    if since is not None:
        from plantool.gitrev import compare
        from plantool.render.diff import report_changes

        changes = report_changes(
            compare(
                session.folder,
                since,
                worktree=session.workspace,
                financial_year_start=session.settings.financial_year_start,
            ),
            plan,
        )
    data = build_report(
        session.workspace, session.as_of, session.thresholds, plan=plan, title=title, since=since, changes=changes
    )
    if chosen is ReportFormat.html:
        from plantool.render.html import report_html

        text = report_html(data)
    else:
        from plantool.render.report_md import report_markdown

        text = report_markdown(data)
    deliver(text.encode("utf-8"), output, session.reads())
    session.finish()
