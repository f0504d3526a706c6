"""render.style.target_words: the one wording of a target that show, the Markdown and the HTML report share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantool.models import Target
from plantool.render.style import target_words


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"measure": "Improved quality of plans"}, "Improved quality of plans"),
        ({"measure": "Audits graded good", "current": 3}, "Audits graded good, now 3"),
        (
            {"measure": "Additional foster carers", "target": 30},
            "Additional foster carers, 30 to reach (no current figure yet)",
        ),
        (
            {"measure": "Additional foster carers", "target": 30, "current": 11},
            "Additional foster carers, 11 of 30 (37%)",
        ),
        (
            {"measure": "Foster carers", "target": 30, "current": 11, "baseline": 4},
            "Foster carers, 11 of 30 (27% of the way); baseline 4",
        ),
        (
            {"measure": "Agency social workers", "baseline": 23, "target": 12, "current": 17},
            "Agency social workers, now 17, down to 12 (55% of the way); baseline 23",
        ),
        (
            {"measure": "Children placed within 20 miles", "unit": "%", "baseline": 54, "target": 75, "current": 61},
            "Children placed within 20 miles, 61% of 75% (33% of the way); baseline 54%",
        ),
        (
            {"measure": "Visits on time", "unit": "days", "target": 10, "current": 5, "current_as_of": "2024-09"},
            "Visits on time, 5 days of 10 days (50%); figure as of 2024-09",
        ),
    ],
)
def test_each_kind_of_target_reads_as_one_sentence(fields: dict[str, object], words: str) -> None:
    assert target_words(Target.model_validate(fields)) == words


figures = st.integers(min_value=0, max_value=10_000)


@given(baseline=figures, target=figures, current=figures)
def test_a_reduction_is_never_told_as_a_share_of_its_target(baseline: int, target: int, current: int) -> None:
    words = target_words(Target(measure="Agency staff", baseline=baseline, target=target, current=current))
    assert words.startswith("Agency staff, ")
    assert (" of " in words.split(" (")[0]) == (target >= baseline)
    assert words.endswith(f"; baseline {baseline}")
