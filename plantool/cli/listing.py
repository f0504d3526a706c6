"""``plantool list`` and its shorthand ``plantool overdue``: actions, filtered and sorted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from plantool.cli.app import EXIT_OK, app
from plantool.cli.options import (
    AsOfOption,
    DebugOption,
    FilterValues,
    ListFormatOption,
    PlansOption,
    Sort,
    SortOption,
    takes_filters,
)
from plantool.render.formats import ListFormat

if TYPE_CHECKING:
    from plantool.queries import Filters


@app.command("list")
@takes_filters()
def list_(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    *,
    filters: FilterValues,
    sort: SortOption = None,
    format: ListFormatOption = ListFormat.table,
    debug: DebugOption = False,
) -> int:
    """One row per action: ref, title, leads, due, status. Filters combine (AND)."""
    return _run(plans, as_of, filters, sort, format)


@app.command()
@takes_filters(leave_out=("overdue", "due_within"))
def overdue(
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    *,
    filters: FilterValues,
    sort: SortOption = None,
    format: ListFormatOption = ListFormat.table,
    debug: DebugOption = False,
) -> int:
    """Overdue actions: shorthand for 'plantool list --overdue'."""
    return _run(plans, as_of, {**filters, "overdue": True, "due_within": None}, sort, format)


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


def _run(plans: Path | None, as_of: str | None, filters: FilterValues, sort: Sort | None, format: ListFormat) -> int:
    from plantool.cli.common import Session
    from plantool.queries import SortKey, select
    from plantool.render.listing import FORMATS, RowsView

    session = Session.open(plans, as_of)
    chosen = filters_from_options(**filters)
    rows = select(session.workspace, session.as_of, chosen, SortKey(sort.value) if sort else None, session.thresholds)
    session.deliver(FORMATS[format](rows, RowsView(session.workspace, session.as_of)))
    session.finish()
    return EXIT_OK
