"""Bad input: every hostile or malformed plan file is a located error, never a crash, a hang or a silent drop.

The corpus lives in ``tests/corpus/``:

- ``bad/`` holds one file per way a plan file can be wrong (docs/format.md,
  docs/decisions.md). Each is listed in ``CASES`` below with the exact
  ``line:col`` and a piece of the message of every problem it must produce,
  and nothing else. ``bad/people.yaml`` is not a case: it lists the leads the
  plans name, so that no case reports an unknown lead by accident.
- ``good/`` holds files that look dangerous but are valid (YAML 1.1 traps,
  a BOM with CRLF line ends); they must load with the values as written.
- Files whose exact bytes matter (BOM, CRLF, Latin-1, UTF-16, NUL, raw control
  characters) or that are too big to write by hand come from
  ``corpus/make_binary.py``; a test here checks they are still byte-exact.

Every case is checked through the library (``load_folder``, and ``load_bytes``
for the single-file part) and through the CLI (in process, and the whole
corpus once in a real process). There are deliberately no timing assertions:
a bomb that hangs shows up as a CI timeout.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from typer.testing import CliRunner

from plantool import sources
from plantool.cli import app
from plantool.loader import load_bytes
from plantool.models import Status
from plantool.problems import Problem, Severity
from plantool.workspace import Workspace, load_folder

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
BAD = CORPUS / "bad"
GOOD = CORPUS / "good"
HELPERS = {"people.yaml"}
"""Files in ``bad/`` that are not cases but context for them."""

EXIT_PROBLEMS = 1
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.*)$")

Expect = tuple[int, int, str]
"""``(line, col, text the message must contain)`` of one problem."""


def _billion_laughs() -> list[Expect]:
    """The nine-level bomb is no plan: one problem saying so, and nothing it holds echoed (no anchor names)."""
    return [(2, 1, "not a plan or people file; a plan file needs")]


NOT_A_DATE = "is not a date; use a day YYYY-MM-DD (2024-03-31), a month YYYY-MM (2024-03), a quarter YYYY-Qn (2024-Q1)"
NOT_A_NUMBER = "expected a number such as 30 or 12.5 (at most 15 digits)"
SHAPE = "a plan file needs 'plan:' with 'priorities:' or 'findings:'; a people file needs 'people:'"
TABS = "YAML syntax: a tab indents this line; plan files indent with spaces only: replace the tab with spaces"

CASES: dict[str, list[Expect]] = {
    # --- YAML syntax: said as what to do, at the line the mistake was made
    "syntax-unclosed-quote.yaml": [
        (4, 10, 'YAML syntax: the text in quotes that starts here is never closed; end it with "')
    ],
    "syntax-unclosed-bracket.yaml": [
        (11, 16, "YAML syntax: the '[' that starts here is never closed; end it with ']' on the same line")
    ],
    "syntax-bad-indent.yaml": [(4, 9, "YAML syntax: a ': ' here cannot start a field")],
    "tabs.yaml": [(3, 1, TABS)],
    "tabs-after-spaces.yaml": [(7, 3, TABS)],
    # --- duplicate keys, at every level
    "dup-key-top.yaml": [(8, 1, "duplicate key 'priorities': already given at line 5")],
    "dup-key-plan.yaml": [(6, 3, "duplicate key 'title': already given at line 4")],
    "dup-key-priority.yaml": [(11, 5, "duplicate key 'actions': already given at line 8")],
    "dup-key-action.yaml": [(13, 9, "duplicate key 'due': already given at line 11")],
    "dup-key-flow.yaml": [(9, 56, "duplicate key 'id': already given at line 9")],
    "dup-key-finding.yaml": [(10, 5, "duplicate key 'leads': already given at line 8")],
    "dup-key-update.yaml": [(14, 13, "duplicate key 'text': already given at line 13")],
    "dup-key-people.yaml": [(6, 5, "duplicate key 'name': already given at line 4")],
    # --- duplicate ids (found across the folder, so only load_folder sees them)
    "dup-action-id.yaml": [(16, 9, "duplicate action id '1.1': already used at line 9")],
    "dup-finding-id.yaml": [(10, 5, "duplicate finding id 'domestic-abuse': already used at line 6")],
    "dup-finding-action-id.yaml": [(11, 9, "duplicate action id '1': already used at line 9")],
    "dup-person-id.yaml": [
        (6, 5, "duplicate person id or alias 'EF': already used at "),
        (8, 5, "duplicate person id or alias 'GH': already used at "),
    ],
    "dup-plan-id.yaml": [(3, 3, "duplicate plan id 'dup-action-id': already used at ")],
    # --- anchors, aliases, merge keys, tags, directives, documents
    "billion-laughs.yaml": _billion_laughs(),
    "anchors-aliases.yaml": [
        (11, 16, "anchors (&leads) are not allowed in plan files"),
        (14, 16, "aliases (*leads) are not allowed in plan files"),  # and no second complaint about the stand-in
    ],
    "merge-key.yaml": [(11, 9, "merge keys (<<) are not allowed in plan files")],
    "python-tag.yaml": [(11, 15, "explicit tags (!!python/object/apply:os.system) are not allowed")],
    "custom-tag.yaml": [(8, 14, "explicit tags (!include) are not allowed")],
    "std-tags.yaml": [
        (4, 10, "explicit tags (!!str) are not allowed"),
        (11, 17, "explicit tags (!!map) are not allowed"),
        (11, 56, "explicit tags (!!int) are not allowed"),
    ],
    "yaml-directive.yaml": [(2, 1, "YAML directives (%YAML, %TAG) are not allowed")],
    "two-documents.yaml": [(6, 1, "a second YAML document ('---'); a plan file holds exactly one")],
    # --- nesting and size
    "deep-flow.yaml": [(2, 1001, "YAML syntax: exceeded maximum nesting depth")],
    "deep-block.yaml": [(2, 129, "nested more than 64 levels deep")],
    "deep-mapping.yaml": [(66, 129, "nested more than 64 levels deep")],
    "long-scalar.yaml": [(9, 16, "text of 100,001 characters is longer than the 100,000 allowed")],
    "huge-integer.yaml": [(13, 19, f"target: {NOT_A_NUMBER}")],
    "nan-inf.yaml": [
        (13, 19, f"target: {NOT_A_NUMBER}"),
        (14, 20, f"current: {NOT_A_NUMBER}"),
        (15, 21, f"baseline: {NOT_A_NUMBER}"),
    ],
    # --- dates
    "date-impossible.yaml": [
        (11, 14, "due: '2023-02-30' is not a real day (2023-02 has 28 days); use a day YYYY-MM-DD")
    ],
    "date-mar-24.yaml": [(11, 14, f"due: 'Mar-24' {NOT_A_DATE}")],
    "date-slashes.yaml": [(11, 14, f"due: '12/07/2023' {NOT_A_DATE}")],
    "date-words.yaml": [(12, 19, f"date: 'July 2023' {NOT_A_DATE}")],
    "date-epoch.yaml": [(11, 14, f"due: '0' {NOT_A_DATE}")],
    # --- the shape of the file
    "empty.yaml": [(1, 1, f"the file is empty; {SHAPE}")],
    "comments-only.yaml": [(1, 1, f"the file is empty; {SHAPE}")],
    "bare-scalar.yaml": [(2, 1, f"the file holds a single value, not a mapping; {SHAPE}")],
    "top-level-list.yaml": [(2, 1, f"the file holds a list, not a mapping; {SHAPE}")],
    "not-a-plan.yaml": [(2, 1, f"not a plan or people file; {SHAPE}")],
    "plan-and-people.yaml": [(6, 1, "unknown key 'people'; the keys here are: plan, priorities, findings")],
    "no-content.yaml": [(2, 1, "a plan file needs 'priorities:' or 'findings:' beside 'plan:'")],
    # --- fields
    "unknown-field-lead.yaml": [(11, 9, "unknown key 'lead'; did you mean 'leads'?")],
    "unknown-top-key.yaml": [(6, 1, "unknown key 'finding'; did you mean 'findings'?")],
    "null-list.yaml": [(8, 13, "actions: expected a list"), (14, 16, "leads: expected a list")],
    "non-string-keys.yaml": [
        (5, 5, "a key that is not plain text is not allowed"),
        (10, 7, "a key that is not plain text is not allowed"),
        (12, 6, "an empty key is not allowed"),
        (
            14,
            5,
            "unknown key ''; the keys here are: id, title, source_ref, outcome, leads, accountable, due, due_note, recurs, status, completed, updates, actions",
        ),
    ],
    "bool-yes.yaml": [(11, 26, "carried_forward: expected true or false")],
    "bad-status.yaml": [
        (11, 17, "status: 'PURPLE' is not on the plan's scale; use GREEN, AMBER, RED or BLUE (any case)")
    ],
    "unknown-lead.yaml": [
        (11, 21, "lead 'ZZ' is not in any people file"),
        (15, 17, "update by 'YY': not in any people file"),
    ],
    # --- bytes and characters
    "bom-crlf-error.yaml": [(11, 14, f"due: 'Mar-24' {NOT_A_DATE}")],  # the BOM and the CRs shift nothing
    "latin1.yaml": [(3, 13, "byte 0xE9 is not UTF-8 (was the file saved as Latin-1 or Windows-1252?)")],
    "utf16-bom.yaml": [(1, 1, "the file is UTF-16; re-save it as UTF-8")],
    "utf16le-no-bom.yaml": [(1, 2, "a NUL byte: this is not a UTF-8 text file (UTF-16 or binary?)")],
    "nul-byte.yaml": [(3, 22, "a NUL byte: this is not a UTF-8 text file")],
    "control-esc.yaml": [
        (9, 33, "control character U+001B is not allowed"),
        (9, 37, "control character U+001B is not allowed"),
        (9, 46, "control character U+0007 is not allowed"),
    ],
    "control-bidi.yaml": [
        (9, 23, "control character U+202E is not allowed"),
        (9, 31, "control character U+202C is not allowed"),
    ],
    "noncharacter.yaml": [(9, 26, "control character U+FFFF is not allowed")],
    "control-escaped.yaml": [
        (4, 10, "control character U+001B (from an escape) is not allowed"),
        (10, 16, "control character U+202E (from an escape) is not allowed"),
    ],
    # Line breaks libyaml honours and editors do not: each is an error where an editor shows it.
    **{
        f"hidden-break-{name}.yaml": [(11, 24, text), (11, 45, text)]
        for name, text in (
            ("u2028", "line separator U+2028: YAML reads it as a line break but editors do not"),
            ("u2029", "paragraph separator U+2029"),
            ("nel", "next line U+0085"),
            ("cr", "a carriage return without a line feed"),
        )
    },
    "escaped-line-separator.yaml": [
        (3, 10, "control character U+2028 (from an escape) is not allowed"),
        (9, 16, "control character U+2029 (from an escape) is not allowed"),
    ],
}

PWNED = "PWNED-by-plantool-corpus"
"""The file python-tag.yaml would create if its tag were ever obeyed."""


def _problems_of(problems: Iterable[Problem], name: str) -> list[tuple[int, int, str]]:
    return sorted((p.line, p.col, p.message) for p in problems if Path(p.path).name == name)


def _assert_matches(found: list[tuple[int, int, str]], expected: list[Expect], name: str) -> None:
    """Exactly the expected problems: the same positions, each message containing its expected text."""
    expected = sorted(expected)
    assert [(line, col) for line, col, _ in found] == [(line, col) for line, col, _ in expected], (name, found)
    for (line, col, message), (_, _, text) in zip(found, expected, strict=True):
        assert text in message, (name, line, col, message)


def _cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _parse_output(output: str) -> list[tuple[str, int, int, str, str]]:
    lines = []
    for text in output.splitlines():
        match = PROBLEM_LINE.match(text)
        if match:
            lines.append((match["path"], int(match["line"]), int(match["col"]), match["severity"], match["message"]))
    return lines


def _assert_no_traceback(output: str) -> None:
    assert "Traceback" not in output
    assert "internal error" not in output


@pytest.fixture(scope="module")
def bad_folder() -> Workspace:
    return load_folder(BAD)


# ---------------------------------------------------------------------------
# The corpus itself


def test_corpus_is_large_enough_and_every_file_has_a_case() -> None:
    names = {path.name for path in BAD.iterdir() if path.suffix == ".yaml"}
    assert names - HELPERS == set(CASES)
    assert len(CASES) >= 30


def _make_binary() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_binary", CORPUS / "make_binary.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_files_have_their_exact_bytes() -> None:
    """A BOM, CRLF or Latin-1 byte lost to an editor or to git would quietly test something else."""
    for name, data in _make_binary().files().items():
        assert (CORPUS / name).read_bytes() == data, f"{name}: run python tests/corpus/make_binary.py"
    assert (GOOD / "bom-crlf.yaml").read_bytes().startswith(b"\xef\xbb\xbfplan:\r\n")
    assert b"\xe9" in (BAD / "latin1.yaml").read_bytes()
    assert (BAD / "utf16-bom.yaml").read_bytes().startswith(b"\xff\xfep\x00l\x00")
    assert b"\x00" in (BAD / "nul-byte.yaml").read_bytes()
    assert b"\x1b[2J" in (BAD / "control-esc.yaml").read_bytes()
    assert (BAD / "empty.yaml").read_bytes() == b""


def test_the_bomb_is_a_bomb() -> None:
    """Nine levels of nine aliases: expanded, the last key stands for 9**9 strings."""
    events = list(yaml.parse((BAD / "billion-laughs.yaml").read_text(encoding="utf-8")))
    assert sum(isinstance(event, yaml.AliasEvent) for event in events) == 72
    # It is no plan, so the one problem says so and nothing of it is echoed.
    assert CASES["billion-laughs.yaml"] == [(2, 1, "not a plan or people file; a plan file needs")]


# ---------------------------------------------------------------------------
# Each case, through the library and through the CLI


@pytest.mark.parametrize("name", sorted(CASES))
def test_library_reports_exactly_the_expected_problems(name: str, bad_folder: Workspace) -> None:
    found = [p for p in bad_folder.problems if Path(p.path).name == name]
    assert all(p.severity is Severity.ERROR for p in found)
    _assert_matches(_problems_of(found, name), CASES[name], name)
    # The file on its own: what is wrong inside it, without the checks that span files.
    alone = load_bytes((BAD / name).read_bytes(), name)
    assert all(p.path == name for p in alone.problems)
    within = [p for p in found if p.rule == "invalid"]
    assert _problems_of(alone.problems, name) == _problems_of(within, name)
    if not within:  # only a check across files can see what is wrong, so the file itself loads
        assert alone.plan is not None or alone.people is not None


@pytest.mark.parametrize("name", sorted(CASES))
def test_cli_reports_exactly_the_expected_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    code, output = _cli(["validate", "--plans", ".", name])
    _assert_no_traceback(output)
    assert code == EXIT_PROBLEMS, output
    lines = _parse_output(output)
    # A named people file also brings in the unknown leads of the other files (a change to
    # it can orphan them; see plantool.scope), and the corpus has a file of those on purpose.
    lines = [line for line in lines if line[0] == name or "not in any people file" not in line[4]]
    assert {path for path, *_ in lines} == {name}, output
    assert all(severity == "error" for _, _, _, severity, _ in lines)
    _assert_matches(sorted((line, col, message) for _, line, col, _, message in lines), CASES[name], name)
    for line, col, _ in CASES[name]:
        assert f"{name}:{line}:{col}: error: " in output


def test_whole_corpus_in_one_run() -> None:
    """Every file's problems in one run, in a real process, as text and as JSON."""
    folder = os.path.relpath(BAD, ROOT)
    run = subprocess.run(
        [sys.executable, "-m", "plantool", "validate", folder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    _assert_no_traceback(run.stdout + run.stderr)
    assert run.stderr == ""
    assert run.returncode == EXIT_PROBLEMS
    lines = _parse_output(run.stdout)
    named = {Path(path).name for path, *_ in lines}
    assert named == set(CASES)
    for name, expected in CASES.items():
        found = sorted((line, col, message) for path, line, col, _, message in lines if Path(path).name == name)
        _assert_matches(found, expected, name)
        assert f"{os.path.join(folder, name)}:{expected[0][0]}:{expected[0][1]}: error: " in run.stdout
    total = sum(len(expected) for expected in CASES.values())
    assert len(lines) == total
    assert not (ROOT / PWNED).exists()  # python-tag.yaml was read, not obeyed
    assert f"{total} errors, 0 warnings in {len(CASES) + len(HELPERS)} files" in run.stdout

    as_json = subprocess.run(
        [sys.executable, "-m", "plantool", "validate", "--format", "json", folder],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert as_json.returncode == EXIT_PROBLEMS
    document = json.loads(as_json.stdout)
    assert document["errors"] == total
    for name, expected in CASES.items():
        found = sorted(
            (p["line"], p["column"], p["message"]) for p in document["problems"] if Path(p["file"]).name == name
        )
        _assert_matches(found, expected, name)


# ---------------------------------------------------------------------------
# Cases that need more than a file


def test_python_tag_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = (BAD / "python-tag.yaml").read_text(encoding="utf-8")
    load_bytes(text.encode("utf-8"), "python-tag.yaml")
    code, output = _cli(["validate", "--plans", str(BAD), str(BAD / "python-tag.yaml")])
    assert code == EXIT_PROBLEMS
    assert "explicit tags (!!python/object/apply:os.system)" in output
    assert not (tmp_path / PWNED).exists()
    # The control: the payload is live, so the check above means something.
    yaml.unsafe_load(text)
    assert (tmp_path / PWNED).exists()


def test_a_file_past_the_size_bound_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    with (plans / "big.yaml").open("wb") as handle:  # sparse: the size is there, the disk blocks are not
        handle.truncate(sources.MAX_FILE_BYTES + 1)
    monkeypatch.chdir(tmp_path)
    workspace = load_folder(Path("plans"))
    assert [(p.path, p.line, p.col) for p in workspace.problems] == [(os.path.join("plans", "big.yaml"), 0, 0)]
    assert "is larger than 16 MiB" in workspace.problems[0].message
    code, output = _cli(["validate", "--plans", "plans"])
    _assert_no_traceback(output)
    assert code == EXIT_PROBLEMS
    assert f"{os.path.join('plans', 'big.yaml')}:0:0: error: is larger than 16 MiB" in output


def test_the_size_bound_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of exactly the bound is read; one byte more is refused, before any YAML is parsed."""
    bound = 1024
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", bound)
    people = b"people:\n  - id: JT\n"
    (tmp_path / "at.yaml").write_bytes(people + b"#" * (bound - len(people) - 1) + b"\n")
    (tmp_path / "over.yaml").write_bytes(people + b"#" * (bound - len(people)) + b"\n")
    workspace = load_folder(tmp_path)
    assert [(Path(p.path).name, p.line, p.col) for p in workspace.problems] == [("over.yaml", 0, 0)]
    assert "is larger than" in workspace.problems[0].message
    assert len(workspace.people.persons) == 1


# ---------------------------------------------------------------------------
# Files that look dangerous but are valid


def test_good_corpus_loads_without_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = load_folder(GOOD)
    assert workspace.problems == []
    monkeypatch.chdir(GOOD)
    code, output = _cli(["validate", "--plans", "."])
    assert code == 0, output
    assert "3 files valid" in output


def test_yaml_11_traps_stay_text() -> None:
    """Norway: `NO` is a person, `1.10` an id, `yes` a title; only typed fields are converted."""
    workspace = load_folder(GOOD)
    plan = next(plan for plan in workspace.plans if plan.id == "norway").file
    assert (plan.plan.title, plan.plan.organisation) == ("yes", "on")
    (priority,) = plan.priorities
    assert (priority.id, priority.title) == ("012", "no")
    first, second = priority.actions
    assert (first.id, first.title) == ("1.10", "Off")
    assert first.leads == ["NO", "ON", "Y"]
    assert first.source_ref == "1:30"
    assert first.tags == ["yes", "no", "true", "0x1F", "1e3", ".inf", "null", "~", "2023-05-01"]
    assert first.status == Status.GREEN
    assert first.carried_forward is True
    assert str(first.due) == "2024-03" and first.due is not None and first.due.month_only
    assert first.target is not None
    assert first.target.measure == "012"
    assert (first.target.target, first.target.current) == (30, 12.5)
    assert type(first.target.target) is int
    (update,) = first.updates
    assert (str(update.date), update.text) == ("2023-05-15", "null")
    assert update.by == "off"
    # Plain nulls are "not given"; a quoted "~" is the text "~".
    assert (second.id, second.title, second.leads) == ("1.2", "~", ["Y"])
    assert (second.status, second.due, second.completed) == (None, None, None)
    for value in (plan.plan.id, plan.plan.title, priority.id, first.id, *first.leads, *first.tags):
        assert type(value) is str


def test_bom_and_crlf_load_as_if_they_were_not_there() -> None:
    workspace = load_folder(GOOD)
    plan = next(plan for plan in workspace.plans if plan.id == "bom-crlf").file
    assert plan.plan.title == "Saved by Notepad"
    (action,) = plan.priorities[0].actions
    assert action.leads == ["JT"]
    assert str(action.due) == "2024-03"
    assert action.updates[0].text == "First line.\nSecond line.\n"
    # Positions count neither the BOM nor the carriage returns.
    assert (action.line, action.col) == (8, 9)


# ---------------------------------------------------------------------------
# Known gaps, kept visible


def test_rag_key_with_the_same_status_twice_is_an_error() -> None:
    # GREEN and green are two YAML keys but one status; the model refuses rather than keep the last.
    text = "plan:\n  id: rag\n  title: T\n  rag_key:\n    GREEN: On target\n    green: Off target\npriorities: []\n"
    loaded = load_bytes(text.encode("utf-8"), "rag.yaml")
    assert [(p.line, p.col) for p in loaded.problems] == [(5, 5)]
    assert "GREEN twice" in loaded.problems[0].message


# ---------------------------------------------------------------------------
# Markdown: plan text stays the text written (docs/format.md, "Text in output")

MARKDOWN_TRAPS = [
    "~~struck~~ out",
    "# Not a heading",
    "## Nor this",
    "1. Not a list",
    "- Nor this",
    "+ Nor this",
    "=====",
    "See https://evil.example/x for more",
    "Or www.evil.example today",
    "HTTP://LOUD.EXAMPLE and WWW.LOUD.EXAMPLE",
]


def _rendered_markdown(markdown: str) -> str:
    """HTML from a CommonMark renderer with GFM tables and strikethrough."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


@pytest.mark.parametrize("text", MARKDOWN_TRAPS)
def test_markdown_cell_and_paragraph_render_as_the_literal_text(text: str) -> None:
    import html as html_module

    from plantool.render.style import md_cell, md_paragraph

    for markdown in (md_paragraph(text), f"| a |\n|---|\n| {md_cell(text)} |\n"):
        rendered = _rendered_markdown(markdown)
        for tag in ("<del", "<s>", "<h1", "<h2", "<ol", "<ul", "<li", "<a ", "<hr"):
            assert tag not in rendered, (text, markdown, rendered)
        assert html_module.escape(text, quote=False) in rendered, (text, markdown, rendered)


@pytest.mark.parametrize("text", MARKDOWN_TRAPS)
def test_no_bare_url_is_left_for_gfm_autolinking(text: str) -> None:
    # GitHub and GitLab autolink "scheme://" and "www." inside one run of text; a
    # backslash escape splits the run, so neither pattern may be left unescaped.
    from plantool.render.style import md_cell, md_paragraph

    for markdown in (md_cell(text), md_paragraph(text)):
        assert not re.search(r"(?<!\\)://|(?i:(?<![\w\\])www\.)", markdown), markdown


def test_a_finding_paragraph_starting_with_a_hash_stays_a_paragraph(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "plan:\n  id: p\n  title: Inspection\n"
        "findings:\n  - id: F1\n    title: Front door\n"
        "    finding: |\n      # Not a heading\n\n      ~~struck~~ and www.evil.example\n"
        '    actions:\n      - id: "1"\n        title: Act\n',
        encoding="utf-8",
    )
    code, output = _cli(["report", "--plans", str(tmp_path), "--format", "markdown", "--as-of", "2024-01-01"])
    assert code == 0, output
    rendered = _rendered_markdown(output)
    assert "# Not a heading" in rendered
    assert "<h1>Not a heading" not in rendered and "<del>" not in rendered
    assert "www\\.evil.example" in output


# ---------------------------------------------------------------------------
# Figures print as written


@pytest.mark.parametrize(
    ("value", "shown"),
    [(999999999999999, "999999999999999"), (999999999999999.0, "999999999999999"), (12.5, "12.5"),
     (0.00001, "0.00001"), (123456789012345.6, "123456789012345.6"), (-3, "-3")],
)  # fmt: skip
def test_numbers_print_exactly(value: float, shown: str) -> None:
    from plantool.render.style import number

    assert number(value) == shown


def test_a_fifteen_digit_target_prints_exactly_in_show_report_and_csv(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(
        "plan:\n  id: p\n  title: Big numbers\n"
        "priorities:\n  - id: P1\n    title: Grow\n    actions:\n"
        '      - id: "1"\n        title: Count\n'
        "        target:\n          measure: pounds saved\n          unit: GBP\n          target: 999999999999999\n"
        "          current: 0.00001\n",
        encoding="utf-8",
    )
    # With a unit (format v2) too, and in the CSV's target column.
    for args in (["show", "p/1"], ["report", "--format", "markdown"], ["export", "--format", "csv"]):
        code, output = _cli([*args, "--plans", str(tmp_path), "--as-of", "2024-01-01"])
        assert code == 0, output
        assert "999999999999999" in output and "0.00001" in output, output
        assert "e+" not in output and "e-0" not in output


# ---------------------------------------------------------------------------
# Odd environments: each an exit 2 (or a normal run), never an internal error (exit 3)

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Ann Lee",
    "GIT_AUTHOR_EMAIL": "ann@example.invalid",
    "GIT_COMMITTER_NAME": "Ann Lee",
    "GIT_COMMITTER_EMAIL": "ann@example.invalid",
}


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", *args], cwd=folder, input=stdin, capture_output=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return done.stdout.decode().strip()


@pytest.fixture
def odd_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the bundled plans, two commits, the second with author zone +9959 (git accepts it)."""
    (tmp_path / "plans").mkdir()
    for path in (ROOT / "plans").glob("*.yaml"):
        (tmp_path / "plans" / path.name).write_bytes(path.read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "one")
    tree, parent = _git(tmp_path, "rev-parse", "HEAD^{tree}"), _git(tmp_path, "rev-parse", "HEAD")
    raw = (
        f"tree {tree}\nparent {parent}\nauthor Ann Lee <a@b> 1700000000 +9959\n"
        "committer Ann Lee <a@b> 1700000000 +9959\n\nodd zone\n"
    )
    commit = _git(tmp_path, "hash-object", "-t", "commit", "-w", "--stdin", stdin=raw.encode())
    _git(tmp_path, "update-ref", "HEAD", commit)
    monkeypatch.chdir(tmp_path)
    return tmp_path


ACTION = "ofsted-ilacs-2023/domestic-abuse.1"


@pytest.mark.parametrize("revision", ["^HEAD", "^@", "^HEAD~1"])
@pytest.mark.parametrize("command", [["diff"], ["report", "-o", "board.html", "--since"]])
def test_a_revision_that_is_no_single_commit_is_a_usage_error(
    odd_repo: Path, command: list[str], revision: str
) -> None:
    code, output = _cli([*command, revision])
    _assert_no_traceback(output)
    assert code == 2, output
    assert "does not name one commit" in output


@pytest.mark.parametrize(
    "args", [["history", ACTION], ["diff", "HEAD~1"], ["report", "--since", "HEAD~1", "-o", "b.html"]]
)
def test_an_author_time_zone_of_plus_9959_is_read(odd_repo: Path, args: list[str]) -> None:
    code, output = _cli(args)
    _assert_no_traceback(output)
    assert code == 0, output


def test_history_in_a_plans_folder_whose_name_is_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path) + b"/pl\xffans"
    os.mkdir(folder)
    for path in (ROOT / "plans").glob("*.yaml"):
        with open(folder + b"/" + os.fsencode(path.name), "wb") as handle:
            handle.write(path.read_bytes())
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "one")
    done = subprocess.run(
        [sys.executable, "-m", "plantool", "history", ACTION, "--plans", folder], cwd=tmp_path, capture_output=True
    )
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr


def test_a_closed_stdout_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "plantool", "status", "--plans", str(ROOT / "plans")],
        capture_output=False,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),  # fd 1 closed in the child only, as `status >&-` does
        check=False,
    )
    assert done.returncode == 2
    assert b"standard output is closed" in done.stderr


def test_output_an_encoding_cannot_hold_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(plan_with_title("Celebrate \U0001f389 and caf\u00e9"), encoding="utf-8")
    for args in (["list"], ["show", "p/1"], ["status"]):
        done = subprocess.run(
            [sys.executable, "-m", "plantool", *args, "--plans", str(tmp_path), "--as-of", "2024-01-01"],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "cp1252"},
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"internal error" not in done.stderr


def test_schema_check_on_a_file_that_is_not_utf8_reports_it_stale(tmp_path: Path) -> None:
    (tmp_path / "plan.schema.json").write_bytes(b"\xff\xfe not json")
    code, output = _cli(["schema", "--check", "--out", str(tmp_path)])
    _assert_no_traceback(output)
    assert code == 1
    assert "out of date" in output


def plan_with_title(title: str) -> str:
    return (
        f"plan:\n  id: p\n  title: {title}\n"
        f'priorities:\n  - id: P1\n    title: {title}\n    actions:\n      - id: "1"\n        title: {title}\n'
    )


FORGED = "x\nHEAD:plan.yaml:1:1: error: forged\n.yaml"  # a name cannot hold "/"


def test_a_committed_file_name_cannot_forge_a_problem_line(odd_repo: Path) -> None:
    (odd_repo / "plans" / FORGED).write_text("plan: [", encoding="utf-8")
    _git(odd_repo, "add", "-A")
    _git(odd_repo, "commit", "-qm", "forge")
    code, output = _cli(["diff", "HEAD~1", "HEAD"])
    _assert_no_traceback(output)
    assert code in (0, 1), output
    assert not any(line.startswith("HEAD:plan.yaml:1:1") for line in output.splitlines()), output
    assert "x\\nHEAD:plan.yaml:1:1: error: forged\\n.yaml" in output


def test_a_file_name_on_disk_cannot_forge_a_problem_line(tmp_path: Path) -> None:
    (tmp_path / FORGED).write_text("plan: [", encoding="utf-8")
    code, output = _cli(["validate", "--plans", str(tmp_path)])
    assert code == 1
    assert not any(line.startswith("HEAD:plan.yaml:1:1") for line in output.splitlines()), output
    assert "x\\nHEAD:plan.yaml:1:1: error: forged\\n.yaml" in output


# ---------------------------------------------------------------------------
# Bounded work: any file within the size limit loads in bounded memory, with a located error


def test_a_file_past_the_value_bound_is_one_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool import yamlread

    monkeypatch.setattr(yamlread, "MAX_NODES", 50)
    loaded = load_bytes(("tags: [" + ", ".join(["a"] * 100) + "]\n").encode(), "big.yaml")
    assert [(p.line, p.col, p.message) for p in loaded.problems] == [
        (1, 8 + 3 * 47, "more than 50 values in one file; split the plan into several files")
    ]


def test_a_file_past_the_container_bound_is_one_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool import yamlread

    monkeypatch.setattr(yamlread, "MAX_CONTAINERS", 10)
    loaded = load_bytes(("tags: [" + ", ".join(["{}"] * 100) + "]\n").encode(), "big.yaml")
    assert len(loaded.problems) == 1
    assert "more than 10 lists and mappings in one file" in loaded.problems[0].message
    assert loaded.problems[0].line == 1


def test_problems_per_file_are_capped_with_a_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from plantool import loader

    monkeypatch.setattr(loader, "MAX_PROBLEMS_PER_FILE", 5)
    actions = "".join(f'      - id: "{n}"\n        title: A\n        due: never\n' for n in range(1, 13))
    text = f"plan:\n  id: p\n  title: T\npriorities:\n  - id: P1\n    title: P\n    actions:\n{actions}"
    loaded = load_bytes(text.encode(), "many.yaml")
    messages = [p.message for p in loaded.problems]
    assert len(messages) == 6
    assert all("due: 'never'" in m for m in messages[:5])
    assert messages[5] == "… and 7 more problems in this file, not shown"
    assert [p.line for p in loaded.problems[:5]] == [10, 13, 16, 19, 22]


_HUGE = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    from plantool.loader import load_bytes
    head = b"plan:\\n  id: p\\n  title: T\\npriorities:\\n  - id: P1\\n    title: P\\n    actions:\\n"
    cases = {
        "tags": head + b"      - id: '1'\\n        title: A\\n        tags: [" + b", ".join([b"{}"] * 500_000) + b"]\\n",
        "flow": b"[" + b",".join([b"1"] * 5_600_000) + b"]\\n",
    }
    for name, data in cases.items():
        assert len(data) < 16 * 1024 * 1024
        problems = load_bytes(data, name).problems
        print(name, len(problems), problems[0].line, problems[0].message)
    """
)


def test_files_within_the_size_limit_load_under_1_gib_with_a_located_error() -> None:
    done = subprocess.run([sys.executable, "-c", _HUGE], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("tags 1 10 more than 200,000 lists and mappings"), lines
    assert lines[1].startswith("flow 1 1 more than 1,000,000 values"), lines
