"""A plan's status scale: its keys in the plan's order, their labels and colours, and what each key means.

Plans rate progress on their own key ("1 Fully achieved ... 4 No progress",
four colours with YELLOW, "Awaiting update"). A plan declares its scale once
under ``plan.scale``; with none, it uses the default scale, BLUE/GREEN/AMBER/RED,
whose labels the version-1 ``rag_key`` may change.

Every key *means* one of six things (``models.Meaning``). Rules, the board's
roll-up across plans and every cross-plan figure use the meaning; what a
reader sees is the plan's own key and label.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from plantool.models import DEFAULT_MEANINGS, DEFAULT_RAG_KEY, Meaning, PlanMeta, Rating, Status, fold_key


class Unrated(str, Enum):
    """What an item with no status (a ``Rating | None`` that is ``None``) is counted under, beside a scale's keys.

    A str enum, so counts keyed by a scale's own keys take it as one more key, and
    JSON and tables show ``UNRATED`` as they always have.
    """

    UNRATED = "UNRATED"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


UNRATED = Unrated.UNRATED
"""The key under which items with no status are counted, in every scale."""
_DEFAULT_KEYS = frozenset(status.value for status in Status)

MEANING_ORDER: tuple[Meaning, ...] = tuple(Meaning)
"""The meanings in the order JSON and legends list them (``unrated`` follows)."""


@dataclass(frozen=True, slots=True)
class Grade:
    """One key of a scale as a reader sees it."""

    key: str
    label: str
    means: Meaning
    colour: str | None = None
    """The plan's own colour (``#rrggbb``), if it gave one."""

    @property
    def word(self) -> str:
        """How output names the key: GREEN; a plan's own key with its label ("2 On track") unless they are one."""
        return (
            self.key
            if fold_key(self.label) == fold_key(self.key) or self.key in _DEFAULT_KEYS
            else f"{self.key} {self.label}"
        )


@dataclass(frozen=True, slots=True)
class Scale:
    """The keys a plan rates on, in the order its key lists them."""

    grades: tuple[Grade, ...]
    custom: bool = False
    """Declared by the plan (``plan.scale``) rather than the default scale."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(grade.key for grade in self.grades)

    def grade(self, key: str) -> Grade | None:
        folded = fold_key(key)
        return next((grade for grade in self.grades if fold_key(grade.key) == folded), None)

    def find(self, text: str) -> Grade | None:
        """The grade a user means by ``text``: one of the keys (any case), or a label."""
        return self.grade(text) or next((g for g in self.grades if fold_key(g.label) == fold_key(text)), None)

    def first(self, means: Meaning) -> Grade | None:
        """The scale's first key with this meaning (the one ``complete`` would write for ``done``)."""
        return next((grade for grade in self.grades if grade.means is means), None)

    def label(self, key: str) -> str:
        grade = self.grade(key)
        return grade.label if grade is not None else key

    def rating(self, key: str) -> Rating | None:
        grade = self.grade(key)
        return Rating(grade.key, grade.means) if grade is not None else None


# GREEN, AMBER, RED, BLUE: the order version 1's outputs list them in.
DEFAULT_SCALE = Scale(tuple(Grade(s.value, DEFAULT_RAG_KEY[s], DEFAULT_MEANINGS[s]) for s in Status))


def scale_of(meta: PlanMeta) -> Scale:
    """The scale a plan rates on: its own, else the default relabelled by its ``rag_key``."""
    if meta.scale is not None:
        return Scale(tuple(Grade(e.key.strip(), e.label, e.means, e.colour) for e in meta.scale), custom=True)
    if meta.rag_key is None:
        return DEFAULT_SCALE
    labels = meta.rag_key
    return Scale(tuple(Grade(g.key, labels.get(Status(g.key), g.label), g.means) for g in DEFAULT_SCALE.grades))
