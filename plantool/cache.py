"""The warm cache: what loading a file gave, kept so an unchanged file is not read as YAML and validated again.

An entry holds one file's loaded result (the validated plan or people model,
with every position, and the file's own problems; for a file with problems, the
sound part the checks across files judge) and is found by a key made
from the file's bytes, plantool's version, the source of the modules that
decide what loading gives, and the settings. The key is a hash of the content,
never of a name, size or modification time, so any changed byte is a miss,
even an edit that keeps the size and the mtime. Problems across files (unknown
leads, duplicate ids, links) are not cached: they depend on every file, and are
worked out again on each run from the cached models, which is cheap.

Where and how (docs/decisions.md, "The warm cache"):

- the folder is ``$XDG_CACHE_HOME/plantool`` (else ``~/.cache/plantool``), made
  ``0700``; a folder or entry not owned by the user, or writable by anyone else,
  is never read (it could have been planted), and then nothing is cached;
- an entry is a checksummed ``marshal`` of plain values (text, numbers, tuples,
  lists, dicts), never pickle: reading one builds data and runs no code. A model
  is rebuilt from its recorded fields without validating again, which is what
  makes a warm run fast; only classes plantool itself defines are rebuilt;
- a damaged, truncated or unexpected entry is a miss, never an error;
- entries are written to a temporary file and renamed into place, so two
  processes filling the cache at once each leave a whole entry;
- the folder is bounded (``MAX_CACHE_BYTES``): the least recently used entries
  go first.

The library never uses the cache unless given one (``load_folder(..., cache=)``);
the command line does unless ``--no-cache`` or ``PLANTOOL_NO_CACHE`` says not to.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import marshal
from array import array
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import plantool
from plantool import dates, loader, models, nfc, positions, problems, sources, yamlread
from plantool.cachefolder import DIGEST as _DIGEST
from plantool.cachefolder import cache_folder as cache_folder  # where the folder is: tests and callers ask here
from plantool.cachefolder import open_folder, read_entry, switched_off, tidy, write_entry
from plantool.loader import LoadedFile
from plantool.positions import PositionStore

FORMAT = b"plantool-cache 3\n"
"""First bytes of every entry; a change to the encoding below changes it."""

MAX_CACHE_BYTES = 256 * 1024 * 1024
"""The whole folder; at about 1 KB per action that is some 200,000 actions."""

MAX_ENTRY_BYTES = 64 * 1024 * 1024
"""One entry; a plan file is at most 16 MiB (``sources.MAX_FILE_BYTES``)."""

_SUFFIX = ".entry"
# The modules whose code decides what loading a file gives: a change to any of them
# (a new field, a new rule for dates) must be a miss even when the version is the same.
_LOADING_MODULES = (dates, loader, models, nfc, positions, problems, sources, yamlread)


class Uncacheable(Exception):
    """A loaded value of a kind the cache does not know how to keep; the file is simply not cached."""


class Cache:
    """One folder of entries, opened for one run; see the module docstring for the rules it keeps."""

    def __init__(self, folder: Path, settings: Mapping[str, Any] | None = None) -> None:
        self.folder = folder
        self.written = 0
        digest = hashlib.blake2b(FORMAT + plantool.__version__.encode(), digest_size=_DIGEST)
        for module in _LOADING_MODULES:
            digest.update(Path(module.__file__ or "").read_bytes())
        digest.update(repr(sorted((settings or {}).items())).encode())
        self._prefix = digest.digest()

    # -- reading ---------------------------------------------------------------------

    def key(self, data: bytes, variant: str = "") -> str:
        """The entry's name: the file's bytes, how they were read (``variant``), and this cache's prefix."""
        head = variant.encode("utf-8")
        digest = hashlib.blake2b(self._prefix + len(head).to_bytes(4, "big") + head, digest_size=_DIGEST)
        digest.update(data)
        return digest.hexdigest()

    def get(self, data: bytes, path: str, variant: str = "") -> LoadedFile | None:
        """The cached result of loading ``data`` (shown as ``path``), or None on any kind of miss."""
        payload = read_entry(self.folder / (self.key(data, variant) + _SUFFIX), FORMAT, MAX_ENTRY_BYTES)
        if payload is None:
            return None
        try:
            plan, people, found, salvaged = _decode(marshal.loads(payload))
        except Exception:  # a damaged or unexpected entry is a miss, whatever it holds
            return None
        return LoadedFile(path, plan, people, [dataclasses.replace(p, path=path) for p in found], salvaged)

    # -- writing ---------------------------------------------------------------------

    def put(self, data: bytes, loaded: LoadedFile, variant: str = "") -> None:
        """Keep ``loaded`` under the key of ``data``; anything that goes wrong leaves the cache as it was."""
        try:
            payload = marshal.dumps(_encode_file(loaded))
        except (Uncacheable, ValueError, RecursionError):
            return
        if len(FORMAT) + _DIGEST + len(payload) > MAX_ENTRY_BYTES:
            return
        self.written += write_entry(self.folder / (self.key(data, variant) + _SUFFIX), FORMAT, payload)

    def tidy(self, limit: int = MAX_CACHE_BYTES) -> None:
        """Evict the least recently used entries until the folder is under ``limit``; drop dead temporaries."""
        if self.written:
            tidy(self.folder, _SUFFIX, limit)


