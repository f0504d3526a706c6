"""Options that every command shares, declared once."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import remember_debug

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


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"
