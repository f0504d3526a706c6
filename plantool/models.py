"""The plan file format as pydantic models: what a plan, a finding, an action and a person are.

The loader hands these models plain text (see ``yamlread``), so every field
that is not text parses its value here, by our own rules: dates through
``dates.parse_plan_date``, booleans only from ``true``/``false``, numbers only
from decimal digits. Nothing is coerced behind the user's back (docs/format.md,
"How plantool reads the YAML").

Models hold what the file says and nothing more. Values that flow from a
finding to its actions ("effective" leads, due, status) are worked out by
``workspace.Item``, not stored here.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, NoReturn, SupportsIndex

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError
from typing_extensions import Self

from plantool.dates import ACCEPTED_FORMS, DEFAULT_FINANCIAL_YEAR_START, PlanDate, shared_plan_date
from plantool.nfc import nfc
from plantool.positions import NOWHERE, PositionStore

# ---------------------------------------------------------------------------
# Field types: each parses text by our rules and says in JSON Schema what an
# editor should accept (editors read YAML 1.2, where `true` is a boolean and
# `1.10` a number, so the schema admits what plantool itself accepts).


class Status(str, Enum):
    """The default scale's keys (the version-1 RAG key). Not rated is ``None``, never a fifth value."""

    GREEN = "GREEN"
    AMBER = "AMBER"
    RED = "RED"
    BLUE = "BLUE"

    def __str__(self) -> str:
        return self.value


DEFAULT_RAG_KEY = {
    Status.GREEN: "On target for delivery",
    Status.AMBER: "Delays / issues but delivery on course",
    Status.RED: "Major issues preventing delivery",
    Status.BLUE: "Complete",
}


class Meaning(str, Enum):
    """What a status means, whatever a plan calls it: rules, roll-ups and cross-plan totals use this, never the key."""

    DONE = "done"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    NOT_STARTED = "not-started"
    NO_UPDATE = "no-update"
    """The lead has not reported ("Awaiting update"): treated as not rated, counted apart."""

    def __str__(self) -> str:
        return self.value


DEFAULT_MEANINGS = {
    Status.GREEN: Meaning.ON_TRACK,
    Status.AMBER: Meaning.AT_RISK,
    Status.RED: Meaning.OFF_TRACK,
    Status.BLUE: Meaning.DONE,
}


@dataclass(frozen=True, slots=True, eq=False)
class Rating:
    """A status as the plan wrote it: one of its scale's keys (as the scale spells it) and what that key means.

    A rating equals its key as text, so version-1 code that compares with ``Status.GREEN``
    or ``"GREEN"`` keeps working; two ratings are equal when key and meaning are.
    """

    key: str
    means: Meaning

    def __str__(self) -> str:
        return self.key

    @property
    def value(self) -> str:
        """The key, under the name version 1's ``Status`` gave it."""
        return self.key

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rating):
            return self.key == other.key and self.means is other.means
        if isinstance(other, str):
            return self.key == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def done(self) -> bool:
        return self.means is Meaning.DONE


DEFAULT_RATINGS: dict[str, Rating] = {status.value: Rating(status.value, DEFAULT_MEANINGS[status]) for status in Status}
"""The default scale's keys, folded to upper case, as ratings."""


def fold_key(text: str) -> str:
    """A scale key as it is matched: any case, surrounding space ignored ("On track" = "on TRACK "),
    and in one Unicode form, so "Réalisé" typed with a combining accent matches the plan's key."""
    return nfc(" ".join(text.split()).casefold())


