"""``plantool validate`` on a terminal: one coloured line per problem, then the summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from plantool.problems import Problem, Severity
from plantool.render.problems import summary
from plantool.render.terminal.console import drawn
from plantool.render.text import one_line

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def problems_terminal(problems: Sequence[Problem], files: Sequence[str]) -> str:
    return drawn(lambda out: print_problems(problems, files, out))


def print_problems(problems: Sequence[Problem], files: Sequence[str], out: Console) -> None:
    for problem in problems:
        line = Text(one_line(f"{problem.path}:{problem.line}:{problem.col}: "))
        line.append(str(problem.severity), style=_STYLE[problem.severity])
        line.append(one_line(f": {problem.message}"))
        out.print(line, soft_wrap=True)
    out.print(Text(summary(problems, files), style="bold" if problems else "green"), soft_wrap=True)
