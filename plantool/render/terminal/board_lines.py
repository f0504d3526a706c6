"""The status board's lines for a terminal, written by plantool in the same bytes as rich's tables.

rich lays out a table by measuring and rendering every cell as segments, about 5 ms a plan:
100 s for a board of 20,000 plans. The layout is plantool's own already (``render.board.plan_table``
and ``render.fitting``, shared with piped output); here each line of a plan's table is written
as rich's ``Table`` (box SIMPLE_HEAD, no edge, no padding, a footer) would write it: a segment per
cell line and per run of the bar, each wrapped in the escape codes the console gives its style.
Only those codes come from rich, once per style. A test holds the two renderers to the same
bytes on the bundled plans and on random boards, under every colour system.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.style import Style
from rich.text import Text

from plantool.queries import Board, BoardBy, Counts, PlanSummary
from plantool.render.board import BAR_CELLS, PlanTable, count_numbers, plan_table, totals_line
from plantool.render.fitting import cell_len, wrap
from plantool.render.style import Columns, columns
from plantool.render.terminal.style import bar

_MARK = "\ue000"
"""A character no style's codes contain: rendered once per style, what surrounds it is the style's codes."""

Piece = tuple[str, str]
"""Text and the style (rich's style words) it is written in."""


class _Styler:
    """Text wrapped in the escape codes ``out`` gives a style (none without colour), each style asked once."""

    def __init__(self, out: Console) -> None:
        self._out = out
        self._codes: dict[tuple[str, str], tuple[str, str]] = {}
        self._headers: dict[tuple[tuple[str, ...], tuple[int, ...]], list[str]] = {}

    def __call__(self, text: str, style: str, inner: str = "") -> str:
        """``text`` in ``style``, or in ``style`` combined with ``inner`` (a cell's style within its row's)."""
        if not text:
            return ""
        codes = self._codes.get((style, inner))
        if codes is None:
            combined = self._out.get_style(style or "none") + self._out.get_style(inner or "none")
            codes = self._codes[(style, inner)] = self._ask(combined)
        return codes[0] + text + codes[1]

    def header(self, headers: list[str], widths: list[int]) -> list[str]:
        """A table's header lines and the rule under them; the same few for thousands of plans, so kept."""
        key = (tuple(headers), tuple(widths))
        lines = self._headers.get(key)
        if lines is None:
            lines = self._headers[key] = _header_lines(headers, widths, self)
        return lines

    def _ask(self, style: Style) -> tuple[str, str]:
        with self._out.capture() as captured:
            self._out.print(Text(_MARK, style=style), end="")
        before, _, after = captured.get().partition(_MARK)
        return before, after


def fast_board(board: Board, out: Console, print_plan: Callable[[PlanSummary, BoardBy, Console], None]) -> str:
    """The whole board as ``print_board`` draws it on ``out``; a plan that needs rich's layout is drawn by
    ``print_plan``."""
    styled = _Styler(out)
    colour = out.color_system is not None and not out.no_color  # without colour the bar uses letters
    width = out.width  # asked once: rich asks the terminal its size each time
    parts = _text_lines(f"RAG status as of {board.as_of.isoformat()}", "bold", width, styled)
    for summary in board.plans:
        table = plan_table(summary, board.by, width)
        if table is None:
            with out.capture() as captured:
                print_plan(summary, board.by, out)
            parts.append(captured.get())
            continue
        parts.append("\n")
        parts += _text_lines(table.heading, "bold", width, styled)
        for warning in table.warnings:
            parts += _text_lines(warning, "bold yellow", width, styled)
        parts += _table_lines(table, summary, colour, styled)
    if len(board.plans) > 1:
        parts += _text_lines(totals_line(board), "bold", width, styled)
    return "".join(parts)


def _text_lines(text: str, style: str, width: int, styled: _Styler) -> list[str]:
    """A line of text as ``Console.print`` writes it: wrapped where rich wraps, each line in ``style``."""
    return [styled(line, style) + "\n" for line in wrap(text, width)]


def _placed(text: str, width: int, right: bool) -> list[str]:
    """A cell's lines, each exactly ``width`` cells: rich's left justify pads the line, right justify strips it
    and pads before."""
    lines = wrap(text, width)
    if right:
        return [" " * (width - cell_len(line.rstrip())) + line.rstrip() for line in lines]
    return [line + " " * (width - cell_len(line)) for line in lines]


def count_styles(counts: Counts, shown: Columns) -> list[str]:
    """The style of each count of a board row, in the order of ``board.count_numbers``."""
    values = shown.values(counts)
    return [
        "",
        *(look.style if values.get(look.key, 0) else "dim" for look in shown.looks),
        "bold red" if counts.overdue else "dim",
        # Yellow, not dark_orange: a 16-colour terminal shows dark_orange as bright red, the colour of overdue.
        "yellow" if counts.due_soon else "dim",
    ]


def _bar_pieces(counts: Counts, colour: bool, shown: Columns) -> list[Piece]:
    """The bar cell right-justified in its column: the padding, then a piece per styled run (as rich's spans)."""
    text = bar(counts, colour, BAR_CELLS, shown)
    pad = " " * (BAR_CELLS - cell_len(text.plain))
    if not text.spans:
        return [(pad + text.plain, "")]
    pieces = [(pad, "")]
    at = 0
    for span in text.spans:
        pieces += [(text.plain[at : span.start], ""), (text.plain[span.start : span.end], str(span.style))]
        at = span.end
    pieces.append((text.plain[at:], ""))
    return pieces


def _header_lines(headers: list[str], widths: list[int], styled: _Styler) -> list[str]:
    """Every header cell bold, its lines at the bottom of the row (count headers wrap when the bar is left out),
    then the rule."""
    cells = [
        _placed(header, width, index > 0) for index, (header, width) in enumerate(zip(headers, widths, strict=True))
    ]
    height = max(len(cell) for cell in cells)
    lines = []
    for index in range(height):
        parts = []
        for cell, width in zip(cells, widths, strict=True):
            at = index - (height - len(cell))
            parts.append(styled(cell[at] if at >= 0 else " " * width, "bold"))
        lines.append(" ".join(parts) + "\n")
    lines.append("─" * (sum(widths) + len(widths) - 1) + "\n")
    return lines


def _table_lines(table: PlanTable, summary: PlanSummary, colour: bool, styled: _Styler) -> list[str]:
    shown = columns(summary.plan.scale)
    widths = table.widths
    with_bar = table.headers[-1] == ""
    lines: list[str] = []

    lines += styled.header(table.headers, widths)

    def row(label: list[str], counts: Counts, row_style: str) -> None:
        numbers = count_numbers(counts, shown)
        cells: list[list[list[Piece]]] = [[[(line, "")] for line in label]]
        for number, style, width in zip(numbers, count_styles(counts, shown), widths[1:], strict=False):
            if len(number) <= width:
                cells.append([[(number.rjust(width), style)]])
            else:  # wider than its column (a plan's totals are its widest counts, so never on a board): folded
                cells.append([[(line, style)] for line in _placed(number, width, True)])
        if with_bar:
            cells.append([_bar_pieces(counts, colour, shown)])
        for index in range(max(len(cell) for cell in cells)):
            parts = []
            for cell, width in zip(cells, widths, strict=True):
                pieces = cell[index] if index < len(cell) else [(" " * width, "")]
                parts.append("".join(styled(text, row_style, style) for text, style in pieces))
            lines.append(" ".join(parts) + "\n")

    for label, group in zip(table.labels, summary.groups, strict=True):
        row(_placed(label, widths[0], False), group.counts, "")
    lines.append(" " * (sum(widths) + len(widths) - 1) + "\n")
    row(_placed("All", widths[0], False), summary.counts, "bold")
    return lines
