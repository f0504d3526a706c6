"""``plantool report``: the board report, as one self-contained HTML file or as Markdown."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.listing import PlanOpt
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"


_SUFFIXES = {".html": ReportFormat.html, ".htm": ReportFormat.html, ".md": ReportFormat.markdown,
             ".markdown": ReportFormat.markdown}  # fmt: skip

OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE instead of stdout.", show_default=False, dir_okay=False),
]


def deliver(data: bytes, output: Path | None) -> None:
    """Write ``data`` to ``output``, or to stdout as bytes (so a BOM or CRLF reaches the file untouched)."""
    from plantool.problems import PlantoolError

    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise PlantoolError(f"cannot write {output}: {error.strerror or error}") from None
    sys.stderr.write(f"plantool: wrote {output}\n")


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
    from plantool.cli.common import Session
    from plantool.report import build_report

    chosen = format or (_SUFFIXES.get(output.suffix.lower()) if output else None) or ReportFormat.html
    session = Session.open(plans, as_of)
    changes = None
    if since is not None:
        from plantool.gitrev import compare
        from plantool.render.diff import report_changes

        changes = report_changes(compare(session.folder, since, worktree=session.workspace), plan)
    data = build_report(
        session.workspace, session.as_of, session.thresholds, plan=plan, title=title, since=since, changes=changes
    )
    if chosen is ReportFormat.html:
        from plantool.render.html import report_html

        text = report_html(data)
    else:
        from plantool.render.report_md import report_markdown

        text = report_markdown(data)
    deliver(text.encode("utf-8"), output)
    session.finish()
