"""``plantool status``: the RAG board as a terminal table, Markdown, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from plantool.models import Period
from plantool.queries import Board, BoardBy, BoardGroup, Counts, PlanSummary
from plantool.render.fitting import Fit, fit_widths, fixed, measure, table_lines, wrap
from plantool.render.formats import BoardFormat, Renderer
from plantool.render.style import DEFAULT_COLUMNS, Columns, bar_plain, columns, columns_across, md_cell, md_table
from plantool.render.text import PIPED_WIDTH, json_text, safe_text


def count_headers(shown: Columns) -> list[str]:
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
        "by": board.by.value,
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


def plan_heading(summary: PlanSummary) -> str:
    meta = summary.plan.file.plan
    parts = [f"{meta.title} ({summary.plan.id})"]
    if meta.period is not None:
        parts.append(f"period {meta.period.start} to {meta.period.end}")
    if meta.updated is not None:
        parts.append(f"updated {meta.updated}")
    return " · ".join(parts)


def group_label(group: BoardGroup, by: BoardBy) -> str:
    if group.id == group.title:
        return group.title
    # A lead reads as "Name (ID)", sorted by name; a priority as "SP1 Title", in plan order.
    return f"{group.title} ({group.id})" if by is BoardBy.lead else f"{group.id} {group.title}"


def across(board: Board) -> Columns:
    """The columns of the totals over every plan: their shared scale's keys, else the meanings."""
    return columns_across([summary.plan.scale for summary in board.plans])


def totals_line(board: Board) -> str:
    counts, shown = board.counts, across(board)
    values = shown.values(counts)
    parts = [f"{values.get(look.key, 0)} {look.word}" for look in shown.looks]
    return (
        f"All plans: {counts.total} actions: {', '.join(parts)}; {counts.overdue} overdue, {counts.due_soon} due soon"
    )


def board_markdown(board: Board) -> str:
    grouping = "Lead" if board.by is BoardBy.lead else "Priority / area"
    lines = [f"# RAG status as of {board.as_of.isoformat()}", ""]
    for summary in board.plans:
        lines += [f"## {md_cell(plan_heading(summary))}", ""]
        lines += [f"- **Warning:** {md_cell(warning)}" for warning in summary.warnings]
        if summary.warnings:
            lines.append("")
        rows = []
        shown = columns(summary.plan.scale)
        for group in summary.groups:
            label = group_label(group, board.by)
            rows.append(
                [md_cell(label), *count_numbers(group.counts, shown), f"`{bar_plain(group.counts, shown=shown)}`"]
            )
        rows.append(
            [
                "**All**",
                *(f"**{v}**" for v in count_numbers(summary.counts, shown)),
                f"`{bar_plain(summary.counts, shown=shown)}`",
            ]
        )
        lines += md_table([grouping, *(md_cell(h) for h in count_headers(shown)), "Bar"], rows)
        lines.append("")
        if summary.plan.scale.custom:
            lines += [f"Bar: {md_cell(shown.legend)}.", ""]
    if len(board.plans) > 1:
        lines += [md_cell(totals_line(board)), ""]
    lines.append(f"Bar: {md_cell(DEFAULT_COLUMNS.legend)}.")
    return "\n".join(lines) + "\n"


BAR_CELLS = 10
"""The bar's width on the board."""


def count_numbers(counts: Counts, shown: Columns) -> list[str]:
    """The counts of one board row, in the order of ``count_headers``."""
    values = shown.values(counts)
    return [
        str(counts.total),
        *(str(values.get(look.key, 0)) for look in shown.looks),
        str(counts.overdue),
        str(counts.due_soon),
    ]


def board_widths(grouping: str, labels: list[str], totals: Counts, shown: Columns, width: int) -> list[int] | None:
    """The columns' widths within ``width``, the bar's last when it fits: the bar goes first, then the count
    headers wrap.

    None when even then the group column would be too narrow to keep its words whole.
    """
    group = measure(grouping, [*labels, "All"], least=20)
    numbers = [len(number) for number in count_numbers(totals, shown)]  # a plan's totals are its widest counts
    headers = list(zip(count_headers(shown), numbers, strict=True))
    whole = [fixed(max(len(header), number)) for header, number in headers]
    with_bar = fit_widths([group, *whole, fixed(BAR_CELLS)], width - (len(whole) + 1))
    if with_bar is not None:
        return with_bar
    wrapped = [Fit(max(measure(header, []).floor, number), max(len(header), number)) for header, number in headers]
    return fit_widths([group, *wrapped], width - len(wrapped))


