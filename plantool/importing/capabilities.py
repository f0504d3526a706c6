"""Which parts of format version 2 this plantool's loader accepts.

Version 2 (docs/format.md) lands in stages; the import writes a v2 field only
when the models here have it, and otherwise keeps the same fact as a comment
(and says so in its report), so the written plan always loads.
"""

from __future__ import annotations


def supports(model: str, field_name: str) -> bool:
    """Whether model ``model`` (``"Action"``, ``"Priority"``, ...) has the field ``field_name``."""
    from plantool import models

    return field_name in getattr(models, model).model_fields


def supports_date(written: str) -> bool:
    """Whether a date field accepts ``written`` ("2024-Q1", "2023/24" need version 2)."""
    from plantool.dates import parse_plan_date

    try:
        parse_plan_date(written)
    except ValueError:
        return False
    return True


def due_note_kept_as() -> str:
    """Where the text of a due cell that is not a date goes, in the report's words."""
    return (
        "kept as due_note"
        if supports("Action", "due_note")
        else "kept as a comment (this plantool has no due_note yet)"
    )
