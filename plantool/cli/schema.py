"""``plantool schema [--check]``: write or check the JSON Schema files editors validate against."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, app
from plantool.cli.options import DebugOption


@app.command()
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if the committed files differ from the models.")
    ] = False,
    out: Annotated[Path, typer.Option("--out", help="Folder of the schema files.")] = Path("schemas"),
    debug: DebugOption = False,
) -> int:
    """Write schemas/plan.schema.json and schemas/people.schema.json from the models."""
    from plantool.cli.common import deliver
    from plantool.schema import stale_schemas, write_schemas

    if check:
        stale = stale_schemas(out)
        lines = [f"{path}: out of date with the models; run 'plantool schema' and commit the result" for path in stale]
        deliver("\n".join(lines or [f"{out}: schemas are up to date"]) + "\n")
        return EXIT_PROBLEMS if stale else EXIT_OK
    from plantool.problems import PlantoolError

    try:
        written = write_schemas(out)
    except OSError as error:
        raise PlantoolError(f"cannot write the schemas to {out}: {error.strerror or error}") from None
    lines = [f"wrote {path}" for path in written]
    deliver("\n".join(lines or [f"{out}: schemas already up to date"]) + "\n")
    return EXIT_OK
