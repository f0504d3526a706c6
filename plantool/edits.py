"""Changing a plan file's text as a careful person would by hand: only the change changes.

Every write command is a pure function here: a file's text and one intended
change in, the new text out. Nothing here reads or writes a file (``safeio``
does that) or reads the clock (the day comes in as ``on``).

How a change is made, and why it can be trusted:

1. The file must load cleanly first. A file with a problem is not touched:
   ``InvalidEdit`` names the problems that block it, since an edit on top of a
   broken file could not be checked.
2. The change is made twice. Once on the text, as *splices*: a value replaced
   at the span the YAML parser reports for it, a new key or list item inserted
   on a line of its own at the indentation its neighbours use, each value
   written by PyYAML's emitter (``yamlwrite.emit_scalar``), so ``NO``, ``1.10``,
   ``: #``, quotes and line breaks read back exactly. And once on the plain
   data the reader builds, which gives the expected result.
3. The new text is read again. It must load with no problem, and its data must
   equal the expected data exactly; otherwise ``InvalidEdit`` refuses the
   change. A change is never "almost" made.

Everything outside the splices stays byte for byte: comments, key order,
quoting, blank lines, a byte-order mark, and line endings (a new line ends the
way the line before it ends, LF or CRLF).

Where a new key goes: after the last key that comes before it in the format's
own order (id, title, leads, due, ..., status, completed, ..., updates, ...),
so ``status`` lands beside ``due`` and ``updates`` before ``actions``; a new
list item goes after the last item, in the list's own style (``- `` lines or
``[...]``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START, PlanDate, in_form_of, parse_day, parse_plan_date
from plantool.loader import load_text
from plantool.models import Meaning, PlanFile, Priority, Tracked
from plantool.problems import PlantoolError, Problem
from plantool.scales import scale_of
from plantool.yamlread import forbidden_character, read_yaml
from plantool.yamlwrite import DOUBLE, SINGLE, Node, emit_scalar, read_layout

if TYPE_CHECKING:
    from plantool.workspace import People

Value = str | list[str] | list[dict[str, Any]]
"""What a change writes at a key: a text, a list of texts (leads), or a list of mappings (updates, actions)."""


class EditError(PlantoolError):
    """The change was asked for wrongly: a reference the file does not hold, a status off
    the plan's scale, a date that is not one, an unknown person (the command line's exit 2)."""


class InvalidEdit(Exception):
    """Nothing is written: the file does not load cleanly, or the change would leave it invalid (exit 1)."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {problem}" for problem in self.problems)])


# ---------------------------------------------------------------------------
# The operations: the library's write API (plantool.update, plantool.rate, ...)


