"""Properties of the loader, for inputs nobody thought to write down.

1. Whatever bytes or text arrive, ``load_bytes`` returns: a ``LoadedFile``
   with a model or at least one problem, every problem located (line and
   column >= 0) with a text message. Never an exception.
2. Any valid plan, written out as YAML with quoting where YAML needs it, loads
   back with the same values, and text stays text: ``no``, ``1.10``, ``012``
   and friends are the words as written.
3. Every loaded model, each of its fields and each item of the lists people
   point at stands where libyaml's own composer puts that node.

Examples are bounded (``max_examples``) and there is no deadline: a slow
example is not a failure, a hang shows up as a CI timeout.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plantool.loader import LoadedFile, load_bytes, load_text
from plantool.models import Located, PlanFile, Status

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_outcome(loaded: LoadedFile) -> None:
    assert isinstance(loaded, LoadedFile)
    assert loaded.plan is not None or loaded.people is not None or loaded.problems
    assert not (loaded.plan is not None and loaded.people is not None)
    for problem in loaded.problems:
        assert isinstance(problem.line, int) and problem.line >= 0
        assert isinstance(problem.col, int) and problem.col >= 0
        assert isinstance(problem.message, str) and problem.message
        assert "\n" not in problem.message  # printed as one `path:line:col: error: message` line
        assert not _CONTROL.search(problem.message), problem.message  # user text is quoted with escapes
        assert problem.path == "x.yaml"


# ---------------------------------------------------------------------------
# 1. Nothing raises


@SETTINGS
@given(st.binary(max_size=4096))
def test_any_bytes(data: bytes) -> None:
    check_outcome(load_bytes(data, "x.yaml"))


@SETTINGS
@given(st.text(max_size=2048))
def test_any_text(text: str) -> None:
    check_outcome(load_bytes(text.encode("utf-8"), "x.yaml"))


@SETTINGS
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=256))
def test_any_text_even_with_lone_surrogates(text: str) -> None:
    """``load_text`` is the library's entry for in-memory YAML; a str there may hold anything."""
    loaded = load_text(text, "x.yaml")
    check_outcome(loaded)


FRAGMENTS = [
    ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "?", "? ", "#", "|", ">", "|-", ">+",
    "&a", "&a ", "*a", "*a ", "!!", "!!str ", "!!python/object/apply:os.system ", "!include ", "!",
    '"', "'", "\\", "\\e", "\\u202e", "\\x00", "%YAML 1.1", "%TAG ! tag:x,2000:", "---", "...", "<<", "<<: ",
    "\n", "\r\n", "\r", "\t", " ", "  ", "    ", "\ufeff", "\x00", "\x1b", "\u202e", "\x85", "\u2028",
    "0", "1", "12", "1.10", "012", "0x1F", "1e3", ".nan", ".inf", "2023-02-30", "2024-03", "9" * 40,
    "~", "null", "yes", "no", "NO", "on", "true", "é", "😀",
    "plan", "id", "title", "priorities", "findings", "actions", "leads", "due", "status", "updates",
    "date", "text", "target", "people", "aliases", "GREEN", "green", "P1", "JT",
]  # fmt: skip

# Fragments joined at random; half the time under a header that gets the text past
# the YAML reader and into the models, where most of the checks live.
yamlish = st.lists(st.sampled_from(FRAGMENTS), max_size=120).map("".join)
HEADER = "plan:\n  id: p\n  title: T\npriorities:\n  - id: P1\n    title: T\n    actions:\n      - id: '1'\n        "


@SETTINGS
@given(yamlish, st.booleans())
def test_yaml_ish_text(text: str, with_header: bool) -> None:
    data = ((HEADER if with_header else "") + text).encode("utf-8")
    check_outcome(load_bytes(data, "x.yaml"))


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=8),
            st.sampled_from(["- ", "a: ", "b: ", "? ", "- [", "- {x: ", "&a ", "*a", "<<: ", "id: 1", "x"]),
        ),
        max_size=60,
    )
)
def test_indented_lines(lines: list[tuple[int, str]]) -> None:
    """Block structure: lines of YAML-ish tokens at random indents."""
    text = "".join(" " * (2 * indent) + token + "\n" for indent, token in lines)
    check_outcome(load_bytes(text.encode("utf-8"), "x.yaml"))


# ---------------------------------------------------------------------------
# 2. Round trip


TRAPS = [
    "no", "No", "NO", "yes", "Yes", "on", "On", "ON", "off", "y", "Y", "n", "N", "true", "False",
    "1.10", "012", "0o12", "0x1F", "1_000", "1:30", "1e3", "-1", "+1", ".5", ".inf", "-.inf", ".NaN",
    "~", "null", "Null", "NULL", "", "2023-05-01", "2023-02-30", "<<", "=", "@home", "%", "- x", "a: b",
    "#hash", " lead", "trail ", "[x]", "{x}", "'quoted'", '"dq"', "&a", "*a", "!tag", "|", ">",
    "line\nbreak", "tab\tinside",
]  # fmt: skip