class Recurrence(str, Enum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"

    def __str__(self) -> str:
        return self.value


def _status(value: Any, info: ValidationInfo) -> Rating:
    """A key of the plan's scale (the loader passes it as context), else of the default scale."""
    if isinstance(value, Rating):
        return value
    if isinstance(value, Status):
        return DEFAULT_RATINGS[value.value]
    context = info.context if isinstance(info.context, dict) else {}
    scale: dict[str, Rating] | None = context.get("scale", _DEFAULT_FOLDED)
    if isinstance(value, str):
        if scale is None:  # the plan's scale itself is broken and reported; its keys cannot be checked
            return Rating(value.strip(), Meaning.NO_UPDATE)
        found = scale.get(fold_key(value))
        if found is not None:
            return found
    keys = list(dict.fromkeys(rating.key for rating in (scale or _DEFAULT_FOLDED).values()))
    shown = _quote(value) if isinstance(value, str) else "this value"
    raise PydanticCustomError(
        "status",
        "{value} is not on the plan's scale; use {keys} (any case), or leave it out for not rated",
        {"value": shown, "keys": _either(keys)},
    )


_DEFAULT_FOLDED = {fold_key(key): rating for key, rating in DEFAULT_RATINGS.items()}


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _default_status(value: Any) -> Status:
    """A key of the default scale, for ``rag_key``, which relabels that scale."""
    if isinstance(value, Status):
        return value
    if isinstance(value, str) and value.strip().upper() in Status.__members__:
        return Status[value.strip().upper()]
    raise PydanticCustomError(
        "status", "rag_key relabels GREEN, AMBER, RED and BLUE (any case); for other keys use scale"
    )


def _meaning(value: Any) -> Meaning:
    if isinstance(value, Meaning):
        return value
    if isinstance(value, str):
        try:
            return Meaning(value.strip().lower())
        except ValueError:
            pass
    raise PydanticCustomError("means", "means must be one of " + _either([m.value for m in Meaning]))


def _recurrence(value: Any) -> Recurrence:
    if isinstance(value, Recurrence):
        return value
    if isinstance(value, str):
        try:
            return Recurrence(value.strip().lower())
        except ValueError:
            pass
    raise PydanticCustomError("recurs", "recurs must be monthly, quarterly or annually")


def _plan_date(value: Any, info: ValidationInfo) -> PlanDate:
    if isinstance(value, PlanDate):
        return value
    if isinstance(value, date):
        return PlanDate.day(value)
    if isinstance(value, str):
        # The loader passes plantool.toml's financial_year_start; a model built in Python gets April.
        context = info.context if isinstance(info.context, dict) else {}
        try:
            return shared_plan_date(value, context.get("financial_year_start", DEFAULT_FINANCIAL_YEAR_START))
        except ValueError as error:
            raise PydanticCustomError("plan_date", str(error)) from None
    raise PydanticCustomError("plan_date", f"expected {ACCEPTED_FORMS}")


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise PydanticCustomError("boolean", "expected true or false")


_NUMBER = re.compile(r"[+-]?\d{1,15}(\.\d{1,6})?", re.ASCII)  # ASCII: "٣٠" is not 30


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise PydanticCustomError("number", "expected a number such as 30 or 12.5")
    if isinstance(value, int) and abs(value) < 10**15:
        return value
    if isinstance(value, float) and value == value and abs(value) < 1e15:  # NaN fails value == value
        return value
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        text = value.strip()
        return float(text) if "." in text else int(text)
    raise PydanticCustomError("number", "expected a number such as 30 or 12.5 (at most 15 digits)")


def _distinct_statuses(value: Any) -> Any:
    """``GREEN:`` and ``green:`` are different YAML keys but the same status: say so rather than keep one."""
    if isinstance(value, dict):
        seen: set[str] = set()
        for key in value:
            folded = key.strip().upper() if isinstance(key, str) else key
            if folded in seen:
                raise PydanticCustomError("rag_key", "rag_key gives the status {status} twice", {"status": folded})
            seen.add(folded)
    return value


def _one_or_many(value: Any) -> Any:
    """``leads: GT`` means ``leads: [GT]``."""
    return [value] if isinstance(value, str) else value


def _any_case(words: list[str]) -> str:
    """A JSON Schema (ECMA) pattern matching ``words`` in any case; ECMA regexes have no (?i)."""
    return "^(" + "|".join("".join(f"[{c.upper()}{c.lower()}]" for c in word) for word in words) + ")$"


_MONTH = r"\d{4}-(0[1-9]|1[0-2])"
_DATE_PATTERN = (
    rf"^({_MONTH}(-(0[1-9]|[12]\d|3[01]))?"  # a day or a month
    r"|\d{4}-[Qq][1-4]"  # a quarter
    r"|\d{4}"  # a year
    r"|([Ff][Yy] ?)?\d{4}/\d{2})$"  # a financial year
)
# An editor reads YAML 1.2, where `due: 2024` is a number: the schema admits a year as one.
_DATE_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": _DATE_PATTERN}, {"type": "integer", "minimum": 1900, "maximum": 2999}],
    "description": ACCEPTED_FORMS,
}
# The enum gives editors their completions; the pattern admits any case, as plantool does.
_DEFAULT_STATUS_SCHEMA = {
    "anyOf": [{"enum": [s.value for s in Status]}, {"type": "string", "pattern": _any_case([s.value for s in Status])}],
    "description": "GREEN on target, AMBER delayed but on course, RED major issues, BLUE complete",
}
# A plan may declare its own scale, so any key is possible; the enum still offers the default ones.
_STATUS_SCHEMA = {
    "anyOf": [
        {"enum": [s.value for s in Status]},
        {"type": ["string", "number"], "minLength": 1, "maxLength": 200},
    ],
    "description": "a key of the plan's scale (default: GREEN on target, AMBER delayed but on course, "
    "RED major issues, BLUE complete)",
}
_MEANING_SCHEMA = {"enum": [m.value for m in Meaning]}
_RECURS_SCHEMA = {
    "anyOf": [
        {"enum": [r.value for r in Recurrence]},
        {"type": "string", "pattern": _any_case([r.value for r in Recurrence])},
    ]
}

