"""``plantool status``: the RAG board as a terminal table, Markdown, or JSON (CLI.md's shape)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.models import Period
from plantool.queries import Board, Counts, Group, PlanSummary
from plantool.render.listing import Fit, fit_widths, fixed, measure, new_table, table_room
from plantool.render.style import (
    DEFAULT_COLUMNS,
    Columns,
    bar,
    bar_plain,
    columns,
    columns_across,
    md_cell,
    md_table,
    user_text,
)

_BAR = 10


def _count_headers(shown: Columns) -> list[str]:
    return ["Total", *(look.word for look in shown.looks), "Overdue", "Due soon"]


def counts_json(counts: Counts) -> dict[str, Any]:
    return {
        "total": counts.total,
        "by_status": dict(counts.by_status),
        "overdue": counts.overdue,
        "due_soon": counts.due_soon,
        "by_meaning": dict(counts.by_meaning),
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


def _count_cells(counts: Counts, shown: Columns) -> list[Text]:
    cells = [Text(str(counts.total))]
    values = shown.values(counts)
    for look in shown.looks:
        value = values.get(look.key, 0)
        cells.append(Text(str(value), style=look.style if value else "dim"))
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
        shown = columns(summary.plan.scale)
        widths = _widths(out, grouping, labels, summary.counts, shown)
        if widths is None:
            out.print(_stacked(labels, summary, shown))
        else:
            headers = [grouping, *_count_headers(shown), ""][: len(widths)]
            out.print(_table(out, headers, widths, labels, summary, colour, shown))
    if len(board.plans) > 1:
        out.print(Text(_totals_line(board), style="bold"))


def _widths(out: Console, grouping: str, labels: list[str], totals: Counts, shown: Columns) -> list[int] | None:
    """The columns' widths, the bar's last when it fits: the bar goes first, then the count headers wrap.

    None when even then the group column would be too narrow to keep its words whole.
    """
    group = measure(grouping, [*labels, "All"], least=20)
    numbers = [len(cell.plain) for cell in _count_cells(totals, shown)]  # a plan's totals are its widest counts
    headers = list(zip(_count_headers(shown), numbers, strict=True))
    whole = [fixed(max(len(header), number)) for header, number in headers]
    with_bar = fit_widths([group, *whole, fixed(_BAR)], table_room(out, len(whole) + 2))
    if with_bar is not None:
        return with_bar
    wrapped = [Fit(max(measure(header, []).floor, number), max(len(header), number)) for header, number in headers]
    return fit_widths([group, *wrapped], table_room(out, len(wrapped) + 1))


def _table(
    out: Console,
    headers: list[str],
    widths: list[int],
    labels: list[str],
    summary: PlanSummary,
    colour: bool,
    shown: Columns,
) -> Table:
    """The board as a table of ``headers`` (the bar's column left out when it is not among them)."""

    def cells(label: str, counts: Counts) -> list[Text]:
        return [user_text(label), *_count_cells(counts, shown), bar(counts, colour, _BAR, shown)][: len(headers)]

    table = new_table(out, show_footer=True)
    for index, (header, footer, width) in enumerate(zip(headers, cells("All", summary.counts), widths, strict=True)):
        table.add_column(header, footer=footer, width=width, justify="right" if index else "left", overflow="fold")
    for label, group in zip(labels, summary.groups, strict=True):
        table.add_row(*cells(label, group.counts))
    return table


def _stacked(labels: list[str], summary: PlanSummary, shown: Columns) -> RichGroup:
    """The board for a terminal too narrow for its table: each group's label, then its counts as a sentence."""
    lines: list[Text | Padding] = []
    for label, group in zip(labels, summary.groups, strict=True):
        lines += [user_text(label), Padding(_counts_sentence(group.counts, shown), (0, 0, 0, 2))]
    lines += [Text("All", style="bold"), Padding(_counts_sentence(summary.counts, shown, "bold"), (0, 0, 0, 2))]
    return RichGroup(*lines)


def _counts_sentence(counts: Counts, shown: Columns, style: str = "") -> Text:
    """ "22 actions: 0 GREEN, …, 22 not rated; 2 overdue, 0 due soon", each number coloured as in the table."""
    text = Text(f"{counts.total} action{'' if counts.total == 1 else 's'}: ", style=style)
    words = [*(look.word for look in shown.looks), "overdue", "due soon"]
    for index, (cell, word) in enumerate(zip(_count_cells(counts, shown)[1:], words, strict=True)):
        text.append("; " if index == len(shown.looks) else (", " if index else ""), style=style)
        text.append(cell.plain, style=f"{style} {cell.style}".strip())
        text.append(f" {word}", style=style)
    return text


def _across(board: Board) -> Columns:
    return columns_across([summary.plan.scale for summary in board.plans])


def _totals_line(board: Board) -> str:
    counts, shown = board.counts, _across(board)
    values = shown.values(counts)
    parts = [f"{values.get(look.key, 0)} {look.word}" for look in shown.looks]
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
        shown = columns(summary.plan.scale)
        for group in summary.groups:
            label = _group_label(group, board.by)
            rows.append(
                [md_cell(label), *_count_strings(group.counts, shown), f"`{bar_plain(group.counts, shown=shown)}`"]
            )
        rows.append(
            [
                "**All**",
                *(f"**{v}**" for v in _count_strings(summary.counts, shown)),
                f"`{bar_plain(summary.counts, shown=shown)}`",
            ]
        )
        lines += md_table([grouping, *(md_cell(h) for h in _count_headers(shown)), "Bar"], rows)
        lines.append("")
        if summary.plan.scale.custom:
            lines += [f"Bar: {md_cell(shown.legend)}.", ""]
    if len(board.plans) > 1:
        lines += [md_cell(_totals_line(board)), ""]
    lines.append(f"Bar: {md_cell(DEFAULT_COLUMNS.legend)}.")
    return "\n".join(lines) + "\n"


def _count_strings(counts: Counts, shown: Columns) -> list[str]:
    values = shown.values(counts)
    return [
        str(counts.total),
        *(str(values.get(look.key, 0)) for look in shown.looks),
        str(counts.overdue),
        str(counts.due_soon),
    ]
