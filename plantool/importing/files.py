"""The import's only contact with the plans folder: who is known already, and writing the results.

Every write goes through ``plantool.safeio`` (temporary file beside the target,
synced, read back, then linked or renamed into place). The plan file is new: it
is created only where no file of that name exists, for an import never replaces
a plan people may have edited. New people are appended to the folder's people
file after its last line, in its own indentation and line ends, and the file is
replaced only if it is still byte for byte what was read. Before either is
written, the folder as it would be is loaded, and the import is refused if that
shows any error the folder did not already have.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plantool.importing.cells import ImportFailure
from plantool.importing.leads import Entry
from plantool.safeio import Snapshot, replace, snapshot, write_output

if TYPE_CHECKING:
    from plantool.importing import Result

PEOPLE_FILE = "people.yaml"


@dataclass
class Folder:
    """What the plans folder holds that an import needs to know."""

    path: Path
    people: list[Entry]
    people_file: Path | None
    """The people file new entries are added to (people.yaml, else the first people file), if any."""
    plan_ids: set[str]


def survey(folder: Path) -> Folder:
    if not folder.exists():
        return Folder(folder, [], None, set())
    if not folder.is_dir():
        raise ImportFailure(f"{folder} is not a folder")
    from plantool.workspace import load_folder

    workspace = load_folder(folder)
    entries = [
        Entry(person.id, person.name, person.role, aliases=tuple(person.aliases))
        for _path, person in workspace.people.persons
    ]
    people_files = sorted({Path(path) for path, _person in workspace.people.persons})
    preferred = folder / PEOPLE_FILE
    chosen = next((p for p in people_files if p.name == PEOPLE_FILE and p.parent.resolve() == folder.resolve()), None)
    if chosen is None and people_files:
        chosen = people_files[0]
    if chosen is None and preferred.exists():
        raise ImportFailure(f"{preferred} exists but is not a people file that loads; fix it first (plantool validate)")
    return Folder(folder, entries, chosen, {plan.id for plan in workspace.plans})


def write_result(result: Result, folder: Folder, output: Path | None) -> None:
    """Write the plan (to ``output``, else ``PLANS/<plan-id>.yaml``) and its new people; note both on the report."""
    report = result.report
    check_plan_id(folder, report.plan_id)
    target = output if output is not None else folder.path / f"{report.plan_id}.yaml"
    people: tuple[Path, str] | None = None
    snap: Snapshot | None = None
    new_people = b""
    if result.people_addition is not None and folder.people_file is not None:
        snap = snapshot(folder.people_file)
        new_people = appended(snap.data, result.people_addition)
        people = (folder.people_file, new_people.decode("utf-8-sig"))
    elif result.people_new_file is not None:
        new_people = result.people_new_file.encode("utf-8")
        people = (folder.path / PEOPLE_FILE, result.people_new_file)
    verify(folder, target, result.plan_text, people)
    if target.exists():
        raise ImportFailure(f"{target} exists; an import never replaces a file (choose another -o or --plan-id)")
    # People first: should the plan then fail to be written, extra people entries harm nothing,
    # while a plan whose leads are in no people file would not pass the gate.
    if people is not None and snap is not None:
        replace(snap, new_people)
        report.people_written = f"Added {len(report.people_added)} people to {people[0]}"
    elif people is not None:
        write_new(people[0], new_people)
        report.people_written = f"Wrote {people[0]}"
    write_new(target, result.plan_text.encode("utf-8"))
    report.plan_written = f"Wrote {target}"


def check_plan_id(folder: Folder, plan_id: str) -> None:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", plan_id) or len(plan_id) > 64:
        raise ImportFailure(f"--plan-id {plan_id!r} is not a plan id (lower-case letters, digits and '-')")
    if plan_id in folder.plan_ids:
        raise ImportFailure(f"{folder.path} already has a plan {plan_id!r}; choose another with --plan-id")


def verify(folder: Folder, plan_path: Path, plan: str, people: tuple[Path, str] | None) -> None:
    """Load the folder as it would be; a new error means the import would write a broken plan: refuse."""
    from plantool.loader import LoadedFile, load_source, load_text
    from plantool.problems import Severity
    from plantool.sources import discover, display_path
    from plantool.workspace import build_workspace, load_folder

    old: set[tuple[str, str]] = set()
    loaded: list[LoadedFile] = []
    if folder.path.is_dir():
        old = {(p.path, p.message) for p in load_folder(folder.path).problems if p.severity is Severity.ERROR}
        sources, _problems = discover(folder.path)
        skip = people[0].resolve() if people else None
        loaded = [load_source(s) for s in sources if s.path.resolve() != skip]
    # Named as the folder's own files are, so a problem the folder already had is recognised as old.
    loaded.append(load_text(plan, display_path(plan_path)))
    if people is not None:
        loaded.append(load_text(people[1], display_path(people[0])))
    after = build_workspace(loaded)
    new = [p for p in after.problems if p.severity is Severity.ERROR and (p.path, p.message) not in old]
    if new:
        shown = "; ".join(str(p) for p in new[:5])
        raise RuntimeError(f"the imported plan would not load cleanly ({shown})")


def appended(old: bytes, addition: str) -> bytes:
    """The people file with ``addition`` after its last line, in the file's own line-end style."""
    text = old.decode("utf-8-sig" if old.startswith(b"\xef\xbb\xbf") else "utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = addition.replace("\n", newline)
    indent = _item_indent(text)
    if indent != "  ":
        lines = re.sub(r"(?m)^  ", indent, lines)
    head = old if old.endswith(b"\n") or not old else old + newline.encode()
    return head + lines.encode("utf-8")


def _item_indent(text: str) -> str:
    match = re.search(r"(?m)^( *)- ", text)
    return match[1] if match else "  "


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` through safeio, never over an existing file."""
    if os.path.lexists(path):
        raise ImportFailure(f"{path} exists; an import never replaces a file (choose another -o or --plan-id)")
    path.parent.mkdir(parents=True, exist_ok=True)
    # A name that appears between this check and the write is refused by safeio's link step.
    write_output(path, data)
