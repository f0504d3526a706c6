"""Problems as text lines (``path:line:col: severity: message``) or as one JSON document, written a problem at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from plantool.problems import Problem, Severity
from plantool.render.formats import Renderer, TextOrJson
from plantool.render.text import json_chunks

if TYPE_CHECKING:
    from plantool.scope import Scope


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


def problems_json_chunks(problems: Sequence[Problem], files: Sequence[str]) -> Iterator[str]:
    """``validate --format json``: the files checked, the counts, then the problems, a problem at a time."""
    errors, warnings = counts(problems)
    document = {"files": list(files), "errors": errors, "warnings": warnings,
                "problems": (problem_dict(p) for p in problems)}  # fmt: skip
    return json_chunks(document)


def _terminal(scope: Scope, view: None) -> str:
    from plantool.render.terminal.problems import problems_terminal

    return problems_terminal(scope.problems, scope.files)


FORMATS: dict[TextOrJson, Renderer[Scope, None]] = {
    TextOrJson.text: _terminal,
    TextOrJson.json: lambda scope, view: problems_json_chunks(scope.problems, scope.files),
}
