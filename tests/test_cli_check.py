"""``plantool check``, the CI gate, through the command line (docs/ci.md).

Each test builds a small plans folder (and a ``plantool.toml`` where it needs
one) in a temporary directory, changes into it and runs the Typer app.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PEOPLE
from plantool.cli import app
from plantool.rules import RULES

AS_OF = "2024-03-15"


# One error (overdue, at the due value on line 11), one stale warning (at the
# newest update, line 19: it is 135 days old on 2024-03-15) and one unrated
# warning (line 21).
PLAN = """\
plan:
  id: p
  title: P
priorities:
  - id: SP1
    title: Strategic priority one
    actions:
      - id: "late"
        title: Late
        leads: [JT]
        due: 2024-01-31
        status: AMBER
      - id: "quiet"
        title: Quiet
        leads: [DoP]
        due: 2024-12
        status: AMBER
        updates:
          - date: 2023-11-01
            text: started
      - id: "norate"
        title: Not rated
        leads: [GT]
        due: 2024-12
"""

# Only a warning: an unrated action (line 8).
WARN_ONLY = """\
plan:
  id: w
  title: W
priorities:
  - id: SP1
    title: Strategic priority one
    actions:
      - id: "1"
        title: Not rated
        leads: [JT]
        due: 2024-12
"""

CLEAN = """\
plan:
  id: c
  title: C
priorities:
  - id: SP1
    title: Strategic priority one
    actions:
      - id: "1"
        title: In order
        leads: [GT]
        due: 2024-12
        status: GREEN
"""

GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+(,col=\d+)?,title=[a-z-]+::.+$")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PLANTOOL_TODAY", "PLANTOOL_DEBUG", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with plans/people.yaml and plans/p.yaml, made the current folder."""
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/p.yaml": PLAN})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):  # -> click.testing.Result
    result = CliRunner().invoke(app, ["check", *args])
    assert "Traceback" not in result.output, result.output
    assert result.exit_code != 3, result.output
    return result


def as_json(*args: str) -> dict:
    result = run("--format", "json", *args)
    return json.loads(result.stdout)


def rules_of(document: dict) -> list[tuple[str, str, int]]:
    return [(p["rule"], p["severity"], p["line"]) for p in document["problems"]]


# ---------------------------------------------------------------------------
# Exit codes and --fail-on


def test_exit_1_on_errors(project: Path) -> None:
    result = run("--as-of", AS_OF)
    assert result.exit_code == 1, result.output


def test_exit_0_when_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/c.yaml": CLEAN})
    monkeypatch.chdir(tmp_path)
    result = run("--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "all rules pass" in result.stdout
    assert AS_OF in result.stdout


@pytest.fixture
def warnings_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/w.yaml": WARN_ONLY})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_warnings_alone_pass_by_default(warnings_only: Path) -> None:
    assert run("--as-of", AS_OF).exit_code == 0
    assert run("--as-of", AS_OF, "--fail-on", "error").exit_code == 0


def test_fail_on_warning_fails_on_warnings(warnings_only: Path) -> None:
    result = run("--as-of", AS_OF, "--fail-on", "warning")
    assert result.exit_code == 1, result.output
    assert "unrated" in result.stdout


def test_fail_on_warning_clean_still_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/c.yaml": CLEAN})
    monkeypatch.chdir(tmp_path)
    assert run("--as-of", AS_OF, "--fail-on", "warning").exit_code == 0


def test_bad_fail_on_is_a_usage_error(project: Path) -> None:
    assert run("--fail-on", "warnings").exit_code == 2


# ---------------------------------------------------------------------------
# --rule and --list-rules


def test_rule_subset(project: Path) -> None:
    document = as_json("--as-of", AS_OF, "--rule", "unrated", "--rule", "stale")
    assert rules_of(document) == [("stale", "warning", 19), ("unrated", "warning", 21)]
    assert run("--as-of", AS_OF, "--rule", "unrated").exit_code == 0
    assert run("--as-of", AS_OF, "--rule", "overdue").exit_code == 1


def test_unknown_rule_flag_is_exit_2(project: Path) -> None:
    result = run("--as-of", AS_OF, "--rule", "overdew")
    assert result.exit_code == 2
    assert "overdew" in result.stderr
    assert result.stdout == ""


def test_list_rules(project: Path) -> None:
    result = run("--list-rules")
    assert result.exit_code == 0
    listed = [line.split()[:2] for line in result.stdout.splitlines() if line.strip()]
    assert listed == [[rule.id, rule.severity.value] for rule in RULES]
    assert len(listed) == 12


def test_list_rules_needs_no_plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("--list-rules").exit_code == 0


# ---------------------------------------------------------------------------
# plantool.toml


def test_toml_in_the_current_folder_turns_a_rule_off(project: Path) -> None:
    write(project, {"plantool.toml": '[rules]\noverdue = "off"\n'})
    document = as_json("--as-of", AS_OF)
    assert "overdue" not in {p["rule"] for p in document["problems"]}
    assert run("--as-of", AS_OF).exit_code == 0


def test_toml_in_a_parent_folder_is_found(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, {"plantool.toml": '[rules]\noverdue = "warning"\n'})
    sub = project / "deep" / "er"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    # plans = "plans" by default is relative to the toml, so the plans are found from below too.
    document = as_json("--as-of", AS_OF)
    assert ("overdue", "warning", 11) in rules_of(document)
    assert document["errors"] == 0
    assert run("--as-of", AS_OF).exit_code == 0


def test_nearest_toml_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, {"plantool.toml": '[rules]\noverdue = "off"\n'})
    write(project / "sub", {"plantool.toml": 'plans = "../plans"\n'})
    monkeypatch.chdir(project / "sub")
    assert ("overdue", "error", 11) in rules_of(as_json("--as-of", AS_OF))