IDS = [t for t in TRAPS if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", t)]
FINDING_IDS = [t for t in IDS if "." not in t]
SLUGS = [t for t in TRAPS if re.fullmatch(r"[a-z0-9][a-z0-9-]*", t)]

# Text a person could type: no control characters other than tab and newline, no
# bidi overrides, no line or paragraph separators (Cc, Cf, Cs, Zl, Zp), and not the
# two noncharacters YAML refuses.
_letters = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"), exclude_characters="\ufffe\uffff"
)
free_text = st.text(
    alphabet=st.one_of(_letters, st.sampled_from(["\t", "\n", " ", ":", "#", "-", "'", '"'])), min_size=1
)
text = st.one_of(st.sampled_from([t for t in TRAPS if t]), free_text.filter(lambda t: len(t) <= 200))
short_text = text.filter(lambda t: len(t) <= 200)


def _id(pattern: str, traps: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(traps), st.from_regex(pattern, fullmatch=True).filter(lambda t: len(t) <= 64))


action_id = _id(r"[A-Za-z0-9][A-Za-z0-9._-]{0,10}", IDS)
finding_id = _id(r"[A-Za-z0-9][A-Za-z0-9_-]{0,10}", FINDING_IDS)
plan_id = _id(r"[a-z0-9][a-z0-9-]{0,10}", SLUGS)


