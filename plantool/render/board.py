"""``plantool status``: the RAG board as a terminal table, Markdown, or JSON (CLI.md's shape)."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from plantool.queries import STATUS_KEYS, Board, Counts, Group, PlanSummary
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
        "period": {"start": meta.period.start.isoformat(), "end": meta.period.end.isoformat()} if meta.period else None,
        "updated": str(meta.updated) if meta.updated else None,
        "warnings": summary.warnings,
        **counts_json(summary.counts),
        "groups": [{"id": group.id, "title": group.title, **counts_json(group.counts)} for group in summary.groups],
    }


def _plan_heading(summary: PlanSummary) -> str:
    meta = summary.plan.file.plan
    parts = [f"{meta.title} ({summary.plan.id})"]
    if meta.period is not None:
        parts.append(f"period {meta.period.start.isoformat()} to {meta.period.end.isoformat()}")
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
    cells.append(Text(str(counts.due_soon), style="dark_orange" if counts.due_soon else "dim"))
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
        table = Table(
            box=box.SIMPLE_HEAD if out.is_terminal else None, show_footer=True, pad_edge=False, collapse_padding=True
        )
        table.add_column(grouping, footer="All", ratio=1, min_width=24, overflow="fold")
        for index, header in enumerate(_COUNT_HEADERS):
            footer = _count_cells(summary.counts)[index]
            table.add_column(header, justify="right", footer=footer, no_wrap=True)
        table.add_column("", footer=bar(summary.counts.by_status, colour, _BAR), no_wrap=True)
        for group in summary.groups:
            label = _group_label(group, board.by)
            table.add_row(user_text(label), *_count_cells(group.counts), bar(group.counts.by_status, colour, _BAR))
        out.print(table)
    if len(board.plans) > 1:
        out.print(Text(_totals_line(board.counts), style="bold"))


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