PlanDateField = Annotated[
    PlanDate, PlainValidator(_plan_date), PlainSerializer(str, return_type=str), WithJsonSchema(_DATE_SCHEMA)
]
StatusField = Annotated[
    Rating, PlainValidator(_status), PlainSerializer(str, return_type=str), WithJsonSchema(_STATUS_SCHEMA)
]
DefaultStatusField = Annotated[
    Status,
    PlainValidator(_default_status),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_DEFAULT_STATUS_SCHEMA),
]
MeaningField = Annotated[
    Meaning, PlainValidator(_meaning), PlainSerializer(str, return_type=str), WithJsonSchema(_MEANING_SCHEMA)
]
RecurrenceField = Annotated[
    Recurrence,
    PlainValidator(_recurrence),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(_RECURS_SCHEMA),
]
Boolean = Annotated[bool, PlainValidator(_boolean), WithJsonSchema({"type": "boolean"})]
Number = Annotated[
    int | float,
    PlainValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -(10**15), "maximum": 10**15}),  # finite: no .inf
]

# Ids are text, but an editor reads an unquoted `id: 1.10` as a number, so the
# schema admits numbers; plantool itself always sees the text "1.10".
_ID_CHARS = r"[A-Za-z0-9][A-Za-z0-9._-]*"
_FINDING_CHARS = r"[A-Za-z0-9][A-Za-z0-9_-]*"  # no dot: it separates finding and action in a reference
_SLUG_CHARS = r"[a-z0-9][a-z0-9-]*"


def _id_schema(pattern: str) -> dict[str, Any]:
    return {"type": ["string", "number"], "pattern": f"^{pattern}$", "maxLength": 64}


def _id_check(pattern: str, what: str) -> PlainValidator:
    regex = re.compile(pattern, re.ASCII)

    def check(value: Any) -> str:
        if isinstance(value, str) and len(value) <= 64 and regex.fullmatch(value):
            return value
        raise PydanticCustomError("id", f"{{value}} is not a valid {what}", {"value": _quote(value)})

    return PlainValidator(check)


def _quote(value: Any) -> str:
    return repr(value) if isinstance(value, str) and len(value) <= 64 else "this value"


ActionId = Annotated[
    str,
    _id_check(_ID_CHARS, "id (letters, digits, '.', '_' or '-'; at most 64)"),
    WithJsonSchema(_id_schema(_ID_CHARS)),
]
FindingId = Annotated[
    str,
    _id_check(_FINDING_CHARS, "finding id (letters, digits, '_' or '-'; no '.'; at most 64)"),
    WithJsonSchema(_id_schema(_FINDING_CHARS)),
]
PersonId = Annotated[
    str,
    _id_check(_ID_CHARS, "person id (letters, digits, '.', '_' or '-'; at most 64)"),
    WithJsonSchema(_id_schema(_ID_CHARS)),
]
PlanId = Annotated[
    str,
    _id_check(_SLUG_CHARS, "plan id (lower-case letters, digits and '-')"),
    WithJsonSchema(_id_schema(_SLUG_CHARS)),
]


