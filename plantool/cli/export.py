"""``plantool export``: every action (``list``'s filters apply) as an Excel workbook, CSV, JSON, or iCalendar for calendars."""

from __future__ import annotations

from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.listing import filters_from_options
from plantool.cli.options import (
    AsOfOption,
    DebugOption,
    FilterValues,
    OutputOpt,
    PlansOption,
    SortOption,
    takes_filters,
)
from plantool.render.formats import EXPORT_SUFFIXES, ExportFormat


@app.command()
@takes_filters()
def export(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    *,
    filters: FilterValues,
    sort: SortOption = None,
    format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="xlsx (a workbook that keeps ids as text and dates as dates), csv, json (as 'list --format json') "
            "or ics (calendar). Default: from the -o file's suffix, else csv.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    debug: DebugOption = False,
) -> int:
    """Every action, filtered as 'plantool list' filters: an Excel workbook, CSV, JSON, or an iCalendar file of open, dated actions and milestones."""
    import sys

    from plantool.cli.common import Session, format_for
    from plantool.problems import PlantoolError
    from plantool.queries import SortKey, select
    from plantool.render.export import FORMATS
    from plantool.render.listing import RowsView

    chosen = format_for(output, format, EXPORT_SUFFIXES, ExportFormat.csv)
    if chosen is ExportFormat.xlsx and output is None and sys.stdout.isatty():
        # A workbook is binary: on a terminal it is noise, and can leave the terminal in a strange state.
        raise PlantoolError("an xlsx workbook is binary: write it to a file with -o FILE.xlsx (or redirect the output)")
    session = Session.open(plans, as_of)
    chosen_filters = filters_from_options(**filters)
    rows = select(
        session.workspace, session.as_of, chosen_filters, SortKey(sort.value) if sort else None, session.thresholds
    )
    session.deliver(FORMATS[chosen](rows, RowsView(session.workspace, session.as_of)), output)
    session.finish()
    return EXIT_OK
