"""``plantool import``: a plan kept as a Word table, a workbook or a CSV file → a plan file and its people.

Data walks one way: the source file → plain rows (``docx``, ``xlsx``, ``csvfile``)
→ columns recognised (``headings``) → a draft plan (``structure``, reading each
cell with ``values`` and ``leads``) → plan-file text with a comment at each choice
(``writer``) → loaded back (``verify``) before a byte is written. Nothing here
prints or exits; the command line writes the files and renders the ``Report``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from plantool.importing.cells import Grid, ImportFailure
from plantool.importing.headings import Columns, Field
from plantool.importing.leads import Directory, Entry
from plantool.importing.structure import Draft, Options, Unread, build
from plantool.importing.values import Due, plan_year_of
from plantool.importing.writer import people_entries, people_text, plan_text

SUFFIXES = (".docx", ".xlsx", ".xlsm", ".csv")
MAX_SOURCE_BYTES = 50 * 1024 * 1024


@dataclass
class Source:
    """What a file held: its tables, its title if it has one, and how it was read."""

    name: str
    grids: list[Grid]
    title: str | None = None
    encoding: str | None = None


@dataclass
class Report:
    """What the import did: which column fed which field, what it skipped, every cell it could not read."""

    source: str
    plan_id: str
    kind: str
    columns: list[tuple[str, Columns]]
    skipped: list[tuple[str, str]]
    unread: list[Unread]
    groups: int
    actions: int
    people_added: list[Entry]
    people_known: int
    encoding: str | None = None
    plan_written: str | None = None
    people_written: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Result:
    plan_text: str
    people_new_file: str | None
    """The whole text of a new people file, when there was none to add to."""
    people_addition: str | None
    """Entries to append to the existing people file."""
    report: Report


def read(path: Path, sheet: str | None = None, encoding: str | None = None) -> Source:
    """The file's tables as grids; ``ImportFailure`` when it is not a file of a kind plantool reads."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportFailure(f"{path}: plantool imports .docx, .xlsx and .csv files (this is {suffix or 'no suffix'!r})")
    if not path.is_file():
        raise ImportFailure(f"{path}: no such file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise ImportFailure(f"{path} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB; is it a plan?")
    if sheet is not None and suffix not in (".xlsx", ".xlsm"):
        raise ImportFailure("--sheet is for .xlsx workbooks")
    if suffix == ".docx":
        from plantool.importing.docx import read_docx

        grids, title = read_docx(path)
        return Source(path.name, grids, title)
    if suffix in (".xlsx", ".xlsm"):
        from plantool.importing.xlsx import read_xlsx

        return Source(path.name, read_xlsx(path, sheet))
    from plantool.importing.csvfile import read_csv

    grid, used = read_csv(path.read_bytes(), path.name, encoding)
    return Source(path.name, [grid], encoding=used)


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60].strip("-") or "imported-plan"


def convert(
    source: Source,
    *,
    plan_id: str | None = None,
    title: str | None = None,
    kind: str | None = None,
    overrides: dict[Field, int] | None = None,
    cell_colours: bool = False,
    update_date: Due | None = None,
    year: int | None = None,
    fy_start: int = 4,
    known_people: list[Entry] | None = None,
    people_exists: bool = False,
) -> Result:
    """The plan-file text (and people entries) for ``source``; pure: no files are read or written here."""
    if title:
        title_how = "given with --title"
    elif source.title:
        title, title_how = source.title, "from the document's title"
    plan_year = year if year is not None else (plan_year_of(title) if title else None)
    options = Options(kind, overrides or {}, cell_colours, update_date, plan_year, fy_start)
    people = Directory(list(known_people or []))
    draft: Draft = build(source.grids, options, people)
    if not title:
        if draft.titles:
            title, title_how = draft.titles[0], "from the text above the table's column headings"
        else:
            title, title_how = (
                Path(source.name).stem.replace("_", " ").strip() or "Imported plan",
                "from the file's name",
            )
        if year is None and plan_year_of(title) is not None:
            # The title gives the plan's year, which "end of March" needs: read the cells again knowing it.
            plan_year = plan_year_of(title)
            people = Directory(list(known_people or []))
            draft = build(source.grids, replace(options, plan_year=plan_year), people)
    if not draft.groups:
        raise ImportFailure(_nothing_found(source, draft))
    if len(draft.plans) > 1:
        shown = ", ".join(f"{name!r} ({where})" for name, where in list(draft.plans.items())[:4])
        raise ImportFailure(
            f"{source.name} holds the actions of {len(draft.plans)} plans ({shown}); import one plan at a time"
        )
    from_plan_column = next(iter(draft.plans), None)
    if plan_id is None and from_plan_column is not None and re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", from_plan_column):
        plan_id = from_plan_column  # plantool's own export names the plan's id
    chosen_id = plan_id or slug(title)
    text = plan_text(draft, chosen_id, title, source.name, title_how)
    added = people.added
    report = Report(
        source.name, chosen_id, draft.kind, draft.columns, draft.skipped, draft.unread,
        len(draft.groups), sum(len(g.actions) for g in draft.groups), added, len(people.entries) - len(added),
        source.encoding,
    )  # fmt: skip
    if plan_year is not None and year is None:
        report.notes.append(f"the plan's year {plan_year}/{str(plan_year + 1)[-2:]} was taken from its title")
    new_file = addition = None
    if added:
        if people_exists:
            addition = people_entries(added)
        else:
            new_file = people_text(added, source.name)
    return Result(text, new_file, addition, report)


def _nothing_found(source: Source, draft: Draft) -> str:
    if not source.grids:
        return f"{source.name} has no tables to import"
    why = "; ".join(f"{where}: {reason}" for where, reason in draft.skipped[:6])
    return f"no plan found in {source.name} ({why})"
