"""Problems as text lines (``path:line:col: severity: message``) or as one JSON document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text

from plantool.problems import Problem, Severity
from plantool.render.console import console, emit_json, one_line

__all__ = ["emit_json", "print_problems", "problem_dict", "problems_json", "summary"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "rule": problem.rule,
        "severity": problem.severity.value,
        "ref": problem.ref,
        "file": problem.path,
        "line": problem.line,
        "column": problem.col,
        "message": problem.message,
    }


def counts(problems: Sequence[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    return errors, len(problems) - errors


def summary(problems: Sequence[Problem], files: Sequence[str]) -> str:
    errors, warnings = counts(problems)
    checked = f"{len(files)} file" + ("" if len(files) == 1 else "s")
    if not problems:
        return f"{checked} valid"
    return f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'} in {checked}"


def problems_json(problems: Sequence[Problem], files: Sequence[str]) -> dict[str, Any]:
    errors, warnings = counts(problems)
    return {
        "files": list(files),
        "errors": errors,
        "warnings": warnings,
        "problems": [problem_dict(p) for p in problems],
    }


def print_problems(problems: Sequence[Problem], files: Sequence[str]) -> None:
    out = console()
    for problem in problems:
        line = Text(one_line(f"{problem.path}:{problem.line}:{problem.col}: "))
        line.append(str(problem.severity), style=_STYLE[problem.severity])
        line.append(one_line(f": {problem.message}"))
        out.print(line, soft_wrap=True)
    out.print(Text(summary(problems, files), style="bold" if problems else "green"), soft_wrap=True)
