"""Shared words (no rich): status words and looks on a plan's scale, the RAG bar in letters, relative dates, Markdown cell escaping.

The terminal's colours and rich ``Text`` are in ``render/terminal/style.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from plantool.dates import describe_offset
from plantool.models import Meaning, Target, fold_key
from plantool.queries import MEANING_KEYS, STATUS_KEYS, UNRATED, UNRATED_MEANING, Counts
from plantool.render.text import safe_text
from plantool.scales import DEFAULT_SCALE, Scale

STATUS_WORD = {"GREEN": "GREEN", "AMBER": "AMBER", "RED": "RED", "BLUE": "BLUE", UNRATED: "not rated"}
# Without colour the bar still has to say which part is which: one letter per status.
BAR_LETTER = {"GREEN": "G", "AMBER": "A", "RED": "R", "BLUE": "B", UNRATED: "."}
BAR_WIDTH = 20


# Colours are rich style names, kept here as plain strings so the looks need no rich;
# render/terminal/ turns them into Text.
STATUS_STYLE = {
    "GREEN": "bold green",
    "AMBER": "bold yellow",
    "RED": "bold red",
    "BLUE": "bold blue",
    UNRATED: "dim",
}
# A plan's own keys are coloured by what they mean, in the default scale's colours where it has one.
MEANING_STYLE = {
    Meaning.DONE.value: "bold blue",
    Meaning.ON_TRACK.value: "bold green",
    Meaning.AT_RISK.value: "bold yellow",
    Meaning.OFF_TRACK.value: "bold red",
    Meaning.NOT_STARTED.value: "bold magenta",
    Meaning.NO_UPDATE.value: "dim",
    UNRATED_MEANING: "dim",
}
MEANING_LETTER = {
    Meaning.DONE.value: "D",
    Meaning.ON_TRACK.value: "O",
    Meaning.AT_RISK.value: "A",
    Meaning.OFF_TRACK.value: "X",
    Meaning.NOT_STARTED.value: "N",
    Meaning.NO_UPDATE.value: "U",
    UNRATED_MEANING: ".",
}
MEANING_WORD = {**{key: key for key in MEANING_KEYS}, UNRATED_MEANING: "not rated"}


@dataclass(frozen=True, slots=True)
class Look:
    """How one count column or status reads: the key it counts under, its word, colour and bar letter."""

    key: str
    word: str
    style: str
    letter: str
    means: str


@dataclass(frozen=True, slots=True)
class Columns:
    """The statuses a board or chart shows, in order: a scale's keys, or the meanings (for plans on different scales)."""

    looks: tuple[Look, ...]
    by_meaning: bool = False

    def values(self, counts: Counts) -> Mapping[str, int]:
        return counts.by_meaning if self.by_meaning else counts.by_status

    @property
    def legend(self) -> str:
        """ "G GREEN, A AMBER, ..." for a bar drawn in letters."""
        return ", ".join(f"{look.letter} {look.word}" for look in self.looks)


def status_word(key: str, scale: Scale | None = None) -> str:
    """A status as a reader sees it: GREEN; a plan's own key with its label ("2 On track"); "not rated"."""
    return look(key, scale).word


def look(key: str, scale: Scale | None = None) -> Look:
    """How the status ``key`` of ``scale`` reads (the default scale when none is given)."""
    if key == UNRATED:
        return Look(UNRATED, STATUS_WORD[UNRATED], STATUS_STYLE[UNRATED], BAR_LETTER[UNRATED], UNRATED_MEANING)
    if scale is None or not scale.custom:
        grade = (scale or DEFAULT_SCALE).grade(key)
        if key in STATUS_WORD:
            means = grade.means.value if grade else UNRATED_MEANING
            return Look(key, STATUS_WORD[key], STATUS_STYLE[key], BAR_LETTER[key], means)
    grade = scale.grade(key) if scale is not None else None
    if grade is None:  # a key no scale here knows (an old revision's, say): shown as it is
        return Look(key, key, "bold", key[:1].upper() or "?", UNRATED_MEANING)
    word = grade.key if fold_key(grade.label) == fold_key(grade.key) else f"{grade.key} {grade.label}"
    letter = grade.key if len(grade.key) == 1 else MEANING_LETTER[grade.means.value]
    return Look(grade.key, word, MEANING_STYLE[grade.means.value], letter, grade.means.value)


@lru_cache(maxsize=64)
def columns(scale: Scale) -> Columns:
    """A scale's columns; kept, as thousands of plans share a handful of scales (scales and columns are frozen)."""
    return Columns((*(look(key, scale) for key in scale.keys), look(UNRATED)))


MEANING_COLUMNS = Columns(
    tuple(Look(key, MEANING_WORD[key], MEANING_STYLE[key], MEANING_LETTER[key], key) for key in MEANING_KEYS),
    by_meaning=True,
)
DEFAULT_COLUMNS = columns(DEFAULT_SCALE)


def columns_across(scales: Sequence[Scale]) -> Columns:
    """Columns for counts over several plans: their scale's keys when they share one, else the meanings."""
    # Labels may differ (rag_key relabels the default scale); the keys and their meanings must not.
    distinct = {tuple((grade.key, grade.means) for grade in scale.grades): scale for scale in scales}
    if len(distinct) <= 1:
        return columns(next(iter(distinct.values()), DEFAULT_SCALE))
    return MEANING_COLUMNS


