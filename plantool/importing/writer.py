"""The draft plan as plan-file text, with a comment at each choice the import made.

YAML is written here by hand, not by a YAML library: plantool only *reads*
YAML through ``yamlread`` (docs/architecture), and a plan file is a small,
fixed shape. Every id is double-quoted (``"1.10"`` must stay text); other
text is written plain only when no YAML reader could take it for anything but
that text, and double-quoted with escapes otherwise. The caller loads the
result back before anything is written (``importing.verify``).

Format version 2 (docs/format.md) is written as it is: a date in the form the
cell gave (``2024-Q2``, ``2024``, ``"2023/24"``), never as a day or month the
cell did not say; a due cell that is no date as ``due_note``; a priority's or
finding's number in the source as ``source_ref``; a role's ``kind``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from plantool.importing.leads import Entry
from plantool.importing.structure import Draft, DraftAction, DraftGroup
from plantool.importing.values import Due

_PLAIN = re.compile(r"[A-Za-z(][^\n]*", re.S)
_YAML11_WORDS = frozenset(["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~"])


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``."""
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _YAML11_WORDS
        and not re.search(r"[\"'`{}\[\]|>&*!%@,\\]", text[:1] + text[-1:])
        and not any(ch in text for ch in '\t"\\')
        and text.isprintable()
    )
    return text if plain else quoted(text)


def quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in escaped)
    return f'"{escaped}"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _comment(indent: str, text: str) -> str:
    flat = " ".join(text.split())
    return f"{indent}# import: {flat}\n"


def plan_text(draft: Draft, plan_id: str, title: str, source_name: str, title_how: str) -> str:
    out = [
        f"# Imported by 'plantool import' from {_one_line(source_name)}. Each '# import:' comment says\n",
        "# how a cell was read; check them against the source, then delete them.\n",
        "plan:\n",
        f"  id: {quoted(plan_id)}\n",
        _comment("  ", f"title {title_how}"),
        f"  title: {scalar(title)}\n",
        "\n",
    ]
    key = "findings" if draft.kind == "inspection" else "priorities"
    out.append(f"{key}:\n")
    for group in draft.groups:
        out.extend(_group(group, draft.kind))
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _group(group: DraftGroup, kind: str) -> list[str]:
    out = [_comment("  ", c) for c in group.comments]
    out.append(f"  - id: {quoted(group.id)}\n")
    if group.source_ref:
        out.append(f"    source_ref: {quoted(group.source_ref)}\n")
    if kind == "inspection" and group.area:
        out.append(f"    area: {scalar(group.area)}\n")
    out.append(f"    title: {scalar(group.title)}\n")
    if kind == "inspection" and group.finding:
        out.append(f"    finding: {scalar(group.finding)}\n")
    out.append("    actions:\n" if group.actions else "    actions: []\n")
    for action in group.actions:
        out.extend(_action(action))
    out.append("\n")
    return out


def _action(action: DraftAction) -> list[str]:
    ind = "        "
    out = [_comment("      ", c) for c in action.comments]
    out.append(f"      - id: {quoted(action.id)}\n")
    if action.source_ref:
        out.append(f"{ind}source_ref: {quoted(action.source_ref)}\n")
    out.append(f"{ind}title: {scalar(action.title)}\n")
    if action.leads:
        out.append(f"{ind}leads: [{', '.join(quoted(lead) for lead in action.leads)}]\n")
    if action.due is not None:
        out.extend(_due(ind, "due", action.due))
    if action.due_note is not None:
        out.append(f"{ind}due_note: {scalar(action.due_note)}\n")
    if action.carried_forward:
        out.append(f"{ind}carried_forward: true\n")
    if action.status is not None:
        out.append(f"{ind}status: {action.status}\n")
    if action.updates:
        out.append(f"{ind}updates:\n")
        for update in sorted(action.updates, key=lambda u: u.date):
            out.append(_comment(ind + "  ", update.comment))
            out.append(f"{ind}  - date: {_date_value(update.date)}\n")
            out.append(f"{ind}    text: {scalar(update.text)}\n")
    return out


def _due(ind: str, key: str, due: Due) -> list[str]:
    return [f"{ind}{key}: {_date_value(due.written)}\n"]


def _date_value(written: str) -> str:
    return quoted(written) if "/" in written else written


def people_entries(entries: Iterable[Entry], indent: str = "  ") -> str:
    """New people-file entries, as list items at ``indent``."""
    out = []
    for entry in entries:
        forms = "; ".join(repr(w) for w in entry.written[:3])
        out.append(_comment(indent, f"added from the lead cells {forms}" if forms else "added by the import"))
        if entry.other_roles:
            out.append(_comment(indent, f"also given as: {'; '.join(entry.other_roles)}"))
        if entry.initials_taken:
            out.append(
                _comment(
                    indent,
                    f"{entry.initials_taken} is already an id; if that is this person, use it and delete this entry",
                )
            )
        if entry.name is None and entry.role is None:
            out.append(_comment(indent, "initials only in the source: no name is invented"))
        out.append(f"{indent}- id: {quoted(entry.id)}\n")
        if entry.kind:
            out.append(f"{indent}  kind: {entry.kind}\n")
        if entry.name:
            out.append(f"{indent}  name: {scalar(entry.name)}\n")
        if entry.role:
            out.append(f"{indent}  role: {scalar(entry.role)}\n")
    return "".join(out)


def people_text(entries: list[Entry], source_name: str) -> str:
    return (
        f"# People named as leads in {_one_line(source_name)}, added by 'plantool import'.\n"
        "people:\n" + people_entries(entries)
    )
