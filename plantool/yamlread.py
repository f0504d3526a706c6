"""YAML text → plain data with positions, read safely from the event stream.

PyYAML's loaders build objects first and ask questions later: duplicate keys
are silently last-wins, ``1.10`` becomes a float, ``no`` becomes False, and an
alias bomb is built before anything can refuse it (docs/format.md). So we do
not use them. We take libyaml's event stream (the C parser where present) and
build the data ourselves, refusing anchors, aliases, tags, merge keys,
directives, extra documents and deep nesting as the events arrive, before
anything large can exist.

What comes out is deliberately dull: every scalar is a ``str`` or ``None``,
every mapping a ``dict`` with string keys, every sequence a ``list``. Turning
text into dates, numbers and booleans is the models' job, field by field.
Positions are kept beside the data in ``Positions``, filed in the same pass
(``plantool.positions`` packs them, one number each), so a validation error at
``priorities[0].actions[3].due`` can be traced back to ``line:col``, and a model
can say where its fields stood long after the data is gone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from plantool.positions import PositionStore, pack, unpack

try:  # libyaml's parser is about ten times faster than the pure-Python one.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]  # exported at run time; the stubs miss it
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _PyParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _PyParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _PyParser.__init__(self)


MAX_NODES = 1_000_000
"""Values (texts, lists, mappings) in one file: twice what 16 MiB of real plan text holds,
so every file within the size limit loads in bounded time and memory."""
MAX_CONTAINERS = 200_000
"""Lists and mappings in one file (each costs far more than a text): twice what 16 MiB of
real plan text holds."""
MAX_DEPTH = 64
"""Deeper than any plan needs (a plan is about six levels) and far below recursion limits."""

MAX_SCALAR_CHARS = 100_000
"""One text value; the longest cell in a real plan is a few thousand characters."""

NULLS = frozenset({"", "~", "null", "Null", "NULL"})

# C0 and C1 controls other than tab, newline and carriage return; DEL; the
# bidirectional overrides and isolates that can make text read differently
# from what it is ("Trojan source"); a byte-order mark anywhere but the start;
# the noncharacters U+FFFE and U+FFFF, which libyaml refuses without a line number.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]|\r(?!\n)"
)
# libyaml breaks lines at these as well as at LF and CRLF; editors, `cat` and code review
# do not. Allowed, they would hide keys on what a reviewer sees as one line ("...<U+2028>
# status: BLUE") and shift every line number after them (docs/format.md, "Line breaks").
_HIDDEN_BREAKS = {
    "\r": "a carriage return without a line feed (an old Mac line break)",
    "\x85": "next line U+0085",
    "\u2028": "line separator U+2028",
    "\u2029": "paragraph separator U+2029",
}
# The same inside a value, plus carriage return: the file-level check cannot see what a
# double-quoted escape ("\e", "\x1b", "\u202e", "\r") turns into, and a line break in
# a value is always "\n" (libyaml normalises them), so a "\r" there came from an escape.
_FORBIDDEN_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    line: int
    col: int
    message: str


class Positions:
    """Where things are in one document: the file's ``PositionStore`` (kept by the models) and,
    while the file is being loaded, where each mapping key stands (for "unknown key" problems).

    ``root`` is the document's own number in the store's terms: a reference to the entry of
    its top mapping or list, or the position of a lone text.
    """

    __slots__ = ("keys", "root", "store")

    def __init__(self) -> None:
        self.store = PositionStore()
        self.root = 0
        self.keys: dict[int, list[int]] = {}
        """Each mapping's key positions by its base, in the order of its layout."""

    @property
    def root_base(self) -> int | None:
        """The base of the top mapping or list; None when the document is a lone value."""
        return -self.root - 1 if self.root < 0 else None

    def locate(self, root: Any, path: tuple[Any, ...], *, at_key: bool = False) -> tuple[int, int]:
        """The position of ``root[path[0]][path[1]]...``, or of the nearest container that exists.

        With ``at_key`` the last step points at the mapping key rather than its value,
        which is where an unknown or duplicated key should be reported.
        """
        store = self.store
        number = self.root
        where = store.where(number)
        node = root
        for depth, step in enumerate(path):
            if number >= 0:  # a text has no parts
                return where
            base = -number - 1
            found = store.number_of(base, step)
            if found is None:
                return where
            if at_key and depth == len(path) - 1 and not store.is_list(base):
                return unpack(self.keys[base][store.layouts[-store.numbers[base + 1] - 1][step]])
            number = found
            where = store.where(number)
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return where
        return where

    def keep_items(self, root: Any, path: tuple[Any, ...], kept: list[int]) -> None:
        """The list at ``path`` now holds only its items at ``kept``: renumber their positions to match."""
        store = self.store
        numbers = store.numbers
        holder, number = -1, self.root  # where the reference to the list is kept, and the reference
        for step in path:
            if number >= 0:
                return
            base = -number - 1
            found = store.number_of(base, step)
            if found is None:
                return
            header = numbers[base + 1]
            place = step if header >= 0 else store.layouts[-header - 1][step]
            holder, number = base + 2 + place, found
        if number >= 0 or not store.is_list(-number - 1):
            return
        items = store.items_of(-number - 1)
        start = numbers[-number - 1]
        base = store.add_entry(start, len(kept), [items[index] for index in kept if index < len(items)])
        if holder < 0:
            self.root = -base - 1
        else:
            numbers[holder] = -base - 1


