"""YAML for writing: where every node of a text stands, and PyYAML's emitter for one value.

``edits`` changes a user's plan file by splicing new text in at the right
place, so it needs what the reader (``yamlread``) has no reason to keep: the
character span of every node, from its first character to its last, and its
style (plain, quoted or block text; a flow ``[...]`` or block collection).
``read_layout`` parses the text again from the event stream and returns that.
It is only run on a text the reader has already read without a problem, so it
does not repeat the reader's defences (anchors, tags, depth): it refuses
nothing, and says ``None`` for any text it cannot read.

``emit_scalar`` writes one text value with PyYAML's emitter, which knows every
text that would read back as something else if written plain: ``NO``, ``on``
and ``yes`` (booleans to a YAML 1.1 tool), ``1.10`` and ``012`` (numbers),
``~``, ``: #``, a leading space or dash. ruamel.yaml was measured as the
alternative and writes ``NO``, ``on``, ``yes`` and ``1:30`` unquoted (it
speaks YAML 1.2), which editors and other YAML 1.1 tools read as booleans
and numbers; it would also be a second YAML library to load.

This module and ``yamlread`` are the only ones that import ``yaml``
(pyproject.toml's layering ban names both, and why).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
)

from plantool.yamlread import NULLS

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where PyYAML was built with it

PLAIN, SINGLE, DOUBLE, LITERAL = "", "'", '"', "|"
"""Scalar styles, as the event stream names them (``>`` is folded text)."""


@dataclass(slots=True, eq=False)
class Node:
    """One node of a YAML document and where it stands: ``text[start:end]`` is all of it.

    A scalar has its ``value`` and ``style`` (``PLAIN``, ``SINGLE``, ``DOUBLE``,
    ``LITERAL`` or ``>``). A mapping has ``entries`` (key node, value node) in file
    order; a sequence has ``items``. ``flow`` says whether a collection is written
    ``[...]``/``{...}``. A block collection's ``end`` is not reliable (the parser
    places it at the next token, after any comments); use ``content_end``.
    """

    start: int
    end: int
    value: str | None = None
    style: str = PLAIN
    flow: bool = False
    entries: list[tuple[Node, Node]] | None = None
    items: list[Node] | None = None
    text_end: int = 0
    """A scalar's last character of content, plus one: a block text's span runs on over the
    line break and blank lines after it, which belong to no value."""
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    @property
    def is_mapping(self) -> bool:
        return self.entries is not None

    @property
    def is_sequence(self) -> bool:
        return self.items is not None

    @property
    def is_scalar(self) -> bool:
        return self.entries is None and self.items is None

    @property
    def is_null(self) -> bool:
        return self.is_scalar and self.style == PLAIN and self.value in NULLS

    def get(self, key: str) -> Node | None:
        """A mapping's value for ``key``."""
        position = self._index.get(key)
        return None if position is None or self.entries is None else self.entries[position][1]

    def key_node(self, key: str) -> Node | None:
        position = self._index.get(key)
        return None if position is None or self.entries is None else self.entries[position][0]

    @property
    def content_end(self) -> int:
        """Just after the node's last character of content (a block text's trailing blank lines excluded)."""
        if self.is_scalar:
            return self.text_end
        if self.flow:
            return self.end
        children = [value for _, value in self.entries] if self.entries is not None else self.items or []
        return children[-1].content_end if children else self.end

    def data(self) -> Any:
        """The plain data the reader would build: text, None, dicts and lists."""
        if self.entries is not None:
            return {key.value: value.data() for key, value in self.entries}
        if self.items is not None:
            return [item.data() for item in self.items]
        return None if self.is_null else self.value


def read_layout(text: str) -> Node | None:
    """The document's root node with every span, or ``None`` if the text is not one readable document."""
    stack: list[Node] = []
    pending: list[Node | None] = []  # per open mapping: its key waiting for a value
    root: Node | None = None
    try:
        event: Any  # the stubs type events loosely; each branch knows which one it has
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is ScalarEvent or isinstance(event, CollectionStartEvent):
                start, end = event.start_mark.index, event.end_mark.index
                if kind is ScalarEvent:
                    style = event.style or PLAIN
                    text_end = start + len(text[start:end].rstrip(" \t\r\n")) if style in ("|", ">") else end
                    node = Node(start, end, value=event.value, style=style, text_end=text_end)
                elif kind is MappingStartEvent:
                    node = Node(start, end, flow=bool(event.flow_style), entries=[])
                else:
                    node = Node(start, end, flow=bool(event.flow_style), items=[])
                if not stack:
                    root = node
                else:
                    _attach(stack[-1], pending, node)
                if not node.is_scalar:
                    stack.append(node)
                    pending.append(None)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()
                pending.pop()
                if node.flow:
                    node.end = event.end_mark.index
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    return root


def _attach(parent: Node, pending: list[Node | None], node: Node) -> None:
    if parent.items is not None:
        parent.items.append(node)
        return
    assert parent.entries is not None
    key = pending[-1]
    if key is None:
        pending[-1] = node
        return
    pending[-1] = None
    if key.value is not None:
        parent._index.setdefault(key.value, len(parent.entries))
    parent.entries.append((key, node))


_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def emit_scalar(value: str, *, style: str | None = None, flow: bool = False) -> str:
    """``value`` as YAML text that reads back as exactly ``value``, the emitter choosing quotes.

    ``style`` asks for a quoting (``SINGLE`` or ``DOUBLE``, to match what stands
    beside it); the emitter still overrides a style that cannot hold the text. A
    value with line breaks is a literal block (``|-``, lines indented two spaces
    after the first line's, for the caller to indent further) unless ``flow``
    (inside ``[...]``/``{...}``, where only one line is written) or the text
    cannot be a block; everything else is one line.
    """
    multiline = any(mark in value for mark in _LINE_BREAKS)
    if multiline and not flow and not any(mark in value for mark in _LINE_BREAKS[1:]):
        written = _dump(value, LITERAL)
        if written.startswith("|") and not written.startswith("|+") and "+" not in written.split("\n", 1)[0]:
            return written
    if multiline:
        return _dump(value, DOUBLE)
    written = _dump(value, style if style in (SINGLE, DOUBLE) else None)
    if "\n" in written:  # a line the emitter chose to fold
        return _dump(value, DOUBLE)
    if flow and not written.startswith(("'", '"')) and any(c in written for c in ",[]{}#"):
        return _dump(value, SINGLE)
    return written


def _dump(value: str, style: str | None) -> str:
    written = yaml.safe_dump(value, default_style=style, allow_unicode=True, width=2**30)
    return written.removesuffix("\n...\n").removesuffix("\n")
