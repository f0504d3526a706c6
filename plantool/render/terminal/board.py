"""``plantool status`` on a terminal: a table per plan with coloured counts and a RAG bar, or sentences when narrow."""

from __future__ import annotations

from rich.console import Console
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.queries import Board, BoardBy, Counts, PlanSummary
from plantool.render.board import (
    BAR_CELLS,
    board_widths,
    count_headers,
    count_numbers,
    group_label,
    plan_heading,
    totals_line,
)
from plantool.render.style import Columns, columns
from plantool.render.terminal.board_lines import count_styles, fast_board
from plantool.render.terminal.console import console, drawn
from plantool.render.terminal.style import bar, user_text
from plantool.render.terminal.tables import new_table


def _count_cells(counts: Counts, shown: Columns) -> list[Text]:
    numbers = count_numbers(counts, shown)
    return [Text(number, style=style) for number, style in zip(numbers, count_styles(counts, shown), strict=True)]


def print_board(board: Board, out: Console) -> None:
    out.print(Text(f"RAG status as of {board.as_of.isoformat()}", style="bold"))
    for summary in board.plans:
        print_plan(summary, board.by, out)
    if len(board.plans) > 1:
        out.print(Text(totals_line(board), style="bold"))


def print_plan(summary: PlanSummary, by: BoardBy, out: Console) -> None:
    colour = out.color_system is not None and not out.no_color  # without colour the bar uses letters
    grouping = "Lead" if by is BoardBy.lead else "Priority / area"
    out.print()
    out.print(user_text(plan_heading(summary), "bold"))
    for warning in summary.warnings:
        out.print(Text(f"warning: {warning}", style="bold yellow"))
    labels = [group_label(group, by) for group in summary.groups]
    shown = columns(summary.plan.scale)
    widths = board_widths(grouping, labels, summary.counts, shown, out.width)
    if widths is None:
        out.print(_stacked(labels, summary, shown))
    else:
        headers = [grouping, *count_headers(shown), ""][: len(widths)]
        out.print(_table(out, headers, widths, labels, summary, colour, shown))


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
        return [user_text(label), *_count_cells(counts, shown), bar(counts, colour, BAR_CELLS, shown)][: len(headers)]

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


def plan_drawn(summary: PlanSummary, by: BoardBy, out: Console | None = None) -> str:
    """One plan's part of the board as rich draws it on ``out`` (default: stdout's console)."""
    return drawn(lambda out: print_plan(summary, by, out), out)


def board_terminal(board: Board, out: Console | None = None) -> str:
    """The board for a terminal (or ``out``): drawn by plantool in the bytes rich's tables would give.

    rich measures and renders each plan's table cell by cell (about 5 ms a plan: 100 s for
    20,000 plans); here the layout comes from ``plan_table`` and each line is written with
    the escape codes the console gives each style. A plan that needs the stacked form or
    holds text that is not plainly printable is drawn by rich, as is everything on a
    console that would substitute ASCII for the box and bar characters.
    """
    out = out or console()
    if not out.is_terminal or out.options.ascii_only or out.legacy_windows:
        return drawn(lambda out: print_board(board, out), out)
    return fast_board(board, out, print_plan)
