"""``plantool import FILE``: a plan kept as a Word table, a workbook or a CSV file, as a plan file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import DebugOption, PlanKind, PlansOption


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="The plan as .docx, .xlsx or .csv.", show_default=False)],
    plan_id: Annotated[
        str | None, typer.Option("--plan-id", help="The plan's id. Default: from its title.", show_default=False)
    ] = None,
    kind: Annotated[
        PlanKind | None,
        typer.Option(
            "--kind",
            help="development (priorities) or inspection (findings). Default: inspection when a findings column is found.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The plan file to write ('-' for stdout). Default: PLANS/PLAN-ID.yaml.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    plans: PlansOption = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", help="The plan's title. Default: the document's title, else the file's name.", show_default=False
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Read only this sheet of a workbook.", show_default=False)
    ] = None,
    map_: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Say which column holds what: action=B,lead=C,due=D,status=E,update=F,ref=A,finding=A.",
            show_default=False,
        ),
    ] = None,
    cell_colours: Annotated[
        bool, typer.Option("--cell-colours", help="Read a blank status cell's fill colour as its RAG rating.")
    ] = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            help="The CSV file's encoding, when it cannot be told (cp1252, latin-1, utf-16 ...).",
            show_default=False,
        ),
    ] = None,
    update_date: Annotated[
        str | None,
        typer.Option(
            "--update-date",
            help="Date for progress updates the source leaves undated (YYYY-MM or YYYY-MM-DD).",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            help="The plan's year, for dates written without one ('end of March'): 2023/24. Default: from the title.",
            show_default=False,
        ),
    ] = None,
    debug: DebugOption = False,
) -> int:
    """Bring a plan in: read a Word table, a workbook or a CSV file and write a plan file (and its people)."""
    from plantool.cli.common import Session, deliver
    from plantool.importing import convert, read
    from plantool.importing.files import survey, write_result
    from plantool.importing.headings import parse_map
    from plantool.importing.values import plan_year_of, read_due
    from plantool.problems import PlantoolError
    from plantool.render.import_report import report_text

    overrides = parse_map(map_)
    when = read_due(update_date) if update_date is not None else None
    if update_date is not None and (when is None or not when.precise):
        raise PlantoolError(f"--update-date: {update_date!r} is not a month (2023-05) or a day (2023-05-26)")
    plan_year = plan_year_of(year.upper().removeprefix("FY")) if year is not None else None
    if year is not None and plan_year is None:
        raise PlantoolError(f"--year: {year!r} is not a financial year such as 2023/24")
    to_stdout = output is not None and str(output) == "-"
    session = Session.open(plans)
    folder = session.folder if output is None or to_stdout else output.parent
    known = survey(folder)
    result = convert(
        read(source, sheet, encoding), plan_id=plan_id, title=title, kind=kind.value if kind else None,
        overrides=overrides, cell_colours=cell_colours, update_date=when, year=plan_year, fy_start=session.settings.financial_year_start, known_people=known.people,
        people_exists=known.people_file is not None,
    )  # fmt: skip
    if to_stdout:
        if result.report.people_added:
            result.report.notes.append(
                "new people are not written with -o -: give -o FILE to write them beside the plan"
            )
        deliver(result.plan_text)
        sys.stderr.write(report_text(result.report))
        return EXIT_OK
    write_result(result, known, output)
    deliver(report_text(result.report))
    return EXIT_OK
