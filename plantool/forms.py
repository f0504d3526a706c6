"""The monthly update round: a plan's open items as one form per lead, and a returned form read back as changes.

Each month the plan's owner asks every lead for a status and a line of
progress on each open item (docs/update-round.md). ``plantool request``
turns the plans into one ``Form`` per lead; ``plantool collect`` reads the
returned forms and applies what the leads filled in through the write
commands. This module is the pure middle of both: no files, no clock, no
spreadsheet library. Writing a form is ``render/forms.py``'s job and reading
one back is ``formread.py``'s; both meet here in the same layout (``COLUMNS``,
``HEADER_ROW``), so a form round-trips whichever way it travelled.

What a returned form can say, and what plantool does with it:

- A row with a new status and/or an update becomes one change, attributed to
  the form's lead and dated the day it is collected. The scale's done key
  completes the item (with a ``completed`` day), as ``plantool complete`` does.
- A row left blank is skipped and said so; so is a row that repeats the
  current status with no update.
- A status off the plan's scale, an edited reference, a row the form never
  sent, text that no plan file could hold: the row is refused, at its cell.
- Every row carries the *fingerprint* of its item as sent. An item whose
  fingerprint differs now has changed in the plan since the form went out;
  its row is refused unless the user forces it, never silently merged.
- A form naming a plan this folder does not have was made for another plans
  folder and is refused whole.

Any refused row refuses its whole form: applying is all or nothing per form,
so a form can be corrected and collected again without half of it having
landed already.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START
from plantool.judgements import Judgement, Thresholds
from plantool.models import Meaning
from plantool.problems import PlantoolError
from plantool.queries import Filters, select
from plantool.workspace import Item, Plan, Workspace

FORM_MARK = "plantool update form"
"""The first cell of every form: how ``collect`` knows a file is one of ours."""
FORM_VERSION = "1"

# ---------------------------------------------------------------------------
# The plan's status scale: the one place that knows which keys a plan rates by.


@dataclass(frozen=True, slots=True)
class ScaleKey:
    """One step of a plan's status scale: the key written in the plan, its label, whether it means done."""

    key: str
    label: str
    done: bool


def plan_scale(plan: Plan) -> tuple[ScaleKey, ...]:
    """The keys a status on ``plan`` may take, in the order the plan's key lists them."""
    return tuple(ScaleKey(grade.key, grade.label, grade.means is Meaning.DONE) for grade in plan.scale.grades)


def status_word(status: object | None) -> str | None:
    """A status as its key, the way the plan file writes it (None for not rated)."""
    if status is None:
        return None
    return status.value if isinstance(status, Enum) else str(status)


def find_key(scale: Sequence[ScaleKey], typed: str) -> ScaleKey | None:
    """The scale key a lead meant: the key in any case, or its label word for word (any case)."""
    wanted = " ".join(typed.split()).casefold()
    for entry in scale:
        if wanted in (entry.key.casefold(), " ".join(entry.label.split()).casefold()):
            return entry
    return None


# ---------------------------------------------------------------------------
# The form's layout, shared by the writer and the reader.


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    width: int
    """Width in characters in the workbook."""
    editable: bool = False


COLUMNS = (
    Column("Reference", 16),
    Column("Plan", 12),
    Column("Priority or finding", 18),
    Column("Action", 34),
    Column("Due", 10),
    Column("Current status", 12),
    Column("Last update", 32),
    Column("Last update date", 9),
    Column("New status", 11, editable=True),
    Column("This month's update", 36, editable=True),
)
REF_COL, STATUS_COL, UPDATE_COL = 1, 9, 10
"""1-based columns: A holds the reference, I the new status, J this month's update."""
SENT_COL = len(COLUMNS) + 1
"""In a CSV form only: the reference and fingerprint as sent (a workbook hides them on a sheet of their own)."""
SENT_HEADING = "Sent (do not edit)"
HEADER_ROW = 7
FIRST_ROW = HEADER_ROW + 1
LEAD_ROW, AS_OF_ROW, PLANS_ROW, SCALE_ROW, HOW_ROW = 2, 3, 4, 5, 6

