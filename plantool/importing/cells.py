"""What every reader hands on: a source's tables as plain rows of cells, each cell knowing where it stood.

A Word table, a worksheet and a CSV file all become a ``Grid``: rows of
``Cell``s holding the cell's text as a person would read it (paragraphs as
lines, merged cells resolved), its position in the user's own terms (the
table or sheet, the row, the column letter) and its fill colour. Nothing
after this point knows which library read the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from plantool.problems import PlantoolError


class ImportFailure(PlantoolError):
    """The source cannot be read at all (not a Word file, an encoding that cannot be told): a usage error."""


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    row: int
    """1-based, as a spreadsheet numbers rows."""
    column: int
    """1-based; shown as a letter (A, B, ... AA)."""
    colour: str | None = None
    """The fill as ``RRGGBB`` upper-case hex, when the cell is filled with a plain colour."""
    day: date | None = None
    """A spreadsheet cell that holds a real date rather than text."""
    month_only: bool = False
    """The spreadsheet shows ``day`` as a month ("Jul-23"), so the month is what was written."""
    spanned: bool = False
    """The cell is the continuation of a cell merged across from the left: its text belongs to that one."""

    @property
    def letter(self) -> str:
        return column_letter(self.column)


@dataclass(frozen=True, slots=True)
class Grid:
    """One Word table, one worksheet or one CSV file."""

    name: str
    """How the user finds it: "table 2", "sheet 'Plan'", "plan.csv"."""
    rows: tuple[tuple[Cell, ...], ...]

    def where(self, cell: Cell) -> str:
        return f"{self.name}, row {cell.row}, column {cell.letter}"


def column_letter(number: int) -> str:
    """1 → A, 26 → Z, 27 → AA: the column names a spreadsheet shows."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(text: str) -> int | None:
    """A → 1, AA → 27, "3" → 3; None for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text) if 0 < int(text) < 10_000 else None
    if not text.isascii() or not text.isalpha() or len(text) > 3:
        return None
    number = 0
    for char in text.upper():
        number = number * 26 + ord(char) - ord("A") + 1
    return number


# Characters a plan file may not hold (docs/format.md): C0 and C1 controls, DEL, the
# bidirectional overrides and isolates, stray byte order marks. In a cell they are
# formatting debris, never words, so each becomes a space.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Cell text as a person reads it: lines kept, each line's surrounding blanks and empty edges dropped.

    Spaces inside a line stay as written ("permanence.  Target"): text stays text.

    Word and Excel leave non-breaking spaces, tabs and trailing blanks in cells; none of
    them is part of what the cell says. Control characters (other than newline) cannot
    stand in a plan file, so they become spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u000b", "\n")
    # Word's line and paragraph separators are line breaks to a reader; a plan file refuses them.
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _UNSAFE.sub(" ", text)
    lines = [line.strip(" ") for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