@st.composite
def plan_date(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    if draw(st.booleans()):
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


number = st.one_of(
    st.integers(-(10**15) + 1, 10**15 - 1),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False).map(
        lambda d: float(d)
    ),
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def action(draw: st.DrawFn, ident: str) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": ident, "title": draw(text)}
    optional = {
        "leads": st.lists(action_id, max_size=4),
        "due": plan_date(),
        "status": st.sampled_from(["GREEN", "amber", "Red", "blue"]),
        "carried_forward": st.booleans(),
        "source_ref": short_text,
        "tags": st.lists(short_text, max_size=4),
        "target": st.fixed_dictionaries({"measure": text, "target": number}, optional={"current": number}),
        "updates": st.lists(st.fixed_dictionaries({"date": plan_date(), "text": text}), max_size=3),
    }
    for key, strategy in optional.items():
        value = draw(_optional(strategy))
        if value is not None:
            fields[key] = value
    return fields


def _unique_ids(strategy: st.SearchStrategy[str], max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(strategy, max_size=max_size, unique=True)


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": draw(plan_id), "title": draw(text)}
    organisation = draw(_optional(text))
    if organisation is not None:
        meta["organisation"] = organisation
    document: dict[str, Any] = {"plan": meta}
    priorities = []
    action_ids = iter(draw(_unique_ids(action_id, 6)))
    for priority_id in draw(_unique_ids(action_id, 3)):
        actions = [draw(action(next_id)) for next_id in [i for _, i in zip(range(2), action_ids, strict=False)]]
        priorities.append({"id": priority_id, "title": draw(text), "actions": actions})
    findings = []
    for ident in draw(_unique_ids(finding_id, 2)):
        finding = draw(action(ident))
        finding["area"] = draw(text)
        finding["actions"] = [draw(action(i)) for i in draw(_unique_ids(action_id, 2))]
        findings.append(finding)
    if priorities or not findings:
        document["priorities"] = priorities
    if findings:
        document["findings"] = findings
    return document


# A hand-written emitter that quotes only what YAML syntax (or our null rule) needs: so
# `no`, `1.10`, `012` and `yes` go out plain and must come back as those words.
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/+-]*")
_NULL_WORDS = {"~", "null", "Null", "NULL"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    assert isinstance(value, str)
    if _PLAIN.fullmatch(value) and value not in _NULL_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _number_text(value: int | float) -> str:
    return str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")


def emit(value: Any, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{emit(item, indent + 2)}")
            else:
                lines.append(f"{pad}{key}: {emit(item) if isinstance(item, (dict, list)) else _scalar(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        if not value:
            return "[]"
        lines = []
        for item in value:
            if isinstance(item, dict) and item:
                body = emit(item, indent + 2)
                lines.append(f"{pad}- {body[indent + 2 :]}")
            else:
                lines.append(f"{pad}- {emit(item) if isinstance(item, (dict, list)) else _scalar(item)}")
        return "\n".join(lines)
    return _scalar(value)


def _check_action(loaded: Any, written: dict[str, Any]) -> None:
    assert loaded.id == written["id"]
    assert loaded.title == written["title"]
    assert loaded.leads == written.get("leads", [])
    assert (str(loaded.due) if loaded.due is not None else None) == written.get("due")
    assert loaded.status == (Status(written["status"].upper()) if "status" in written else None)
    assert loaded.carried_forward is written.get("carried_forward", False)
    assert loaded.source_ref == written.get("source_ref")
    assert loaded.tags == written.get("tags", [])
    if "target" in written:
        assert loaded.target is not None
        assert loaded.target.measure == written["target"]["measure"]
        assert loaded.target.target == written["target"]["target"]
        assert loaded.target.current == written["target"].get("current")
    else:
        assert loaded.target is None
    assert [(str(u.date), u.text) for u in loaded.updates] == [
        (u["date"], u["text"]) for u in written.get("updates", [])
    ]
    for value in (loaded.id, loaded.title, *loaded.leads, *loaded.tags):
        assert type(value) is str


def check_round_trip(loaded: LoadedFile, written: dict[str, Any], source: str) -> None:
    assert loaded.problems == [], (source, [str(p) for p in loaded.problems])
    plan = loaded.plan
    assert isinstance(plan, PlanFile)
    assert (plan.plan.id, plan.plan.title, plan.plan.organisation) == (
        written["plan"]["id"],
        written["plan"]["title"],
        written["plan"].get("organisation"),
    )
    assert len(plan.priorities) == len(written.get("priorities", []))
    for priority, wrote in zip(plan.priorities, written.get("priorities", []), strict=True):
        assert (priority.id, priority.title) == (wrote["id"], wrote["title"])
        assert len(priority.actions) == len(wrote["actions"])
        for got, want in zip(priority.actions, wrote["actions"], strict=True):
            _check_action(got, want)
    assert len(plan.findings) == len(written.get("findings", []))
    for finding, wrote in zip(plan.findings, written.get("findings", []), strict=True):
        _check_action(finding, wrote)
        assert finding.area == wrote["area"]
        for got, want in zip(finding.actions, wrote["actions"], strict=True):
            _check_action(got, want)


@SETTINGS
@given(plans())
def test_round_trip_through_a_minimal_emitter(written: dict[str, Any]) -> None:
    source = emit(written) + "\n"
    check_round_trip(load_bytes(source.encode("utf-8"), "x.yaml"), written, source)


@SETTINGS
@given(plans())
def test_round_trip_through_pyyaml(written: dict[str, Any]) -> None:
    """What a script that writes plans with ``yaml.safe_dump`` produces must load to what it wrote."""
    source = yaml.safe_dump(written, allow_unicode=True, sort_keys=False, width=80)
    check_round_trip(load_bytes(source.encode("utf-8"), "x.yaml"), written, source)


def test_emitter_leaves_the_traps_plain() -> None:
    """The round trip above would prove little if the emitter quoted everything."""
    assert emit({"title": "no", "id": "1.10", "leads": ["NO", "Y", "012"]}) == (
        "title: no\nid: 1.10\nleads:\n  - NO\n  - Y\n  - 012"
    )
    assert emit({"title": "null", "tag": "~"}) == 'title: "null"\ntag: "~"'


# ---------------------------------------------------------------------------
# 3. Positions


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def check_positions(model: Located, node: yaml.Node) -> None:
    """``model`` (validated from ``node``) and all inside it stand where the composer's nodes start."""
    assert isinstance(node, yaml.MappingNode)
    assert (model.line, model.col) == _mark(node)
    values = {key.value: value for key, value in node.value}
    for name in type(model).model_fields:
        if name not in values:  # a default: the model's own place
            assert model.position_of(name) == (model.line, model.col)
            continue
        value_node, value = values[name], getattr(model, name)
        assert model.position_of(name) == _mark(value_node), name
        if isinstance(value_node, yaml.SequenceNode):
            for index, item_node in enumerate(value_node.value):
                if name in ("leads", "accountable", "links", "aliases"):
                    assert model.position_of(name, index) == _mark(item_node), (name, index)
                else:  # items of other lists are not told apart
                    assert model.position_of(name, index) == _mark(value_node)
                if isinstance(value[index], Located):
                    check_positions(value[index], item_node)
            assert model.position_of(name, len(value_node.value)) == _mark(value_node)  # no such item: the list
        elif isinstance(value, Located):
            check_positions(value, value_node)


@SETTINGS
@given(plans(), st.booleans())
def test_every_model_field_and_listed_item_is_where_the_composer_puts_it(written: dict[str, Any], flow: bool) -> None:
    source = yaml.safe_dump(written, allow_unicode=True, sort_keys=False, width=60, default_flow_style=flow or None)
    loaded = load_bytes(source.encode("utf-8"), "x.yaml")
    assert loaded.plan is not None, [str(p) for p in loaded.problems]
    check_positions(loaded.plan, yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
