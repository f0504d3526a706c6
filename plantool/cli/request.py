"""``plantool request``: one update form per lead (``.xlsx``, or CSV), for the monthly round (docs/update-round.md)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


class FormFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"


@app.command()
def request(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The folder to write the forms into (made if missing).", file_okay=False),
    ],
    lead: Annotated[
        list[str] | None,
        typer.Option("--lead", help="Only this lead's form (id or alias; repeatable). Default: every lead."),
    ] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="Only this plan's actions (its id).")] = None,
    format: Annotated[
        FormFormat, typer.Option("--format", help="xlsx (a workbook with a drop-down) or csv.")
    ] = FormFormat.xlsx,
    force: Annotated[
        bool, typer.Option("--force", help="Replace forms already in the folder (by default they are kept).")
    ] = False,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    debug: DebugOption = False,
) -> None:
    """Write one update form per lead: their open actions, current status and last update, to fill in and return."""
    from plantool.cli.common import Session
    from plantool.cli.formfiles import write_forms
    from plantool.forms import build_forms, leads_without_items, require_forms

    session = Session.open(plans, as_of)
    leads = lead or []
    forms = build_forms(session.workspace, session.as_of, leads=leads, plan=plan, thresholds=session.thresholds)
    for missing in leads_without_items(forms, leads, session.workspace):
        typer.echo(f"plantool: {missing} has no open action; no form for them", err=True)
    require_forms(forms)
    write_forms(forms, output, format.value, force=force)
    session.finish()