def test_toml_severity_error_makes_a_warning_fail(warnings_only: Path) -> None:
    write(warnings_only, {"plantool.toml": '[rules]\nunrated = "error"\n'})
    result = run("--as-of", AS_OF)
    assert result.exit_code == 1
    assert rules_of(as_json("--as-of", AS_OF)) == [("unrated", "error", 8)]


def test_toml_stale_days_honoured(project: Path) -> None:
    # The newest update of p/quiet is 2023-11-01: 135 days before 2024-03-15.
    assert ("stale", "warning", 19) in rules_of(as_json("--as-of", AS_OF))
    write(project, {"plantool.toml": "stale_days = 135\n"})
    assert "stale" not in {p["rule"] for p in as_json("--as-of", AS_OF)["problems"]}
    write(project, {"plantool.toml": "stale_days = 134\n"})
    assert ("stale", "warning", 19) in rules_of(as_json("--as-of", AS_OF))


def test_toml_plans_is_relative_to_the_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {"repo/plantool.toml": 'plans = "docs/our-plans"\n', "repo/docs/our-plans/people.yaml": PEOPLE},
    )
    write(tmp_path, {"repo/docs/our-plans/w.yaml": WARN_ONLY})
    (tmp_path / "repo" / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "repo" / "elsewhere")
    document = as_json("--as-of", AS_OF)
    assert rules_of(document) == [("unrated", "warning", 8)]
    assert document["problems"][0]["file"].endswith("w.yaml")


def test_plans_flag_overrides_the_toml(project: Path) -> None:
    write(project, {"plantool.toml": 'plans = "nowhere"\n[rules]\nunrated = "off"\n'})
    write(project, {"other/people.yaml": PEOPLE, "other/w.yaml": WARN_ONLY, "other/u.yaml": PLAN})
    # Without the flag the toml's folder is missing: a usage error naming it.
    missing = run("--as-of", AS_OF)
    assert missing.exit_code == 2
    assert "nowhere" in missing.stderr
    document = as_json("--as-of", AS_OF, "--plans", "other")
    files = {Path(p["file"]).name for p in document["problems"]}
    assert files == {"u.yaml"}, "the flag's folder is read; the toml's [rules] still apply"
    assert "unrated" not in {p["rule"] for p in document["problems"]}


def test_missing_plans_folder_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--as-of", AS_OF)
    assert result.exit_code == 2
    assert "plans" in result.stderr


BAD_CONFIGS = [
    pytest.param("plan = 'plans'\n", "unknown setting 'plan'", id="unknown-key"),
    pytest.param('[rules]\noverdew = "off"\n', "unknown rule 'overdew'", id="unknown-rule"),
    pytest.param('[rules]\noverdue = "of"\n', "overdue", id="bad-severity"),
    pytest.param('[rules]\noverdue = "Error"\n', "overdue", id="severity-case"),
    pytest.param("[rules]\noverdue = false\n", "overdue", id="severity-bool"),
    pytest.param("[rules\n", "cannot be read", id="malformed-toml"),
    pytest.param('stale_days = "90"\n', "stale_days", id="stale-days-text"),
    pytest.param("stale_days = -1\n", "stale_days", id="stale-days-negative"),
    pytest.param("rules = 1\n", "rules", id="rules-not-a-table"),
    pytest.param("plans = 3\n", "plans", id="plans-not-text"),
]


