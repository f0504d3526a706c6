"""The YAML mistakes a person makes by hand get a sentence that says what to do, at the line they wrote.

libyaml reports where it gave up, often a line after the mistake, in a parser's
words ("did not find expected '-' indicator"). These cases come from plans
typed by people who do not write YAML for a living.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app
from plantool.loader import load_text
from plantool.yamlread import read_yaml

HEAD = "plan:\n  id: p\n  title: A plan\nfindings:\n  - id: f\n    title: A finding\n"
"""Five lines of a good plan; the cases below go on from line 7."""

CASES = {
    "no space after a colon": (
        HEAD + "    due:2013-01\n    leads: [GT]\n",
        (7, 8, "'due:2013-01' needs a space after the colon; write 'due: 2013-01'"),
    ),
    "no space after a colon, last line": (
        HEAD + "    due:2013-01\n",
        (7, 8, "'due:2013-01' needs a space after the colon; write 'due: 2013-01'"),
    ),
    "no space after an item's colon": (
        "plan:\n  id: p\nfindings:\n  - id:f\n    title: x\n",
        (4, 7, "'id:f' needs a space after the colon; write 'id: f'"),
    ),
    "a field at the list's indent": (
        HEAD + "  due: 2024-01\n",
        (7, 3, "this line is at the indent of the list that starts at line 5 but does not start with '- '; indent it"),
    ),
    "an item indented one space too far": (
        "findings:\n  - id: a\n    title: b\n   - id: c\n",
        (4, 4, "this item is indented differently from the items of the list that starts at line 2; start every item"),
    ),
    "an item indented less than the others": (
        "findings:\n    - id: a\n      title: b\n  - id: c\n",
        (4, 3, "this line is indented differently from the lines above it; line up the fields of one item exactly"),
    ),
    "a field indented one space too far": (
        "plan:\n  id: x\n   title: Bad\n",
        (3, 9, "a ': ' here cannot start a field: if the text holds ': ', put it in quotes"),
    ),
    "a tab for indentation": (
        "plan:\n\tid: p\n",
        (2, 1, "a tab indents this line; plan files indent with spaces only: replace the tab with spaces"),
    ),
    "a tab after spaces": (
        "plan:\n  id: p\n  \ttitle: x\n",
        (3, 3, "a tab indents this line; plan files indent with spaces only"),
    ),
    "a quote never closed": (
        HEAD.replace("title: A plan", 'title: "A plan'),
        (3, 10, 'the text in quotes that starts here is never closed; end it with "'),
    ),
    "a quote closed lines later": (
        'plan:\n  id: p\n  title: "abc\n  other: x\n  more: "y"\n',
        (3, 10, "the text in quotes that starts here is not closed on this line, so it runs on to line 5; end it"),
    ),
    "a quote inside single quotes": (
        "plan:\n  id: p\n  title: 'it's here'\n  z: 1\n",
        (3, 13, "the text in quotes ends at this ' before the line does; write a ' inside it as ''"),
    ),
    "a list never closed": (
        HEAD + "    leads: [GT, SF\n    due: 2024-01\n",
        (7, 12, "the '[' that starts here is never closed; end it with ']' on the same line"),
    ),
    "a mapping never closed": (
        HEAD + "    target: {measure: x\n",
        (7, 13, "the '{' that starts here is never closed; end it with '}' on the same line"),
    ),
    "a list item not separated": (
        'plan:\n  id: p\n  leads: [GT, "SF" x]\n',
        (3, 20, "the items between '[' and ']' must be separated by ', '"),
    ),
    "a line that is no field": (
        "plan:\n  id: p\n  title: x\n  some words here\n  other: y\n",
        (4, 3, "this line is neither 'key: value' nor a list item ('- '); if it continues the text above"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_common_mistake_says_what_to_do_where_it_was_made(case: str) -> None:
    text, (line, col, words) = CASES[case]
    document = read_yaml(text)
    assert document.fatal
    [problem] = document.problems
    assert (problem.line, problem.col) == (line, col), problem
    assert problem.message.startswith("YAML syntax: "), problem.message
    assert words in problem.message, problem.message


def test_other_syntax_errors_keep_libyaml_words() -> None:
    [problem] = read_yaml("plan: [" + "[" * 1100).problems
    assert problem.message.startswith("YAML syntax: exceeded maximum nesting depth")


def test_the_command_line_points_at_the_line_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(HEAD + "    due:2013-01\n    leads: [GT]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "."], env={"PLANTOOL_NO_CACHE": "1"}, catch_exceptions=False)
    assert result.exit_code == 1
    assert (
        "plan.yaml:7:8: error: YAML syntax: 'due:2013-01' needs a space after the colon; write 'due: 2013-01'"
        in result.output
    )


# ---------------------------------------------------------------------------
# Top-level keys get the suggestions other keys get


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "plan:\n  id: p\n  title: T\nfinding:\n  - id: f\n    title: F\n",
            [(4, 1, "'finding'; did you mean 'findings'?")],
        ),
        ("plan:\n  id: p\n  title: T\npriority: []\n", [(4, 1, "'priority'; did you mean 'priorities'?")]),
        ("plan:\n  id: p\n  title: T\nFindings: []\n", [(4, 1, "'Findings'; did you mean 'findings'?")]),
        (
            "plan:\n  id: p\n  title: T\nfindings: []\npriorites: []\n",
            [(5, 1, "'priorites'; did you mean 'priorities'?")],
        ),
        ("Plan:\n  id: p\nfindings: []\n", [(1, 1, "'Plan'; did you mean 'plan'?")]),
        ("peple:\n  - id: A\n", [(1, 1, "'peple'; did you mean 'people'?")]),
    ],
)
def test_a_misspelt_top_level_key_is_named_with_the_one_meant(text: str, expected: list[tuple[int, int, str]]) -> None:
    loaded = load_text(text, "x.yaml")
    assert [(p.line, p.col) for p in loaded.problems] == [(line, col) for line, col, _ in expected]
    for problem, (_, _, words) in zip(loaded.problems, expected, strict=True):
        assert problem.message == f"unknown key {words}"


def test_without_a_near_key_the_file_is_still_not_quoted() -> None:
    """A file that is no plan may be anything: only a key that is nearly one of ours is named."""
    [problem] = load_text("password: hunter2\n", "x.yaml").problems
    assert "password" not in problem.message
    assert problem.message.startswith("not a plan or people file")
    [problem] = load_text("plan:\n  id: p\n  title: T\nactions: []\n", "x.yaml").problems
    assert problem.message == "a plan file needs 'priorities:' or 'findings:' beside 'plan:'"


# ---------------------------------------------------------------------------
# A message names its field once


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("people:\n  - id: A\n    kind: persn\n", "kind must be person, role, team, board or organisation"),
        ("plan:\n  id: p\n  title: T\nfindings:\n  - id: f\n    title: F\n    recurs: weekly\n",
         "recurs must be monthly, quarterly or annually"),
        ("plan:\n  id: p\n  title: T\n  scale:\n    - {key: a, label: A, means: good}\nfindings: []\n",
         "means must be one of done, on-track, at-risk, off-track, not-started or no-update"),
        ("plan:\n  id: p\n  title: T\n  scale:\n    - {key: a, label: A, means: done, colour: red}\nfindings: []\n",
         "colour must be #rrggbb, such as #2e7d32"),
        ("plan:\n  id: p\n  title: T\nfindings:\n  - id: f\n    title: F\n    status: PURPLE\n",
         "status: 'PURPLE' is not on the plan's scale; use GREEN, AMBER, RED or BLUE (any case), "
         "or leave it out for not rated"),
        ("plan:\n  id: p\n  title: T\n  rag_key:\n    purple: x\nfindings: []\n",
         "purple: rag_key relabels GREEN, AMBER, RED and BLUE (any case); for other keys use scale"),
    ],
)  # fmt: skip
def test_a_message_names_its_field_once(text: str, message: str) -> None:
    [problem] = load_text(text, "x.yaml").problems
    assert problem.message == message
