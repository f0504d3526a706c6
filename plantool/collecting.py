"""Collecting returned forms into the plans: read, judge, change, write, one form at a time and each form whole.

The shell around the pure parts: ``formread`` reads a form, ``forms.check_returned``
judges its rows, ``edits`` turns each change into new file text, and
``safeio`` replaces the files. Nothing here prints; the command renders the
``Collected`` it gets back (docs/update-round.md).

Why it runs in this order, form by form:

1. Every plan file is *snapshotted* before the folder is loaded to judge the
   form, so a file changed by anyone after that moment makes the write refuse
   (``safeio``), and one changed before it is what the judgement saw.
2. The form is judged against the plans as they are now, after the forms
   collected before it: two leads answering for one shared action cannot both
   land unseen, since the second finds it changed since its form was sent.
3. All of a form's changes are made on the snapshots' text first; if any is
   refused, nothing of that form is written. If a second file's write is
   refused after a first was written, the first is put back.

With ``dry_run`` nothing is written, but later forms are judged as if the
earlier ones had been applied, so the preview says what a real run would do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START
from plantool.formread import FormUnreadable, read_form
from plantool.forms import FormVerdict, apply_change, check_returned
from plantool.judgements import Thresholds
from plantool.problems import PlantoolError
from plantool.workspace import Item, Workspace

if TYPE_CHECKING:
    from plantool.safeio import Snapshot


@dataclass(frozen=True)
class Collected:
    """One form's result: its rows judged, the change as diffs, and whether it was written."""

    verdict: FormVerdict
    diffs: tuple[str, ...] = ()
    written: bool = False
    failed: str | None = None
    """Why a form whose rows were all fine was still not applied (a plan file changed meanwhile, an edit refused)."""
    write_refused: bool = False
    """``failed`` because a plan file could not be written as read (changed on disk meanwhile, not a regular file)."""

    @property
    def applied(self) -> bool:
        """Applied, or in a dry run would be."""
        return self.verdict.applicable and self.failed is None


@dataclass
class Collector:
    """Collects forms into one plans folder, remembering (in a dry run) what earlier forms would have changed."""

    folder: Path
    as_of: date
    force: bool = False
    dry_run: bool = False
    thresholds: Thresholds = field(default_factory=Thresholds)
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
    """plantool.toml's: the folder is read, edited and checked as every other command reads it."""
    _pending: dict[str, str] = field(default_factory=dict)
    """A dry run's changed texts by plan file path: what later forms are judged against."""
    _files: dict[str, Path] | None = None

    def collect(self, path: Path) -> Collected:
        try:
            returned = read_form(path)
        except FormUnreadable as error:
            return Collected(FormVerdict(str(path), "", refused=f"cannot be read as a form: {error}"))
        from plantool.safeio import WriteRefused, snapshot

        try:
            snapshots = {name: snapshot(where) for name, where in self._plan_paths().items()}
        except WriteRefused as error:
            return Collected(FormVerdict(str(path), returned.lead), failed=str(error), write_refused=True)
        workspace = self._load()
        verdict = check_returned(returned, workspace, force=self.force, thresholds=self.thresholds)
        if not verdict.applicable or not verdict.changes:
            return Collected(verdict)
        before: dict[str, str] = {}
        after: dict[str, str] = {}
        from plantool.edits import EditError, InvalidEdit, unified_diff

        try:
            for change in verdict.changes:
                plan_path = _item(workspace, change.ref).path
                if plan_path not in snapshots:  # a file that appeared since the last form
                    snapshots[plan_path] = snapshot(self._plan_paths()[plan_path])
                if plan_path not in before:
                    before[plan_path] = self._pending.get(plan_path) or snapshots[plan_path].data.decode("utf-8")
                text = after.get(plan_path, before[plan_path])
                after[plan_path] = apply_change(
                    text, change, on=self.as_of, path=plan_path, financial_year_start=self.financial_year_start
                )
        except (EditError, InvalidEdit, WriteRefused, UnicodeDecodeError) as error:
            return Collected(verdict, failed=f"not applied: {error}")
        diffs = tuple(unified_diff(before[p], after[p], p) for p in after)
        if self.dry_run:
            self._pending.update(after)
            return Collected(verdict, diffs)
        try:
            _replace_all(
                {p: snapshots[p] for p in after},
                {p: text.encode("utf-8") for p, text in after.items()},
                self.financial_year_start,
            )
        except WriteRefused as error:
            return Collected(verdict, diffs, failed=f"not applied: {error}", write_refused=True)
        return Collected(verdict, diffs, written=True)

    def _plan_paths(self) -> dict[str, Path]:
        """Each plan file of the folder: the name problems and items use, and where it is on disk."""
        if self._files is None:
            self._load()
        assert self._files is not None
        return self._files

    def _load(self) -> Workspace:
        """The folder loaded afresh, with a dry run's pending texts in place of the files they change."""
        from plantool.loader import gc_paused, load_source, load_text
        from plantool.sources import discover
        from plantool.workspace import build_workspace

        sources, problems = discover(self.folder)
        with gc_paused():
            loaded = [
                load_text(
                    self._pending[source.display].removeprefix("\ufeff"),
                    source.display,
                    financial_year_start=self.financial_year_start,
                )
                if source.display in self._pending
                else load_source(source, financial_year_start=self.financial_year_start)
                for source in sources
            ]
            workspace = build_workspace(loaded, problems)
        where = {source.display: source.path for source in sources}
        self._files = {plan.path: where[plan.path] for plan in workspace.plans}
        return workspace


def _item(workspace: Workspace, ref: str) -> Item:
    for full, target in workspace.lookup(ref):
        if full == ref and isinstance(target, Item):
            return target
    raise PlantoolError(f"{ref} is not in the plans")  # pragma: no cover - check_returned found it


def _replace_all(snapshots: dict[str, Snapshot], new: dict[str, bytes], financial_year_start: int) -> None:
    """Replace every file or, if one is refused, put back the ones already replaced and re-raise."""
    from plantool.safeio import WriteRefused, replace, snapshot

    done: list[Snapshot] = []
    try:
        for path, data in new.items():
            replace(snapshots[path], data, verify=_loads_cleanly(path, financial_year_start))
            done.append(snapshots[path])
    except WriteRefused:
        for original in done:
            replace(snapshot(original.path), original.data)
        raise


def _loads_cleanly(path: str, financial_year_start: int) -> Callable[[bytes], None]:
    """The last check before a file is replaced, as the write commands make it: the bytes on disk load cleanly."""

    def verify(data: bytes) -> None:
        from plantool.loader import load_bytes
        from plantool.safeio import WriteRefused

        problems = load_bytes(data, path, financial_year_start=financial_year_start).problems
        if problems:
            raise WriteRefused(f"the new {path} would not load cleanly ({problems[0]}); nothing of the form written")

    return verify
