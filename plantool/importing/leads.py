"""Lead cells → people: "Role - Full Name", initials, or several joined by "/", "&", "and" or new lines.

The rules (docs/moving-in.md):

- a cell is split at new lines, "/" and ";" first; a part is split again at "&"
  and "and" only when every piece is then a name or initials, so "Director of
  Commissioning & Corporate Parenting - David Stringfellow" stays one lead;
- "Role - Full Name" (any dash with spaces around it) is a person with that name and role;
- initials or a short id ("JT", "AxB", "DoP") are an id, with no name: none is invented;
- two to four capitalised words are a name; anything else is a role ("Head of Service").

Each lead becomes a people entry, matched against the people already known
(by id, alias, name, or role for a role with no name) so nobody is entered
twice. A new person's id is their initials; when those are taken by someone
else, the first name's second letter is added ("AlB"), then a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DASH = re.compile(r"\s+[-–—]\s+|\s+[-–—](?=[A-Z])|(?<=[a-z)])[-–—]\s+")
_INITIALS = re.compile(r"[A-Z][A-Za-z0-9]{0,7}(?:[.\-_][A-Za-z0-9]{1,8}){0,2}", re.ASCII)
_NAME_WORD = re.compile(
    r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+)?|[A-Z]\.?|(?:Mc|Mac|O'|O’)[A-Z][a-z]+"
)
_SMALL = frozenset(["of", "the", "and", "for", "in", "to", "at", "on", "a", "an", "with"])


@dataclass(frozen=True, slots=True)
class Lead:
    """One lead as the cell wrote it."""

    written: str
    id: str | None = None
    name: str | None = None
    role: str | None = None


def _is_initials(text: str) -> bool:
    """ "JT", "AxB", "DoP", "CPB-CHAIR": a short key in capitals, not a word ("Chair") or a name."""
    letters = [c for c in text if c.isalpha()]
    return (
        bool(_INITIALS.fullmatch(text))
        and len(text) <= 16
        and sum(c.isupper() for c in letters) >= max(2, (len(letters) + 1) // 2)
    )


def _is_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(_NAME_WORD.fullmatch(word) for word in words) and not _is_initials(text)


def _one(part: str) -> Lead:
    text = part.strip(" ,.;")
    pieces = _DASH.split(text)
    if len(pieces) >= 2:
        role, name = " - ".join(p.strip() for p in pieces[:-1]), pieces[-1].strip(" ,.;")
        if _is_name(name):
            return Lead(text, name=name, role=role or None)
        if _is_name(pieces[0].strip()):  # "Jenny Turnross - Director of Practice"
            return Lead(text, name=pieces[0].strip(), role=" - ".join(p.strip() for p in pieces[1:]))
    if _is_initials(text):
        return Lead(text, id=text)
    if _is_name(text):
        return Lead(text, name=text)
    return Lead(text, role=text)


def split_leads(text: str) -> list[Lead]:
    """Every lead a cell names, in order, each once."""
    leads: list[Lead] = []
    for part in re.split(r"\n|/|;|\s\+\s", text):
        part = part.strip(" ,.")
        if not part:
            continue
        pieces = [p.strip(" ,.") for p in re.split(r"\s*&\s*|\s+and\s+|,\s*", part) if p.strip(" ,.")]
        if len(pieces) > 1 and all(_is_initials(p) or _is_name(p) or _one(p).name for p in pieces):
            leads.extend(_one(p) for p in pieces)
        else:
            leads.append(_one(part))
    seen: set[str] = set()
    unique = []
    for lead in leads:
        key = (lead.id or lead.name or lead.role or "").casefold()
        if key not in seen:
            seen.add(key)
            unique.append(lead)
    return unique


@dataclass
class Entry:
    """A people-file entry, known before the import or new from it."""

    id: str
    name: str | None = None
    role: str | None = None
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    new: bool = False
    other_roles: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    """How the source wrote this lead, each form once (for the comment at the entry)."""
    initials_taken: str | None = None
    """The person's initials were already someone's id (perhaps theirs, written as initials elsewhere)."""


class Directory:
    """The people known so far (from the people files beside the plan) and those the import adds."""

    def __init__(self, known: list[Entry]) -> None:
        self.entries: list[Entry] = list(known)
        self._ids = {e.id.casefold() for e in known} | {a.casefold() for e in known for a in e.aliases}

    @property
    def added(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.new]

    def _find(self, lead: Lead) -> Entry | None:
        for entry in self.entries:
            if lead.id and (lead.id == entry.id or lead.id in entry.aliases):
                return entry
            if lead.name and entry.name and lead.name.casefold() == entry.name.casefold():
                return entry
            role_only = not lead.name and not lead.id and not entry.name
            if role_only and lead.role and entry.role and lead.role.casefold() == entry.role.casefold():
                return entry
        return None

    def resolve(self, lead: Lead) -> Entry:
        """The entry for ``lead``: an existing one, or a new one with a fresh id."""
        entry = self._find(lead)
        if entry is not None:
            if entry.new and lead.role and lead.name and entry.role != lead.role and lead.role not in entry.other_roles:
                entry.other_roles.append(lead.role)
            if entry.new and lead.written not in entry.written:
                entry.written.append(lead.written)
            return entry
        if lead.id:
            entry = Entry(lead.id, new=True, written=[lead.written])
        elif lead.name:
            initials = _initials(lead.name)
            entry = Entry(self._fresh(initials, lead.name), lead.name, lead.role, new=True, written=[lead.written])
            if entry.id != initials:
                # Perhaps the same person, written as initials elsewhere; perhaps not. Not guessed: said.
                entry.initials_taken = initials
        else:
            role = lead.role or lead.written
            entry = Entry(
                self._fresh(_initials(role, small=True) or "LEAD"),
                None,
                role,
                kind="role",
                new=True,
                written=[lead.written],
            )
        self.entries.append(entry)
        self._ids.add(entry.id.casefold())
        return entry

    def _fresh(self, base: str, name: str | None = None) -> str:
        candidates = [base]
        if name:
            first = name.split()[0]
            if len(first) > 1:
                candidates.append(base[0] + first[1].lower() + base[1:])
        for candidate in candidates:
            if candidate.casefold() not in self._ids:
                return candidate
        number = 2
        while f"{base}{number}".casefold() in self._ids:
            number += 1
        return f"{base}{number}"


def _initials(text: str, small: bool = False) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", text)
    letters = [w[0].upper() for w in words if not (small and w.lower() in _SMALL)]
    return "".join(letters)[:8]
