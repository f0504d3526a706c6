"""JSON Schema for editors, generated from the models so it can never drift from what plantool accepts.

``plantool schema`` writes these files; ``plantool schema --check`` and a test
fail when the committed ones differ from what the models generate now.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from plantool.models import PeopleFile, PlanFile
from plantool.safeio import write_output

SCHEMA_FILES: dict[str, tuple[type[PlanFile] | type[PeopleFile], str]] = {
    "plan.schema.json": (
        PlanFile,
        "A plantool plan file: plan metadata with priorities (a development plan) or findings (an inspection action plan).",
    ),
    "people.schema.json": (
        PeopleFile,
        "A plantool people file: everyone who can lead an action, by id, with name, role and aliases.",
    ),
}


def build_schemas() -> dict[str, str]:
    """File name → schema text, exactly as it should be committed."""
    texts = {}
    for name, (model, description) in SCHEMA_FILES.items():
        schema: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": model.__name__,
            "description": description,
        }
        schema.update({k: v for k, v in model.model_json_schema().items() if k not in ("title", "description")})
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file that differs; returns the paths written.

    Each is written atomically and never through a link (``plantool.safeio``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_schemas().items():
        path = folder / name
        if _current(path) != text:
            write_output(path, text.encode("utf-8"))
            written.append(path)
    return written


def stale_schemas(folder: Path) -> list[Path]:
    """The schema files under ``folder`` that are missing or differ from the models."""
    stale = []
    for name, text in build_schemas().items():
        path = folder / name
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, ValueError):  # missing, unreadable, or not UTF-8: in every case not the schema
            current = None
        if current != text:
            stale.append(path)
    return stale


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