@dataclass(frozen=True)
class PlanTable:
    """One plan's board laid out as a table of plain cells, for the renderers that draw it without rich's Table."""

    heading: str
    warnings: list[str]
    headers: list[str]
    """The column headers; the bar's (an empty one) is left out when the bar does not fit."""
    labels: list[str]
    widths: list[int]


def plan_table(summary: PlanSummary, by: BoardBy, width: int) -> PlanTable | None:
    """``summary``'s table within ``width`` columns, or None when it needs the stacked form (too narrow for the
    group column) or holds text that is not plainly printable (tabs, line breaks, format characters)."""
    grouping = "Lead" if by is BoardBy.lead else "Priority / area"
    labels = [group_label(group, by) for group in summary.groups]
    shown = columns(summary.plan.scale)
    widths = board_widths(grouping, labels, summary.counts, shown, width)
    if widths is None:
        return None
    headers = [grouping, *count_headers(shown), ""][: len(widths)]
    table = PlanTable(
        heading=safe_text(plan_heading(summary)),
        warnings=[f"warning: {warning}" for warning in summary.warnings],
        headers=headers,
        labels=[safe_text(label) for label in labels],
        widths=widths,
    )
    if not _printable(table.heading, *table.warnings, *table.labels, *headers):
        return None
    return table


def board_plain(board: Board, width: int, drawn_plan: Callable[[PlanSummary], str] | None = None) -> str | None:
    """The board as the terminal draws it without colour, laid out here: seconds faster on thousands of plans.

    A plan that needs what only the terminal renderer does (the stacked form, wrapped headers)
    or holds text that is not plainly printable is ``drawn_plan`` (by rich); without it, the
    answer is None and the caller draws the whole board with rich.
    """
    lines = [*_plain_lines(f"RAG status as of {board.as_of.isoformat()}", width)]
    for summary in board.plans:
        table = plan_table(summary, board.by, width)
        if table is None or table.headers[-1] != "":  # no table, or the bar left out (its headers wrap)
            if drawn_plan is None:
                return None
            lines += drawn_plan(summary).split("\n")[:-1]
            continue
        shown = columns(summary.plan.scale)
        rows = [table.headers]
        rows += [
            [label, *count_numbers(group.counts, shown), bar_plain(group.counts, BAR_CELLS, shown)]
            for label, group in zip(table.labels, summary.groups, strict=True)
        ]
        rows.append(["All", *count_numbers(summary.counts, shown), bar_plain(summary.counts, BAR_CELLS, shown)])
        lines.append("")
        for text in (table.heading, *table.warnings):
            lines += _plain_lines(text, width)
        lines += table_lines(rows, table.widths, [False, *(True for _ in table.headers[1:-1]), False])
    if len(board.plans) > 1:
        lines += _plain_lines(totals_line(board), width)
    return "\n".join(lines) + "\n"


def _plain_lines(text: str, width: int) -> list[str]:
    return [line.rstrip(" ") for line in wrap(text, width)]


def _printable(*texts: str) -> bool:
    return all(text.isprintable() for text in texts)


def _drawn_plan(summary: PlanSummary, by: BoardBy) -> str:
    from plantool.render.terminal.board import plan_drawn

    return plan_drawn(summary, by)


def _terminal(board: Board, view: None) -> str:
    import sys

    if not sys.stdout.isatty():  # piped: no colour and 100 columns, so rich only for a plan that needs it
        plain = board_plain(board, PIPED_WIDTH, lambda summary: _drawn_plan(summary, board.by))
        if plain is not None:
            return plain
    from plantool.render.terminal.board import board_terminal

    return board_terminal(board)


FORMATS: dict[BoardFormat, Renderer[Board, None]] = {
    BoardFormat.text: _terminal,
    BoardFormat.json: lambda board, view: json_text(board_json(board)),
    BoardFormat.markdown: lambda board, view: board_markdown(board),
}