def _text_schema(max_length: int) -> WithJsonSchema:
    # Text to plantool; but an editor reads YAML 1.2, where `links: [1.4]` or `title: 2024`
    # are numbers and `title: true` a boolean, so the schema admits those scalars too.
    return WithJsonSchema({"type": ["string", "number", "boolean"], "minLength": 1, "maxLength": max_length})


Title = Annotated[str, Field(min_length=1, max_length=2_000), _text_schema(2_000)]
LongText = Annotated[str, Field(min_length=1, max_length=50_000), _text_schema(50_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=200), _text_schema(200)]
# One id on its own is accepted for a list of people (`leads: GT`).
_PEOPLE_SCHEMA = {"anyOf": [_id_schema(_ID_CHARS), {"type": "array", "items": _id_schema(_ID_CHARS), "maxItems": 50}]}
Leads = Annotated[list[PersonId], BeforeValidator(_one_or_many), Field(max_length=50), WithJsonSchema(_PEOPLE_SCHEMA)]


# ---------------------------------------------------------------------------
# Models


_LISTED = frozenset({"leads", "accountable", "links", "aliases"})
"""Lists whose items a problem can point at one by one."""

_FIELD_SETS: dict[frozenset[str], set[str]] = {}
_FIELD_SETS_MAX = 4096


def shared_fields_set(fields: Iterable[str]) -> set[str]:
    """One set object for every model that was given the same fields.

    pydantic keeps a set of the fields given on each instance (about 400 bytes: 12 MB of
    80 for 10,000 actions). The models are frozen, nothing adds to the set in place
    (``model_copy`` copies it first), so instances given the same fields can share one.
    """
    key = frozenset(fields)
    shared = _FIELD_SETS.get(key)
    if shared is None:
        shared = set(key)
        if len(_FIELD_SETS) < _FIELD_SETS_MAX:  # a bound, whatever a file holds
            _FIELD_SETS[key] = shared
    return shared


class _NoItems(list[Any]):
    """The one empty list that every loaded model's empty list field shares (``NO_ITEMS``).

    An action has six list fields and most are empty: at 10,000 long actions, 40,000
    empty lists were 2.2 MB of 32. The models are frozen, so their lists are not meant
    to change; this one refuses to, so no change can reach every model that shares it.
    It equals ``[]``, dumps as ``[]``, and copies as itself.
    """

    __slots__ = ()

    def _refuse(self) -> NoReturn:
        raise TypeError("a loaded model's empty list is shared and read-only; use model_copy(update=...)")

    def append(self, item: Any, /) -> None:
        self._refuse()

    def extend(self, items: Iterable[Any], /) -> None:
        self._refuse()

    def insert(self, index: SupportsIndex, item: Any, /) -> None:
        self._refuse()

    def remove(self, item: Any, /) -> None:
        self._refuse()

    def pop(self, index: SupportsIndex = -1, /) -> Any:
        self._refuse()

    def clear(self) -> None:
        self._refuse()

    def sort(self, *, key: Any = None, reverse: bool = False) -> None:
        self._refuse()

    def reverse(self) -> None:
        self._refuse()

    def __setitem__(self, index: Any, value: Any, /) -> None:
        self._refuse()

    def __delitem__(self, index: Any, /) -> None:
        self._refuse()

    def __iadd__(self, items: Iterable[Any], /) -> NoReturn:  # type: ignore[misc]  # refuses whatever it is given
        self._refuse()

    def __imul__(self, times: SupportsIndex, /) -> NoReturn:
        self._refuse()

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: Any) -> Self:
        return self

    def __reduce__(self) -> str:
        return "NO_ITEMS"  # pickled by name: unpickled, it is the shared one again


NO_ITEMS = _NoItems()


