"""Which column feeds which field: the headings plans use, and ``--map`` to say it outright.

Headings are compared after folding case, punctuation and "(s)", so "Lead(s)",
"LEAD:" and "lead" are one heading. Each field has the words real plans use for
it (the list below is the documentation, docs/moving-in.md shows it); a heading
that starts "Update" or "Progress update" and names a month ("Update mid-April
23") is an update column whose cells are dated by that month. A heading nobody
recognises is reported as ignored, never guessed at.

A table without a heading over its numbering or its actions (Word tables often
merge that corner blank) is completed from its contents: a blank-headed column
of numbers like "1.1" or "3.09*" is the numbering, and the blank-headed column
with the most text is the action.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from plantool.importing.cells import Cell, column_letter, column_number
from plantool.problems import PlantoolError


class Field(str, Enum):
    """What a column holds, in the plan's own words."""

    REF = "ref"
    ACTION = "action"
    FINDING = "finding"
    AREA = "area"
    GROUP = "group"
    LEAD = "lead"
    DUE = "due"
    STATUS = "status"
    UPDATE = "update"
    UPDATE_DATE = "update_date"
    DUE_NOTE = "due_note"
    CARRIED = "carried_forward"
    PLAN = "plan"

    def __str__(self) -> str:
        return self.value


HEADINGS: dict[Field, tuple[str, ...]] = {
    Field.REF: ("ref", "reference", "no", "number", "id", "item", "action no", "action number", "action ref"),
    Field.ACTION: (
        "action", "actions", "title", "what", "what we will do", "action required", "actions required",
        "actions to be taken", "key actions", "task", "tasks", "activity", "activities", "how",
        "what will we do", "action to be taken", "actions planned",
    ),
    Field.FINDING: (
        "areas for improvement", "area for improvement", "finding", "findings", "recommendation",
        "recommendations", "what needs to improve", "improvement required", "issue", "issues",
        "area for development", "areas for development",
    ),
    Field.AREA: ("area", "judgement", "judgement area", "theme"),
    Field.GROUP: ("group", "priority", "strategic priority", "objective", "workstream"),
    Field.LEAD: (
        "lead", "leads", "who", "responsibility", "responsible", "responsible officer", "lead officer",
        "lead officers", "owner", "owners", "lead person", "lead responsibility", "by whom", "accountable",
    ),
    Field.DUE: (
        "date", "due", "due date", "by when", "target date", "timescale", "timescales", "completion date",
        "date to complete", "deadline", "when", "target completion date", "date due", "timeframe",
        "date for completion", "completion by", "due as written",
    ),
    Field.STATUS: ("rag", "rag status", "rag rating", "status", "progress rating", "rating", "rag rated", "current rag"),
    Field.UPDATE: (
        "update", "updates", "progress update", "progress", "comments", "comment", "latest update",
        "progress to date", "progress made", "notes", "commentary", "evidence of progress", "progress and impact",
    ),
    Field.DUE_NOTE: ("due note", "date note", "timescale note"),
    Field.UPDATE_DATE: ("update date", "latest update date", "date of update", "last updated"),
    Field.CARRIED: ("carried forward", "carried over"),
    Field.PLAN: ("plan",),
}  # fmt: skip

# The columns of `plantool export --format csv` that say nothing an import keeps.
EXPORT_ONLY = ("lead names", "overdue", "due soon", "file", "line", "as of")

_FOLDED = {words: fld for fld, names in HEADINGS.items() for words in names}
_UPDATE_WITH_WHEN = re.compile(r"(?:progress )?updates?\b(.+)")


def fold(heading: str) -> str:
    """ "Lead(s):" → "lead"; "RAG Status*" → "rag status"; "latest_update" → "latest update"."""
    text = heading.lower().replace("(s)", "").replace("_", " ").replace("&", " and ")
    text = re.sub(r"[^\w/ ]+", " ", text)
    return " ".join(text.split())


def recognise(heading: str) -> Field | None:
    """The field a heading names, or None."""
    folded = fold(heading)
    if not folded:
        return None
    if folded in _FOLDED:
        return _FOLDED[folded]
    if _UPDATE_WITH_WHEN.fullmatch(folded):
        return Field.UPDATE
    # "Lead / Responsibility", "Timescale / Target date": every part names the same field.
    parts = [part.strip() for part in re.split(r"/| and | or ", folded) if part.strip()]
    found = {_FOLDED.get(part) for part in parts}
    if len(parts) > 1 and len(found) == 1 and None not in found:
        return found.pop()
    return None


@dataclass
class Columns:
    """The fields of one table's columns, and how each was decided (for the import's report)."""

    fields: dict[int, Field] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)
    ignored: dict[int, str] = field(default_factory=dict)

    def column(self, wanted: Field) -> list[int]:
        return [column for column, fld in sorted(self.fields.items()) if fld is wanted]

    def describe(self) -> list[tuple[str, str, str]]:
        """(column letter, heading, what it fed) for every column, in order."""
        rows = []
        for column in sorted(set(self.fields) | set(self.ignored)):
            heading = self.headings.get(column, "")
            if column in self.fields:
                rows.append((column_letter(column), heading, f"{self.fields[column]} ({self.how[column]})"))
            else:
                rows.append((column_letter(column), heading, f"ignored ({self.ignored[column]})"))
        return rows


