"""``plantool status``: the RAG board as a terminal table, Markdown, or JSON (CLI.md's shape)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.models import Period
from plantool.queries import STATUS_KEYS, Board, Counts, Group, PlanSummary
from plantool.render.listing import Fit, fit_widths, fixed, measure, new_table, table_room
from plantool.render.style import STATUS_STYLE, STATUS_WORD, bar, bar_plain, md_cell, md_table, user_text

_BAR = 10
_COUNT_HEADERS = ["Total", *(STATUS_WORD[key] for key in STATUS_KEYS), "Overdue", "Due soon"]


def counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "total": counts.total,
        "by_status": dict(counts.by_status),
        "overdue": counts.overdue,
        "due_soon": counts.due_soon,
    }


def board_json(board: Board) -> dict[str, Any]:
    return {
        "as_of": board.as_of.isoformat(),
        **counts_json(board.counts),
        "by": board.by,
        "plans": [_plan_json(summary) for summary in board.plans],
    }


def _plan_json(summary: PlanSummary) -> dict[str, Any]:
    meta = summary.plan.file.plan
    return {
        "id": summary.plan.id,
        "title": meta.title,
        "file": summary.plan.path,
        "period": _period_json(meta.period) if meta.period else None,
        "updated": str(meta.updated) if meta.updated else None,
        "warnings": summary.warnings,
        **counts_json(summary.counts),
        "groups": [{"id": group.id, "title": group.title, **counts_json(group.counts)} for group in summary.groups],
    }


def _period_json(period: Period) -> dict[str, Any]:
    """First and last day, and the period as written when the plan gave years or financial years."""
    shape: dict[str, Any] = {"start": period.first_day.isoformat(), "end": period.last_day.isoformat()}
    if not (period.start.is_day and period.end.is_day):
        shape["as_written"] = {"start": str(period.start), "end": str(period.end)}
    return shape


def _plan_heading(summary: PlanSummary) -> str:
    meta = summary.plan.file.plan
    parts = [f"{meta.title} ({summary.plan.id})"]
    if meta.period is not None:
        parts.append(f"period {meta.period.start} to {meta.period.end}")
    if meta.updated is not None:
        parts.append(f"updated {meta.updated}")
    return " · ".join(parts)


def _group_label(group: Group, by: str) -> str:
    if group.id == group.title:
        return group.title
    # A lead reads as "Name (ID)", sorted by name; a priority as "SP1 Title", in plan order.
    return f"{group.title} ({group.id})" if by == "lead" else f"{group.id} {group.title}"


def _count_cells(counts: Counts) -> list[Text]:
    cells = [Text(str(counts.total))]
    for key in STATUS_KEYS:
        value = counts.by_status[key]
        cells.append(Text(str(value), style=STATUS_STYLE[key] if value else "dim"))
    cells.append(Text(str(counts.overdue), style="bold red" if counts.overdue else "dim"))
    # Yellow, not dark_orange: a 16-colour terminal shows dark_orange as bright red, the colour of overdue.
    cells.append(Text(str(counts.due_soon), style="yellow" if counts.due_soon else "dim"))
    return cells


def print_board(board: Board, out: Console) -> None:
    colour = out.color_system is not None and not out.no_color  # without colour the bar uses letters
    grouping = "Lead" if board.by == "lead" else "Priority / area"
    out.print(Text(f"RAG status as of {board.as_of.isoformat()}", style="bold"))
    for summary in board.plans:
        out.print()
        out.print(user_text(_plan_heading(summary), "bold"))
        for warning in summary.warnings:
            out.print(Text(f"warning: {warning}", style="bold yellow"))
        labels = [_group_label(group, board.by) for group in summary.groups]
        widths = _widths(out, grouping, labels, summary.counts)
        if widths is None:
            out.print(_stacked(labels, summary))
        else:
            out.print(_table(out, [grouping, *_COUNT_HEADERS, ""][: len(widths)], widths, labels, summary, colour))
    if len(board.plans) > 1:
        out.print(Text(_totals_line(board.counts), style="bold"))


def _widths(out: Console, grouping: str, labels: list[str], totals: Counts) -> list[int] | None:
    """The columns' widths, the bar's last when it fits: the bar goes first, then the count headers wrap.

    None when even then the group column would be too narrow to keep its words whole.
    """
    group = measure(grouping, [*labels, "All"], least=20)
    numbers = [len(cell.plain) for cell in _count_cells(totals)]  # a plan's totals are its widest counts
    headers = list(zip(_COUNT_HEADERS, numbers, strict=True))
    whole = [fixed(max(len(header), number)) for header, number in headers]
    with_bar = fit_widths([group, *whole, fixed(_BAR)], table_room(out, len(whole) + 2))
    if with_bar is not None:
        return with_bar
    wrapped = [Fit(max(measure(header, []).floor, number), max(len(header), number)) for header, number in headers]
    return fit_widths([group, *wrapped], table_room(out, len(wrapped) + 1))


def _table(
    out: Console, headers: list[str], widths: list[int], labels: list[str], summary: PlanSummary, colour: bool
) -> Table:
    """The board as a table of ``headers`` (the bar's column left out when it is not among them)."""

    def cells(label: str, counts: Counts) -> list[Text]:
        return [user_text(label), *_count_cells(counts), bar(counts.by_status, colour, _BAR)][: len(headers)]

    table = new_table(out, show_footer=True)
    for index, (header, footer, width) in enumerate(zip(headers, cells("All", summary.counts), widths, strict=True)):
        table.add_column(header, footer=footer, width=width, justify="right" if index else "left", overflow="fold")
    for label, group in zip(labels, summary.groups, strict=True):
        table.add_row(*cells(label, group.counts))
    return table


def _stacked(labels: list[str], summary: PlanSummary) -> RichGroup:
    """The board for a terminal too narrow for its table: each group's label, then its counts as a sentence."""
    lines: list[Text | Padding] = []
    for label, group in zip(labels, summary.groups, strict=True):
        lines += [user_text(label), Padding(_counts_sentence(group.counts), (0, 0, 0, 2))]
    lines += [Text("All", style="bold"), Padding(_counts_sentence(summary.counts, "bold"), (0, 0, 0, 2))]
    return RichGroup(*lines)


def _counts_sentence(counts: Counts, style: str = "") -> Text:
    """ "22 actions: 0 GREEN, …, 22 not rated; 2 overdue, 0 due soon", each number coloured as in the table."""
    text = Text(f"{counts.total} action{'' if counts.total == 1 else 's'}: ", style=style)
    words = [*(STATUS_WORD[key] for key in STATUS_KEYS), "overdue", "due soon"]
    for index, (cell, word) in enumerate(zip(_count_cells(counts)[1:], words, strict=True)):
        text.append("; " if index == len(STATUS_KEYS) else (", " if index else ""), style=style)
        text.append(cell.plain, style=f"{style} {cell.style}".strip())
        text.append(f" {word}", style=style)
    return text


def _totals_line(counts: Counts) -> str:
    parts = [f"{counts.by_status[key]} {STATUS_WORD[key]}" for key in STATUS_KEYS]
    return (
        f"All plans: {counts.total} actions: {', '.join(parts)}; {counts.overdue} overdue, {counts.due_soon} due soon"
    )


def board_markdown(board: Board) -> str:
    grouping = "Lead" if board.by == "lead" else "Priority / area"
    lines = [f"# RAG status as of {board.as_of.isoformat()}", ""]
    for summary in board.plans:
        lines += [f"## {md_cell(_plan_heading(summary))}", ""]
        lines += [f"- **Warning:** {md_cell(warning)}" for warning in summary.warnings]
        if summary.warnings:
            lines.append("")
        rows = []
        for group in summary.groups:
            label = _group_label(group, board.by)
            rows.append([md_cell(label), *_count_strings(group.counts), f"`{bar_plain(group.counts.by_status)}`"])
        rows.append(
            [
                "**All**",
                *(f"**{v}**" for v in _count_strings(summary.counts)),
                f"`{bar_plain(summary.counts.by_status)}`",
            ]
        )
        lines += md_table([grouping, *_COUNT_HEADERS, "Bar"], rows)
        lines.append("")
    if len(board.plans) > 1:
        lines += [_totals_line(board.counts), ""]
    lines.append("Bar: G GREEN, A AMBER, R RED, B BLUE, . not rated.")
    return "\n".join(lines) + "\n"


def _count_strings(counts: Counts) -> list[str]:
    return [
        str(counts.total),
        *(str(counts.by_status[key]) for key in STATUS_KEYS),
        str(counts.overdue),
        str(counts.due_soon),
    ]
