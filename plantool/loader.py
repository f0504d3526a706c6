"""One file's bytes → a validated plan or people model, plus located problems. Never prints, never raises.

The steps are: decode (``sources.decode``), read YAML safely (``yamlread``),
decide what kind of file it is from its top-level keys, validate with the
models, and turn every pydantic error into a ``Problem`` at the line and
column of the offending key or value.
"""

from __future__ import annotations

import difflib
import gc
import types
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ValidationError

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START
from plantool.models import Meaning, PeopleFile, PlanFile, Rating, fold_key
from plantool.problems import Problem
from plantool.sources import Source, decode, read_source
from plantool.yamlread import Positions, read_yaml


@dataclass(slots=True)
class LoadedFile:
    """What one file held: a plan, a people list, or neither (then ``problems`` says why)."""

    path: str
    plan: PlanFile | None = None
    people: PeopleFile | None = None
    problems: list[Problem] = field(default_factory=list)
    salvaged: PlanFile | PeopleFile | None = None
    """For a file with problems in its fields: what of it is sound, for the checks across files only.

    Every field or item the file's own problems point at is left out (a whole item when
    it lacks what it cannot do without, such as its id), so unknown leads, duplicate ids
    and links are still judged on the rest in the same run. Never shown, never edited:
    commands see the file as unreadable (``plan`` and ``people`` stay None).
    """


class FileCache(Protocol):
    """Where an earlier result for the same bytes may be found: the disk cache (``plantool.cache``),
    or the files already loaded from git (``gitrev``: a working-tree file as committed is loaded once)."""

    def get(self, data: bytes, path: str, variant: str = "") -> LoadedFile | None: ...

    def put(self, data: bytes, loaded: LoadedFile, variant: str = "") -> None: ...

    def tidy(self) -> None: ...


def load_source(
    source: Source, *, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START, cache: FileCache | None = None
) -> LoadedFile:
    """One file from disk; with a ``cache``, an unchanged file's earlier result (``plantool.cache``)."""
    data = read_source(source)
    if isinstance(data, Problem):
        return LoadedFile(source.display, problems=[data])
    if cache is None:
        return load_bytes(data, source.display, financial_year_start=financial_year_start)
    # The reading rules that vary by setting are part of the key: the same bytes read with
    # another financial year start are another entry.
    variant = f"financial_year_start={financial_year_start}"
    loaded = cache.get(data, source.display, variant)
    if loaded is None:
        loaded = load_bytes(data, source.display, financial_year_start=financial_year_start)
        cache.put(data, loaded, variant)
    return loaded