def open_cache(environ: Mapping[str, str], settings: Mapping[str, Any] | None = None) -> Cache | None:
    """The user's cache folder, made if need be; None when it is switched off or cannot be trusted."""
    if switched_off(environ):
        return None
    folder = open_folder(environ)
    if folder is None:
        return None
    try:
        return Cache(folder, settings)
    except OSError:
        return None


# ---------------------------------------------------------------------------
# The encoding: loaded models as plain values, and back.
#
# Text, numbers, booleans and None stand for themselves; a list is a list. Anything
# else is a tuple whose first item is a one-byte tag: a model, a dataclass value (a
# PlanDate), an enum member (a Status), a day, a tuple, or a mapping with keys that
# are not text. A model keeps the base of its entry in the file's positions
# (``plantool.positions``), and the file's one ``PositionStore`` goes beside the
# models, as its array's bytes and its layouts' keys.

_MODEL, _VALUE, _MEMBER, _DAY, _TUPLE, _PAIRS = b"M", b"V", b"E", b"D", b"T", b"K"
_PLAIN = (str, int, float, bool, type(None))


def _known_classes() -> dict[str, type]:
    """The classes an entry may name: plantool's own models, enums and value classes, nothing else."""
    known: dict[str, type] = {}
    for module in (models, dates, problems):
        for name, value in vars(module).items():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            if issubclass(value, (BaseModel, enum.Enum)) or dataclasses.is_dataclass(value):
                known[name] = value
    return known


_CLASSES = _known_classes()


def _encode_file(loaded: LoadedFile) -> tuple[Any, ...]:
    encoder = _Encoder()
    found = tuple(encoder.value(dataclasses.replace(p, path="")) for p in loaded.problems)
    models_ = (encoder.value(loaded.plan), encoder.value(loaded.people), found, encoder.value(loaded.salvaged))
    store = encoder.store
    kept = None if store is None else (store.numbers.tobytes(), tuple(tuple(layout) for layout in store.layouts))
    return (*models_, kept)


