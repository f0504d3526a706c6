"""The write commands: ``update``, ``rate``, ``complete``, ``move``, ``assign``, ``add`` and ``new``.

Each is the same three steps, and only the middle one differs: find the file
that holds the reference (loading the plans folder, so references, people and
statuses are checked as every other command checks them); make the change on
the file's text with the pure function of ``plantool.edits``; and either print
the unified diff (``--dry-run``) or hand the new bytes to ``plantool.safeio``,
which replaces the file atomically and refuses if it changed since it was read.
``_apply`` is those steps; a command gives it only its ``Edit``.

Exit codes (docs/keeping-current.md): 0 written (or the diff printed), 1 the file does not load
cleanly or the change would leave it invalid (nothing written), 2 the command
was used wrongly: an unknown reference, lead or status, a date that is not one,
or a file that changed on disk meanwhile.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from plantool.cli.app import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app
from plantool.cli.options import AsOfOption, DebugOption, PlanKind, PlansOption

if TYPE_CHECKING:
    from plantool.cli.common import Session
    from plantool.dates import PlanDate
    from plantool.problems import Problem, UnknownReference
    from plantool.workspace import Plan

RefArgument = Annotated[
    str, typer.Argument(help="An action or finding: tdp-2023-24/1.4, or any unambiguous tail (1.4, domestic-abuse.1).")
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Print the change as a unified diff and write nothing.")]
LeadsOption = Annotated[
    list[str] | None, typer.Option("--lead", help="A lead (person id or alias); repeatable.", show_default=False)
]
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, a quarter (2024-Q1), a year (2024) or a financial year (2024/25)"
"""Every form a plan date takes (docs/format.md), for the help of the options that take one."""


@app.command()
def update(
    ref: RefArgument,
    note: Annotated[str, typer.Option("--note", help="What has happened, in the lead's words.")],
    status: Annotated[
        str | None,
        typer.Option("--status", help="Also set the status (a key of the plan's scale).", show_default=False),
    ] = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Who gave the update (a person id or alias).", show_default=False)
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--date", help=f"The update's date: {DATE_FORMS}. Default: the as-of day.", show_default=False),
    ] = None,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Append a progress update to an action (and with --status, set its status); plan.updated moves on."""
    from plantool import edits

    def edit(session: Session, full: str) -> Edit:
        if by is not None:
            edits.check_people(session.workspace.people, [by], what="person")
        when = _plan_date(session, "--date", on) if on is not None else session.as_of
        return Edit(edits.update, {"note": note, "on": when, "status": status, "by": by}, f"added an update to {full}")

    return _apply(plans, as_of, ref, edit, dry_run=dry_run)


