"""JSON Schema for editors, generated from the models so it can never drift from what plantool accepts.

``plantool schema`` writes these files; ``plantool schema --check`` and a test
fail when the committed ones differ from what the models generate now.

The files must compile in the strictest validators as well as the lenient ones:
ajv's strict mode refuses a union ``type`` list (it cannot tell which keywords
belong to which type) and a ``required`` name that the same schema object does
not define. pydantic writes both, so ``strict`` rewrites them into the plain
equivalents (one ``anyOf`` branch per type; the required name defined in its
branch) after generation: whatever the models become, the output stays strict.
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
        texts[name] = json.dumps(strict(schema), indent=2, ensure_ascii=False) + "\n"
    return texts


# The keywords that constrain only one JSON type: in a union, each goes to its own type's branch.
_TYPED_KEYWORDS = {
    "string": ("minLength", "maxLength", "pattern", "format", "contentEncoding", "contentMediaType"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "integer": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "array": ("items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "minContains", "maxContains"),
    "object": (
        "properties", "patternProperties", "additionalProperties", "required", "propertyNames",
        "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
    ),
}  # fmt: skip
_BRANCHES = ("anyOf", "oneOf", "allOf")


def strict(schema: Any) -> Any:
    """``schema`` with every union type split into ``anyOf`` branches and every ``required`` name defined where it is required.

    Both rewrites accept exactly the documents the original accepts.
    """
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    schema = {key: strict(value) for key, value in schema.items()}
    types = schema.get("type")
    if isinstance(types, list):
        schema = _split_union(schema, types)
    elif types is None and isinstance(schema.get("anyOf"), list):
        schema = _push_typed_keywords(schema)
    defined = schema.get("properties")
    if isinstance(defined, dict):
        for keyword in _BRANCHES:
            if keyword in schema:
                schema[keyword] = [_define_required(branch, defined) for branch in schema[keyword]]
    return schema


def _split_union(schema: dict[str, Any], types: list[str]) -> dict[str, Any]:
    typed = {keyword for keywords in _TYPED_KEYWORDS.values() for keyword in keywords}
    outer = {key: value for key, value in schema.items() if key != "type" and key not in typed}
    branches = [
        {"type": kind} | {key: schema[key] for key in _TYPED_KEYWORDS.get(kind, ()) if key in schema} for kind in types
    ]
    if "anyOf" in outer:  # never the case for pydantic's output, but keep both constraints if it happens
        return {"allOf": [{"anyOf": branches}, outer]}
    # The branches go first, where the union type stood, so the file reads in the same order.
    return {key: value for key, value in [("anyOf", branches), *outer.items()]}


def _push_typed_keywords(schema: dict[str, Any]) -> dict[str, Any]:
    """Keywords for one type beside an ``anyOf`` of typed branches (pydantic's ``maxLength`` beside an optional
    list), moved into the branches of that type; where no branch has it, the keyword constrained nothing."""
    typed = {keyword for keywords in _TYPED_KEYWORDS.values() for keyword in keywords}
    branches = schema["anyOf"]
    kinds = [str(branch.get("type")) if isinstance(branch, dict) else "" for branch in branches]
    if not typed & schema.keys() or any(kind not in _TYPED_KEYWORDS and kind != "null" for kind in kinds):
        return schema  # nothing to move, or a branch without one type (a $ref, an enum): leave it as it is
    moved = {key: value for key, value in schema.items() if key != "anyOf"}
    pushed = []
    for branch, kind in zip(branches, kinds, strict=True):
        own = {key: schema[key] for key in _TYPED_KEYWORDS.get(kind, ()) if key in schema}
        pushed.append(branch | own)
    return {"anyOf": pushed} | {key: value for key, value in moved.items() if key not in typed}


def _define_required(branch: Any, defined: dict[str, Any]) -> Any:
    """A branch that requires a property the enclosing schema defines, with that property defined in it too
    (as ``true``: the enclosing schema already says what it must be)."""
    if not isinstance(branch, dict) or not isinstance(branch.get("required"), list):
        return branch
    own = branch.get("properties", {})
    missing = [name for name in branch["required"] if name in defined and name not in own]
    if not missing:
        return branch
    return branch | {"properties": own | dict.fromkeys(missing, True)}


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