class _Encoder:
    """Encodes one file's values; the models of one file share one ``PositionStore``, kept once."""

    def __init__(self) -> None:
        self.store: PositionStore | None = None

    def value(self, value: Any) -> Any:
        kind = type(value)
        if kind in _PLAIN:
            return value
        if kind is list or value is models.NO_ITEMS:
            return [self.value(item) for item in value]
        if isinstance(value, BaseModel):
            if value.__pydantic_extra__ or value.__pydantic_private__ or _CLASSES.get(kind.__name__) is not kind:
                raise Uncacheable(kind.__name__)
            fields = {name: self.value(item) for name, item in value.__dict__.items()}
            return (_MODEL, kind.__name__, tuple(sorted(value.__pydantic_fields_set__)), fields, self.base(value))
        if isinstance(value, enum.Enum):
            if _CLASSES.get(kind.__name__) is not kind:
                raise Uncacheable(kind.__name__)
            return (_MEMBER, kind.__name__, value.value)
        if kind is date:
            return (_DAY, value.toordinal())
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if _CLASSES.get(kind.__name__) is not kind:
                raise Uncacheable(kind.__name__)
            values = tuple(self.value(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init)
            return (_VALUE, kind.__name__, values)
        if kind is tuple:
            return (_TUPLE, tuple(self.value(item) for item in value))
        if kind is dict:
            return (_PAIRS, tuple((self.value(k), self.value(v)) for k, v in value.items()))
        raise Uncacheable(kind.__name__)

    def base(self, model: BaseModel) -> int | None:
        place = models.placed_at(model) if isinstance(model, models.Located) else None
        if place is None:
            return None
        store, base = place
        if self.store is None:
            self.store = store
        elif store is not self.store:
            raise Uncacheable("models placed in two files")
        return base


def _decode(
    payload: Any,
) -> tuple[
    models.PlanFile | None, models.PeopleFile | None, list[problems.Problem], models.PlanFile | models.PeopleFile | None
]:
    plan_data, people_data, found_data, salvaged_data, store_data = payload
    decoder = _Decoder(_decode_store(store_data))
    plan, people = decoder.value(plan_data), decoder.value(people_data)
    found = [decoder.value(item) for item in found_data]
    salvaged = decoder.value(salvaged_data)
    if (
        not (plan is None or isinstance(plan, models.PlanFile))
        or not (people is None or isinstance(people, models.PeopleFile))
        or not (salvaged is None or isinstance(salvaged, models.PlanFile | models.PeopleFile))
    ):
        raise TypeError("an entry of the wrong shape")
    if not all(isinstance(problem, problems.Problem) for problem in found):
        raise TypeError("an entry of the wrong shape")
    return plan, people, found, salvaged


def _decode_store(data: Any) -> PositionStore | None:
    if data is None:
        return None
    numbers_data, layouts_data = data
    numbers = array("q")
    numbers.frombytes(numbers_data)
    layouts = [{key: place for place, key in enumerate(keys)} for keys in layouts_data]
    if not all(type(key) is str for layout in layouts for key in layout):
        raise TypeError("an entry of the wrong shape")
    return PositionStore(numbers, layouts)


class _Decoder:
    """Rebuilds values; equal small values (a date, a status) are rebuilt once and shared, as they are immutable."""

    def __init__(self, store: PositionStore | None) -> None:
        self.shared: dict[Any, Any] = {}
        self.store = store

    def value(self, data: Any) -> Any:
        kind = type(data)
        if kind in _PLAIN:
            return data
        if kind is list:
            return self.list(data)
        if kind is not tuple:
            raise TypeError("an entry of the wrong shape")
        tag = data[0]
        if tag == _MODEL:
            return self.model(data[1], data[2], data[3], data[4])
        known = self.shared.get(data)
        if known is not None:
            return known
        if tag == _MEMBER:
            made: Any = _CLASSES[data[1]](data[2])
            if not isinstance(made, enum.Enum):
                raise TypeError("an entry of the wrong shape")
        elif tag == _DAY:
            made = date.fromordinal(data[1])
        elif tag == _VALUE:
            cls = _CLASSES[data[1]]
            if not dataclasses.is_dataclass(cls):
                raise TypeError("an entry of the wrong shape")
            made = cls(*(self.value(item) for item in data[2]))
        elif tag == _TUPLE:
            made = tuple(self.value(item) for item in data[1])
        elif tag == _PAIRS:
            return {self.value(k): self.value(v) for k, v in data[1]}
        else:
            raise TypeError("an entry of the wrong shape")
        self.shared[data] = made
        return made

    def list(self, items: list[Any]) -> list[Any]:
        if all(type(item) is str for item in items):  # leads, links, tags: text as it was read
            return items
        return [self.value(item) for item in items]

    def model(self, name: str, fields_set: tuple[str, ...], fields: dict[str, Any], base: int | None) -> BaseModel:
        cls = _CLASSES[name]
        if not issubclass(cls, BaseModel) or type(fields) is not dict:
            raise TypeError("an entry of the wrong shape")
        shared = self.shared
        for key, item in fields.items():
            kind = type(item)
            # Text, numbers, None and booleans stand for themselves.
            if kind is tuple:
                found = None if item[0] == _MODEL else shared.get(item)
                fields[key] = found if found is not None else self.value(item)
            elif kind is list:
                fields[key] = self.list(item) if item else models.NO_ITEMS  # as loading shares them
        # What pydantic's model_construct does, without its defaults pass: every field was
        # recorded, so the instance is the one validation built, field for field.
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", fields)
        object.__setattr__(model, "__pydantic_fields_set__", models.shared_fields_set(fields_set))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        if base is not None:
            store = self.store
            if not isinstance(model, models.Located) or store is None or type(base) is not int:
                raise TypeError("an entry of the wrong shape")
            if not 0 <= base < len(store.numbers) - 1:
                raise TypeError("an entry of the wrong shape")
            models.place_model(model, store, base)
        return model
