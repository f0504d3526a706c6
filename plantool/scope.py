"""Which files a command judges: the named files or folders, each read in the context of its plans folder.

A lead is always judged against the whole people registry and a link against
every plan, even when only one file is named (as pre-commit does with the
files a commit changes). So each named path is loaded with its *context*
folder: the plans folder when the path lies inside it, else a named folder
itself, else a named file's own folder (not its subfolders). Problems are then
kept only for the files that were named (and, when a people file is named, the
unknown leads its change may have caused anywhere).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START
from plantool.problems import PlantoolError, Problem
from plantool.workspace import Workspace, load_folder

if TYPE_CHECKING:
    from plantool.cache import Cache


@dataclass
class Scope:
    """The loaded context folders and which of their files were asked about."""

    workspaces: list[Workspace]
    wanted: list[str] = field(default_factory=list)
    """Absolute paths named by the user; empty means everything loaded."""

    def keeps(self, path: str) -> bool:
        if not self.wanted:
            return True
        absolute = os.path.abspath(path)
        return any(absolute == w or absolute.startswith(w.rstrip(os.sep) + os.sep) for w in self.wanted)

    def select(self, problems: Sequence[Problem]) -> list[Problem]:
        """The problems in the named files, and, when a people file is named, every unknown lead.

        A commit that only edits people.yaml can orphan leads all over the plans; those
        problems stand in the plan files, but the change that caused them is the one named.
        """
        people_named = self._people_named()
        return [p for p in problems if self.keeps(p.path) or (people_named and p.rule == "unknown-lead")]

    def _people_named(self) -> bool:
        return bool(self.wanted) and any(
            self.keeps(path) for workspace in self.workspaces for path, _ in workspace.people.persons
        )

    @property
    def files(self) -> list[str]:
        return [f for workspace in self.workspaces for f in workspace.files if self.keeps(f)]

    @property
    def problems(self) -> list[Problem]:
        return [p for workspace in self.workspaces for p in self.select(workspace.problems)]


def load_scope(
    paths: Sequence[Path],
    plans: Path,
    *,
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
    cache: Cache | None = None,
) -> Scope:
    """Load what ``paths`` need (default: the whole plans folder); a missing path is a usage error."""
    if not paths:
        if not plans.is_dir():
            raise PlantoolError(f"no plans folder at {plans} (name one with --plans DIR, or files to judge)")
        return Scope([load_folder(plans, financial_year_start=financial_year_start, cache=cache)])
    for path in paths:
        if not os.path.lexists(path):
            raise PlantoolError(f"{path}: no such file or folder")
    contexts: dict[tuple[str, bool], list[Path]] = {}
    for path in paths:
        contexts.setdefault(_context(path, plans), []).append(path)
    # A file inside a folder that is read whole anyway joins that folder's context, so it
    # is loaded (and its problems reported) once, not once per context.
    whole = [Path(os.path.abspath(folder)) for folder, recursive in contexts if recursive]
    for key in [key for key in contexts if not key[1]]:
        home = next((f for f in whole if Path(os.path.abspath(key[0])).is_relative_to(f)), None)
        if home is not None:
            target = next(k for k in contexts if k[1] and Path(os.path.abspath(k[0])) == home)
            contexts[target] += contexts.pop(key)
    scope = Scope([], [os.path.abspath(path) for path in paths])
    for (folder, recursive), named in contexts.items():
        extra = [path for path in named if not path.is_dir()]
        scope.workspaces.append(
            load_folder(
                Path(folder),
                recursive=recursive,
                extra=extra,
                financial_year_start=financial_year_start,
                cache=cache,
            )
        )
    return scope


def _context(path: Path, plans: Path) -> tuple[str, bool]:
    if plans.is_dir() and Path(os.path.abspath(path)).is_relative_to(os.path.abspath(plans)):
        return str(plans), True
    if path.is_dir():
        return str(path), True
    return str(path.parent), False