@app.command()
def rate(
    ref: RefArgument,
    status: Annotated[
        str, typer.Argument(help="A key of the plan's status scale (GREEN, AMBER, RED, BLUE), any case.")
    ],
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Set an action's status alone."""
    from plantool import edits

    def edit(session: Session, full: str) -> Edit:
        # Said with the scale's own key ("ON TRACK" typed as "on track" is said as the plan spells it).
        key = edits.status_key(_target(session, full)[0].file, status)
        return Edit(edits.rate, {"status": status}, f"rated {full} {key}")

    return _apply(plans, as_of, ref, edit, dry_run=dry_run)


@app.command()
def complete(
    ref: RefArgument,
    on: Annotated[
        str | None,
        typer.Option(
            "--date", help="The day it was completed, YYYY-MM-DD. Default: the as-of day.", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Kept as an update: what was delivered.", show_default=False)
    ] = None,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Mark an action done: the scale's done status and the day it was completed."""
    from plantool import edits

    def edit(session: Session, full: str) -> Edit:
        day = edits.parse_completed(on) if on is not None else session.as_of
        return Edit(edits.complete, {"on": day, "note": note}, f"completed {full} on {day.isoformat()}")

    return _apply(plans, as_of, ref, edit, dry_run=dry_run)


@app.command()
def move(
    ref: RefArgument,
    due: Annotated[str, typer.Option("--due", help=f"The new due date: {DATE_FORMS}.")],
    reason: Annotated[str, typer.Option("--reason", help="Why the date moves; kept as an update with the old date.")],
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Change an action's due date; the old date and the reason are kept as an update."""
    from plantool import edits

    def edit(session: Session, full: str) -> Edit:
        new_due = _plan_date(session, "--due", due)
        return Edit(edits.move, {"due": new_due, "reason": reason, "on": session.as_of}, f"moved {full} to {new_due}")

    return _apply(plans, as_of, ref, edit, dry_run=dry_run)


@app.command()
def assign(
    ref: RefArgument,
    lead: LeadsOption = None,
    accountable: Annotated[
        list[str] | None,
        typer.Option("--accountable", help="Who answers for it (format version 2); repeatable.", show_default=False),
    ] = None,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Set who leads an action; every id must be in a people file."""
    from plantool import edits

    leads = list(lead or ())

    def edit(session: Session, full: str) -> Edit:
        edits.check_people(session.workspace.people, leads)
        if accountable is not None:
            edits.check_people(session.workspace.people, accountable, what="person")
        done = f"assigned {full} to {', '.join(leads or accountable or ())}"
        return Edit(edits.assign, {"leads": leads, "accountable": accountable}, done)

    return _apply(plans, as_of, ref, edit, dry_run=dry_run)


@app.command()
def add(
    parent: Annotated[str, typer.Argument(help="The priority or finding the action belongs to (SP1, domestic-abuse).")],
    id: Annotated[str, typer.Option("--id", help="The new action's id, unique under its parent.")],
    title: Annotated[str, typer.Option("--title", help="The action as written.")],
    lead: LeadsOption = None,
    due: Annotated[str | None, typer.Option("--due", help=f"Its due date: {DATE_FORMS}.", show_default=False)] = None,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Add a new action under a priority or finding."""
    from plantool import edits

    leads = list(lead or ())

    def edit(session: Session, full: str) -> Edit:
        edits.check_people(session.workspace.people, leads)
        new_due = _plan_date(session, "--due", due) if due is not None else None
        given = {"id": id, "title": title, "leads": leads, "due": new_due}
        return Edit(edits.add_action, given, f"added an action {id} under {full}")

    return _apply(plans, as_of, parent, edit, dry_run=dry_run)


@app.command()
def new(
    plan_id: Annotated[str, typer.Argument(help="The new plan's id: lower-case letters, digits and '-'.")],
    title: Annotated[str, typer.Option("--title", help="The plan's title as its document gives it.")],
    kind: Annotated[
        PlanKind, typer.Option("--kind", help="development (priorities) or inspection (findings).")
    ] = PlanKind.development,
    plans: PlansOption = None,
    as_of: AsOfOption = None,
    dry_run: DryRunOption = False,
    debug: DebugOption = False,
) -> int:
    """Start a new plan file in the plans folder, valid at once, with the schema line for editors."""
    from plantool import edits
    from plantool.cli.common import Session

    session = Session.open(plans, as_of)
    existing = session.workspace.plan(plan_id)
    if existing is not None:
        sys.stderr.write(f"plantool: a plan {plan_id!r} already exists ({existing.path}); nothing written\n")
        return EXIT_PROBLEMS
    path = session.folder / f"{plan_id}.yaml"
    if path.exists() or path.is_symlink():
        sys.stderr.write(f"plantool: {path} already exists; nothing written\n")
        return EXIT_USAGE
    try:
        text = edits.new_plan(plan_id, title, kind=kind.value, schema=_schema_line(session))
    except edits.InvalidEdit as refused:
        sys.stderr.write(f"plantool: {refused}\nplantool: nothing written\n")
        return EXIT_PROBLEMS
    if dry_run:
        sys.stdout.write(edits.unified_diff("", text, str(path), new_file=True))
        return EXIT_OK
    from plantool import safeio

    safeio.write_output(path, text.encode("utf-8"))
    sys.stderr.write(f"plantool: created {path}\n")
    return EXIT_OK


# ---------------------------------------------------------------------------
# The steps every write command shares


@dataclass(frozen=True)
class Edit:
    """What a write command does to the item it names, and how it says it is done."""

    change: Callable[..., str]
    """A pure function of ``plantool.edits`` (``edits.rate``...): the file's text and the item's full reference
    in, the new text out; ``_apply`` adds the file's path and plantool.toml's financial year."""
    given: dict[str, Any]
    """The rest of what ``change`` takes, by keyword: ``{"status": "RED"}``."""
    done: str
    """ "rated tdp/1.4 RED": said on stderr, with the file, once the file is replaced."""


def _apply(
    plans: Path | None,
    as_of: str | None,
    ref: str,
    edit: Callable[[Session, str], Edit],
    *,
    dry_run: bool,
) -> int:
    """The tail every write command shares: open the session, find the file that holds ``ref``, ask the command
    for its ``Edit`` (given the session and the full reference), then print the diff or replace the file."""
    from plantool.cli.common import Session
    from plantool.problems import UnknownReference

    session = Session.open(plans, as_of)
    try:
        plan, full = _target(session, ref)
    except UnknownReference as error:
        blocking = _blocking(session, error)
        if not blocking:
            raise
        # A file that did not load holds no references; the action may well be in it, and
        # "no such action" would mislead. Such a file is not written to: say what blocks it.
        unread = ", ".join(sorted({p.path for p in blocking}))
        listed = "".join(f"  {problem}\n" for problem in blocking[:10])
        sys.stderr.write(
            f"plantool: {error}; it may be in {unread}, which does not load cleanly, so nothing is written. "
            f"Fix this first:\n{listed}"
        )
        return EXIT_PROBLEMS
    planned = edit(session, full)
    year_start = session.settings.financial_year_start

    def change(text: str) -> str:
        return planned.change(text, full, **planned.given, path=plan.path, financial_year_start=year_start)

    return _write(plan.path, change, dry_run, planned.done, financial_year_start=year_start)


def _target(session: Session, ref: str) -> tuple[Plan, str]:
    """The plan file that holds ``ref``, and its full reference; a usage error when ``ref`` names a whole plan."""
    from plantool.problems import PlantoolError

    full, target = session.workspace.resolve(ref)
    plan = session.workspace.plan(full.split("/", 1)[0])
    if plan is None or target is plan:
        raise PlantoolError(f"{ref!r} names a whole plan; name an action, finding or priority in it")
    return plan, full


def _blocking(session: Session, error: UnknownReference) -> list[Problem]:
    """For a reference that matched nothing: the errors of the files that did not load, any of which may hold it."""
    from plantool.problems import Severity

    if error.candidates:
        return []
    workspace = session.workspace
    loaded = {plan.path for plan in workspace.plans} | {path for path, _ in workspace.people.persons}
    return [p for p in workspace.problems if p.path not in loaded and p.severity is Severity.ERROR]


def _plan_date(session: Session, flag: str, text: str) -> PlanDate:
    """A date from the command line, read as the plans are: financial years start where plantool.toml says."""
    from plantool.dates import parse_plan_date
    from plantool.problems import PlantoolError

    try:
        return parse_plan_date(text, session.settings.financial_year_start)
    except ValueError as error:
        raise PlantoolError(f"{flag}: {error}") from None


def _write(path_text: str, change: Callable[[str], str], dry_run: bool, done: str, *, financial_year_start: int) -> int:
    """Make ``change`` on the file at ``path_text``: print the diff, or replace the file safely.

    ``financial_year_start``: plantool.toml's, so the last check reads the new file as every command will.
    """
    from plantool import edits, safeio

    # safeio.WriteRefused (a file that is not a regular file, that changed on disk since it
    # was read, a disk that is full) is a PlantoolError: the boundary says why and exits 2.
    snapshot = safeio.snapshot(Path(path_text))
    try:
        text = snapshot.data.decode("utf-8")
    except UnicodeDecodeError:
        sys.stderr.write(f"plantool: {path_text} is not UTF-8 text; nothing written\n")
        return EXIT_PROBLEMS
    try:
        new = change(text)
    except edits.InvalidEdit as refused:
        sys.stderr.write(f"plantool: {refused}\nplantool: nothing written\n")
        return EXIT_PROBLEMS
    if dry_run:
        sys.stdout.write(edits.unified_diff(text, new, path_text))
        return EXIT_OK
    safeio.replace(snapshot, new.encode("utf-8"), verify=_loads_cleanly(path_text, financial_year_start))
    sys.stderr.write(f"plantool: {done} ({path_text})\n")
    return EXIT_OK


def _loads_cleanly(path_text: str, financial_year_start: int) -> Callable[[bytes], None]:
    """The last check before the file is replaced: the bytes about to land load with no problem."""

    def verify(data: bytes) -> None:
        from plantool import safeio
        from plantool.loader import load_bytes

        problems = load_bytes(data, path_text, financial_year_start=financial_year_start).problems
        if problems:
            raise safeio.WriteRefused(f"the new {path_text} would not load cleanly ({problems[0]}); nothing written")

    return verify


_SCHEMA_LINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def _schema_line(session: Session) -> str:
    """Where the new plan's schema line points: where the other plans' point, else ../schemas/."""
    for plan in session.workspace.plans:
        try:
            with open(plan.path, encoding="utf-8-sig") as file:
                found = _SCHEMA_LINE.match(file.readline())
        except OSError:
            continue
        if found is not None and Path(plan.path).parent == session.folder:
            return found.group(1)
    return "../schemas/plan.schema.json"
