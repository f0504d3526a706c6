"""The terminal status board (``board_terminal``) writes the same bytes as rich's tables.

On a terminal each plan's table is written by plantool (rich took ~5 ms a plan to lay it out);
these tests hold it to what rich's ``Table`` draws, escape codes included, on a forced terminal
under every colour system and with ``NO_COLOR``: on the bundled plans and on boards with random
labels, counts, warnings and widths, including widths where the bar is left out and the count
headers wrap, and plans that rich still draws (the stacked form, text that is not printable).
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from conftest import BUNDLED_PLANS
from plantool.queries import Board, BoardBy, Counts, status_board
from plantool.render.terminal.board import board_terminal, print_board
from plantool.render.terminal.console import drawn
from plantool.workspace import load_folder

AS_OF = date(2026, 11, 27)
COLOUR_SYSTEMS = ["truecolor", "256", "standard", None]


@pytest.fixture(scope="module")
def boards() -> dict[str, Board]:
    workspace = load_folder(BUNDLED_PLANS)
    return {by: status_board(workspace, AS_OF, by=BoardBy(by)) for by in ("area", "lead")}


def terminal(width: int, colour: str | None, *, no_color: bool = False) -> Console:
    return Console(
        force_terminal=True, width=width, color_system=colour, no_color=no_color,  # type: ignore[arg-type]
        highlight=False, markup=False, emoji=False, soft_wrap=False,
    )  # fmt: skip


def by_rich(board: Board, out: Console) -> str:
    return drawn(lambda out: print_board(board, out), out)


@pytest.mark.parametrize("by", ["area", "lead"])
@pytest.mark.parametrize("width", [60, 80, 100, 140])
@pytest.mark.parametrize("colour", COLOUR_SYSTEMS)
def test_bundled_board_is_written_as_rich_draws_it(
    boards: dict[str, Board], by: str, width: int, colour: str | None
) -> None:
    expected = by_rich(boards[by], terminal(width, colour))
    assert ("─" in expected) is (width >= 80)  # a terminal's table with its rule under the header, else stacked
    assert board_terminal(boards[by], terminal(width, colour)) == expected


@pytest.mark.parametrize("width", [80, 100])
def test_no_color_keeps_bold_and_dim_as_rich_does(boards: dict[str, Board], width: int) -> None:
    expected = by_rich(boards["area"], terminal(width, "truecolor", no_color=True))
    assert "\x1b[1m" in expected and "\x1b[31m" not in expected
    assert board_terminal(boards["area"], terminal(width, "truecolor", no_color=True)) == expected


_WORDS = st.text(st.sampled_from([*"abcdefghij", "é", "·", "界", "😀", "-", "/", "(", ")"]), min_size=1, max_size=30)
_LABELS = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join) | st.builds(
    lambda words, gap: gap.join(words), st.lists(_WORDS, min_size=1, max_size=4), st.sampled_from(["  ", "   "])
)
_ODD = st.sampled_from(["tab\there", "zero\u200bwidth", "\x1b[2J", "line\nbreak"])
_COUNT = st.integers(min_value=0, max_value=200_000)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    labels=st.lists(_LABELS | _ODD, min_size=1, max_size=5),
    counts=st.lists(st.tuples(_COUNT, _COUNT, _COUNT, _COUNT), min_size=5, max_size=5),
    warning=st.none() | _LABELS | _ODD,
    width=st.integers(min_value=30, max_value=160),
    by=st.sampled_from(["area", "lead"]),
    colour=st.sampled_from(COLOUR_SYSTEMS),
    no_color=st.booleans(),
)
def test_random_board_is_written_as_rich_draws_it(
    boards: dict[str, Board],
    labels: list[str],
    counts: list[tuple[int, int, int, int]],
    warning: str | None,
    width: int,
    by: str,
    colour: str | None,
    no_color: bool,
) -> None:
    board = copy.deepcopy(boards[by])
    for number, summary in enumerate(board.plans):
        for index, (group, label) in enumerate(zip(summary.groups, labels[number:], strict=False)):
            green, red, amber, overdue = counts[index % len(counts)]
            group.title, group.id = label, f"G{index}"
            group.counts = Counts(
                total=green + red + amber,
                by_status={"GREEN": green, "RED": red, "AMBER": amber},
                overdue=overdue,
                due_soon=red // 3,
            )
        summary.counts = Counts(
            total=sum(sum(c[:3]) for c in counts), by_status={"GREEN": counts[0][0]}, overdue=counts[1][3]
        )
        summary.warnings = [warning] if warning is not None else []
    expected = by_rich(board, terminal(width, colour, no_color=no_color))
    assert board_terminal(board, terminal(width, colour, no_color=no_color)) == expected
