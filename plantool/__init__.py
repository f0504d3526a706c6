"""plantool: improvement plans as YAML in git, as a library.

    from datetime import date
    import plantool

    workspace = plantool.load_folder("plans")        # never raises for bad input
    for problem in workspace.problems:               # path, line, col, message, rule
        print(problem)
    late = plantool.select(workspace, date(2023, 10, 1), plantool.Filters(overdue=True))
    board = plantool.status_board(workspace, date(2023, 10, 1))

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
}

# Written out (not sorted(_EXPORTS)) so linters and type checkers can read it; a test keeps
# the two in step.
__all__ = [
    "RULES",
    "Action",
    "Context",
    "Filters",
    "Finding",
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
    "build_report",
    "build_workspace",
    "diff_workspaces",
    "judge",
    "load_bytes",
    "load_folder",
    "load_text",
    "run_rules",
    "select",
    "status_board",
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
    from plantool.judgements import Thresholds, judge
    from plantool.loader import load_bytes, load_text
    from plantool.models import Action, Finding, Meaning, PeopleFile, Person, PlanFile, Priority, Rating, Status
    from plantool.problems import PlantoolError, Problem, Severity, UnknownReference
    from plantool.queries import Filters, SortKey, select, status_board, workloads
    from plantool.report import build_report
    from plantool.rules import RULES, Context, run_rules
    from plantool.scales import Scale
    from plantool.workspace import Item, People, Plan, Workspace, build_workspace, load_folder
