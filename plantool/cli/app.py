"""The Typer application and its one error boundary.

Exit codes (README, docs/ci.md): 0 all good; 1 the plans have problems the command judged;
2 the command was used wrongly (or its output cannot be written); 3 a bug,
reported in one line with a hint to rerun with ``--debug``; and 141 when the
reader of a pipe went away, as for any Unix command killed by SIGPIPE. The boundary is a click group, so the same rules hold
under Typer's test runner as from a shell.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from difflib import get_close_matches
from typing import Any

import typer
from typer.core import TyperGroup

from plantool.problems import PlantoolError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a process the pipe's reader left behind
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EIO, errno.EROFS, errno.EDQUOT, errno.EFBIG})
DEBUG_KEY = "plantool.debug"

# Recent Typer releases carry their own copy of click, older ones use click itself;
# take the exception classes from Typer's public names so either works.
_ClickException: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_UsageError: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort, _ClickException)


# The one list of commands: the order --help lists them in (what people read every day
# first, then the gate, the papers, git, and the schema), and the module under cli/ that
# defines each. A command's module is imported, and its click command built, only when
# the command runs or --help lists it (docs/architecture.md, "Adding a command").
COMMANDS: dict[str, str] = {
    "status": "status", "list": "listing", "overdue": "listing", "show": "show", "leads": "leads",
    "update": "write", "rate": "write", "complete": "write", "move": "write", "assign": "write", "add": "write",
    "new": "write", "validate": "validate", "check": "check", "report": "report", "export": "export",
    "import": "importing", "request": "request", "collect": "collect", "diff": "diff", "history": "history",
    "schema": "schema",
}  # fmt: skip


class _Boundary(TyperGroup):
    """Every command returns its exit code here; plantool's usage errors become exit 2, anything unexpected exit 3.

    The group also builds each command on first use, from ``COMMANDS``.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(_build(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _UsageError as error:
            # Typer's own suggestion would see only the commands built so far.
            matches = get_close_matches(args[0], COMMANDS) if args else []
            if matches:
                error.message = f"{error.message.rstrip('.')}. Did you mean {', '.join(map(repr, matches))}?"
            raise

    def invoke(self, ctx: Any) -> Any:  # click's Context, whichever copy of click Typer uses
        try:
            _require_current_folder()
            code = super().invoke(ctx)  # what the command returned: its exit code
        except _PASS_THROUGH:
            raise
        except PlantoolError as error:
            # A message can carry text from a config file, a path or an argument: escape
            # what a terminal would obey, line by line (a list of candidates spans lines).
            from plantool.config import shown

            message = "\n".join(shown(line) for line in str(error).split("\n"))
            typer.echo(f"plantool: {message}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader went away (plantool list | head). Neither "all good" nor "problems
            # found" is known to be true, so exit as a process killed by SIGPIPE would, the
            # Unix convention `set -o pipefail` scripts expect. Point stdout at /dev/null so
            # the interpreter's final flush cannot fail a second time.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except OSError as error:
            if error.errno not in _OUTPUT_ERRNOS:
                return self._bug(ctx, error)
            # Output that cannot be written (a full disk, /dev/full) is the environment, not a bug.
            typer.echo(f"plantool: cannot write the output: {error.strerror}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as error:
            return self._bug(ctx, error)
        if code:
            raise typer.Exit(code)
        return EXIT_OK

    @staticmethod
    def _bug(ctx: typer.Context, error: Exception) -> Any:
        if ctx.meta.get(DEBUG_KEY) or os.environ.get("PLANTOOL_DEBUG"):
            raise error
        typer.echo(
            f"plantool: internal error: {type(error).__name__}: {error} "
            "(this is a bug; rerun with --debug for the traceback)",
            err=True,
        )
        raise typer.Exit(EXIT_BUG) from None


def _build(name: str) -> Any:
    """The click command ``name``: its module imported (which registers it on ``app``), then built by Typer."""
    importlib.import_module(f"plantool.cli.{COMMANDS[name]}")
    for info in app.registered_commands:
        if info.callback is not None and (info.name or typer.main.get_command_name(info.callback.__name__)) == name:
            return typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    raise LookupError(f"cli/{COMMANDS[name]}.py defines no command {name!r}")


def _require_current_folder() -> None:
    """A current folder deleted from under the shell is a usage error, said once, before anything needs it."""
    try:
        os.getcwd()
    except FileNotFoundError:
        raise PlantoolError("the current folder no longer exists; cd to a folder that does") from None


app = typer.Typer(
    name="plantool",
    cls=_Boundary,
    help="Keep an improvement plan as YAML in git: validate it, see its RAG status, gate CI on overdue and unowned actions.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    suggest_commands=False,  # _Boundary suggests from COMMANDS instead
)


def remember_debug(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[DEBUG_KEY] = True
    return value


def show_version(value: bool) -> None:
    """``plantool --version``: one line, ``plantool X.Y.Z``, as other command-line tools print it."""
    if value:
        from plantool import __version__

        typer.echo(f"plantool {__version__}")
        raise typer.Exit(EXIT_OK)