def parse_map(text: str | None) -> dict[Field, int]:
    """``--map action=B,lead=C`` → {ACTION: 2, LEAD: 3}; a usage error names what is wrong."""
    if not text:
        return {}
    known = ", ".join(f.value for f in Field)
    chosen: dict[Field, int] = {}
    for part in text.split(","):
        name, sep, where = part.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep:
            raise PlantoolError(f"--map: {part.strip()!r} should be FIELD=COLUMN, such as action=B")
        try:
            fld = Field(name)
        except ValueError:
            aliases = {"title": Field.ACTION, "leads": Field.LEAD, "rag": Field.STATUS, "progress": Field.UPDATE,
                       "priority": Field.GROUP, "carried": Field.CARRIED, "numbering": Field.REF}  # fmt: skip
            if name not in aliases:
                raise PlantoolError(f"--map: {name!r} is not a field (fields: {known})") from None
            fld = aliases[name]
        column = column_number(where)
        if column is None:
            raise PlantoolError(f"--map: {where.strip()!r} is not a column; give a letter (B) or a number (2)")
        chosen[fld] = column
    return chosen


def heading_score(row: Sequence[Cell]) -> int:
    """How many distinct fields a row's cells name: a row naming two or more is a heading row."""
    return len({fld for cell in row if (fld := recognise(cell.text)) is not None})


def is_heading_row(row: Sequence[Cell]) -> bool:
    return heading_score(row) >= 2


_NUMBERING = re.compile(r"\*?\s*\(?[A-Za-z]?\d{1,3}(?:[.\-]\d{1,3}){0,3}[a-z]?\)?\.?\s*\*?")


def looks_like_numbering(text: str) -> bool:
    return bool(_NUMBERING.fullmatch(text.strip()))


def _preferred_ref(heading_row: Sequence[Cell], body: Sequence[Sequence[Cell]]) -> int | None:
    """Of several numbering columns ("ref" and "id" in plantool's own export), the one holding numbers like 1.1."""
    candidates = [cell.column for cell in heading_row if recognise(cell.text) is Field.REF]
    if len(candidates) < 2:
        return None

    def numbering(column: int) -> int:
        return sum(1 for row in body if column <= len(row) and looks_like_numbering(row[column - 1].text))

    return max(candidates, key=lambda column: (numbering(column), -column))


def decide(heading_row: Sequence[Cell] | None, body: Sequence[Sequence[Cell]], overrides: dict[Field, int]) -> Columns:
    """Each column's field: ``--map`` first, then its heading, then (blank headings) its contents."""
    columns = Columns()
    width = max([len(heading_row or ())] + [len(row) for row in body] or [0])
    for cell in heading_row or ():
        if cell.text:
            columns.headings[cell.column] = cell.text.replace("\n", " ")
    taken = set(overrides.values())
    for fld, column in overrides.items():
        columns.fields[column] = fld
        columns.how[column] = "--map"
    seen: set[Field] = set(overrides)
    preferred = _preferred_ref(heading_row or (), body)
    for cell in heading_row or ():
        if cell.column in taken or cell.spanned:
            continue
        found = recognise(cell.text)
        if found is Field.REF and preferred is not None and cell.column != preferred:
            columns.ignored[cell.column] = "another column holds the numbering"
            continue
        if found is None:
            if cell.text:
                lowered = fold(cell.text)
                why = (
                    "a column plantool export writes; nothing to import"
                    if lowered in EXPORT_ONLY
                    else "heading not recognised"
                )
                columns.ignored[cell.column] = why
            continue
        if found is Field.DUE and fold(cell.text) == "due as written":
            # plantool's own export writes the day a due month ends under "due" and the date as the
            # plan wrote it ("2024-03", "2023/24") under "due_as_written": the latter is the plan's.
            for column in columns.column(Field.DUE):
                del columns.fields[column]
                columns.ignored[column] = "the due date as written is in another column"
            seen.discard(Field.DUE)
        elif (
            found is Field.DUE
            and Field.DUE in seen
            and any(fold(columns.headings.get(c, "")) == "due as written" for c in columns.column(Field.DUE))
        ):
            columns.ignored[cell.column] = "the due date as written is in another column"
            continue
        if found in seen and found is not Field.UPDATE:
            columns.ignored[cell.column] = f"a second {found} column; the first one is used"
            continue
        seen.add(found)
        columns.fields[cell.column] = found
        columns.how[cell.column] = "heading"
    # Blank-headed columns: numbering and action by their contents.
    blank = [c for c in range(1, width + 1) if c not in columns.fields and c not in columns.ignored]
    filled = {
        c: [row[c - 1].text for row in body if c <= len(row) and row[c - 1].text and not row[c - 1].spanned]
        for c in blank
    }
    if Field.REF not in seen:
        for c in blank:
            texts = filled[c]
            if texts and sum(map(looks_like_numbering, texts)) >= max(2, len(texts) * 0.6):
                columns.fields[c], columns.how[c] = Field.REF, "blank heading; its cells are numbers such as 1.1"
                seen.add(Field.REF)
                blank.remove(c)
                break
    if Field.ACTION not in seen:
        wordy = [c for c in blank if filled[c]]
        if wordy:
            best = max(wordy, key=lambda c: sum(len(t) for t in filled[c]))
            columns.fields[best], columns.how[best] = Field.ACTION, "blank heading; the column with the most text"
            blank.remove(best)
    for c in blank:
        if filled[c]:
            columns.ignored[c] = "no heading"
    return columns
