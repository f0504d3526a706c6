"""The floor for a whole command: the least a Typer tool with plantool's dependencies pays.

    .venv/bin/python benchmarks/floor_app.py --plans plans        # parse the files, print a count
    .venv/bin/python benchmarks/floor_app.py                      # nothing to parse

One command with six options, as a plantool command has, importing what
plantool's commands import (typer, pydantic, rich's console and table, yaml),
then C-parsing every YAML file under ``--plans`` (``yaml.load`` with
``CSafeLoader``, collector on) and printing one line. With no ``--plans`` it
parses nothing: the floor a warm (cached) run is compared with, since a warm
run should cost next to nothing beyond starting up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import yaml
from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


class Count(BaseModel):
    files: int


@app.command()
def main(
    plans: Annotated[Path | None, typer.Option("--plans")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    plan: Annotated[str | None, typer.Option("--plan")] = None,
    by: Annotated[str, typer.Option("--by")] = "area",
    format: Annotated[str, typer.Option("--format")] = "text",
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    files = sorted(plans.rglob("*.yaml")) if plans else []
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    table = Table("files")
    table.add_row(str(Count(files=len(files)).files))
    Console(no_color=True).print(table)


if __name__ == "__main__":
    app()
