"""Rows → a draft plan: which rows start a priority or finding, which are actions, what each cell says.

The pass reads each table top to bottom as a person would:

- the row of column headings is found (the first naming two or more fields), and a
  repeat of it further down (Word tables repeat it under each priority) is skipped;
- a row whose only text spans the table, or reads "SP1 …", "Strategic Priority 3",
  "Priority 2: …", starts a new priority (a development plan) or a new finding (an
  inspection plan), or, for an inspection plan with a findings column, a new area
  ("What needs to improve");
- in an inspection plan with a findings column, a change of text in that column
  starts a new finding (a finding merged down beside its actions is read once);
- every other row with text is an action; a row with neither numbering nor action
  text continues the action above (its update or lead cell ran on);
- numbering is kept as ``source_ref`` when it differs from the clean id ("3.09" →
  3.9, "(1a)" → 1a); a number used twice gets the next free one, as the bundled
  plan numbers the source's second "4.2" as 4.3; a leading or trailing "*" marks
  the action carried forward.

Every choice is recorded on the draft (written as a comment in the plan), and
every cell that could not be read is recorded for the import's report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from plantool.importing.cells import Cell, Grid
from plantool.importing.headings import Columns, Field, decide, is_heading_row, looks_like_numbering
from plantool.importing.leads import Directory, split_leads
from plantool.importing.values import Due, heading_month, leading_date, read_due, read_status, status_of_colour


@dataclass(frozen=True)
class Options:
    kind: str | None = None
    """"development" or "inspection"; None decides from the columns."""
    overrides: dict[Field, int] = field(default_factory=dict)
    cell_colours: bool = False
    update_date: Due | None = None
    plan_year: int | None = None
    fy_start: int = 4


@dataclass(frozen=True)
class Unread:
    """A cell the import could not read as what its column holds, and what it did with the text."""

    where: str
    text: str
    done: str


@dataclass
class DraftUpdate:
    date: str
    text: str
    comment: str


@dataclass
class DraftAction:
    ref: str | None
    title: str
    where: str
    leads: list[str] = field(default_factory=list)
    due: Due | None = None
    due_note: str | None = None
    status: str | None = None
    carried_forward: bool = False
    updates: list[DraftUpdate] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    id: str = ""
    source_ref: str | None = None


@dataclass
class DraftGroup:
    id: str
    title: str
    where: str
    source_ref: str | None = None
    area: str | None = None
    finding: str | None = None
    actions: list[DraftAction] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    kind: str
    groups: list[DraftGroup]
    columns: list[tuple[str, Columns]]
    skipped: list[tuple[str, str]]
    unread: list[Unread]
    people: Directory
    titles: list[str]
    plans: dict[str, str]


_GROUP_LABEL = re.compile(
    r"^(strategic\s+priority|priority|objective|theme|outcome|workstream|sp|p)\s*(\d{1,3})\b[\s:.\-–]*(.*)$",
    re.I | re.S,
)
_AREA_WORDS = ("what needs to improve", "areas for improvement", "area for improvement", "what needs to be improved")
_LEADING_NUMBER = re.compile(r"^(\*?\s*\(?\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)?\s*\*?)[.):]?\s+(\S.*)$", re.S)
_TRUE = frozenset({"true", "yes", "y", "*", "x", "carried forward"})


def build(grids: Sequence[Grid], options: Options, people: Directory) -> Draft:
    """The draft plan the grids lay out, with every choice and every unread cell recorded."""
    reader = _Reader(options, people)
    for grid in grids:
        reader.read(grid)
    reader.number()
    kind = reader.kind or "development"
    return Draft(
        kind, reader.groups, reader.columns, reader.skipped, reader.unread, people, reader.titles, reader.plans
    )


class _Reader:
    def __init__(self, options: Options, people: Directory) -> None:
        self.options = options
        self.people = people
        self.kind = options.kind
        self.groups: list[DraftGroup] = []
        self.columns: list[tuple[str, Columns]] = []
        self.skipped: list[tuple[str, str]] = []
        self.unread: list[Unread] = []
        self.area: str | None = None
        self.titles: list[str] = []
        self.plans: dict[str, str] = {}
        """The values of a plan column (plantool's own export has one), with where each first stood."""
        """Text found above the column headings, in order: the first may be the plan's title."""

    # -- one table -----------------------------------------------------------

    def read(self, grid: Grid) -> None:
        rows = [row for row in grid.rows if any(cell.text for cell in row)]
        heading_at = next((i for i, row in enumerate(rows) if is_heading_row(row)), None)
        if heading_at is None and not self.options.overrides:
            self.skipped.append((grid.name, "no row of column headings recognised (name the columns with --map)"))
            return
        heading = rows[heading_at] if heading_at is not None else None
        body = rows[heading_at + 1 :] if heading_at is not None else rows
        columns = decide(heading, body, self.options.overrides)
        if not columns.column(Field.ACTION):
            self.skipped.append((grid.name, "no column of actions found (name it with --map action=COLUMN)"))
            return
        self.columns.append((grid.name, columns))
        if self.kind is None:
            self.kind = "inspection" if columns.column(Field.FINDING) else "development"
        heading_texts = [c.text for c in heading] if heading else []
        for index, row in enumerate(rows):
            if index == heading_at:
                continue
            if heading_texts and [c.text for c in row] == heading_texts:
                continue  # the heading row repeated under the next priority
            if heading_at is not None and index > heading_at and is_heading_row(row):
                columns = decide(row, rows[index + 1 :], self.options.overrides)
                self.columns.append((f"{grid.name} from row {row[0].row}", columns))
                heading_texts = [c.text for c in row]
                continue
            self._row(grid, row, columns, before_heading=heading_at is not None and index < heading_at)

    def _row(self, grid: Grid, row: Sequence[Cell], columns: Columns, before_heading: bool) -> None:
        filled = [cell for cell in row if cell.text and not cell.spanned]
        if not filled:
            return
        if self._group_heading(grid, row, filled, columns, before_heading):
            return
        if before_heading:
            text = " ".join(filled[0].text.split())
            if not self.titles:
                self.skipped.append(
                    (
                        grid.where(filled[0]),
                        f"text above the column headings: {_short(text)!r} (the plan's title, unless the document has one)",
                    )
                )
            else:
                self.skipped.append((grid.where(filled[0]), f"text above the column headings: {_short(text)!r}"))
            self.titles.append(text)
            return
        self._action(grid, row, columns)

    # -- priorities, findings and areas ----------------------------------------

    def _group_heading(
        self, grid: Grid, row: Sequence[Cell], filled: list[Cell], columns: Columns, before_heading: bool
    ) -> bool:
        by_field = {columns.fields.get(cell.column) for cell in filled}
        if by_field & {Field.LEAD, Field.DUE, Field.STATUS, Field.UPDATE}:
            return False
        first = filled[0]
        text = "\n".join(cell.text for cell in filled)
        spans = any(cell.spanned for cell in row)
        labelled = _GROUP_LABEL.match(text) is not None and not looks_like_numbering(text.split("\n")[0])
        area_words = text.split("\n")[0].strip(" :").lower() in _AREA_WORDS
        single = len(filled) == 1 and not looks_like_numbering(first.text)
        # Above the column headings only a labelled row ("Strategic Priority 3") starts a priority:
        # anything else there is the document's own title or preamble.
        heading_like = single and (spans or columns.fields.get(first.column) is not Field.ACTION)
        if not (labelled or area_words or (heading_like and not before_heading)):
            return False
        where = grid.where(first)
        if self.kind == "inspection" and (columns.column(Field.FINDING) or area_words):
            self.area = text.replace("\n", " ")
            return True
        self._start_group(text, where)
        return True

    def _start_group(self, text: str, where: str, finding_text: str | None = None) -> DraftGroup:
        lines = text.split("\n")
        match = _GROUP_LABEL.match(lines[0])
        comments = []
        source_ref = None
        if match and self.kind != "inspection":
            label, number, rest = match[1], match[2], match[3].strip()
            words = label.split()
            prefix = (
                "".join(w[0] for w in words).upper()
                if len(words) > 1
                else label.upper()[:2]
                if label.lower() == "sp"
                else label[0].upper()
            )
            group_id = f"{prefix}{int(number)}"
            title = "\n".join([rest, *lines[1:]]).strip() or lines[0]
            written = f"{label} {number}"
            if written != group_id:
                source_ref = written
            comments.append(f"{lines[0]!r} in {where}: id {group_id}")
        else:
            title = lines[0]
            if self.kind == "inspection":
                group_id = _slug(title, {g.id for g in self.groups})
                comments.append(f"finding at {where}; id made from its words")
                rest = "\n".join(lines[1:]).strip()
                finding_text = finding_text or rest or None
            else:
                group_id = f"P{len(self.groups) + 1}"
                title = text
                comments.append(f"heading at {where}, unnumbered: id {group_id}")
        group = DraftGroup(
            group_id, title, where, source_ref, self.area if self.kind == "inspection" else None, finding_text
        )
        group.comments = comments
        if any(g.id == group.id for g in self.groups):
            group.id = _unique(group.id, {g.id for g in self.groups})
            group.comments.append(f"{group_id} is used above; this one is {group.id}")
        self.groups.append(group)
        return group

    def _group_for(self, grid: Grid, row: Sequence[Cell], columns: Columns) -> DraftGroup:
        """The priority or finding this row's action belongs to: its findings or group column, else the last heading."""
        for wanted in (Field.FINDING, Field.GROUP):
            for column in columns.column(wanted):
                cell = _cell(row, column)
                if cell is None or not cell.text:
                    continue
                key = cell.text
                for group in reversed(self.groups):
                    if key in (group.id, group.title, group.finding):
                        return group
                if wanted is Field.GROUP and (" " in key or "\n" in key):
                    return self._start_group(key, grid.where(cell))  # "SP1 Safer children": a heading in a column
                if wanted is Field.GROUP:
                    group = DraftGroup(key, key, grid.where(cell))
                    group.comments.append(f"the source gives this group's id ({key}) but no title")
                    self.groups.append(group)
                    return group
                first, _, rest = key.partition("\n")
                return self._start_group(first, grid.where(cell), finding_text=key if rest else None)
        if not self.groups:
            group = DraftGroup("P1" if self.kind != "inspection" else "actions", "Actions", grid.name)
            group.comments.append("the source has no priority or finding headings: every action is under this one")
            self.groups.append(group)
        return self.groups[-1]

    # -- actions ---------------------------------------------------------------

    def _action(self, grid: Grid, row: Sequence[Cell], columns: Columns) -> None:
        ref_cell = _first(row, columns, Field.REF)
        action_cell = _first(row, columns, Field.ACTION)
        ref = ref_cell.text if ref_cell else ""
        title = action_cell.text if action_cell else ""
        area_cell = _first(row, columns, Field.AREA)
        if area_cell is not None and area_cell.text:
            self.area = " ".join(area_cell.text.split())
        plan_cell = _first(row, columns, Field.PLAN)
        if plan_cell is not None and plan_cell.text:
            self.plans.setdefault(plan_cell.text, grid.where(plan_cell))
        group = self._group_for(grid, row, columns)
        if not ref and not title:
            if group.actions:
                self._cells(grid, row, columns, group.actions[-1], continuation=True)
            else:
                first = next(cell for cell in row if cell.text)
                self.unread.append(Unread(grid.where(first), first.text, "no action on this row or above it: left out"))
            return
        where = grid.where(action_cell or ref_cell or row[0])
        action = DraftAction(None, title, where)
        if not ref and (m := _LEADING_NUMBER.match(title)):
            ref, action.title = m[1], m[2]
            action.comments.append(f"numbering {m[1].strip()!r} taken from the start of the action's text")
        if ref.strip().startswith("*") or ref.strip().endswith("*") or action.title.startswith("*"):
            action.carried_forward = True
            action.comments.append(f"{(ref or action.title[:20]).strip()!r}: the star marks it carried forward")
            ref = ref.strip().strip("*").strip()
            action.title = action.title.lstrip("*").strip()
        action.ref = ref or None
        if not action.title:
            action.title = ref
            self.unread.append(Unread(where, ref, "a number with no action text: the number is its title"))
        group.actions.append(action)
        self._cells(grid, row, columns, action, continuation=False)

    def _cells(
        self, grid: Grid, row: Sequence[Cell], columns: Columns, action: DraftAction, continuation: bool
    ) -> None:
        row_update_date: Due | None = None
        for column in columns.column(Field.UPDATE_DATE):
            cell = _cell(row, column)
            if cell is not None and cell.text:
                row_update_date = _cell_due(cell, self.options)
                if row_update_date is None:
                    self.unread.append(
                        Unread(grid.where(cell), cell.text, "not a date: its update is kept undated (see below)")
                    )
        for column, fld in sorted(columns.fields.items()):
            cell = _cell(row, column)
            if cell is None:
                continue
            if continuation and cell.text:
                action.comments.append(f"{grid.where(cell)} has no action of its own: read as part of this one")
            if fld is Field.LEAD and cell.text:
                self._leads(grid, cell, action)
            elif fld is Field.DUE and cell.text:
                self._due(grid, cell, action)
            elif fld is Field.STATUS:
                self._status(grid, cell, action)
            elif fld is Field.UPDATE and cell.text:
                self._update(grid, cell, columns, action, row_update_date)
            elif fld is Field.DUE_NOTE and cell.text:
                if action.due_note is None:
                    action.due_note = cell.text
                elif cell.text != action.due_note:
                    action.comments.append(f"a second due note {_short(cell.text)!r} ({grid.where(cell)})")
            elif fld is Field.CARRIED and cell.text:
                if cell.text.strip().lower() in _TRUE:
                    action.carried_forward = True
                elif cell.text.strip().lower() not in ("false", "no", "n", "-"):
                    self.unread.append(Unread(grid.where(cell), cell.text, "not yes or no: carried_forward left false"))

    def _leads(self, grid: Grid, cell: Cell, action: DraftAction) -> None:
        ids = []
        for lead in split_leads(cell.text):
            entry = self.people.resolve(lead)
            # An alias the people file already gives ("DoP" for JT) is kept as the source wrote it.
            key = lead.id if lead.id is not None and lead.id in entry.aliases else entry.id
            if key not in ids and key not in action.leads:
                ids.append(key)
        action.leads.extend(ids)
        if ids and [cell.text] != ids:
            action.comments.append(f"leads {_short(cell.text)!r} read as {', '.join(ids)}")

    def _due(self, grid: Grid, cell: Cell, action: DraftAction) -> None:
        if action.due is not None or action.due_note is not None:
            action.comments.append(f"a second due date {cell.text!r} ({grid.where(cell)}) kept here only")
            self.unread.append(
                Unread(grid.where(cell), cell.text, "a second due date for one action: kept as a comment")
            )
            return
        due = _cell_due(cell, self.options)
        if due is None:
            action.due_note = cell.text
            action.comments.append(f"due cell {_short(cell.text)!r} is not a date: kept as due_note, no due date")
            self.unread.append(Unread(grid.where(cell), cell.text, "not a date: kept as due_note, no due date"))
            return
        action.due = due
        if due.written != cell.text.strip():
            action.comments.append(f"due {due.how}")

    def _status(self, grid: Grid, cell: Cell, action: DraftAction) -> None:
        if cell.text:
            status = read_status(cell.text)
            if status is None:
                action.comments.append(f"status cell says {_short(cell.text)!r}: not a RAG rating, so not rated")
                self.unread.append(
                    Unread(grid.where(cell), cell.text, "not a RAG rating: left not rated, text kept as a comment")
                )
                return
            if (
                self.options.cell_colours
                and cell.colour
                and (shown := status_of_colour(cell.colour))
                and shown != status
            ):
                self.unread.append(
                    Unread(grid.where(cell), cell.text, f"coloured {shown} but says {status}: the words win")
                )
            action.status = status
            if status != cell.text.strip():
                action.comments.append(f"status {cell.text!r} read as {status}")
        elif self.options.cell_colours and cell.colour:
            status = status_of_colour(cell.colour)
            if status is None:
                self.unread.append(
                    Unread(grid.where(cell), f"(fill #{cell.colour})", "a colour that is not a RAG one: not rated")
                )
                return
            action.status = status
            action.comments.append(f"status: {grid.where(cell)} is blank and filled #{cell.colour} (--cell-colours)")

    def _update(self, grid: Grid, cell: Cell, columns: Columns, action: DraftAction, row_date: Due | None) -> None:
        text = cell.text
        dated = leading_date(text)
        if dated is not None:
            due, rest = dated
            action.updates.append(
                DraftUpdate(due.written, rest or text, f"update dated by its opening words ({due.how})")
            )
            return
        heading = columns.headings.get(cell.column, "")
        by_heading = heading_month(heading) if heading else None
        candidates: tuple[tuple[Due | None, str], ...] = (
            (row_date, "the row's update date"),
            (by_heading, "its column's heading"),
            (self.options.update_date, "--update-date"),
        )
        for when, why in candidates:
            if when is not None:
                action.updates.append(DraftUpdate(when.written, text, f"update dated {when.written} from {why}"))
                return
        action.comments.append(f"undated update (give --update-date to keep it as an update): {_short(text, 300)!r}")
        self.unread.append(Unread(grid.where(cell), text, "an update with no date: kept as a comment at the action"))

    # -- ids -----------------------------------------------------------------------

    def number(self) -> None:
        for group in self.groups:
            used: set[str] = set()
            clean = [_clean_ref(a.ref) if a.ref else None for a in group.actions]
            wanted = {c for c in clean if c}
            for action, cid in zip(group.actions, clean, strict=True):
                if cid is None or cid in used:
                    new = _next_free(cid, used | wanted, group, len(used) + 1)
                    if cid is not None:
                        action.comments.append(f"numbered {action.ref!r} like the action before it: id {new}")
                    cid = new
                used.add(cid)
                action.id = cid
                if action.ref and action.ref != cid:
                    action.source_ref = action.ref


def _cell(row: Sequence[Cell], column: int) -> Cell | None:
    return row[column - 1] if column <= len(row) else None


def _first(row: Sequence[Cell], columns: Columns, wanted: Field) -> Cell | None:
    for column in columns.column(wanted):
        cell = _cell(row, column)
        if cell is not None:
            return cell
    return None


def _cell_due(cell: Cell, options: Options) -> Due | None:
    if cell.day is not None:
        if cell.month_only:
            return Due(cell.day.strftime("%Y-%m"), cell.day, f"a date cell shown as a month ({cell.day:%b-%y})")
        return Due(cell.day.isoformat(), cell.day, "a date cell")
    return read_due(cell.text, options.plan_year, options.fy_start)


def _clean_ref(text: str) -> str | None:
    text = text.strip().strip("*").strip()
    text = re.sub(r"^\((.*)\)$", r"\1", text).rstrip(".):").lstrip("(")
    if re.fullmatch(r"\d+(?:\.\d+)*", text):
        text = ".".join(str(int(part)) for part in text.split("."))
    text = re.sub(r"\s+", "-", text)
    text = re.sub(r"[^A-Za-z0-9._-]", "", text).strip("._-")
    return text[:64] or None


def _next_free(cid: str | None, taken: set[str], group: DraftGroup, position: int) -> str:
    if cid and (m := re.fullmatch(r"(.*?)(\d+)", cid)):
        prefix = m[1]
        numbers = [int(t[len(prefix) :]) for t in taken if t.startswith(prefix) and t[len(prefix) :].isdigit()]
        candidate = f"{prefix}{max(numbers, default=0) + 1}"
        if candidate not in taken:
            return candidate
    number = position
    while str(number) in taken:
        number += 1
    return str(number)


def _slug(text: str, taken: set[str]) -> str:
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower())
        if w not in {"the", "of", "and", "a", "an", "to", "for", "in", "on", "with", "is", "are"}
    ]
    base = "-".join(words[:4])[:40].strip("-") or "finding"
    return _unique(base, taken)


def _unique(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