@pytest.mark.parametrize(("toml", "expected"), BAD_CONFIGS)
def test_bad_config_is_exit_2_with_a_clear_message(project: Path, toml: str, expected: str) -> None:
    write(project, {"plantool.toml": toml})
    for format in ("text", "json"):
        result = run("--as-of", AS_OF, "--format", format)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        assert "plantool.toml" in result.stderr
        assert expected in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------
# The as-of date


def test_plantool_today_sets_the_date(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "2024-01-31")
    document = as_json()
    assert document["as_of"] == "2024-01-31"
    assert "overdue" not in {p["rule"] for p in document["problems"]}, "due today is not overdue"
    monkeypatch.setenv("PLANTOOL_TODAY", "2024-02-01")
    assert ("overdue", "error", 11) in rules_of(as_json())


def test_as_of_flag_wins_over_plantool_today(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "2024-01-01")
    document = as_json("--as-of", AS_OF)
    assert document["as_of"] == AS_OF
    assert ("overdue", "error", 11) in rules_of(document)


@pytest.mark.parametrize("bad", ["2024-13-01", "15/03/2024", "tomorrow", "2024-03"])
def test_bad_as_of_is_exit_2(project: Path, bad: str) -> None:
    result = run("--as-of", bad)
    assert result.exit_code == 2
    assert "--as-of" in result.stderr
    assert result.stdout == ""


def test_bad_plantool_today_is_exit_2(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "soon")
    result = run()
    assert result.exit_code == 2
    assert "PLANTOOL_TODAY" in result.stderr


def test_bad_as_of_message_offers_only_a_day(project: Path) -> None:
    result = run("--as-of", "15/03/2024")
    assert "YYYY-MM-DD" in result.stderr
    assert "a month" not in result.stderr


# ---------------------------------------------------------------------------
# Formats