class Located(BaseModel):
    """Base of every model: strict, closed to unknown keys, and aware of its line in the file.

    A loaded model knows where it and each of its fields stood: its file's ``PositionStore``
    and the base of its mapping's entry there, given after validation (``model_validate``).
    Both are kept in two slots rather
    than as fields or pydantic private attributes: pydantic's equality, hashing and dumps
    look at fields only, so a position never makes two equal actions differ, and a slot
    costs neither a per-instance initialisation nor a bigger ``__dict__``.
    """

    __slots__ = ("_base", "_store")

    model_config = ConfigDict(extra="forbid", strict=True, hide_input_in_errors=True, frozen=True, defer_build=True)

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """pydantic's validation, then one walk over what it built (instead of a wrap validator on
        every model, which cost about a fifth of validating): each model shares its set of given
        fields with the others given the same (``shared_fields_set``) and, when the loader passes
        ``place`` in the context (its file's ``PositionStore`` and the base of the top mapping's
        entry), learns where it stands.
        """
        model = super().model_validate(obj, **options)
        context = options.get("context")
        place = context.get("place") if isinstance(context, dict) else None
        if place is not None:
            _settle(model, place[0], place[1])
        else:
            _settle(model, None, 0)
        return model

    def position_of(self, key: str, index: int | None = None) -> tuple[int, int]:
        """Where field ``key`` (or item ``index`` of it) stands in the file; the model's own place if unknown.

        Items are told apart only in the lists people point at one by one (leads,
        accountable, links, aliases); for any other field, ``index`` is not looked at.
        """
        store: PositionStore | None = getattr(self, "_store", None)
        if store is None:
            return NOWHERE
        return store.value_position(self._base_index(), key, index if key in _LISTED else None)

    @property
    def line(self) -> int:
        return self._start()[0]

    @property
    def col(self) -> int:
        return self._start()[1]

    def _start(self) -> tuple[int, int]:
        store: PositionStore | None = getattr(self, "_store", None)
        return NOWHERE if store is None else store.start(self._base_index())

    def _base_index(self) -> int:
        base: int = object.__getattribute__(self, "_base")
        return base

    def __copy__(self) -> Self:
        copied = super().__copy__()
        _copy_place(self, copied)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        _copy_place(self, copied)  # the store is shared, not copied: nothing changes it once loaded
        return copied

    def __getstate__(self) -> dict[Any, Any]:
        state = super().__getstate__()
        store = getattr(self, "_store", None)
        if store is not None:
            state["_place"] = (store, self._base_index())
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        place = state.pop("_place", None)
        super().__setstate__(state)
        if place is not None:
            place_model(self, *place)


def place_model(model: Located, store: PositionStore, base: int) -> None:
    """Tell ``model`` where it stands: the entry at ``base`` of its file's ``store``."""
    object.__setattr__(model, "_store", store)
    object.__setattr__(model, "_base", base)


def placed_at(model: Located) -> tuple[PositionStore, int] | None:
    """The store and base ``model`` was given by ``place_model``; None for a model built in Python."""
    store: PositionStore | None = getattr(model, "_store", None)
    return None if store is None else (store, model._base_index())


def _copy_place(source: Located, copied: Located) -> None:
    place = placed_at(source)
    if place is not None:
        place_model(copied, *place)


def _settle(model: Located, store: PositionStore | None, base: int) -> None:
    """Share ``model``'s set of given fields and place it at ``base`` of ``store`` (if given), and every model in it.

    The validated models mirror the data (a field's model came from the mapping under that
    key, a list's item from the same index), so the store's entries lead from each model
    to its children's.
    """
    if store is not None:
        place_model(model, store, base)
    object.__setattr__(model, "__pydantic_fields_set__", shared_fields_set(model.__pydantic_fields_set__))
    fields = model.__dict__
    for name in _list_fields(type(model)):
        if fields.get(name) == []:
            fields[name] = NO_ITEMS
    for name in _nested_fields(type(model)):
        value = fields.get(name)
        if not value:
            continue
        inner = _inner(store, base, name)
        if type(value) is list:
            for index, item in enumerate(value):
                if isinstance(item, Located):
                    _settle(item, *_inner(inner[0], inner[1], index))
        elif isinstance(value, Located):
            _settle(value, *inner)


def _inner(store: PositionStore | None, base: int, step: str | int) -> tuple[PositionStore | None, int]:
    """The store and base of the mapping or list under ``step``; no store when it has none."""
    child = store.child(base, step) if store is not None else None
    return (None, 0) if child is None else (store, child)


_NESTED: dict[type[BaseModel], tuple[str, ...]] = {}
_LISTS: dict[type[BaseModel], tuple[str, ...]] = {}


def _list_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The list fields of ``model`` (``leads``, ``tags``, ``updates``): the ones ``_settle`` may share when empty."""
    found = _LISTS.get(model)
    if found is None:
        found = _LISTS[model] = tuple(name for name, info in model.model_fields.items() if info.default_factory is list)
    return found


def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` that can hold models (``target``, ``actions``): the ones ``_settle`` follows."""
    found = _NESTED.get(model)
    if found is None:
        found = _NESTED[model] = tuple(
            name for name, info in model.model_fields.items() if _holds_model(info.annotation)
        )
    return found


