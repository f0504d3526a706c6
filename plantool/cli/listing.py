"""``plantool list`` and its shorthand ``plantool overdue``: actions, filtered and sorted."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from plantool.cli.app import app
from plantool.cli.options import AsOfOption, DebugOption, PlansOption


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
    str | None, typer.Option("--priority", help="Only this priority or finding (its id).", show_default=False)
]
AreaOpt = Annotated[
    str | None, typer.Option("--area", help="Only findings whose area contains TEXT.", show_default=False)
]
LeadOpt = Annotated[
    list[str] | None, typer.Option("--lead", help="Led by this person (id or alias); repeatable.", show_default=False)
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
    typer.Option("--due-within", min=0, help="Open and due within DAYS from the as-of day.", show_default=False),
]
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
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
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


def _run(*, plans, as_of, format, sort, debug, **filters) -> None:  # type: ignore[no-untyped-def]
    from plantool.cli.common import Session, day_option
    from plantool.queries import Filters, SortKey, select
    from plantool.render import listing as render

    session = Session.open(plans, as_of)
    chosen = Filters(
        plan=filters["plan"],
        priority=filters["priority"],
        area=filters["area"],
        leads=tuple(filters["lead"] or ()),
        statuses=tuple(filters["status"] or ()),
        overdue=filters["overdue"],
        due_before=day_option("--due-before", filters["due_before"]),
        due_after=day_option("--due-after", filters["due_after"]),
        due_within=filters["due_within"],
        unowned=filters["unowned"],
        carried_forward=filters["carried_forward"],
        search=filters["search"],
        tags=tuple(filters["tag"] or ()),
    )
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
