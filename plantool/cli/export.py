"""``plantool export``: every action (``list``'s filters apply) as an Excel workbook, CSV, JSON, or iCalendar for calendars."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.listing import (
    AreaOpt,
    CarriedOpt,
    DueAfterOpt,
    DueBeforeOpt,
    DueWithinOpt,
    LeadOpt,
    OverdueOpt,
    PlanOpt,
    PriorityOpt,
    SearchOpt,
    SortOpt,
    StatusOpt,
    TagOpt,
    UnownedOpt,
    filters_from_options,
)
from plantool.cli.options import AsOfOption, DebugOption, OutputOpt, PlansOption


class ExportFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"
    ics = "ics"


_SUFFIXES = {
    ".csv": ExportFormat.csv,
    ".xlsx": ExportFormat.xlsx,
    ".json": ExportFormat.json,
    ".ics": ExportFormat.ics,
}

# Excel takes a CSV file without a byte order mark for the machine's legacy code page.
UTF8_BOM = "\ufeff"


@app.command()
def export(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOpt = None,
    priority: PriorityOpt = None,
    area: AreaOpt = None,
    lead: LeadOpt = None,
    status: StatusOpt = None,
    overdue: OverdueOpt = False,
    due_before: DueBeforeOpt = None,
    due_after: DueAfterOpt = None,
    due_within: DueWithinOpt = None,
    unowned: UnownedOpt = False,
    carried_forward: CarriedOpt = False,
    search: SearchOpt = None,
    tag: TagOpt = None,
    sort: SortOpt = None,
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
) -> None:
    """Every action, filtered as 'plantool list' filters: an Excel workbook, CSV, JSON, or an iCalendar file of open, dated actions and milestones."""
    import sys

    from plantool.cli.common import Session, deliver, format_for
    from plantool.problems import PlantoolError
    from plantool.queries import SortKey, select

    chosen = format_for(output, format, _SUFFIXES, ExportFormat.csv)
    if chosen is ExportFormat.xlsx and output is None and sys.stdout.isatty():
        # A workbook is binary: on a terminal it is noise, and can leave the terminal in a strange state.
        raise PlantoolError("an xlsx workbook is binary: write it to a file with -o FILE.xlsx (or redirect the output)")
    session = Session.open(plans, as_of)
    filters = filters_from_options(
        plan=plan, priority=priority, area=area, lead=lead, status=status, overdue=overdue,
        due_before=due_before, due_after=due_after, due_within=due_within, unowned=unowned,
        carried_forward=carried_forward, search=search, tag=tag,
    )  # fmt: skip
    rows = select(session.workspace, session.as_of, filters, SortKey(sort.value) if sort else None, session.thresholds)
    people = session.workspace.people
    if chosen is ExportFormat.csv:
        from plantool.render.listing import rows_csv

        data = (UTF8_BOM + rows_csv(rows, people, session.as_of)).encode("utf-8")
    elif chosen is ExportFormat.xlsx:
        from plantool.render.xlsx import rows_xlsx

        data = rows_xlsx(rows, people, session.as_of)
    elif chosen is ExportFormat.json:
        import json

        from plantool.render.listing import rows_json

        data = (json.dumps(rows_json(rows, people, session.as_of), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        from plantool.render.ics import rows_ics

        data = rows_ics(rows, people, session.as_of)
    deliver(data, output, session.reads())
    session.finish()