def load_bytes(data: bytes, path: str, *, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> LoadedFile:
    text = decode(data)
    if isinstance(text, tuple):
        line, col, message = text
        return LoadedFile(path, problems=[Problem(path, line, col, message)])
    return load_text(text, path, financial_year_start=financial_year_start)


def load_text(text: str, path: str, *, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> LoadedFile:
    """Load one plan or people file from text (no BOM); the library's entry point for in-memory YAML.

    ``financial_year_start``: the month a financial year such as ``2012/13`` starts in
    (``plantool.toml``'s setting of that name; April unless it says otherwise).
    """
    try:
        loaded = _load_text(text, path, financial_year_start)
        loaded.problems[:] = capped(loaded.problems, path)
        return loaded
    except (
        RecursionError,
        MemoryError,
        ValueError,
    ) as error:  # one error boundary: bad input is a problem, never a crash (docs/format.md)
        return LoadedFile(path, problems=[Problem(path, 1, 1, f"could not be loaded: {type(error).__name__}")])


def _load_text(text: str, path: str, financial_year_start: int) -> LoadedFile:
    document = read_yaml(text)
    loaded = LoadedFile(path)
    loaded.problems.extend(Problem(path, p.line, p.col, p.message) for p in document.problems)
    if document.fatal:
        return loaded
    data = document.data
    model = _file_model(data)
    if model is None:
        # Say what it is not, and stop: the other problems of a file that is no plan would
        # echo its contents (anchor names, keys), and it may be anything - a secret, too.
        # Only a key that is nearly one of ours ("plans:", "People:") is named.
        slips = _slips(path, data, ("plan", "people"), document.positions, cutoff=0.75)
        loaded.problems[:] = slips or [Problem(path, *document.positions.locate(data, ()), _shape_message(data))]
        return loaded
    context: dict[str, Any] = {"financial_year_start": financial_year_start}
    if document.positions.root_base is not None:  # each model learns where it stands (``Located.model_validate``)
        context["place"] = (document.positions.store, document.positions.root_base)
    if model is PlanFile:
        scale = _declared_scale(data)
        if scale is not _DEFAULT:
            context["scale"] = scale
    try:
        result = model.model_validate(data, context=context)
    except ValidationError as error:
        details = error.errors(include_input=False, include_url=False)
        for seen, detail in enumerate(details):
            if len(loaded.problems) > MAX_PROBLEMS_PER_FILE:
                # Locating the rest would cost as much as the file is big, to print nothing.
                unlocated = len(details) - seen
                loaded.problems[:] = capped(loaded.problems, path, unlocated)
                break
            if detail["type"] == "plan_content":
                # "finding:" for "findings:": say so at the key rather than that findings are missing.
                slips = _slips(path, data, ("priorities", "findings"), document.positions)
                if slips:
                    loaded.problems.extend(slips)
                    continue
            problem = _problem(path, model, detail, data, document.positions)
            if (problem.line, problem.col) in document.refused:
                continue  # about the reader's stand-in for a value it refused and already reported
            loaded.problems.append(problem)
        later: list[Any] = []
        loaded.salvaged = salvage(model, data, details, context, document.positions, later)
        loaded.problems.extend(_problem(path, model, detail, data, document.positions) for detail in later)
        return loaded
    if isinstance(result, PlanFile):
        loaded.plan = result
    else:
        loaded.people = result
    return loaded


# ---------------------------------------------------------------------------
# What is sound in a file with problems


_SALVAGE_PASSES = 8
"""Each pass leaves out more (a field, then the item that needed it); a plan is about six levels deep."""


def salvage(
    model: type[PlanFile] | type[PeopleFile],
    data: Any,
    details: list[Any],
    context: dict[str, Any],
    positions: Positions,
    found: list[Any] | None = None,
) -> PlanFile | PeopleFile | None:
    """The file's model without what ``details`` (pydantic's errors) point at; None if nothing sound is left.

    ``found`` gathers the errors that only show once the rest reads (``_ACROSS_FIELDS``).

    Changes ``data`` in place, renumbering the positions of each list it shortens to
    match. Only called once a file has failed validation: a valid file never pays for this.
    """
    for _ in range(_SALVAGE_PASSES):
        if not _leave_out(model, data, [tuple(detail["loc"]) for detail in details], positions, details):
            return None
        try:
            return model.model_validate(data, context=context)
        except ValidationError as error:
            # What is wrong now mostly follows from what was left out (a required field gone);
            # the user has been told about the cause, so that is not reported. A check across
            # one item's fields (``_ACROSS_FIELDS``) ran only now that they read: it is news.
            details = error.errors(include_input=False, include_url=False)
            if found is not None:
                found.extend(detail for detail in details if detail["type"] in _ACROSS_FIELDS)
    return None


_ACROSS_FIELDS = frozenset({"period", "scale"})
"""Errors of the checks that look at several fields of one item once each reads: a period that
ends before it starts, ``scale`` beside ``rag_key``. pydantic skips them while a field is wrong."""


_STAND_IN = "…"
"""Put in place of a required text field (a title) that is missing or unreadable, so the
item's ids and leads can still be checked; never shown, as a salvaged model never is."""


def _leave_out(
    root: type[BaseModel], data: Any, locs: list[tuple[Any, ...]], positions: Positions, details: list[Any]
) -> bool:
    """Remove from ``data`` each value a location points at; False when the file itself would go."""
    doomed_keys: list[tuple[dict[str, Any], str, Any]] = []
    doomed_items: dict[int, tuple[list[Any], tuple[Any, ...], set[int]]] = {}
    for loc, detail in zip(locs, details, strict=True):
        if detail["type"] == "missing" and loc and isinstance(loc[-1], str):
            owner = _model_at(root, loc[:-1])
            info = owner.model_fields.get(loc[-1]) if owner is not None else None
            if info is not None and info.annotation is str and loc[-1] != "id" and _exists(data, loc[:-1]):
                container = _walk(data, loc[:-1])
                if isinstance(container, dict):
                    container[loc[-1]] = _STAND_IN
                    continue
            loc = loc[:-1]  # the item cannot be built without it: leave the item out
        # Step back to the deepest value that is really there (a location may name a
        # dictionary key's own check, or a field that is missing).
        while loc and not _exists(data, loc):
            loc = loc[:-1]
        if not loc:
            return False
        parent, step = _walk(data, loc[:-1]), loc[-1]
        if isinstance(parent, list) and isinstance(step, int):
            doomed_items.setdefault(id(parent), (parent, loc[:-1], set()))[2].add(step)
        elif isinstance(parent, dict):
            owner = _model_at(root, loc[:-1])
            info = owner.model_fields.get(step) if owner is not None else None
            # A list left out is an empty list, so "has findings:" stays true of the file.
            empty = [] if info is not None and info.default_factory is list else _GONE
            doomed_keys.append((parent, step, empty))
    for parent, step, empty in doomed_keys:
        if step in parent:
            if empty is _GONE:
                del parent[step]
            else:
                parent[step] = empty
    for items, path, indexes in doomed_items.values():
        kept = [index for index in range(len(items)) if index not in indexes]
        # Item positions are by index: renumber them to match what is left.
        positions.keep_items(data, path, kept)
        items[:] = [items[index] for index in kept]
    return True


_GONE: Any = object()


def _walk(data: Any, loc: tuple[Any, ...]) -> Any:
    node = data
    for step in loc:
        node = node[step]
    return node


def _exists(data: Any, loc: tuple[Any, ...]) -> bool:
    node = data
    for step in loc:
        there = (isinstance(node, dict) and isinstance(step, str) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        )
        if not there:
            return False
        node = node[step]
    return True


MAX_PROBLEMS_PER_FILE = 100
"""More than this in one file is one mistake repeated (a pasted list, a wrong shape): the
first hundred show it, and the rest are counted, not printed."""


_MORE_PREFIX = "… and "


def capped(problems: list[Problem], path: str, unlocated: int = 0) -> list[Problem]:
    """At most ``MAX_PROBLEMS_PER_FILE`` problems, then one saying how many more there are."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE and not unlocated:
        return problems
    if len(problems) == MAX_PROBLEMS_PER_FILE + 1 and problems[-1].message.startswith(_MORE_PREFIX):
        return problems  # capped already
    kept = sorted(problems, key=lambda problem: problem.sort_key)[:MAX_PROBLEMS_PER_FILE]
    more = len(problems) - len(kept) + unlocated
    last = kept[-1]
    return [*kept, Problem(path, last.line, last.col, f"{_MORE_PREFIX}{more:,} more problems in this file, not shown")]


_DEFAULT: Any = object()


def _declared_scale(data: dict[str, Any]) -> Any:
    """The plan's own scale as ``{folded key: Rating}`` for checking its statuses, read before validation.

    ``_DEFAULT`` when the plan declares none; None when its scale is too broken to
    read (validation reports that, and statuses are then not checked against it).
    """
    meta = data.get("plan")
    scale = meta.get("scale") if isinstance(meta, dict) else None
    if scale is None:
        return _DEFAULT
    if not isinstance(scale, list):
        return None
    ratings: dict[str, Rating] = {}
    for entry in scale:
        key = entry.get("key") if isinstance(entry, dict) else None
        means = entry.get("means") if isinstance(entry, dict) else None
        if not isinstance(key, str) or not isinstance(means, str) or means.strip().lower() not in _MEANINGS:
            return None
        ratings.setdefault(fold_key(key), Rating(key.strip(), Meaning(means.strip().lower())))
    return ratings


_MEANINGS = {meaning.value for meaning in Meaning}


def _file_model(data: Any) -> type[PlanFile] | type[PeopleFile] | None:
    if not isinstance(data, dict):
        return None
    if "plan" in data:
        return PlanFile
    if "people" in data:
        return PeopleFile
    return None


def _slips(path: str, data: Any, wanted: tuple[str, ...], positions: Positions, cutoff: float = 0.6) -> list[Problem]:
    """An unknown top-level key that is a slip for one of ``wanted``, as the problem "did you mean ...?"."""
    if not isinstance(data, dict):
        return []
    found = []
    for key in data:
        close = difflib.get_close_matches(key.casefold(), wanted, n=1, cutoff=cutoff)
        if close and key not in wanted:
            where = positions.locate(data, (key,), at_key=True)
            found.append(Problem(path, *where, f"unknown key {_shown(key)}; did you mean {close[0]!r}?"))
    return found


def _shown(key: str) -> str:
    return repr(key) if len(key) <= 64 else repr(key[:60] + "…")


def _shape_message(data: Any) -> str:
    expected = "a plan file needs 'plan:' with 'priorities:' or 'findings:'; a people file needs 'people:'"
    if data is None:
        return f"the file is empty; {expected}"
    if isinstance(data, dict):
        return f"not a plan or people file; {expected}"
    what = "a list" if isinstance(data, list) else "a single value"
    return f"the file holds {what}, not a mapping; {expected}"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading allocates many small objects and frees none; collecting meanwhile is wasted work.

    Measured: pausing the collector cut load time by a quarter at 10k actions.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# ---------------------------------------------------------------------------
# Pydantic errors → problems at line:col


_MESSAGES = {
    "missing": "missing required field {field!r}",
    "list_type": "expected a list ('- item' lines, or [a, b])",
    "dict_type": "expected a mapping of fields (key: value lines)",
    "model_type": "expected a mapping of fields (key: value lines)",
    "model_attributes_type": "expected a mapping of fields (key: value lines)",
    "string_type": "expected text",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
}


def _problem(path: str, model: type[BaseModel], detail: Any, data: Any, positions: Positions) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    at_key = kind == "extra_forbidden"
    line, col = positions.locate(data, loc, at_key=at_key)
    name = _field_name(loc)
    if kind == "extra_forbidden":
        message = _unknown_key(model, loc)
    elif kind in _MESSAGES:
        message = _MESSAGES[kind].format(field=name)
        if kind != "missing" and name:
            message = f"{name}: {message}"
    elif kind in ("string_too_long", "too_long"):
        limit = (detail.get("ctx") or {}).get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        message = f"{name}: longer than the {limit:,} {unit} allowed" if limit else f"{name}: too long"
    else:
        text = detail["msg"]
        # "kind must be ..." names its field already: "kind: kind must be" says it twice.
        named = name.split("[", 1)[0]
        message = f"{name}: {text}" if name and not text.startswith(f"{named} ") else text
    return Problem(path, line, col, message)


def _field_name(loc: tuple[Any, ...]) -> str:
    """``leads[1]`` or ``due``: the last field named in the location, with any index after it.

    pydantic's own steps (``[key]``, where a mapping's key rather than its value was wrong) are not fields.
    """
    loc = tuple(step for step in loc if not (isinstance(step, str) and step.startswith("[")))
    for index in range(len(loc) - 1, -1, -1):
        if isinstance(loc[index], str):
            return str(loc[index]) + "".join(f"[{i}]" for i in loc[index + 1 :])
    return ""


def _unknown_key(root: type[BaseModel], loc: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    model = _model_at(root, loc[:-1])
    known = list(model.model_fields) if model is not None else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {key!r}; did you mean {close[0]!r}?"
    if known:
        return f"unknown key {key!r}; the keys here are: {', '.join(known)}"
    return f"unknown key {key!r}"


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``loc`` (list indexes are stepped over)."""
    model: type[BaseModel] | None = root
    for step in loc:
        if isinstance(step, int):
            continue
        if model is None or step not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[step].annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _inner_model(argument)
            if found is not None:
                return found
    return None