@dataclass(slots=True)
class YamlDocument:
    data: Any
    positions: Positions
    problems: list[YamlProblem]
    fatal: bool
    """True when the data is unusable (a syntax error, too deep): do not validate it."""
    refused: set[tuple[int, int]] = field(default_factory=set)
    """Where a value was refused (an alias, an over-long or control-character text) and a
    stand-in (None, empty text) put in its place; the problem is already recorded, so a
    model's complaint about the stand-in at the same place would only mislead."""


def find_forbidden_characters(text: str) -> list[YamlProblem]:
    problems = []
    for match in _FORBIDDEN.finditer(text):
        line, col = _offset_to_position(text, match.start())
        char = match.group()
        if char in _HIDDEN_BREAKS:
            message = (
                f"{_HIDDEN_BREAKS[char]}: YAML reads it as a line break but editors do not; "
                "not allowed in a plan file (line breaks are LF or CRLF)"
            )
        else:
            message = f"{_character_name(char)} is not allowed in a plan file"
        problems.append(YamlProblem(line, col, message))
        if len(problems) >= 20:  # a binary file would otherwise report every byte
            problems.append(YamlProblem(line, col, "more control characters follow; is this a text file?"))
            break
    return problems


def forbidden_character(text: str) -> str | None:
    """The first character in ``text`` that a plan file cannot hold, by name ("control character U+001B"), or None."""
    match = _FORBIDDEN.search(text)
    return None if match is None else _character_name(match.group())


def _character_name(char: str) -> str:
    return _HIDDEN_BREAKS.get(char) or f"control character U+{ord(char):04X}"


def _offset_to_position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _Stop(Exception):
    """Reading cannot go on (too deep, a second document); the problem is already recorded."""