HOW_TO = (
    "For each action, pick a new status from the list (or leave it as it is) and write this month's update. "
    "Leave a row blank if there is nothing to report. Please do not change the other columns."
)


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


# ---------------------------------------------------------------------------
# Building forms (plantool request)


@dataclass(frozen=True, slots=True)
class FormLine:
    """One open item as the lead sees it, and its fingerprint as sent."""

    ref: str
    plan: str
    cells: tuple[str, ...]
    """The visible text of every column, the two editable ones empty."""
    overdue: bool
    status: str | None
    fingerprint: str


@dataclass(frozen=True)
class Form:
    """One lead's form: their open items, as of one day."""

    lead: str
    lead_label: str
    as_of: date
    lines: tuple[FormLine, ...]
    scales: Mapping[str, tuple[ScaleKey, ...]]
    """Each plan on the form (by id) and its status scale."""

    @property
    def plans(self) -> tuple[str, ...]:
        return tuple(self.scales)

    @property
    def title(self) -> str:
        who = self.lead_label if self.lead_label == self.lead else f"{self.lead_label} ({self.lead})"
        return f"Monthly update for {who}, as of {self.as_of.isoformat()}"


def fingerprint(item: Item) -> str:
    """A short digest of what the form shows of an item and what collecting it would change.

    Title, leads, due, status, completion and every update: a change to any of
    them since the form was sent means the lead answered about something else.
    """
    shown = {
        "ref": item.ref,
        "title": item.title,
        "leads": list(item.leads),
        "due": str(item.due) if item.due else None,
        "status": status_word(item.status),
        "completed": str(item.completed) if item.completed else None,
        "updates": [[str(u.date), u.text, status_word(u.status), u.by] for u in item.updates],
    }
    text = json.dumps(shown, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def form_line(item: Item, judgement: Judgement, scale: Sequence[ScaleKey]) -> FormLine:
    """The row of the form for ``item``: the same text every time for the same item and day."""
    status = status_word(item.status)
    labels = {entry.key: entry.label for entry in scale}
    latest = item.latest_update
    overdue = judgement.overdue
    due = str(item.due) if item.due else "no date"
    if item.recurs is not None and judgement.due is not None:  # the next occurrence, as every other command shows
        due = f"{judgement.due.isoformat()} ({item.recurs})"
    cells = (
        item.ref,
        item.plan.title,
        item.group.title,
        item.title,
        f"{due} (overdue)" if overdue else due,
        f"{status}: {labels[status]}" if status in labels else (status or "not rated"),
        latest.text if latest else "",
        str(latest.date) if latest else "",
        "",
        "",
    )
    return FormLine(item.ref, item.plan.id, cells, overdue, status, fingerprint(item))


def build_forms(
    workspace: Workspace,
    as_of: date,
    *,
    leads: Sequence[str] = (),
    plan: str | None = None,
    thresholds: Thresholds = Thresholds(),
) -> list[Form]:
    """One form per lead (every lead with an open item, or the ``leads`` named), their open items in plan order.

    A named lead or plan that matches nothing is a ``PlantoolError``; a named lead
    with no open item gets no form (``leads_without_items`` says who).
    """
    rows = select(workspace, as_of, Filters(plan=plan, leads=tuple(leads)), thresholds=thresholds)
    wanted = {workspace.people.canonical(lead) for lead in leads}
    lines: dict[str, list[FormLine]] = {}
    scales: dict[str, dict[str, tuple[ScaleKey, ...]]] = {}
    for row in rows:
        item = row.item
        scale = plan_scale(item.plan)
        if any(entry.done and entry.key == status_word(item.status) for entry in scale):
            continue
        line = form_line(item, row.judgement, scale)
        for lead in dict.fromkeys(workspace.people.canonical(lead) for lead in item.leads):
            if wanted and lead not in wanted:
                continue
            lines.setdefault(lead, []).append(line)
            scales.setdefault(lead, {})[item.plan.id] = scale
    return [
        Form(lead, workspace.people.label(lead), as_of, tuple(lines[lead]), scales[lead])
        for lead in sorted(lines, key=str.casefold)
    ]


def leads_without_items(forms: Iterable[Form], leads: Sequence[str], workspace: Workspace) -> list[str]:
    """The named leads who got no form because nothing of theirs is open."""
    got = {form.lead for form in forms}
    return [lead for lead in leads if workspace.people.canonical(lead) not in got]


def form_file_name(form: Form, suffix: str) -> str:
    """A form's file is named by its lead's id (ids are letters, digits, '.', '_' and '-': safe in any folder)."""
    return f"{form.lead}{suffix}"


def preamble(form: Form) -> list[list[str]]:
    """Rows 1 to ``HEADER_ROW - 1``: what the form is, for whom, as of when, the scale, how to fill it in."""
    rows = [
        [FORM_MARK, form.title],
        ["Lead", form.lead, form.lead_label],
        ["As of", form.as_of.isoformat()],
        ["Plans", " ".join(form.plans)],
        ["Status key", scale_legend(form)],
        ["How to fill in", HOW_TO],
    ]
    assert len(rows) == HEADER_ROW - 1
    return rows


def scale_legend(form: Form) -> str:
    """Each key with its label; per plan only when the form's plans label their keys differently."""
    legends = {plan: "; ".join(f"{e.key}: {e.label}" for e in scale) for plan, scale in form.scales.items()}
    if len(set(legends.values())) == 1:
        return next(iter(legends.values()))
    return " | ".join(f"{plan}: {legend}" for plan, legend in legends.items())


def headings(with_sent: bool) -> list[str]:
    return [column.heading for column in COLUMNS] + ([SENT_HEADING] if with_sent else [])


def sent_cell(line: FormLine) -> str:
    return f"{line.ref} {line.fingerprint}"


# ---------------------------------------------------------------------------
# Reading returned forms (plantool collect)


@dataclass(frozen=True, slots=True)
class SentRow:
    """A row as the form sent it: where it stands, which item, the item's fingerprint then."""

    row: int
    ref: str
    fingerprint: str


@dataclass(frozen=True)
class Returned:
    """A returned form as read from its file, before any judgement: ``formread`` builds these."""

    path: str
    lead: str
    as_of: date
    plans: tuple[str, ...]
    sent: tuple[SentRow, ...]
    cells: Mapping[tuple[int, int], str]
    """Every non-empty cell of the visible sheet, by (row, column), as text."""
    sent_is_hidden: bool = True
    """False for a CSV form, whose sent column the lead could edit like any other."""

    def cell(self, row: int, col: int) -> str:
        return self.cells.get((row, col), "")


class Outcome(str, Enum):
    APPLY = "apply"
    SKIPPED = "skipped"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Change:
    """What one row asks for: an update (note) and/or a status, by the form's lead."""

    ref: str
    by: str
    note: str | None
    status: str | None
    complete: bool


@dataclass(frozen=True, slots=True)
class RowVerdict:
    row: int
    ref: str
    outcome: Outcome
    message: str
    cell: str | None = None
    change: Change | None = None
    notes: tuple[str, ...] = ()
    """Things worth saying that do not stop the row (a locked cell edited anyway)."""


@dataclass(frozen=True)
class FormVerdict:
    path: str
    lead: str
    rows: tuple[RowVerdict, ...] = ()
    refused: str | None = None
    """Why the whole form is refused before any row is read (another folder, not a form)."""

    def count(self, outcome: Outcome) -> int:
        return sum(1 for row in self.rows if row.outcome is outcome)

    @property
    def changes(self) -> list[Change]:
        return [row.change for row in self.rows if row.change is not None and row.outcome is Outcome.APPLY]

    @property
    def applicable(self) -> bool:
        """All or nothing: a form applies only when no row is refused."""
        return self.refused is None and self.count(Outcome.REFUSED) == 0


@dataclass
class _Check:
    """The state one form's check walks with."""

    returned: Returned
    workspace: Workspace
    as_of: date
    force: bool
    thresholds: Thresholds
    rows: list[RowVerdict] = field(default_factory=list)


def check_returned(
    returned: Returned,
    workspace: Workspace,
    *,
    force: bool = False,
    thresholds: Thresholds = Thresholds(),
) -> FormVerdict:
    """Judge every row of a returned form against the plans as they are now."""
    missing = [plan for plan in returned.plans if workspace.plan(plan) is None]
    if missing:
        here = ", ".join(plan.id for plan in workspace.plans) or "none"
        return FormVerdict(
            returned.path,
            returned.lead,
            refused=f"this form was made for another plans folder: it is for {', '.join(missing)}, "
            f"and this folder's plans are {here}",
        )
    check = _Check(returned, workspace, returned.as_of, force, thresholds)
    sent_rows = {sent.row for sent in returned.sent}
    for sent in returned.sent:
        check.rows.append(_check_row(check, sent))
    extra = sorted({row for row, col in returned.cells if row > HEADER_ROW and row not in sent_rows})
    for row in extra:
        answered = any(returned.cell(row, col) for col in (STATUS_COL, UPDATE_COL))
        ref = returned.cell(row, REF_COL)
        if answered:
            # An answer with no item the form sent: applying it would mean guessing which item.
            message = "a row the form did not send (added, moved or its reference cleared); nothing in it is taken"
            check.rows.append(RowVerdict(row, ref, Outcome.REFUSED, message, cell_name(row, REF_COL)))
        else:
            text = " ".join(returned.cell(row, col) for col in range(1, SENT_COL + 1) if returned.cell(row, col))
            message = f"text outside the form's rows, not taken: {_shown(text)}"
            check.rows.append(RowVerdict(row, "", Outcome.SKIPPED, message, cell_name(row, REF_COL)))
    return FormVerdict(returned.path, returned.lead, tuple(sorted(check.rows, key=lambda verdict: verdict.row)))


def _check_row(check: _Check, sent: SentRow) -> RowVerdict:
    returned, row = check.returned, sent.row
    typed_ref = returned.cell(row, REF_COL)
    ref_cell = cell_name(row, REF_COL)
    if typed_ref.strip() != sent.ref:
        shown = repr(typed_ref.strip()) if typed_ref.strip() else "emptied"
        return RowVerdict(
            row, sent.ref, Outcome.REFUSED, f"the reference was edited: sent as {sent.ref}, now {shown}", ref_cell
        )
    status_typed = returned.cell(row, STATUS_COL).strip()
    note = _note(returned.cell(row, UPDATE_COL))
    if not status_typed and note is None:
        return RowVerdict(row, sent.ref, Outcome.SKIPPED, "nothing filled in", cell_name(row, STATUS_COL))
    found = check.workspace.lookup(sent.ref)
    items = [target for full, target in found if full == sent.ref and isinstance(target, Item)]
    if len(items) != 1:
        return RowVerdict(row, sent.ref, Outcome.REFUSED, f"{sent.ref} is no longer in the plans", ref_cell)
    item = items[0]
    scale = plan_scale(item.plan)
    key: ScaleKey | None = None
    if status_typed:
        key = find_key(scale, status_typed)
        if key is None:
            keys = ", ".join(entry.key for entry in scale)
            return RowVerdict(
                row,
                sent.ref,
                Outcome.REFUSED,
                f"status {_shown(status_typed)} is not on the plan's scale ({keys})",
                cell_name(row, STATUS_COL),
            )
    if note is not None:
        bad = _unwritable(note)
        if bad:
            return RowVerdict(row, sent.ref, Outcome.REFUSED, f"the update {bad}", cell_name(row, UPDATE_COL))
    notes: tuple[str, ...] = ()
    current = fingerprint(item)
    if current != sent.fingerprint:
        if not check.force:
            return RowVerdict(
                row,
                sent.ref,
                Outcome.REFUSED,
                f"{sent.ref} has changed in the plan since the form was sent (as of {returned.as_of.isoformat()}); "
                "check with 'plantool show', then collect with --force to apply it anyway",
                ref_cell,
            )
        notes += ("changed in the plan since the form was sent; applied anyway (--force)",)
    else:
        notes += _locked_edits(check, item, row)
    status = key.key if key is not None else None
    if status == status_word(item.status) and note is None:
        return RowVerdict(row, sent.ref, Outcome.SKIPPED, f"status {status} as before and no update", notes=notes)
    change = Change(sent.ref, returned.lead, note, status, complete=key is not None and key.done)
    return RowVerdict(row, sent.ref, Outcome.APPLY, _describe(change), change=change, notes=notes)


def apply_change(
    text: str, change: Change, *, on: date, path: str, financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
) -> str:
    """A plan file's text with one row's change made, through the write commands' own edits.

    The done key completes the item (status and ``completed``), as ``plantool complete``
    does, after recording the lead's update. A status alone is a rating: the plan
    file has nowhere to say who gave a bare status, so only an update carries ``by``.
    """
    from plantool import edits

    start = financial_year_start
    if change.note is not None:
        text = edits.update(
            text, change.ref, note=change.note, on=on, status=change.status, by=change.by, path=path,
            financial_year_start=start,
        )  # fmt: skip
    if change.complete:
        return edits.complete(text, change.ref, on=on, path=path, financial_year_start=start)
    if change.note is None and change.status is not None:
        return edits.rate(text, change.ref, change.status, path=path, financial_year_start=start)
    return text


def _locked_edits(check: _Check, item: Item, row: int) -> tuple[str, ...]:
    """Cells the lead was asked not to edit but did: said, never taken (the plan is the source of those)."""
    from plantool.judgements import judge

    sent = form_line(item, judge(item, check.as_of, thresholds=check.thresholds), plan_scale(item.plan))
    edited = [
        cell_name(row, col)
        for col, (column, text) in enumerate(zip(COLUMNS, sent.cells, strict=True), start=1)
        if not column.editable and col != REF_COL and check.returned.cell(row, col).strip() != text.strip()
    ]
    if not edited:
        return ()
    return (f"{', '.join(edited)} changed on the form; only New status and This month's update are taken",)


def _note(text: str) -> str | None:
    """The update as the lead wrote it: line ends made plain, outer blank space trimmed."""
    cleaned = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    return cleaned or None


def _unwritable(text: str) -> str | None:
    """Why a plan file could not hold ``text`` (control characters, length), or None."""
    if len(text) > 50_000:
        return "is longer than a plan's 50,000 characters"
    for char in text:
        if (ord(char) < 32 and char not in "\t\n") or 0x7F <= ord(char) < 0xA0 or 0x202A <= ord(char) <= 0x202E:
            return f"contains an invisible control character (U+{ord(char):04X}); retype it"
    return None


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 40 else repr(text[:40]) + "…"


def _describe(change: Change) -> str:
    parts = []
    if change.complete:
        parts.append(f"complete ({change.status})")
    elif change.status:
        parts.append(f"status {change.status}")
    if change.note:
        first = change.note.splitlines()[0]
        parts.append("update " + (repr(first) if len(first) <= 60 else repr(first[:60]) + "…"))
    return ", ".join(parts)


def require_forms(forms: Sequence[Form]) -> None:
    if not forms:
        raise PlantoolError("no lead has an open action to ask about (with these options)")