def bar_segments(
    by_status: Mapping[str, int], width: int = BAR_WIDTH, keys: Sequence[str] = STATUS_KEYS
) -> list[tuple[str, int]]:
    """Split ``width`` cells between the statuses in proportion (largest remainder, so they add up)."""
    total = sum(by_status.get(key, 0) for key in keys)
    if total == 0:
        return []
    exact = {key: by_status.get(key, 0) * width / total for key in keys}
    cells = {key: int(value) for key, value in exact.items()}
    for key in sorted(keys, key=lambda k: exact[k] - cells[k], reverse=True)[: width - sum(cells.values())]:
        cells[key] += 1
    return [(key, cells[key]) for key in keys if cells[key]]


def bar_plain(counts: Counts, width: int = BAR_WIDTH, shown: Columns = DEFAULT_COLUMNS) -> str:
    looks = {look.key: look for look in shown.looks}
    return "".join(looks[key].letter * cells for key, cells in bar_segments(shown.values(counts), width, list(looks)))


def relative(due: date | None, as_of: date, complete: bool = False) -> str:
    if due is None:
        return "no date"
    if complete:
        return due.isoformat()
    return f"{due.isoformat()} ({describe_offset(due, as_of)})"


def number(value: float) -> str:
    """A figure as the plan wrote it: 999999999999999, not 1e+15; 12.5, not 12.50000; 0.00001, not 1e-05."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def amount(value: float, unit: str | None) -> str:
    """A target's figure with its unit: "45%", "12 days"; a bare number without one (the one wording of a figure)."""
    if unit is None:
        return number(value)
    return f"{number(value)}{unit}" if unit == "%" else f"{number(value)} {unit}"


def target_words(target: Target) -> str:
    """A target in words, the one wording every output uses (the field's label comes before it).

    The measure first, as written, then the figures: "Additional foster carers, 11 of
    30 (37%)", "Additional foster carers, 30 to reach (no current figure yet)", a
    reduction as "Agency social workers, now 17, down to 12 (55% of the way); baseline
    23", and a measure kept without figures as the measure alone. Measure first because
    plans write it as a heading ("Children placed within 20 miles"), which reads badly
    after a number.
    """

    def n(value: float) -> str:
        return amount(value, target.unit)

    text = target.measure
    if target.target is None:  # a measure with no figure to reach ("Improved quality of plans")
        text += "" if target.current is None else f", now {n(target.current)}"
    elif target.current is None:
        text += f", {n(target.target)} to reach (no current figure yet)"
    elif target.reduction:
        # "17 of 12" would read as past the target; a reduction is told as a journey down.
        text += f", now {n(target.current)}, down to {n(target.target)}"
    else:
        text += f", {n(target.current)} of {n(target.target)}"
    if target.current is not None and target.progress is not None:
        text += f" ({target.progress:.0%}" + (" of the way)" if target.baseline is not None else ")")
    if target.baseline is not None:
        text += f"; baseline {n(target.baseline)}"
    if target.current is not None and target.current_as_of is not None:
        text += f"; figure as of {target.current_as_of}"
    return text


# Plan text in Markdown is shown, never obeyed: no link, image, emphasis, heading or
# list can come out of it. Brackets are enough to stop links and images ("[t](url)");
# backticks, stars, underscores and tildes would format (GFM strikethrough is ~~x~~);
# & < > would start HTML or entities; | would end a table cell. Parentheses are left
# alone: harmless once [ ] are escaped, and escaping them would make the raw Markdown
# hard to read. A backslash escape splits text into separate pieces, which is what
# keeps GitHub's and GitLab's autolinking ("https://...", "www....") off plan text.
_MD_ESCAPES = {c: "\\" + c for c in "\\`*_[]|~"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_TABLE = str.maketrans(_MD_ESCAPES)
_MD_URL = re.compile(r"(?<=[A-Za-z0-9])://")
_MD_WWW = re.compile(r"(?<![A-Za-z0-9])([Ww]{3})\.")
# What makes a line a heading, a list item or a setext underline when it starts a
# paragraph (">" is already "&gt;") ("# Finding 1", "1. First", "- item", "=====").
_MD_LINE_START = re.compile(r"^(\s*)(?:([#+=-])|(\d{1,9})([.)]))")


def md_cell(text: str) -> str:
    """Plan text safe inside Markdown (a table cell, a heading, a paragraph): escaped, line breaks as <br>."""
    cleaned = safe_text(text).translate(_MD_TABLE)
    # "https\://x" and "www\.x" render as the text written, but no longer as a link. Most
    # text has neither: looking for the characters first skips two regular expressions.
    if "://" in cleaned:
        cleaned = _MD_URL.sub(r"\\://", cleaned)
    if "w." in cleaned or "W." in cleaned:
        cleaned = _MD_WWW.sub(r"\1\\.", cleaned)
    return "<br>".join(part.strip() for part in cleaned.splitlines()) or " "


def md_paragraph(text: str) -> str:
    """``md_cell`` for text that starts a line of its own: a leading ``#``, ``-`` or ``1.`` stays text."""
    return _MD_LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if m[2] else m[3] + "\\" + m[4]), md_cell(text), count=1)


def md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = [md_row(headers), "|" + "|".join("---" for _ in headers) + "|"]
    lines += [md_row(row) for row in rows]
    return lines


def md_row(cells: list[str]) -> str:
    """One line of a Markdown table (the cells already made safe by ``md_cell``)."""
    return "| " + " | ".join(cells) + " |"
