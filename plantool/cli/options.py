"""Options that every command shares, declared once."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable, Collection
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from plantool.cli.app import remember_debug, show_version
from plantool.render.formats import BoardFormat, ChangesFormat, ListFormat, TextOrJson

PlansOption = Annotated[
    Path | None,
    typer.Option(
        "--plans", help="The plans folder. Default: 'plans' in plantool.toml, else ./plans.", show_default=False
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge dates as of this day (YYYY-MM-DD). Default: $PLANTOOL_TODAY, else today.",
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool,
    typer.Option("--debug", help="Show the traceback of an internal error.", callback=remember_debug, is_eager=True),
]

VersionOption = Annotated[
    bool,
    typer.Option("--version", help="Print plantool's version and exit.", callback=show_version, is_eager=True),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read every plan file afresh, without the warm cache (also: PLANTOOL_NO_CACHE=1).",
        envvar="PLANTOOL_NO_CACHE",
    ),
]


OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE instead of stdout.", show_default=False, dir_okay=False),
]
PlanOption = Annotated[str | None, typer.Option("--plan", help="Only this plan (its id).", show_default=False)]
BoardFormatOption = Annotated[BoardFormat, typer.Option("--format", help="text, json or markdown.")]
TextOrJsonOption = Annotated[TextOrJson, typer.Option("--format", help="text or json.")]
ChangesFormatOption = Annotated[ChangesFormat, typer.Option("--format", help="text, markdown or json.")]


class PlanKind(str, Enum):
    """``--kind`` of ``new`` and ``import``: a plan of priorities, or one of an inspection's findings."""

    development = "development"
    inspection = "inspection"


# ---------------------------------------------------------------------------
# list's filters (``overdue`` and ``export`` take them too)


class Sort(str, Enum):
    """``--sort``: the core's ``queries.SortKey`` by value (the core is not imported to declare an option)."""

    due = "due"
    ref = "ref"
    status = "status"
    lead = "lead"


PriorityOption = Annotated[
    str | None,
    typer.Option(
        "--priority",
        help="Only this priority or finding: its id (SP1, any case) or reference (tdp-2023-24/SP1).",
        show_default=False,
    ),
]
AreaOption = Annotated[
    str | None, typer.Option("--area", help="Only findings whose area contains TEXT.", show_default=False)
]
LeadFilterOption = Annotated[
    list[str] | None,
    typer.Option("--lead", help="Led by this person (id, alias or exact name); repeatable.", show_default=False),
]
StatusFilterOption = Annotated[
    list[str] | None,
    typer.Option("--status", help="GREEN, AMBER, RED, BLUE or unrated; repeatable.", show_default=False),
]
DueBeforeOption = Annotated[
    str | None, typer.Option("--due-before", help="Due before this day (YYYY-MM-DD).", show_default=False)
]
DueAfterOption = Annotated[
    str | None, typer.Option("--due-after", help="Due after this day (YYYY-MM-DD).", show_default=False)
]
DueWithinOption = Annotated[
    int | None,
    typer.Option(
        "--due-within", min=0, max=36_500, help="Open and due within DAYS from the as-of day.", show_default=False
    ),
]
OverdueOption = Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")]
UnownedOption = Annotated[bool, typer.Option("--unowned", help="Only actions with no lead.")]
CarriedForwardOption = Annotated[
    bool, typer.Option("--carried-forward", help="Only actions carried forward (starred).")
]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", help="Case-insensitive text in titles, finding text and updates.", show_default=False),
]
TagOption = Annotated[list[str] | None, typer.Option("--tag", help="Has this tag; repeatable.", show_default=False)]
SortOption = Annotated[
    Sort | None, typer.Option("--sort", help="due, ref, status or lead. Default: file order.", show_default=False)
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="table, json, csv or markdown.")]

FilterValues = dict[str, Any]
"""What a command that ``takes_filters`` receives: each filter option's value, by name."""

_FILTERS: tuple[tuple[str, Any, object], ...] = (
    ("plan", PlanOption, None),
    ("priority", PriorityOption, None),
    ("area", AreaOption, None),
    ("lead", LeadFilterOption, None),
    ("status", StatusFilterOption, None),
    ("overdue", OverdueOption, False),
    ("due_before", DueBeforeOption, None),
    ("due_after", DueAfterOption, None),
    ("due_within", DueWithinOption, None),
    ("unowned", UnownedOption, False),
    ("carried_forward", CarriedForwardOption, False),
    ("search", SearchOption, None),
    ("tag", TagOption, None),
)
"""``list``'s filters in the order ``--help`` shows them, with their defaults."""


def takes_filters(*, leave_out: Collection[str] = ()) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """Give a command ``list``'s filter options in place of its keyword-only ``filters: FilterValues`` parameter.

    Typer reads a command's options from its signature, so every command that filters as
    ``list`` does would otherwise declare the thirteen options again. Here they are declared
    once: Typer sees them where ``filters`` stands, and the command receives their values
    in one ``FilterValues``. ``leave_out`` names the filters a command does not offer
    (``overdue`` is always overdue).
    """
    offered = [(name, option, default) for name, option, default in _FILTERS if name not in leave_out]

    def decorate(command: Callable[..., int]) -> Callable[..., int]:
        hints = typing.get_type_hints(command, include_extras=True)
        parameters: list[inspect.Parameter] = []
        for parameter in inspect.signature(command).parameters.values():
            if parameter.name == "filters":
                kind = inspect.Parameter.KEYWORD_ONLY
                parameters += [inspect.Parameter(name, kind, default=d, annotation=o) for name, o, d in offered]
            else:
                parameters.append(parameter.replace(annotation=hints[parameter.name]))

        @functools.wraps(command)
        def with_filters(**options: Any) -> int:
            filters = {name: options.pop(name) for name, _, _ in offered}
            return command(**options, filters=filters)

        with_filters.__signature__ = inspect.Signature(parameters, return_annotation=int)  # type: ignore[attr-defined]
        with_filters.__annotations__ = {parameter.name: parameter.annotation for parameter in parameters}
        return with_filters

    return decorate
