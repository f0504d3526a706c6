"""What ``plantool validate`` judges: the named files or folders, each read in the context of its plans folder.

A lead is always judged against the whole people registry and a link against
every plan, even when only one file is named (as pre-commit does with the
files a commit changes). So each named path is loaded with its *context*
folder: the plans folder when the path lies inside it, else a named folder
itself, else a named file's own folder (not its subfolders). Problems are then
kept only for the files that were named.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from plantool.problems import PlantoolError, Problem
from plantool.workspace import Workspace, load_folder


@dataclass(frozen=True)
class Validation:
    problems: list[Problem]
    files: list[str]
    """Every file that was judged (display paths)."""
    workspaces: list[Workspace]


def validate_paths(paths: Sequence[Path], plans: Path) -> Validation:
    """Validate ``paths`` (default: the whole plans folder); a missing path is a usage error."""
    if not paths:
        if not plans.is_dir():
            raise PlantoolError(f"no plans folder at {plans} (name one with --plans DIR, or files to validate)")
        workspace = load_folder(plans)
        return Validation(workspace.problems, workspace.files, [workspace])
    for path in paths:
        if not os.path.lexists(path):
            raise PlantoolError(f"{path}: no such file or folder")
    contexts: dict[tuple[str, bool], list[Path]] = {}
    for path in paths:
        contexts.setdefault(_context(path, plans), []).append(path)
    problems: list[Problem] = []
    files: list[str] = []
    workspaces = []
    for (folder, recursive), named in contexts.items():
        extra = [path for path in named if not path.is_dir()]
        workspace = load_folder(Path(folder), recursive=recursive, extra=extra)
        workspaces.append(workspace)
        wanted = [os.path.abspath(path) for path in named]
        problems.extend(p for p in workspace.problems if _under(p.path, wanted))
        files.extend(f for f in workspace.files if _under(f, wanted))
    return Validation(problems, files, workspaces)


def _context(path: Path, plans: Path) -> tuple[str, bool]:
    if plans.is_dir() and _inside(path, plans):
        return str(plans), True
    if path.is_dir():
        return str(path), True
    return str(path.parent), False


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


def _under(shown: str, wanted: list[str]) -> bool:
    absolute = os.path.abspath(shown)
    return any(absolute == w or absolute.startswith(w.rstrip(os.sep) + os.sep) for w in wanted)
