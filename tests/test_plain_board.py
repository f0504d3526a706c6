"""The piped status board (``render.board.board_plain``) reads exactly as rich draws it without colour.

Piped output is laid out without rich for speed (a board of 20,000 plans); these tests hold
the two renderers to the same text, byte for byte, on the bundled plans and on boards with
random labels, counts, warnings and widths: long words that fold, wide characters,
repeated spaces, numbers wider than their headers.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BUNDLED_PLANS
from plantool.queries import Board, BoardBy, Counts, status_board
from plantool.render.board import board_plain
from plantool.render.fitting import wrap
from plantool.render.terminal.board import plan_drawn, print_board
from plantool.render.terminal.console import console, drawn
from plantool.workspace import load_folder

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def boards() -> dict[str, Board]:
    workspace = load_folder(BUNDLED_PLANS)
    return {by: status_board(workspace, AS_OF, by=BoardBy(by)) for by in ("area", "lead")}


def rich_board(board: Board, width: int) -> str:
    out = console(width=width)
    assert not out.is_terminal  # pytest captures stdout: the piped look, as in a file
    return drawn(lambda out: print_board(board, out), out)


@pytest.mark.parametrize("by", ["area", "lead"])
@pytest.mark.parametrize("width", [100, 140])
def test_bundled_board_reads_as_rich_draws_it(boards: dict[str, Board], by: str, width: int) -> None:
    plain = board_plain(boards[by], width)
    assert plain is not None
    assert plain == rich_board(boards[by], width)


_WORDS = st.text(st.sampled_from([*"abcdefghij", "é", "·", "界", "😀", "-", "/", "(", ")"]), min_size=1, max_size=30)
_LABELS = st.lists(_WORDS, min_size=1, max_size=6).map(" ".join) | st.builds(
    lambda words, gap: gap.join(words), st.lists(_WORDS, min_size=1, max_size=4), st.sampled_from(["  ", "   "])
)
_COUNT = st.integers(min_value=0, max_value=200_000)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    labels=st.lists(_LABELS, min_size=1, max_size=5),
    counts=st.lists(st.tuples(_COUNT, _COUNT, _COUNT), min_size=5, max_size=5),
    warning=st.none() | _LABELS,
    width=st.integers(min_value=50, max_value=160),
    by=st.sampled_from(["area", "lead"]),
)
def test_random_board_reads_as_rich_draws_it(
    boards: dict[str, Board],
    labels: list[str],
    counts: list[tuple[int, int, int]],
    warning: str | None,
    width: int,
    by: str,
) -> None:
    board = copy.deepcopy(boards[by])
    summary = board.plans[0]
    for index, (group, label) in enumerate(zip(summary.groups, labels, strict=False)):
        green, red, overdue = counts[index % len(counts)]
        group.title, group.id = label, f"G{index}"
        group.counts = Counts(
            total=green + red, by_status={"GREEN": green, "RED": red}, overdue=overdue, due_soon=red // 3
        )
    summary.counts = Counts(total=sum(c[0] + c[1] for c in counts), by_status={"GREEN": counts[0][0]}, overdue=7)
    summary.warnings = [warning] if warning is not None else []
    plain = board_plain(board, width)
    if plain is not None:  # None: the narrow or stacked form, which rich draws
        assert plain == rich_board(board, width)


@pytest.mark.parametrize("width", [40, 100])
def test_a_plan_only_rich_can_draw_leaves_the_rest_to_plantool(boards: dict[str, Board], width: int) -> None:
    board = copy.deepcopy(boards["area"])
    board.plans[1].groups[0].title = "a tab\there"  # not plainly printable: that plan is drawn by rich
    assert board_plain(board, width) is None
    plain = board_plain(board, width, lambda summary: plan_drawn(summary, board.by, console(width=width)))
    assert plain == rich_board(board, width)


@given(text=_LABELS, width=st.integers(min_value=1, max_value=40))
def test_wrap_keeps_every_character_in_order(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_text_measured_without_rich_takes_the_cells_rich_says() -> None:
    from rich.cells import cell_len as rich_cell_len

    from plantool.render.fitting import one_cell_each

    counted = [chr(point) for point in range(0x2100) if one_cell_each(chr(point))]  # none beyond U+20C0
    assert len(counted) > 1000
    assert not any(one_cell_each(text) for text in ("界", "😀", "e\u0301", "\u200b", "\u2028", "a\tb"))
    assert [char for char in counted if rich_cell_len(char) != 1] == []