def _holds_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(argument) for argument in typing.get_args(annotation))


class Milestone(Located):
    """A dated step of an action. It may have no ``due`` (a phase already done, or never dated)."""

    title: Title
    due: PlanDateField | None = None
    due_note: LongText | None = None
    status: StatusField | None = None
    completed: PlanDateField | None = None
    outcome: LongText | None = None
    target: Target | None = None

    @property
    def done(self) -> bool:
        """A milestone is met when its status means done (BLUE) or it has a completion date."""
        return (self.status is not None and self.status.done) or self.completed is not None


class Update(Located):
    date: PlanDateField
    text: LongText
    status: StatusField | None = None
    by: PersonId | None = None


class Target(Located):
    """A measure of success: every number is optional, so "Improved quality of plans" with no figure is kept too."""

    measure: Title
    unit: ShortText | None = None
    """What the numbers count in: ``%``, ``days``, ``carers``."""
    baseline: Number | None = None
    target: Number | None = None
    current: Number | None = None
    current_as_of: PlanDateField | None = None

    @property
    def reduction(self) -> bool:
        """A target below its baseline ("cut agency staff from 23 to 12") is reached by going down."""
        return self.baseline is not None and self.target is not None and self.target < self.baseline

    @property
    def progress(self) -> float | None:
        """How far the current figure has come, 0 at the start and 1 at the target (more when past it).

        With a baseline, the way runs from baseline to target in either direction, so a
        reduction from 23 to 12 that stands at 17 is 55% of the way, not "17 of 12". With
        none, it is the current figure as a share of the target.
        """
        if self.current is None or self.target is None:
            return None
        if self.baseline is not None and self.baseline != self.target:
            return (self.current - self.baseline) / (self.target - self.baseline)
        return self.current / self.target if self.target else None


class Tracked(Located):
    """Fields shared by an action and by a finding (whose values its actions inherit)."""

    title: Title
    leads: Leads = Field(default_factory=list)
    accountable: Leads = Field(default_factory=list)
    """Who answers for the work (a strategic lead, an oversight board); inherited, never replaced by ``leads``."""
    outcome: LongText | None = None
    """The expected or desired outcome ("Why are we doing this?", success measures in words)."""
    due: PlanDateField | None = None
    due_note: LongText | None = None
    """What the date cell said beyond a date ("To be confirmed", "website permitting")."""
    milestones: list[Milestone] = Field(default_factory=list)
    recurs: RecurrenceField | None = None
    status: StatusField | None = None
    completed: PlanDateField | None = None
    carried_forward: Boolean = False
    source_ref: ShortText | None = None
    target: Target | None = None
    updates: list[Update] = Field(default_factory=list)
    links: list[ShortText] = Field(default_factory=list)
    tags: list[ShortText] = Field(default_factory=list)


class Action(Tracked):
    id: ActionId


class Priority(Located):
    """A priority of a development plan; its leads, due date, status and updates are its actions' defaults."""

    id: ActionId
    title: Title
    source_ref: ShortText | None = None
    outcome: LongText | None = None
    leads: Leads = Field(default_factory=list)
    accountable: Leads = Field(default_factory=list)
    due: PlanDateField | None = None
    due_note: LongText | None = None
    recurs: RecurrenceField | None = None
    status: StatusField | None = None
    completed: PlanDateField | None = None
    updates: list[Update] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class Finding(Tracked):
    id: FindingId
    area: Title | None = None
    finding: LongText | None = None
    actions: list[Action] = Field(default_factory=list)


class Period(Located):
    """The span a plan covers: from the first day of ``start`` to the last day of ``end`` (``2025`` to ``2028``)."""

    start: PlanDateField
    end: PlanDateField

    @property
    def first_day(self) -> date:
        return self.start.start

    @property
    def last_day(self) -> date:
        return self.end.end

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end.end < self.start.start:
            raise PydanticCustomError("period", "the period ends before it starts")
        return self


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}", re.ASCII)


def _colour(value: Any) -> str:
    if isinstance(value, str) and _COLOUR.fullmatch(value.strip()):
        return value.strip().lower()
    raise PydanticCustomError("colour", "colour must be #rrggbb, such as #2e7d32")