def update(
    text: str,
    ref: str,
    *,
    note: str,
    on: date | PlanDate,
    status: str | None = None,
    by: str | None = None,
    path: str = "<plan>",
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> str:
    """Append a progress update to ``ref`` (and with ``status``, set its status too).

    ``on`` is the update's date (a day, or a month); ``by`` who gave it (a person id,
    checked by the caller with ``check_people``). ``plan.updated`` moves on to ``on``
    when the plan has one and ``on`` is newer. ``financial_year_start``: the month the
    plans folder's financial years start in (``plantool.toml``), as every edit reads the file.
    """
    edit = _Edit(text, path, financial_year_start)
    where = edit.tracked(ref)
    if not note.strip():
        raise EditError("the update's note is empty; say what has happened")
    check_text("--note", note)
    when = _plan_date(on)
    entry: dict[str, Any] = {"date": str(when), "text": note}
    if status is not None:
        key = status_key(edit.plan, status)
        edit.set(where, "status", key)
        entry["status"] = key
    if by is not None:
        entry["by"] = by
    edit.append(where, "updates", entry)
    edit.bump_updated(when)
    return edit.result()


def rate(
    text: str, ref: str, status: str, *, path: str = "<plan>", financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
) -> str:
    """Set the status of ``ref`` alone, to a key of the plan's scale (any case)."""
    edit = _Edit(text, path, financial_year_start)
    where = edit.tracked(ref)
    edit.set(where, "status", status_key(edit.plan, status))
    return edit.result()


def complete(
    text: str,
    ref: str,
    *,
    on: date,
    note: str | None = None,
    path: str = "<plan>",
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> str:
    """Mark ``ref`` done: the scale's done key and ``completed: on``; a ``note`` is kept as an update."""
    edit = _Edit(text, path, financial_year_start)
    where = edit.tracked(ref)
    done = done_key(edit.plan)
    edit.set(where, "status", done)
    edit.set(where, "completed", on.isoformat())
    if note is not None:
        if not note.strip():
            raise EditError("the note is empty; leave --note out or say what was done")
        check_text("--note", note)
        edit.append(where, "updates", {"date": on.isoformat(), "text": note, "status": done})
        edit.bump_updated(PlanDate.day(on))
    return edit.result()


def move(
    text: str,
    ref: str,
    *,
    due: str | PlanDate,
    reason: str,
    on: date | PlanDate,
    path: str = "<plan>",
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> str:
    """Change the due date of ``ref``; the old date and ``reason`` are kept as an update dated ``on``.

    So the slip is in the plan itself, beside the work: ``diff`` shows the date moving and
    ``history`` shows the update saying why.
    """
    edit = _Edit(text, path, financial_year_start)
    where = edit.tracked(ref)
    if not reason.strip():
        raise EditError("the reason is empty; say why the date moves")
    check_text("--reason", reason)
    new = due if isinstance(due, PlanDate) else _parse(due, "--due", financial_year_start)
    old = edit.effective_due(where)
    if old is not None and _parse(old, "due", financial_year_start) == new and old == str(new):
        raise EditError(f"{ref} is already due {old}; nothing to change")
    edit.set(where, "due", str(new))
    when = _plan_date(on)
    said = f"Due date moved from {old} to {new}: {reason}" if old else f"Due date set to {new} (was undated): {reason}"
    edit.append(where, "updates", {"date": str(when), "text": said})
    edit.bump_updated(when)
    return edit.result()


def assign(
    text: str,
    ref: str,
    *,
    leads: Sequence[str] = (),
    accountable: Sequence[str] | None = None,
    path: str = "<plan>",
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> str:
    """Set who leads ``ref`` (and, with ``accountable``, who answers for it); check ids with ``check_people``."""
    if not leads and accountable is None:
        raise EditError("name at least one lead (--lead ID)")
    if accountable is not None and "accountable" not in Tracked.model_fields:
        raise EditError("accountable needs format version 2, which this plantool does not read yet")
    edit = _Edit(text, path, financial_year_start)
    where = edit.tracked(ref)
    if leads:
        edit.set(where, "leads", list(leads))
    if accountable is not None:
        edit.set(where, "accountable", list(accountable))
    return edit.result()


def add_action(
    text: str,
    parent: str,
    *,
    id: str,
    title: str,
    leads: Sequence[str] = (),
    due: str | PlanDate | None = None,
    path: str = "<plan>",
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START,
) -> str:
    """Append a new action ``id`` under the priority or finding ``parent``."""
    check_text("--title", title)
    edit = _Edit(text, path, financial_year_start)
    where, kind = edit.find(parent)
    if kind == "action":
        raise EditError(f"{parent} is an action; add the new action under its priority or finding")
    siblings = edit.data_at(where).get("actions") or []
    clash = next((s for s in siblings if isinstance(s, dict) and s.get("id") == id), None)
    if clash is not None:
        raise InvalidEdit(f"{parent} already has an action {id!r}; choose another id")
    # Ids are unique by the reference they make (docs/decisions.md): a priority's action is PLAN/ID,
    # beside every priority, finding and other priority action; a finding's is PLAN/FINDING.ID.
    plan = edit.plan
    taken = {p.id for p in plan.priorities} | {f.id for f in plan.findings}
    taken |= {a.id for p in plan.priorities for a in p.actions}
    taken |= {f"{f.id}.{a.id}" for f in plan.findings for a in f.actions}
    ref = id if kind == "priority" else f"{edit.data_at(where).get('id')}.{id}"
    if ref in taken:
        raise InvalidEdit(f"{plan.plan.id}/{ref} already names something in the plan; choose another id")
    entry: dict[str, Any] = {"id": id, "title": title}
    if leads:
        entry["leads"] = list(leads)
    if due is not None:
        entry["due"] = str(due if isinstance(due, PlanDate) else _parse(due, "--due", financial_year_start))
    edit.append(where, "actions", entry)
    return edit.result()


PLAN_KINDS = {"development": "priorities", "inspection": "findings"}
"""A development plan holds priorities; an inspection action plan holds findings."""


def new_plan(
    plan_id: str, title: str, *, kind: str = "development", schema: str = "../schemas/plan.schema.json"
) -> str:
    """The text of a new plan file that loads at once: the schema line, ``plan:`` and an empty list."""
    if kind not in PLAN_KINDS:
        raise EditError(f"unknown kind {kind!r}; use {' or '.join(PLAN_KINDS)}")
    text = (
        f"# yaml-language-server: $schema={schema}\n"
        f"plan:\n  id: {emit_scalar(plan_id)}\n  title: {emit_scalar(title)}\n"
        f"{PLAN_KINDS[kind]}: []\n"
    )
    loaded = load_text(text, f"{plan_id}.yaml")
    if loaded.problems:
        raise InvalidEdit("the new plan would not load:", loaded.problems)
    return text


def check_text(flag: str, text: str) -> None:
    """Refuse text a plan file cannot hold (a control character, U+2028), naming the character: a usage error."""
    what = forbidden_character(text)
    if what is not None:
        raise EditError(f"{flag} holds {what}, which a plan file cannot hold; write a line break or a space instead")


def check_people(people: People, ids: Iterable[str], *, what: str = "lead") -> None:
    """Refuse an id nobody in the people files is known by, suggesting the nearest ones."""
    known = sorted({key for _, person in people.persons for key in (person.id, *person.aliases)})
    for key in ids:
        if key in people:
            continue
        close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
        close += [k for k in known if k.lower() == key.lower() and k not in close]
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise EditError(f"unknown {what} {key!r}: nobody in the people files has that id or alias{hint}")


def unified_diff(old: str, new: str, path: str, *, new_file: bool = False) -> str:
    """What ``--dry-run`` shows: the change as a unified diff of the file (``git apply`` takes it)."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile="/dev/null" if new_file else f"a/{path}",
        tofile=f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# ---------------------------------------------------------------------------
# The plan's status scale: the one place that knows which keys a plan rates with


def scale_keys(plan: PlanFile) -> list[str]:
    """The status keys ``plan`` rates with, in the order its key lists them."""
    return list(scale_of(plan.plan).keys)


def done_key(plan: PlanFile) -> str:
    """The key that means done on ``plan``'s scale (its first, if several do)."""
    grade = scale_of(plan.plan).first(Meaning.DONE)
    if grade is None:
        raise EditError(f"plan {plan.plan.id!r} has no status meaning done on its scale, so nothing can be completed")
    return grade.key


def status_key(plan: PlanFile, given: str) -> str:
    """The scale's own spelling of ``given`` (a key in any case, or a label), or ``EditError`` listing the keys."""
    grade = scale_of(plan.plan).find(given.strip())
    if grade is None:
        keys = scale_keys(plan)
        raise EditError(f"{given!r} is not on the plan's status scale; use one of {', '.join(keys)}")
    return grade.key


# ---------------------------------------------------------------------------
# The machinery

# The format's own order of keys: a new key goes after the last one that comes before it.
_ORDER = {
    key: rank
    for rank, key in enumerate(
        (
            "id", "area", "title", "finding", "outcome", "organisation", "leads", "accountable", "due", "due_note",
            "milestones", "recurs", "status", "completed", "carried_forward", "source_ref", "target", "date", "text",
            "by", "updates", "links", "tags", "actions",
        )
    )
}  # fmt: skip

Path = tuple[str | int, ...]


def _plan_date(on: date | PlanDate) -> PlanDate:
    return on if isinstance(on, PlanDate) else PlanDate.day(on)


def _parse(text: str, flag: str, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> PlanDate:
    try:
        return parse_plan_date(text, financial_year_start)
    except ValueError as error:
        raise EditError(f"{flag}: {error}") from None


def parse_completed(text: str) -> date:
    """A completion day as typed (``--date``), or ``EditError``."""
    try:
        return parse_day(text)
    except ValueError as error:
        raise EditError(f"--date: {error}") from None


@dataclass(frozen=True, slots=True)
class _Splice:
    start: int
    end: int
    text: str


class _Edit:
    """One change to one file's text: splices on the text, the same change on its data, then the check."""

    def __init__(self, text: str, path: str, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START) -> None:
        self.path = path
        self.financial_year_start = financial_year_start
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.body = text[len(self.bom) :]
        loaded = load_text(self.body, path, financial_year_start=financial_year_start)
        if loaded.problems:
            raise InvalidEdit(f"{path} does not load cleanly, so it is not changed; fix this first:", loaded.problems)
        if loaded.plan is None:
            raise EditError(f"{path} is not a plan file")
        root = read_layout(self.body)
        if root is None or not root.is_mapping:  # pragma: no cover - it loaded, so it reads
            raise InvalidEdit(f"{path} could not be read for editing")
        self.plan: PlanFile = loaded.plan
        self.root = root
        self.expected: Any = root.data()
        self.splices: list[_Splice] = []
        self._usual_cache: dict[str, Node] | None = None

    # -- finding things ----------------------------------------------------

    def find(self, ref: str) -> tuple[Path, str]:
        """Where ``ref`` (full, or without the plan id) stands: its path in the data and what it is."""
        local = ref.strip()
        plan_id = self.plan.plan.id
        if local.startswith(plan_id + "/"):
            local = local[len(plan_id) + 1 :]
        found: list[tuple[Path, str]] = []
        for i, priority in enumerate(self.plan.priorities):
            if priority.id == local:
                found.append((("priorities", i), "priority"))
            found += [
                (("priorities", i, "actions", j), "action") for j, a in enumerate(priority.actions) if a.id == local
            ]
        for i, finding in enumerate(self.plan.findings):
            if finding.id == local:
                found.append((("findings", i), "finding"))
            found += [
                (("findings", i, "actions", j), "action")
                for j, a in enumerate(finding.actions)
                if f"{finding.id}.{a.id}" == local
            ]
        if not found:
            raise EditError(f"{self.path} has no action, finding or priority {ref!r}")
        if len(found) > 1:
            raise InvalidEdit(f"{ref!r} names more than one thing in {self.path}; its ids are not unique")
        return found[0]

    def tracked(self, ref: str) -> Path:
        """Where the action or finding ``ref`` stands: the things that carry a status, leads and updates."""
        where, kind = self.find(ref)
        if kind == "priority" and "status" not in Priority.model_fields:
            raise EditError(f"{ref} is a priority, which has no status, leads or updates of its own; name an action")
        return where

    def data_at(self, where: Path) -> Any:
        node = self.expected
        for step in where:
            node = node[step]
        return node

    def node_at(self, where: Path) -> Node:
        node: Node | None = self.root
        for step in where:
            assert node is not None
            node = node.get(step) if isinstance(step, str) else (node.items or [])[step]
        assert node is not None
        return node

    def effective_due(self, where: Path) -> str | None:
        """The due date that applies to the item at ``where``: its own, else its finding's."""
        own = self.data_at(where).get("due")
        if own is None and where[0] == "findings" and len(where) > 2:
            own = self.data_at(where[:2]).get("due")
        return own if isinstance(own, str) else None

    # -- changes -----------------------------------------------------------

    def set(self, where: Path, key: str, value: str | list[str]) -> None:
        """Give the mapping at ``where`` the value ``value`` at ``key``, replacing or adding it."""
        mapping = self.node_at(where)
        old = mapping.get(key)
        if old is None:
            self._insert_key(mapping, key, value)
        elif isinstance(value, str):
            self._replace_scalar(mapping, key, old, value)
        else:
            self._replace_list(mapping, key, old, value)
        self.data_at(where)[key] = value

    def append(self, where: Path, key: str, item: dict[str, Any]) -> None:
        """Add ``item`` at the end of the list at ``key`` of the mapping at ``where`` (a new list if none)."""
        mapping = self.node_at(where)
        old = mapping.get(key)
        data = self.data_at(where)
        if old is None:
            self._insert_key(mapping, key, [item])
        elif old.is_null:
            self._fill_null(mapping, key, old, [item])
        elif old.is_sequence:
            self._append_item(old, item)
        else:
            raise InvalidEdit(f"{key} of {_describe(where)} is not a list; it cannot take a new entry")
        if isinstance(data.get(key), list):
            data[key].append(item)
        else:
            data[key] = [item]

    def bump_updated(self, when: PlanDate) -> None:
        """Move ``plan.updated`` on to ``when`` if the plan has one and ``when`` is newer, in the same form."""
        meta = self.plan.plan
        if meta.updated is None:
            return
        written = when if meta.updated.is_day else in_form_of(when.end, meta.updated)
        if written > meta.updated:
            self.set(("plan",), "updated", str(written))

    def result(self) -> str:
        """The new text, after checking it reads back as exactly the intended change."""
        body = _apply(self.body, self.splices)
        loaded = load_text(body, self.path, financial_year_start=self.financial_year_start)
        if loaded.problems:
            raise InvalidEdit(f"the change would leave {self.path} invalid, so it is not made:", loaded.problems)
        # Compared as the reader itself reads it (not through read_layout, which the splices came from).
        if read_yaml(body).data != self.expected:
            raise InvalidEdit(
                f"the change to {self.path} would not read back as intended, so it is not made (this is a bug in "
                "plantool; please report it with the file)"
            )
        return self.bom + body

    # -- splicing ------------------------------------------------------------

    def _splice(self, start: int, end: int, text: str) -> None:
        self.splices.append(_Splice(start, end, text))

    def _insert_key(self, mapping: Node, key: str, value: Value) -> None:
        entries = mapping.entries or []
        if mapping.flow:
            text = f"{key}: {self._flow_value(value, like=None, key=key)}"
            if entries:
                self._splice(entries[-1][1].content_end, entries[-1][1].content_end, ", " + text)
            else:
                self._splice(mapping.start + 1, mapping.start + 1, text)
            return
        rank = _ORDER.get(key, len(_ORDER))
        before = [entry for entry in entries if _ORDER.get(entry[0].value or "", len(_ORDER)) <= rank]
        after = (before or entries)[-1]
        indent = self._column(entries[0][0].start)
        at, newline, lead = self._after_line(max(after[0].end, after[1].content_end))
        self._splice(at, at, lead + " " * indent + key + ":" + self._block_value(value, indent, newline, key) + newline)

    def _replace_scalar(self, mapping: Node, key: str, old: Node, value: str) -> None:
        if old.is_scalar and old.start == old.end:  # `key:` with nothing after it
            self._splice(old.start, old.start, " " + self._scalar(value, key, like=None, flow=mapping.flow))
            return
        if not old.is_scalar:
            raise InvalidEdit(f"{key} holds a list or mapping here, not one value; change it by hand")
        written = self._scalar(value, key, like=old, flow=mapping.flow)
        if "\n" in written:
            written = self._indent_lines(written, self._column(self._key_start(mapping, key)), old.start)
        self._splice(old.start, old.content_end, written)

    def _replace_list(self, mapping: Node, key: str, old: Node, value: list[str]) -> None:
        if old.is_sequence and not old.flow and old.items:
            dash = self._column(old.start)
            newline = self._newline(old.start)
            lines = [f"- {self._scalar(v, key, like=old.items[0], flow=True)}" for v in value]
            self._splice(old.start, old.content_end, (newline + " " * dash).join(lines))
            return
        if old.is_null and old.start == old.end:
            self._splice(old.start, old.start, " " + self._flow_value(value, like=None, key=key))
            return
        like = old.items[0] if old.is_sequence and old.items else old if old.is_scalar else None
        self._splice(old.start, old.content_end if not old.flow else old.end, self._flow_value(value, like, key=key))

    def _fill_null(self, mapping: Node, key: str, old: Node, value: list[dict[str, Any]]) -> None:
        if mapping.flow:
            self._splice(old.start, old.end, self._flow_value(value, like=None))
            return
        indent = self._column(self._key_start(mapping, key))
        if old.start != old.end:
            self._splice(old.start, old.end, "")  # `~` or `null` gives way to the list on the next lines
        at, newline, lead = self._after_line(old.start)
        self._splice(at, at, lead + self._block_items(value, indent + 2, newline) + newline)

    def _append_item(self, sequence: Node, item: dict[str, Any]) -> None:
        items = sequence.items or []
        if sequence.flow:
            text = self._flow_mapping(item)
            if items:
                self._splice(items[-1].content_end, items[-1].content_end, ", " + text)
            else:
                self._splice(sequence.start + 1, sequence.start + 1, text)
            return
        dash = self._column(sequence.start)
        at, newline, lead = self._after_line(sequence.content_end)
        siblings = [other for other in items if other.is_mapping]
        self._splice(at, at, lead + self._block_items([item], dash, newline, siblings=siblings) + newline)

    # -- writing values --------------------------------------------------------

    def _scalar(self, value: str, key: str, *, like: Node | None, flow: bool) -> str:
        if key in _DATE_KEYS and _ISO_DATE.fullmatch(value):
            return value  # the format's dates are written plain, as everyone writes them
        like = like or self._usual().get(key)
        style = like.style if like is not None and like.is_scalar and like.style in (SINGLE, DOUBLE) else None
        return emit_scalar(value, style=style, flow=flow)

    def _block_value(self, value: Value, indent: int, newline: str, key: str, like: Node | None = None) -> str:
        """What follows ``key:`` in a block mapping whose keys stand at column ``indent``.

        ``like`` is the same key's value in a sibling, whose quoting a new list of ids follows.
        """
        if isinstance(value, str):
            written = self._scalar(value, key, like=None, flow=False)
            return " " + written.replace("\n", newline + " " * indent)
        if value and isinstance(value[0], dict):
            return newline + self._block_items(value, indent + 2, newline)
        first = like.items[0] if like is not None and like.is_sequence and like.items else None
        return " " + self._flow_value(value, like=first, key=key)

    def _block_items(self, items: list[dict[str, Any]], dash: int, newline: str, siblings: Sequence[Node] = ()) -> str:
        """Mappings as ``- key: value`` items with their dash at column ``dash``; no final line break.

        Each value is quoted as the same key's value in the nearest sibling before it that has
        one (ids written ``"1.4"`` beside ``"1.4"``, leads ``["GT"]`` beside ``["JT"]``).
        """
        lines = []
        for item in items:
            for index, (key, value) in enumerate(item.items()):
                prefix = " " * dash + "- " if index == 0 else " " * (dash + 2)
                sibling = next((found for other in reversed(siblings) if (found := other.get(key)) is not None), None)
                if isinstance(value, str):
                    written = self._scalar(value, key, like=sibling, flow=False)
                    written = written.replace("\n", newline + " " * (dash + 2))
                    lines.append(f"{prefix}{key}: {written}")
                else:
                    lines.append(f"{prefix}{key}:{self._block_value(value, dash + 2, newline, key, like=sibling)}")
        return newline.join(lines)

    def _flow_value(self, value: Value, like: Node | None, key: str = "") -> str:
        if isinstance(value, str):
            return self._scalar(value, key, like=like, flow=True)
        if value and isinstance(value[0], dict):
            return "[" + ", ".join(self._flow_mapping(item) for item in value if isinstance(item, dict)) + "]"
        return "[" + ", ".join(self._scalar(v, key, like=like, flow=True) for v in value if isinstance(v, str)) + "]"

    def _flow_mapping(self, item: dict[str, Any]) -> str:
        return (
            "{"
            + ", ".join(f"{key}: {self._flow_value(value, like=None, key=key)}" for key, value in item.items())
            + "}"
        )

    def _usual(self) -> dict[str, Node]:
        """For each key, the first value written at it in the file (the first item, for a list):
        how this file quotes a lead, an id or a status, for a new one to follow."""
        if self._usual_cache is None:
            found: dict[str, Node] = {}
            pending = [self.root]
            while pending:
                node = pending.pop()
                for key, value in node.entries or ():
                    first = value.items[0] if value.is_sequence and value.items else value
                    if key.value is not None and first.is_scalar and not first.is_null:
                        found.setdefault(key.value, first)
                pending.extend(value for _, value in reversed(node.entries or ()) if not value.is_scalar)
                pending.extend(reversed(node.items or ()))
            self._usual_cache = found
        return self._usual_cache

    # -- positions in the text --------------------------------------------------

    def _column(self, offset: int) -> int:
        return offset - (self.body.rfind("\n", 0, offset) + 1)

    def _key_start(self, mapping: Node, key: str) -> int:
        node = mapping.key_node(key)
        assert node is not None
        return node.start

    def _newline(self, offset: int) -> str:
        """The line ending of the line at ``offset`` (of the file's first line, if that one has none)."""
        end = self.body.find("\n", offset)
        if end < 0:
            end = self.body.find("\n")
        return "\r\n" if end > 0 and self.body[end - 1] == "\r" else "\n"

    def _after_line(self, offset: int) -> tuple[int, str, str]:
        """Where a new line goes after the line holding ``offset``, its line ending, and any break it needs first."""
        newline = self._newline(offset)
        end = self.body.find("\n", offset)
        if end < 0:  # the last line has no line break: give it one before the new line
            return len(self.body), newline, newline
        return end + 1, newline, ""

    def _indent_lines(self, written: str, indent: int, offset: int) -> str:
        return written.replace("\n", self._newline(offset) + " " * indent)


_DATE_KEYS = frozenset({"date", "due", "completed", "updated"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?", re.ASCII)


def _apply(body: str, splices: list[_Splice]) -> str:
    """``body`` with each splice made; splices at the same place go in the order they were made."""
    pieces: list[str] = []
    position = 0
    for splice in sorted(splices, key=lambda s: (s.start, s.end)):
        if splice.start < position:
            raise InvalidEdit("two parts of the change overlap (this is a bug in plantool)")
        pieces += [body[position : splice.start], splice.text]
        position = splice.end
    pieces.append(body[position:])
    return "".join(pieces)


def _describe(where: Path) -> str:
    return "/".join(str(step) for step in where) or "the file"