def read_yaml(text: str) -> YamlDocument:
    """Build plain data from one YAML document; never raises for any input text."""
    problems = find_forbidden_characters(text)
    positions = Positions()
    if problems:
        return YamlDocument(None, positions, problems, fatal=True)
    builder = _Builder(positions, problems)
    try:
        builder.run(_Parser(text))
    except _Stop:
        return YamlDocument(None, positions, problems, fatal=True)
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, text))
        return YamlDocument(None, positions, problems, fatal=True)
    except yaml.YAMLError as error:  # errors without a mark, e.g. from the reader
        # One line: a problem is printed as one `path:line:col: error: message` line.
        problems.append(YamlProblem(1, 1, f"not readable as YAML: {' '.join(str(error).split())}"))
        return YamlDocument(None, positions, problems, fatal=True)
    return YamlDocument(builder.root, positions, problems, fatal=False, refused=builder.refused)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A syntax error as a sentence that says what to do, at the line the user wrote wrong.

    libyaml reports where it gave up, often the line after the mistake ("due:2013-01"
    is blamed on the next line); the common mistakes are recognised and pointed at.
    """
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    opened = (error.context_mark.line + 1, error.context_mark.column + 1) if error.context_mark is not None else None
    lines = text.split("\n")
    advice = _advice(problem, context, opened, line, col, lines)
    if advice is not None:
        return YamlProblem(advice[0], advice[1], f"YAML syntax: {advice[2]}")
    message = f"YAML syntax: {problem}"
    if context and opened is not None:
        message += f" ({context} at line {opened[0]})"
    return YamlProblem(line, col, message)


_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):(?=[^\s/])")
"""``due:2013-01``: a key and its value with no space between (not ``https://``)."""
_INDENT_MESSAGE = (
    "this line is indented differently from the lines above it; line up the fields of one item "
    "exactly, and start each item of a list with '- ' at the same indent as the others"
)


def _advice(
    problem: str, context: str, opened: tuple[int, int] | None, line: int, col: int, lines: list[str]
) -> tuple[int, int, str] | None:
    """``(line, col, sentence)`` for a mistake a person makes by hand, or None for libyaml's own words."""
    tab = _tab_column(lines, line)
    if tab is not None or "tab" in problem:
        return (
            line,
            tab or col,
            "a tab indents this line; plan files indent with spaces only: replace the tab with spaces",
        )
    for number in (line, line - 1, opened[0] if opened else 0):
        found = _NO_SPACE.match(_line(lines, number))
        if found is not None and number > 0 and problem in (_NO_COLON, _NO_MAPPING):
            key = found.group(2)
            value = _line(lines, number)[found.end() :].split(" #")[0].strip()
            return (
                number, found.end(),
                f"'{key}:{value}' needs a space after the colon; write '{key}: {value}'",
            )  # fmt: skip
    if problem == _NO_COLON and opened is not None:
        return (
            opened[0], opened[1],
            "this line is neither 'key: value' nor a list item ('- '); if it continues the text above, "
            "put the whole text in quotes or indent this line under it",
        )  # fmt: skip
    if problem == "found unexpected end of stream" and "quoted scalar" in context and opened is not None:
        quote = _line(lines, opened[0])[opened[1] - 1 : opened[1]] or '"'
        return opened[0], opened[1], f"the text in quotes that starts here is never closed; end it with {quote}"
    if problem.startswith("did not find expected ','") and opened is not None:
        bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
        if close not in _line(lines, opened[0])[opened[1] :]:
            return (
                opened[0], opened[1],
                f"the {bracket!r} that starts here is never closed; end it with {close!r} on the same line",
            )  # fmt: skip
        return (
            line, col,
            f"the items between {bracket!r} and {close!r} must be separated by ', '; "
            "put an item that holds a comma or a quote in quotes",
        )  # fmt: skip
    if problem == "did not find expected key":
        quoted = _ended_quote(lines, line, col)
        if quoted is not None:
            return quoted
        return line, col, _INDENT_MESSAGE
    if problem == "did not find expected '-' indicator":
        start = f" that starts at line {opened[0]}" if opened else ""
        if _line(lines, line).lstrip().startswith("-"):
            return (
                line,
                col,
                f"this item is indented differently from the items of the list{start}; "
                + ("start every item of one list at the same indent"),
            )
        return (
            line, col,
            f"this line is at the indent of the list{start} but does not start with '- '; "
            "indent it under the item above if it belongs to that item, or start it with '- ' for a new item",
        )  # fmt: skip
    if problem == _NO_MAPPING:
        return (
            line, col,
            "a ': ' here cannot start a field: if the text holds ': ', put it in quotes "
            "(title: \"Phase 2: review\"); otherwise " + _INDENT_MESSAGE.split("; ", 1)[1],
        )  # fmt: skip
    return None


_NO_COLON = "could not find expected ':'"
_NO_MAPPING = "mapping values are not allowed in this context"


def _ended_quote(lines: list[str], line: int, col: int) -> tuple[int, int, str] | None:
    """Where text in quotes ended before the writer meant it to: a quote inside it, or one never closed."""
    here = _line(lines, line)
    quote = here[col - 2 : col - 1] if col >= 2 else ""
    if quote not in ("'", '"'):
        return None
    if here[: col - 2].count(quote) % 2:  # opened on this line: a quote inside the text closed it early
        inside = "''" if quote == "'" else '\\"'
        return (
            line, col - 1,
            f"the text in quotes ends at this {quote} before the line does; write a {quote} inside it as {inside}, "
            "or leave the quotes off",
        )  # fmt: skip
    for number in range(line - 1, 0, -1):
        if _line(lines, number).count(quote) % 2:
            start = _line(lines, number).rfind(quote) + 1
            return (
                number, start,
                f"the text in quotes that starts here is not closed on this line, so it runs on to line {line}; "
                f"end it with {quote}",
            )  # fmt: skip
    return None


def _line(lines: list[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _tab_column(lines: list[str], line: int) -> int | None:
    """The column of a tab in ``line``'s indent (1-based): libyaml's messages do not name the character."""
    content = _line(lines, line)
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    return indent.index("\t") + 1 if "\t" in indent else None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Frame:
    __slots__ = ("at", "container", "is_map", "key", "keys", "numbers", "start")

    def __init__(self, container: Any, is_map: bool, start: int, at: int) -> None:
        self.container = container
        self.is_map = is_map
        self.key: Any = _NO_KEY  # the pending key of a mapping, waiting for its value
        self.start = start
        self.at = at
        """Where the parent's numbers hold this container's reference (-1: the top, or not kept)."""
        self.numbers: list[int] = []
        """Each value's number (``positions``): a position, or the entry of a mapping or list."""
        self.keys: list[int] = []
        """A mapping's key positions, in the order of its keys."""


_NO_KEY = object()
_BAD_KEY = object()


class _Builder:
    def __init__(self, positions: Positions, problems: list[YamlProblem]) -> None:
        self.positions = positions
        self.problems = problems
        self.root: Any = None
        self.documents = 0
        self.refused: set[tuple[int, int]] = set()
        self.layouts: dict[tuple[str, ...], int] = {}
        """Each distinct key order's number in the store's ``layouts``."""

    def problem(self, mark: Any, message: str) -> None:
        self.problems.append(YamlProblem(mark.line + 1, mark.column + 1, message))

    def run(self, parser: Any) -> None:
        stack: list[_Frame] = []
        budget = MAX_NODES
        containers = MAX_CONTAINERS
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent or kind is AliasEvent:
                budget -= 1
                if budget < 0:
                    message = f"more than {MAX_NODES:,} values in one file; split the plan into several files"
                    self.problem(event.start_mark, message)
                    raise _Stop
            if kind is ScalarEvent:
                mark = event.start_mark
                if event.anchor is not None:
                    self.problem(mark, f"anchors (&{event.anchor}) are not allowed in plan files; write the value out")
                if event.tag is not None:
                    self.problem(mark, f"explicit tags ({_short_tag(event.tag)}) are not allowed in plan files")
                value = event.value
                # libyaml's parser gives a plain scalar the style '', the pure-Python one None.
                plain = not event.style
                if len(value) > MAX_SCALAR_CHARS:
                    self.problem(
                        mark, f"text of {len(value):,} characters is longer than the {MAX_SCALAR_CHARS:,} allowed"
                    )
                    self.refused.add((mark.line + 1, mark.column + 1))
                    value = value[:0]
                elif event.style == '"' and (found := _FORBIDDEN_IN_VALUE.search(value)) is not None:
                    code = f"U+{ord(found.group()):04X}"
                    self.problem(mark, f"control character {code} (from an escape) is not allowed in a plan file")
                    self.refused.add((mark.line + 1, mark.column + 1))
                    value = value[:0]
                elif plain and value in NULLS:
                    value = None
                self.add(stack, value, mark, plain=plain)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                containers -= 1
                if containers < 0:
                    message = f"more than {MAX_CONTAINERS:,} lists and mappings in one file; split the plan into several files"
                    self.problem(mark, message)
                    raise _Stop
                if len(stack) >= MAX_DEPTH:
                    self.problem(mark, f"nested more than {MAX_DEPTH} levels deep; a plan never needs this")
                    raise _Stop
                if event.anchor is not None:
                    self.problem(mark, f"anchors (&{event.anchor}) are not allowed in plan files; write the value out")
                if event.tag is not None:
                    self.problem(mark, f"explicit tags ({_short_tag(event.tag)}) are not allowed in plan files")
                is_map = kind is MappingStartEvent
                container: Any = {} if is_map else []
                at = self.add(stack, container, mark, plain=False)
                stack.append(_Frame(container, is_map, pack(mark.line, mark.column), at))
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.close(stack)
            elif kind is AliasEvent:
                self.problem(
                    event.start_mark, f"aliases (*{event.anchor}) are not allowed in plan files; write the value out"
                )
                self.refused.add((event.start_mark.line + 1, event.start_mark.column + 1))
                self.add(stack, None, event.start_mark, plain=False)
            elif kind is DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    self.problem(event.start_mark, "a second YAML document ('---'); a plan file holds exactly one")
                    raise _Stop
                if event.version is not None or event.tags:
                    self.problem(event.start_mark, "YAML directives (%YAML, %TAG) are not allowed in plan files")
            elif kind is StreamEndEvent or event is None:
                return

    def add(self, stack: list[_Frame], value: Any, mark: Any, *, plain: bool) -> int:
        """Put ``value`` in the open container; where its number went in the container's numbers (-1: nowhere)."""
        if not stack:
            self.root = value
            if isinstance(value, str):  # a bare scalar: no container carries its position
                self.positions.root = pack(mark.line, mark.column)
            return -1
        frame = stack[-1]
        numbers = frame.numbers
        # The hot path of reading: positions packed inline (``positions.pack``), not by a call.
        if not frame.is_map:
            numbers.append(mark.line << 32 | mark.column)
            frame.container.append(value)
            return len(numbers) - 1
        key = frame.key
        if key is _NO_KEY:
            if type(value) is str and value not in frame.container and not (plain and value == "<<"):
                frame.keys.append(mark.line << 32 | mark.column)
                frame.key = value
            else:
                self.refuse_key(frame, value, mark, plain=plain)
            return -1
        frame.key = _NO_KEY
        if key is _BAD_KEY:
            return -1
        numbers.append(mark.line << 32 | mark.column)
        frame.container[key] = value
        return len(numbers) - 1

    def close(self, stack: list[_Frame]) -> None:
        """The open container is complete: file its entry, and point its parent's number at it."""
        frame = stack.pop()
        positions = self.positions
        store = positions.store
        numbers = store.numbers
        base = len(numbers)
        numbers.append(frame.start)
        if frame.is_map:
            order = tuple(frame.container)
            layout = self.layouts.get(order)
            if layout is None:
                layout = self.layouts[order] = len(store.layouts)
                store.layouts.append({key: place for place, key in enumerate(order)})
            numbers.append(-layout - 1)
            positions.keys[base] = frame.keys
        else:
            numbers.append(len(frame.numbers))
        numbers.extend(frame.numbers)
        if not stack:
            positions.root = -base - 1
        elif frame.at >= 0:
            stack[-1].numbers[frame.at] = -base - 1

    def refuse_key(self, frame: _Frame, key: Any, mark: Any, *, plain: bool) -> None:
        """A key that cannot be one (not text, a merge key, a duplicate): say why, and drop its value."""
        if not isinstance(key, str):
            what = "an empty key" if key is None else "a key that is not plain text"
            self.problem(mark, f"{what} is not allowed; keys are field names")
        elif plain and key == "<<":
            self.problem(mark, "merge keys (<<) are not allowed in plan files; write the fields out")
        else:
            first = unpack(frame.keys[list(frame.container).index(key)])
            self.problem(
                mark,
                f"duplicate key {key!r}: already given at line {first[0]}; the second would silently replace the first",
            )
        frame.key = _BAD_KEY