def test_json_shape(project: Path) -> None:
    result = run("--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # one JSON document, nothing else on stdout
    assert set(document) >= {"as_of", "errors", "warnings", "problems"}
    assert document["as_of"] == AS_OF
    assert (document["errors"], document["warnings"]) == (1, 2)
    assert len(document["problems"]) == 3
    for problem in document["problems"]:
        assert set(problem) >= {"rule", "severity", "ref", "file", "line", "message"}
        assert problem["severity"] in {"error", "warning"}
        assert isinstance(problem["line"], int)
        assert Path(problem["file"]).name == "p.yaml"
    assert [(p["rule"], p["ref"], p["line"], p["column"]) for p in document["problems"]] == [
        ("overdue", "p/late", 11, 14),
        ("stale", "p/quiet", 19, 13),
        ("unrated", "p/norate", 21, 9),
    ]


def test_json_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/c.yaml": CLEAN})
    monkeypatch.chdir(tmp_path)
    assert as_json("--as-of", AS_OF) == {"as_of": AS_OF, "errors": 0, "warnings": 0, "problems": []}


def test_github_lines(project: Path) -> None:
    result = run("--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for line in lines[:-1]:
        assert GITHUB_LINE.match(line), line
    assert not lines[-1].startswith("::")
    assert AS_OF in lines[-1]
    assert lines[0].startswith("::error file=plans/p.yaml,line=11,col=14,")
    assert lines[0].endswith("p/late is overdue: due 2024-01-31 (6 weeks overdue)")
    assert [re.search(r"title=([a-z-]+)::", line)[1] for line in lines[:-1]] == ["overdue", "stale", "unrated"]
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error", "::warning", "::warning"]


def test_github_clean_prints_only_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/c.yaml": CLEAN})
    monkeypatch.chdir(tmp_path)
    result = run("--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 0
    (line,) = result.stdout.splitlines()
    assert not line.startswith("::")


def _junit(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    total = failures = 0
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        failed = [case for case in cases if case.find("failure") is not None]
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == len(failed)
        total += len(cases)
        failures += len(failed)
    assert int(root.get("tests")) == total
    assert int(root.get("failures")) == failures
    return root


def test_junit_structure(project: Path) -> None:
    result = run("--as-of", AS_OF, "--format", "junit")
    assert result.exit_code == 1
    root = _junit(result.stdout)
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert list(suites) == [rule.id for rule in RULES], "one suite per rule that ran"
    assert root.get("failures") == "1", "warnings below --fail-on pass"
    (failure,) = root.iter("failure")
    assert "p/late" in failure.get("message")
    stale = suites["stale"].findall("testcase")
    assert len(stale) == 1
    assert stale[0].find("failure") is None
    assert "p/quiet" in stale[0].findtext("system-out")
    clean = suites["unowned"].findall("testcase")
    assert len(clean) == 1
    assert clean[0].find("failure") is None


def test_junit_fail_on_warning_fails_warnings(project: Path) -> None:
    root = _junit(run("--as-of", AS_OF, "--format", "junit", "--fail-on", "warning").stdout)
    assert root.get("failures") == "3"


def test_junit_only_the_rules_that_ran(project: Path) -> None:
    write(project, {"plantool.toml": '[rules]\nstale = "off"\n'})
    root = _junit(run("--as-of", AS_OF, "--format", "junit").stdout)
    assert "stale" not in [suite.get("name") for suite in root.findall("testsuite")]
    root = _junit(run("--as-of", AS_OF, "--format", "junit", "--rule", "overdue", "--rule", "unrated").stdout)
    assert [suite.get("name") for suite in root.findall("testsuite")] == ["overdue", "unrated"]


def test_output_file_writes_junit(project: Path) -> None:
    result = run("--as-of", AS_OF, "--format", "junit", "-o", "report.xml")
    assert result.exit_code == 1
    assert result.stdout == ""
    root = _junit((project / "report.xml").read_text(encoding="utf-8"))
    assert root.get("failures") == "1"
    result = run("--as-of", AS_OF, "--format", "json", "--output", "report.json")
    assert result.stdout == ""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["errors"] == 1


@pytest.mark.parametrize("target", ["missing-folder/report.xml", "plans"])
def test_output_file_in_a_missing_folder_is_a_usage_error(project: Path, target: str) -> None:
    result = CliRunner().invoke(app, ["check", "--as-of", AS_OF, "--format", "junit", "-o", target])
    assert result.exit_code == 2, result.output
    assert target in result.stderr
    assert "internal error" not in result.stderr


def test_text_grouped_by_file_errors_first_summary_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/a.yaml": WARN_ONLY, "plans/b.yaml": PLAN})
    monkeypatch.chdir(tmp_path)
    result = run("--as-of", AS_OF)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("plantool check as of 2024-03-15: 1 error, 3 warnings")
    body = [line for line in lines[:-1] if line.strip()]
    assert body == [
        "plans/a.yaml",
        "  plans/a.yaml:8:9: warning: w/1 has no RAG status [unrated]",
        "plans/b.yaml",
        "  plans/b.yaml:11:14: error: p/late is overdue: due 2024-01-31 (6 weeks overdue) [overdue]",
        "  plans/b.yaml:19:13: warning: p/quiet: newest update is 135 days old (stale after 90) [stale]",
        "  plans/b.yaml:21:9: warning: p/norate has no RAG status [unrated]",
    ]


def test_text_errors_before_warnings_within_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The warning (unrated, line 8) comes before the error (overdue, at its due value on line 15) in the file.
    late_second = WARN_ONLY + '      - id: "2"\n        title: Late\n        leads: [JT]\n'
    late_second += "        due: 2024-01-31\n        status: RED\n"
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/w.yaml": late_second})
    monkeypatch.chdir(tmp_path)
    lines = [line for line in run("--as-of", AS_OF).stdout.splitlines() if line.startswith("  ")]
    assert [line.split(": ")[1] for line in lines] == ["error", "warning"]


# ---------------------------------------------------------------------------
# check PATH


def test_check_one_file_reports_only_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(
        tmp_path,
        {
            "plans/people.yaml": PEOPLE,
            "plans/p.yaml": PLAN,
            "plans/w.yaml": WARN_ONLY,
            "plans/sub/c.yaml": CLEAN.replace("leads: [GT]", "leads: [GT]\n        links: [p/late]"),
        },
    )
    monkeypatch.chdir(tmp_path)
    document = as_json("--as-of", AS_OF, "plans/w.yaml")
    assert rules_of(document) == [("unrated", "warning", 8)], "leads still known from plans/people.yaml"
    assert run("--as-of", AS_OF, "plans/w.yaml").exit_code == 0
    # A link to another plan still resolves when only the linking file is named.
    assert as_json("--as-of", AS_OF, "plans/sub/c.yaml")["problems"] == []
    assert run("--as-of", AS_OF, "plans/p.yaml").exit_code == 1


def test_check_path_with_unknown_lead_in_that_file(project: Path) -> None:
    write(project, {"plans/x.yaml": WARN_ONLY.replace("id: w", "id: x").replace("[JT]", "[NOBODY]")})
    document = as_json("--as-of", AS_OF, "plans/x.yaml")
    assert {p["rule"] for p in document["problems"]} == {"unknown-lead", "unrated"}
    assert {Path(p["file"]).name for p in document["problems"]} == {"x.yaml"}


def test_check_missing_path_is_exit_2(project: Path) -> None:
    result = run("--as-of", AS_OF, "plans/nothere.yaml")
    assert result.exit_code == 2
    assert "nothere.yaml" in result.stderr


# ---------------------------------------------------------------------------
# Forged workflow commands: text from the plans must never start a line of its own


FORGED_PLAN = """\
plan:
  id: forged
  title: "::error file=x::forged %0A and 100% sure"
priorities:
  - id: SP1
    title: !a%0A::add-mask::secret%0D%25 tag
    actions:
      - id: "1"
        title: "::error file=x::forged"
        leads: [JT]
        due: 2024-12
        status: AMBER
        "%0A::error::x": 1
        "dup::add-mask::k": 1
        "dup::add-mask::k": 2
        updates:
          - date: 2024-03
            text: "line one\\n::add-mask::secret\\r\\n::error file=x::forged 50%"
"""


@pytest.fixture
def forged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path, {"plans/people.yaml": PEOPLE, "plans/forged.yaml": FORGED_PLAN})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_forged_commands_are_encoded_in_github_output(forged: Path) -> None:
    result = run("--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1
    out = result.stdout
    assert "\r" not in out
    lines = out.splitlines()
    problems, summary = lines[:-1], lines[-1]
    # The tag, the two unknown keys, the duplicate key, and the escaped CR in the update (refused).
    assert len(problems) == 5, out
    for line in problems:
        assert GITHUB_LINE.match(line), line
        assert line.startswith("::error file=plans/forged.yaml,line=")
        assert "::add-mask::" not in line.split("::", 2)[1], "nothing forged in the properties"
    assert not summary.startswith("::")
    # The tag's decoded newline is %0A; the literal "%0A" of the key becomes %250A; '%' is %25.
    tag = next(line for line in problems if "explicit tags" in line)
    assert "%0A::add-mask::secret" in tag
    assert "%25" in tag
    key = next(line for line in problems if "unknown key" in line)
    assert "'%250A::error::x'" in key
    assert any("duplicate key 'dup::add-mask::k'" in line for line in problems)
    assert any("U+000D" in line for line in problems), "a CR in plan text is refused outright"


def test_forged_file_name_is_encoded_in_github_properties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = "a%,b:c\n::error::x.yaml"
    write(tmp_path, {"plans/people.yaml": PEOPLE, f"plans/{name}": PLAN})
    monkeypatch.chdir(tmp_path)
    result = run("--as-of", AS_OF, "--format", "github")
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    encoded = "file=plans/a%25%2Cb%3Ac%0A%3A%3Aerror%3A%3Ax.yaml,line="
    for line in lines[:-1]:
        assert GITHUB_LINE.match(line), line
        assert line.split(" ", 1)[1].startswith(encoded), line
    assert not lines[-1].startswith("::")


def test_github_encodes_carriage_return_as_percent_0d(forged: Path) -> None:
    out = run("--as-of", AS_OF, "--format", "github").stdout
    assert "secret%0D%25" in out


def test_forged_commands_cannot_start_a_line_in_text_output(forged: Path) -> None:
    result = run("--as-of", AS_OF)
    assert result.exit_code == 1
    for line in result.stdout.splitlines():
        assert not line.startswith("::"), line
        assert line == "" or line.startswith(("plans/", "  plans/", "plantool check as of")), line


def test_forged_json_round_trips(forged: Path) -> None:
    document = as_json("--as-of", AS_OF)
    assert document["errors"] == 5
    assert any("::add-mask::secret" in p["message"] for p in document["problems"])


def test_forged_junit_parses(forged: Path) -> None:
    root = _junit(run("--as-of", AS_OF, "--format", "junit").stdout)
    assert root.get("failures") == "5"
