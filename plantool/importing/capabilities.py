"""Which parts of format version 2 this plantool's loader accepts.

Version 2 (docs/format.md) lands in stages. Its dates and ``due_note`` are read
by every plantool that has ``import``, so they are always written; the fields
still to come (``source_ref`` on priorities, people's ``kind``) are written only
when the models here have them, and otherwise kept as a comment, so the
written plan always loads.
"""

from __future__ import annotations


def supports(model: str, field_name: str) -> bool:
    """Whether model ``model`` (``"Action"``, ``"Priority"``, ...) has the field ``field_name``."""
    from plantool import models

    return field_name in getattr(models, model).model_fields