Colour = Annotated[str, PlainValidator(_colour), WithJsonSchema({"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"})]


class ScaleEntry(Located):
    """One key of a plan's own status scale: what the plan writes, its label, and what it means."""

    key: ShortText
    label: Title
    means: MeaningField
    colour: Colour | None = None


def _distinct_keys(value: Any) -> Any:
    """``On track`` and ``on track`` would be one key to plantool: say so rather than keep one."""
    if isinstance(value, list):
        seen: set[str] = set()
        for entry in value:
            key = entry.get("key") if isinstance(entry, dict) else None
            if isinstance(key, str):
                if fold_key(key) in seen:
                    raise PydanticCustomError("scale", "the scale gives the key {key!r} twice", {"key": key})
                seen.add(fold_key(key))
    return value


class PlanSource(Located):
    """What the plan answers: an inspection, a review ("HMI Probation SQS, 12-14 November 2012")."""

    title: Title
    body: Title | None = None
    dates: Title | None = None


class PlanMeta(Located):
    id: PlanId
    title: Title
    organisation: Title | None = None
    period: Period | None = None
    updated: PlanDateField | None = None
    version: ShortText | None = None
    """The document's own version ("17 080617")."""
    accountable: Leads = Field(default_factory=list)
    """Who answers for the whole plan; every item inherits it unless its priority, finding or own says otherwise."""
    source: PlanSource | None = None
    rag_key: Annotated[dict[DefaultStatusField, Title] | None, BeforeValidator(_distinct_statuses)] = None
    """Labels for the default scale's keys (version 1); ``scale`` declares a scale of the plan's own."""
    scale: Annotated[list[ScaleEntry] | None, BeforeValidator(_distinct_keys), Field(min_length=1, max_length=20)] = (
        None
    )

    @model_validator(mode="after")
    def _one_scale(self) -> PlanMeta:
        if self.scale is not None and self.rag_key is not None:
            raise PydanticCustomError(
                "scale",
                "give either scale (the plan's own keys) or rag_key (labels for GREEN, AMBER, RED, BLUE), not both",
            )
        return self


class PlanFile(Located):
    """One plan file: its metadata and its priorities (a development plan) or findings (an action plan)."""

    model_config = ConfigDict(json_schema_extra={"anyOf": [{"required": ["priorities"]}, {"required": ["findings"]}]})

    plan: PlanMeta
    priorities: list[Priority] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _has_content(cls, data: Any) -> Any:
        if isinstance(data, dict) and "priorities" not in data and "findings" not in data:
            raise PydanticCustomError("plan_content", "a plan file needs 'priorities:' or 'findings:' beside 'plan:'")
        return data


class PersonKind(str, Enum):
    """What a people-file entry is: leads are roles, teams, boards and agencies as often as people."""

    PERSON = "person"
    ROLE = "role"
    TEAM = "team"
    BOARD = "board"
    ORGANISATION = "organisation"

    def __str__(self) -> str:
        return self.value


def _person_kind(value: Any) -> PersonKind:
    if isinstance(value, PersonKind):
        return value
    if isinstance(value, str):
        try:
            return PersonKind(value.strip().lower())
        except ValueError:
            pass
    raise PydanticCustomError("kind", "kind must be " + _either([k.value for k in PersonKind]))


PersonKindField = Annotated[
    PersonKind,
    PlainValidator(_person_kind),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"enum": [k.value for k in PersonKind]}),
]


class Person(Located):
    """Someone (or some role, team, board or agency) the plans name by a short id."""

    id: PersonId
    kind: PersonKindField = PersonKind.PERSON
    name: Title | None = None
    role: Title | None = None
    organisation: Title | None = None
    aliases: Leads = Field(default_factory=list)

    @property
    def label(self) -> str:
        """How to show the entry to a reader: the name; a role with its id ("SF, Operations Manager"),
        since two people may share a role; else the bare id."""
        if self.name:
            return self.name
        if self.role:
            return f"{self.id}, {self.role}"
        return self.id

    @property
    def name_or_role(self) -> str:
        """The name, else the role, else the id: for places that show the id beside it anyway ("Role (ID)")."""
        return self.name or self.role or self.id


class PeopleFile(Located):
    people: list[Person]
