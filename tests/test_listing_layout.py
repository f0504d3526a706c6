"""How ``list`` and ``show`` lay text out when it wraps: separators end a line, indents hold, the source is shown.

The property is about the plain table's word wrap, which every piped listing
uses; the command-line tests use a narrow terminal so that text must wrap.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import plain_environment
from plantool.cli import app
from plantool.render.plaintable import wrap

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAB()-", min_size=1, max_size=20)


@given(st.lists(words, min_size=1, max_size=8), st.integers(2, 24))
def test_a_wrapped_list_never_starts_a_line_with_its_separator(names: list[str], width: int) -> None:
    text = ", ".join(names)
    lines = wrap(text, width)
    assert all(len(line) <= width for line in lines)
    assert not any(line.startswith((",", ";")) for line in lines[1:]), lines
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_a_word_one_letter_too_long_gives_up_a_letter_not_its_comma() -> None:
    assert wrap("Lee-Kingston, GM", 12) == ["Lee-Kingsto", "n, GM"]
    assert wrap("Lee-Kingston GM", 11) == ["Lee-Kingsto", "n GM"]


PLAN = """\
plan:
  id: p
  title: A plan
priorities:
  - id: P1
    title: A priority
    source_ref: Recommendation 3
    actions:
      - id: "1"
        title: Develop the practice standards
        leads: [ABCDEFGHIJKLMNOP, QRSTUVWXYZABCDEF]
        due: 2024-03
        milestones:
          - title: A milestone whose title is far too long for one line of a narrow terminal window
            due: 2024-01
      - id: "2"
        title: Its own source
        source_ref: Para 12
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plain_environment(monkeypatch)
    monkeypatch.setenv("PLANTOOL_NO_CACHE", "1")
    plans = tmp_path / "plans"
    plans.mkdir()
    people = "people:\n" + "".join(f"  - id: {key}\n" for key in ("ABCDEFGHIJKLMNOP", "QRSTUVWXYZABCDEF"))
    (plans / "people.yaml").write_text(people, encoding="utf-8")
    (plans / "p.yaml").write_text(dedent(PLAN), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(app, [*args, "--as-of", "2024-02-01"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_list_wraps_leads_with_the_comma_at_the_end_of_the_line(folder: Path) -> None:
    for columns in range(50, 90, 3):
        lines = run("list", columns=columns).splitlines()
        leads_at = lines[1].index("Leads")
        assert not any(line[leads_at:].startswith((",", ", ")) for line in lines[2:]), "\n".join(lines)


def test_list_shows_the_source_under_the_title(folder: Path) -> None:
    out = run("list", columns=120)
    assert "source Recommendation 3" in out  # the priority's, for an action without its own
    assert "source Para 12" in out
    source_line = next(line for line in out.splitlines() if "source Recommendation 3" in line)
    assert "Develop" not in source_line  # a line of its own, under the title
    markdown = run("list", "--format", "markdown")
    assert "| Develop the practice standards (source Recommendation 3) |" in markdown
    assert "| Its own source (source Para 12) |" in markdown


def test_show_keeps_a_wrapped_milestone_indented(folder: Path) -> None:
    out = run("show", "1", columns=50)
    lines = out.splitlines()
    start = lines.index("Milestones") + 1
    end = lines.index("Updates")
    milestone = lines[start:end]
    assert len(milestone) > 1, out  # it does wrap at this width
    assert all(line.startswith("  ") and line.strip() for line in milestone), out
