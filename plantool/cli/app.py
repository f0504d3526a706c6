"""The Typer application and its one error boundary.

Exit codes (CLI.md): 0 all good; 1 the plans have problems the command judged;
2 the command was used wrongly; 3 a bug, reported in one line with a hint to
rerun with ``--debug``. The boundary is a click group, so the same rules hold
under Typer's test runner as from a shell.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from plantool.problems import PlantoolError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
DEBUG_KEY = "plantool.debug"

# Recent Typer releases carry their own copy of click, older ones use click itself;
# take the exception classes from Typer's public names so either works.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_PASS_THROUGH = (typer.Exit, typer.Abort, _ClickException)


class _Boundary(TyperGroup):
    """Turns plantool's usage errors into exit 2 and anything unexpected into exit 3."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _PASS_THROUGH:
            raise
        except PlantoolError as error:
            typer.echo(f"plantool: {error}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (plantool list | head); nothing more to say.
            sys.stderr.close()
            raise typer.Exit(EXIT_OK) from None
        except Exception as error:
            if ctx.meta.get(DEBUG_KEY) or os.environ.get("PLANTOOL_DEBUG"):
                raise
            typer.echo(
                f"plantool: internal error: {type(error).__name__}: {error} "
                "(this is a bug; rerun with --debug for the traceback)",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None


app = typer.Typer(
    name="plantool",
    cls=_Boundary,
    help="Keep an improvement plan as YAML in git: validate it, see its RAG status, gate CI on overdue and unowned actions.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def remember_debug(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[DEBUG_KEY] = True
    return value
