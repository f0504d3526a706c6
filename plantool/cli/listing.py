"""``plantool list`` and its shorthand ``plantool overdue``: actions, filtered and sorted."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption

if TYPE_CHECKING:
    from plantool.queries import Filters


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Sort(str, Enum):
    due = "due"
    ref = "ref"
    status = "status"
    lead = "lead"


PlanOpt = Annotated[str | None, typer.Option("--plan", help="Only this plan (its id).", show_default=False)]
PriorityOpt = Annotated[
    str | None,
    typer.Option(
        "--priority",
        help="Only this priority or finding: its id (SP1, any case) or reference (tdp-2023-24/SP1).",
        show_default=False,
    ),
]
AreaOpt = Annotated[
    str | None, typer.Option("--area", help="Only findings whose area contains TEXT.", show_default=False)
]
LeadOpt = Annotated[
    list[str] | None,
    typer.Option("--lead", help="Led by this person (id, alias or exact name); repeatable.", show_default=False),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="GREEN, AMBER, RED, BLUE or unrated; repeatable.", show_default=False),
]
DueBeforeOpt = Annotated[
    str | None, typer.Option("--due-before", help="Due before this day (YYYY-MM-DD).", show_default=False)
]
DueAfterOpt = Annotated[
    str | None, typer.Option("--due-after", help="Due after this day (YYYY-MM-DD).", show_default=False)
]
DueWithinOpt = Annotated[
    int | None,
    typer.Option(
        "--due-within", min=0, max=36_500, help="Open and due within DAYS from the as-of day.", show_default=False
    ),
]
OverdueOpt = Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")]
UnownedOpt = Annotated[bool, typer.Option("--unowned", help="Only actions with no lead.")]
CarriedOpt = Annotated[bool, typer.Option("--carried-forward", help="Only actions carried forward (starred).")]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", help="Case-insensitive text in titles, finding text and updates.", show_default=False),
]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", help="Has this tag; repeatable.", show_default=False)]
SortOpt = Annotated[
    Sort | None, typer.Option("--sort", help="due, ref, status or lead. Default: file order.", show_default=False)
]
FormatOpt = Annotated[ListFormat, typer.Option("--format", help="table, json, csv or markdown.")]


@app.command("list")
def list_(
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
    format: FormatOpt = ListFormat.table,
    debug: DebugOption = False,
) -> None:
    """One row per action: ref, title, leads, due, status. Filters combine (AND)."""
    _run(**locals())


@app.command()
def overdue(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    plan: PlanOpt = None,
    priority: PriorityOpt = None,
    area: AreaOpt = None,
    lead: LeadOpt = None,
    status: StatusOpt = None,
    due_before: DueBeforeOpt = None,
    due_after: DueAfterOpt = None,
    unowned: UnownedOpt = False,
    carried_forward: CarriedOpt = False,
    search: SearchOpt = None,
    tag: TagOpt = None,
    sort: SortOpt = None,
    format: FormatOpt = ListFormat.table,
    debug: DebugOption = False,
) -> None:
    """Overdue actions: shorthand for 'plantool list --overdue'."""
    _run(**locals(), overdue=True, due_within=None)


def filters_from_options(
    *,
    plan: str | None,
    priority: str | None,
    area: str | None,
    lead: list[str] | None,
    status: list[str] | None,
    overdue: bool,
    due_before: str | None,
    due_after: str | None,
    due_within: int | None,
    unowned: bool,
    carried_forward: bool,
    search: str | None,
    tag: list[str] | None,
) -> Filters:
    """The filter options of ``list`` (and ``overdue``, ``export``) as the core's ``Filters``."""
    from plantool.cli.common import day_option
    from plantool.queries import Filters

    return Filters(
        plan=plan,
        priority=priority,
        area=area,
        leads=tuple(lead or ()),
        statuses=tuple(status or ()),
        overdue=overdue,
        due_before=day_option("--due-before", due_before),
        due_after=day_option("--due-after", due_after),
        due_within=due_within,
        unowned=unowned,
        carried_forward=carried_forward,
        search=search,
        tags=tuple(tag or ()),
    )


def _run(
    *, plans: Path | None, as_of: str | None, format: ListFormat, sort: Sort | None, debug: bool, **options: Any
) -> None:
    from plantool.cli.common import Session
    from plantool.queries import SortKey, select
    from plantool.render import listing as render

    session = Session.open(plans, as_of)
    chosen = filters_from_options(**options)
    rows = select(session.workspace, session.as_of, chosen, SortKey(sort.value) if sort else None, session.thresholds)
    people = session.workspace.people
    if format is ListFormat.json:
        session.emit_json(render.rows_json(rows, people, session.as_of))
    elif format is ListFormat.csv:
        session.write(render.rows_csv(rows, people, session.as_of))
    elif format is ListFormat.markdown:
        session.write(render.rows_markdown(rows, people, session.as_of))
    else:
        render.print_rows(rows, session.workspace, session.as_of, session.console())
    session.finish()
