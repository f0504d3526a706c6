"""Problems are values: what loading, validation and checks return instead of printing.

Every layer reports the same ``Problem``; only the presentation layer decides
how it looks. The few exceptions here are for situations where there is no
file position to give, such as a plans folder that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class RuleId(str, Enum):
    """The rules' ids: what a problem is about, the name ``check --rule`` and ``[rules]`` in plantool.toml use."""

    INVALID = "invalid"
    OVERDUE = "overdue"
    UNOWNED = "unowned"
    UNKNOWN_LEAD = "unknown-lead"
    DUPLICATE_ID = "duplicate-id"
    BROKEN_LINK = "broken-link"
    GREEN_BUT_OVERDUE = "green-but-overdue"
    BLUE_WITHOUT_DATE = "blue-without-date"
    UNDATED = "undated"
    RECURS_UNDATED = "recurs-undated"
    UNRATED = "unrated"
    STALE = "stale"

    def __str__(self) -> str:
        return self.value


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, at ``path:line:col`` (line and column count from 1; 0 means "whole file")."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    rule: RuleId = RuleId.INVALID
    ref: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.col, self.message)


class PlantoolError(Exception):
    """A mistake in how plantool was asked to run (exit code 2), not in the plans."""


class NoPlansFolder(PlantoolError):
    """The plans folder is not there; ``where``: where else (in git) it was looked for."""

    def __init__(self, folder: Path, where: str = "") -> None:
        also = f": not in the working tree, nor {where}" if where else ""
        super().__init__(f"no plans folder at {folder}{also} (name one with --plans DIR or in plantool.toml)")


class UnknownReference(PlantoolError):
    """A reference matched nothing, or more than one thing."""

    def __init__(self, text: str, candidates: list[str]) -> None:
        self.text = text
        self.candidates = candidates
        if candidates:
            listed = "\n".join(f"  {c}" for c in candidates)
            message = f"reference {text!r} is ambiguous; it could be:\n{listed}"
        else:
            message = f"no action, finding or plan matches {text!r}"
        super().__init__(message)
