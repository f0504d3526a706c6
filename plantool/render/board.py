"""``plantool status``: the RAG board as a terminal table, Markdown, or JSON."""

from __future__ import annotations

from typing import Any

from plantool.models import Period
from plantool.queries import STATUS_KEYS, Board, Counts, Group, PlanSummary
from plantool.render.formats import BoardFormat, Renderer
from plantool.render.style import STATUS_WORD, bar_plain, md_cell, md_table
from plantool.render.text import json_text

COUNT_HEADERS = ["Total", *(STATUS_WORD[key] for key in STATUS_KEYS), "Overdue", "Due soon"]


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


def plan_heading(summary: PlanSummary) -> str:
    meta = summary.plan.file.plan
    parts = [f"{meta.title} ({summary.plan.id})"]
    if meta.period is not None:
        parts.append(f"period {meta.period.start} to {meta.period.end}")
    if meta.updated is not None:
        parts.append(f"updated {meta.updated}")
    return " · ".join(parts)


def group_label(group: Group, by: str) -> str:
    if group.id == group.title:
        return group.title
    # A lead reads as "Name (ID)", sorted by name; a priority as "SP1 Title", in plan order.
    return f"{group.title} ({group.id})" if by == "lead" else f"{group.id} {group.title}"


def totals_line(counts: Counts) -> str:
    parts = [f"{counts.by_status[key]} {STATUS_WORD[key]}" for key in STATUS_KEYS]
    return (
        f"All plans: {counts.total} actions: {', '.join(parts)}; {counts.overdue} overdue, {counts.due_soon} due soon"
    )


def board_markdown(board: Board) -> str:
    grouping = "Lead" if board.by == "lead" else "Priority / area"
    lines = [f"# RAG status as of {board.as_of.isoformat()}", ""]
    for summary in board.plans:
        lines += [f"## {md_cell(plan_heading(summary))}", ""]
        lines += [f"- **Warning:** {md_cell(warning)}" for warning in summary.warnings]
        if summary.warnings:
            lines.append("")
        rows = []
        for group in summary.groups:
            label = group_label(group, board.by)
            rows.append([md_cell(label), *_count_strings(group.counts), f"`{bar_plain(group.counts.by_status)}`"])
        rows.append(
            [
                "**All**",
                *(f"**{v}**" for v in _count_strings(summary.counts)),
                f"`{bar_plain(summary.counts.by_status)}`",
            ]
        )
        lines += md_table([grouping, *COUNT_HEADERS, "Bar"], rows)
        lines.append("")
    if len(board.plans) > 1:
        lines += [totals_line(board.counts), ""]
    lines.append("Bar: G GREEN, A AMBER, R RED, B BLUE, . not rated.")
    return "\n".join(lines) + "\n"


def _count_strings(counts: Counts) -> list[str]:
    return [
        str(counts.total),
        *(str(counts.by_status[key]) for key in STATUS_KEYS),
        str(counts.overdue),
        str(counts.due_soon),
    ]


def _terminal(board: Board, view: None) -> str:
    from plantool.render.terminal.board import board_terminal

    return board_terminal(board)


FORMATS: dict[BoardFormat, Renderer[Board, None]] = {
    BoardFormat.text: _terminal,
    BoardFormat.json: lambda board, view: json_text(board_json(board)),
    BoardFormat.markdown: lambda board, view: board_markdown(board),
}
