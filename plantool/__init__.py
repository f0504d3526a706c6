"""plantool: improvement plans as YAML in git, as a library.

    from datetime import date
    import plantool

    workspace = plantool.load_folder("plans")        # never raises for bad input
    for problem in workspace.problems:               # path, line, col, message, rule
        print(problem)
    late = plantool.select(workspace, date(2023, 10, 1), plantool.Filters(overdue=True))
    board = plantool.status_board(workspace, date(2023, 10, 1))

    text = open("plans/tdp-2023-24.yaml", encoding="utf-8").read()
    text = plantool.update(text, "1.4", note="Pilot begun.", on=date(2023, 6, 1), status="GREEN")

The write functions (``update``, ``rate``, ``complete``, ``move``, ``assign``,
``add_action``, ``new_plan``) take a file's text and return the new text, in
which only the change differs; ``EditError`` means the change was asked for
wrongly, ``InvalidEdit`` that the file or the result would not load cleanly.
Writing the text back safely is the caller's part (the command line uses
``plantool.safeio``).

Names are loaded on first use, so ``import plantool`` (and the command line's
``--help``) pays for nothing it does not touch. No name here prints, exits or
reads the clock; the command line (``plantool.cli``) does that.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that owns it
_EXPORTS = {
    # loading
    "load_folder": "plantool.workspace",
    "build_workspace": "plantool.workspace",
    "load_text": "plantool.loader",
    "load_bytes": "plantool.loader",
    "Workspace": "plantool.workspace",
    "Plan": "plantool.workspace",
    "Item": "plantool.workspace",
    "People": "plantool.workspace",
    # problems
    "Problem": "plantool.problems",
    "Severity": "plantool.problems",
    "PlantoolError": "plantool.problems",
    "UnknownReference": "plantool.problems",
    # the file format
    "PlanFile": "plantool.models",
    "PeopleFile": "plantool.models",
    "Priority": "plantool.models",
    "Finding": "plantool.models",
    "Action": "plantool.models",
    "Person": "plantool.models",
    "Status": "plantool.models",
    "Meaning": "plantool.models",
    "Rating": "plantool.models",
    "Scale": "plantool.scales",
    "PlanDate": "plantool.dates",
    # judgements and queries
    "Thresholds": "plantool.judgements",
    "judge": "plantool.judgements",
    "Filters": "plantool.queries",
    "SortKey": "plantool.queries",
    "select": "plantool.queries",
    "status_board": "plantool.queries",
    "workloads": "plantool.queries",
    # the gate
    "RULES": "plantool.rules",
    "Context": "plantool.rules",
    "run_rules": "plantool.rules",
    # reports
    "build_report": "plantool.report",
    "diff_workspaces": "plantool.changes",
    # writing plans: each takes a file's text and returns the new text (edits.py)
    "update": "plantool.edits",
    "rate": "plantool.edits",
    "complete": "plantool.edits",
    "move": "plantool.edits",
    "assign": "plantool.edits",
    "add_action": "plantool.edits",
    "new_plan": "plantool.edits",
    "check_people": "plantool.edits",
    "EditError": "plantool.edits",
    "InvalidEdit": "plantool.edits",
}

# Written out (not sorted(_EXPORTS)) so linters and type checkers can read it; a test keeps
# the two in step.
__all__ = [
    "RULES",
    "Action",
    "Context",
    "EditError",
    "Filters",
    "Finding",
    "InvalidEdit",
    "Item",
    "Meaning",
    "People",
    "PeopleFile",
    "Person",
    "Plan",
    "PlanDate",
    "PlanFile",
    "PlantoolError",
    "Priority",
    "Problem",
    "Rating",
    "Scale",
    "Severity",
    "SortKey",
    "Status",
    "Thresholds",
    "UnknownReference",
    "Workspace",
    "add_action",
    "assign",
    "build_report",
    "build_workspace",
    "check_people",
    "complete",
    "diff_workspaces",
    "judge",
    "load_bytes",
    "load_folder",
    "load_text",
    "move",
    "new_plan",
    "rate",
    "run_rules",
    "select",
    "status_board",
    "update",
    "workloads",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'plantool' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


if TYPE_CHECKING:
    from plantool.changes import diff_workspaces
    from plantool.dates import PlanDate
    from plantool.edits import (
        EditError,
        InvalidEdit,
        add_action,
        assign,
        check_people,
        complete,
        move,
        new_plan,
        rate,
        update,
    )
    from plantool.judgements import Thresholds, judge
    from plantool.loader import load_bytes, load_text
    from plantool.models import Action, Finding, Meaning, PeopleFile, Person, PlanFile, Priority, Rating, Status
    from plantool.problems import PlantoolError, Problem, Severity, UnknownReference
    from plantool.queries import Filters, SortKey, select, status_board, workloads
    from plantool.report import build_report
    from plantool.rules import RULES, Context, run_rules
    from plantool.scales import Scale
    from plantool.workspace import Item, People, Plan, Workspace, build_workspace, load_folder
