"""``plantool show REF`` on a terminal: the whole story of one action, finding, priority or plan."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.dates import PlanDate, Precision
from plantool.judgements import Judgement, Thresholds, judge
from plantool.models import Finding, Milestone, PersonKind, Priority, Update
from plantool.queries import status_key
from plantool.render.detail import DetailView
from plantool.render.style import relative, target_words
from plantool.render.terminal.console import drawn
from plantool.render.terminal.style import status_text, user_text
from plantool.scales import Scale
from plantool.workspace import Item, Named, Plan, Workspace

# Every label a view prints; the label column is as wide as the longest, so none is cut short
# ("Organisati…") and every value starts in the same column.
_LABELS = ("Plan", "File", "Organisation", "Period", "Updated", "Priority", "Finding", "Area", "Leads", "Due",
           "Status", "Completed", "Starred", "Source ref", "Target", "Tags", "Links", "Accountable", "Outcome",
           "Version", "Source")  # fmt: skip
_LABEL_WIDTH = max(len(label) for label in _LABELS)


def _field(out: Console, label: str, value: Text | str) -> None:
    """A labelled line whose value wraps under itself, not under the label."""
    grid = Table.grid(padding=(0, 1))
    # A minimum, not a fixed width: a label missing from _LABELS widens its own line rather than lose letters.
    grid.add_column(min_width=_LABEL_WIDTH, style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(label, value if isinstance(value, Text) else user_text(value))
    out.print(grid)


def _due_style(judgement: Judgement) -> str:
    # Yellow, not dark_orange: a 16-colour terminal shows dark_orange as bright red, the colour of overdue.
    return "bold red" if judgement.overdue else ("yellow" if judgement.due_soon else "")


def _paragraphs(out: Console, text: str, indent: int) -> None:
    for paragraph in text.splitlines():
        out.print(Padding(user_text(paragraph), (0, 0, 0, indent)))


def _leads(workspace: Workspace, leads: tuple[str, ...] | list[str]) -> list[str]:
    lines = []
    for lead in leads:
        person = workspace.people.get(lead)
        if person is None:
            lines.append(f"{lead} (not in any people file)")
            continue
        parts = [p for p in (person.name, person.role) if p]
        alias = f" as {lead}" if lead != person.id else ""
        about = [
            p for p in (str(person.kind) if person.kind is not PersonKind.PERSON else None, person.organisation) if p
        ]
        line = (
            f"{person.id}{alias}: {', '.join(parts)}"
            if parts
            else f"{person.id}{alias} (no name or role in the people file)"
        )
        lines.append(f"{line} ({', '.join(about)})" if about else line)
    return lines or ["none"]


def _updates(out: Console, updates: tuple[Update, ...] | list[Update], scale: Scale) -> None:
    out.print(Text("Updates", style="bold"))
    if not updates:
        out.print(Text("  none recorded", style="dim"))
    for update in updates:
        head = Text(f"  {update.date}")
        if update.status is not None:
            head.append(" ")
            head.append_text(status_text(update.status.key, scale))
        if update.by:
            head.append(f" by {update.by}")
        out.print(head)
        _paragraphs(out, update.text, 4)


def _milestones(out: Console, milestones: list[Milestone], as_of: date, scale: Scale) -> None:
    if not milestones:
        return
    out.print(Text("Milestones", style="bold"))
    for milestone in milestones:
        when = (
            _written(milestone.due, relative(milestone.due.end, as_of, milestone.done)) if milestone.due else "no date"
        )
        if milestone.due_note:
            when += f" ({milestone.due_note})"
        if milestone.completed is not None:
            when += f", completed {milestone.completed}"
        line = user_text(f"{when} {milestone.title} ")
        line.append_text(status_text(status_key(milestone.status), scale))
        out.print(Padding(line, (0, 0, 0, 2)))  # a long title wraps under itself, not at the margin


def print_item(workspace: Workspace, item: Item, as_of: date, thresholds: Thresholds, out: Console) -> None:
    judgement = judge(item, as_of, thresholds=thresholds)
    out.print(user_text(f"{item.ref}: {item.title}", "bold"))
    _field(out, "Plan", f"{item.plan.title} ({item.plan.id}), {item.path}:{item.line}")
    if item.priority is not None:
        _field(out, "Priority", f"{item.priority.id} {item.priority.title}")
    if item.finding is not None and not item.is_finding:
        _field(out, "Finding", f"{item.finding.id}: {item.finding.title}")
    if item.finding is not None and item.finding.area:
        _field(out, "Area", item.finding.area)
    for index, line in enumerate(_leads(workspace, item.leads)):
        _field(out, "Leads" if index == 0 else "", line)
    if item.accountable:
        for index, line in enumerate(_leads(workspace, item.accountable)):
            _field(out, "Accountable" if index == 0 else "", line)
    due_text = relative(judgement.due, as_of, item.complete)
    if item.due is not None and str(item.due) != (judgement.due.isoformat() if judgement.due else ""):
        due_text += f" (written as {item.due})"
    if item.due_note:
        due_text = f"{due_text}; {item.due_note}" if item.due is not None else item.due_note
    if item.recurs is not None:
        due_text += f", recurs {item.recurs}"
    _field(out, "Due", user_text(due_text, _due_style(judgement)))
    _field(out, "Status", status_text(status_key(item.status), item.plan.scale))
    if item.tracked.completed is not None:
        _field(out, "Completed", str(item.tracked.completed))
    if item.carried_forward:
        _field(out, "Starred", "carried forward from the previous plan")
    if item.tracked.source_ref:
        _field(out, "Source ref", item.tracked.source_ref)
    if item.tracked.outcome:
        _field(out, "Outcome", item.tracked.outcome)
    if item.target is not None:
        _field(out, "Target", target_words(item.target))
    if item.tracked.tags:
        _field(out, "Tags", ", ".join(item.tracked.tags))
    if item.tracked.links:
        _field(out, "Links", ", ".join(item.tracked.links))
    if item.finding is not None and item.finding.finding:
        out.print(Text("Finding", style="bold"))
        _paragraphs(out, item.finding.finding, 2)
    _milestones(out, item.milestones, as_of, item.plan.scale)
    _updates(out, item.updates, item.plan.scale)


def print_group(
    workspace: Workspace,
    ref: str,
    group: Priority | Finding,
    plan: Plan,
    as_of: date,
    thresholds: Thresholds,
    out: Console,
) -> None:
    out.print(user_text(f"{ref}: {group.title}", "bold"))
    _field(out, "Plan", f"{plan.title} ({plan.id}), {plan.path}:{group.line}")
    if group.source_ref:
        _field(out, "Source ref", group.source_ref)
    if group.accountable:
        for index, line in enumerate(_leads(workspace, group.accountable)):
            _field(out, "Accountable" if index == 0 else "", line)
    if group.outcome:
        _field(out, "Outcome", group.outcome)
    if isinstance(group, Priority) and group.leads:
        for index, line in enumerate(_leads(workspace, group.leads)):
            _field(out, "Leads" if index == 0 else "", line)
    if isinstance(group, Finding):
        if group.area:
            _field(out, "Area", group.area)
        for index, line in enumerate(_leads(workspace, group.leads)):
            _field(out, "Leads" if index == 0 else "", line)
        due_text = relative(group.due.end if group.due else None, as_of)
        if group.due is not None and not group.due.is_day:
            due_text += f" (written as {group.due})"
        if group.due_note:
            due_text = f"{due_text}; {group.due_note}" if group.due is not None else group.due_note
        _field(out, "Due", due_text)
        _field(out, "Status", status_text(status_key(group.status), plan.scale))
        if group.finding:
            out.print(Text("Finding", style="bold"))
            _paragraphs(out, group.finding, 2)
        _updates(out, group.updates, plan.scale)
    out.print(Text("Actions", style="bold"))
    for item in plan.items:
        if item.group is group:
            _item_line(item, as_of, thresholds, out)


def _item_line(item: Item, as_of: date, thresholds: Thresholds, out: Console) -> None:
    judgement = judge(item, as_of, thresholds=thresholds)
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(width=10, no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    line = user_text(f"{item.ref} {item.title} ")
    line.append_text(user_text(f"[{relative(judgement.due, as_of, item.complete)}]", _due_style(judgement) or "dim"))
    grid.add_row(status_text(status_key(item.status), item.plan.scale), line)
    out.print(grid)


def print_plan(workspace: Workspace, plan: Plan, as_of: date, thresholds: Thresholds, out: Console) -> None:
    meta = plan.file.plan
    out.print(user_text(f"{plan.id}: {meta.title}", "bold"))
    _field(out, "File", plan.path)
    if meta.organisation:
        _field(out, "Organisation", meta.organisation)
    if meta.period:
        _field(out, "Period", f"{meta.period.start} to {meta.period.end}")
    if meta.version:
        _field(out, "Version", meta.version)
    if meta.source:
        _field(out, "Source", ", ".join(p for p in (meta.source.title, meta.source.body, meta.source.dates) if p))
    if meta.accountable:
        for index, line in enumerate(_leads(workspace, meta.accountable)):
            _field(out, "Accountable" if index == 0 else "", line)
    _field(out, "Updated", str(meta.updated) if meta.updated else "not stated")
    groups: list[Priority | Finding] = [*plan.file.priorities, *plan.file.findings]
    for group in groups:
        out.print()
        out.print(user_text(f"{group.id}: {group.title}", "bold"))
        for item in plan.items:
            if item.group is group:
                _item_line(item, as_of, thresholds, out)


def print_named(
    workspace: Workspace, ref: str, target: Named, as_of: date, thresholds: Thresholds, out: Console
) -> None:
    out.print(Text(f"as of {as_of.isoformat()}", style="dim"))
    if isinstance(target, Item):
        print_item(workspace, target, as_of, thresholds, out)
    elif isinstance(target, Plan):
        print_plan(workspace, target, as_of, thresholds, out)
    else:
        plan = next(p for p in workspace.plans if ref.startswith(p.id + "/"))
        print_group(workspace, ref, target, plan, as_of, thresholds, out)


def named_terminal(ref: str, target: Named, view: DetailView) -> str:
    return drawn(lambda out: print_named(view.workspace, ref, target, view.as_of, view.thresholds, out))


def _written(when: PlanDate, shown: str) -> str:
    """``shown`` (a day) with the form the plan wrote, when that was a quarter or a year, which a day hides."""
    return f"{shown} (written as {when})" if when.precision > Precision.MONTH else shown
