"""``plantool check --format junit`` as the CI servers that read it see it.

Jenkins validates against its xUnit plugin's JUnit schema (restated in
``tests/junit/jenkins-junit-10.xsd``); GitLab reads ``file`` and ``line`` on
each test case to link a failure to its line, and silently drops a report that
is not well-formed XML. So the report must be valid against that schema once
GitLab's two attributes are set aside, must parse whatever a file name or a
message holds, and must name files by their path in the repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from plantool.problems import Problem, RuleId, Severity
from plantool.render.checks import check_junit
from plantool.render.xmltext import xml_text
from plantool.rules import RULES, CheckResult

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "junit" / "jenkins-junit-10.xsd")))
AS_OF = "2024-10-15"
PEOPLE = "people:\n  - id: JT\n    name: Jenny Turnross\n"

LATE = """\
plan:
  id: p
  title: A plan
priorities:
  - id: P1
    title: A priority
    actions:
      - id: "1"
        title: Late
        leads: [JT]
        due: "2024-01-31"
      - id: "2"
        title: Quiet
        leads: [JT]
        due: "2099-01-31"
        status: GREEN
"""


def parse(data: bytes) -> etree._ElementTree:
    """A strict parse, as GitLab's and Jenkins' parsers do: no recovery from a malformed byte."""
    return etree.ElementTree(etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False)))


def assert_valid_for_jenkins(document: etree._ElementTree) -> None:
    """Valid against junit-10.xsd once GitLab's ``file`` and ``line`` on test cases are set aside."""
    copy = parse(etree.tostring(document))
    for case in copy.iter("testcase"):
        case.attrib.pop("file", None)
        case.attrib.pop("line", None)
    assert SCHEMA.validate(copy), [str(error) for error in SCHEMA.error_log]


def check(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The real command in a fresh process: its stdout is the bytes a CI server would be handed."""
    command = [sys.executable, "-m", "plantool", "check", "--as-of", AS_OF, "--format", "junit", *args]
    return subprocess.run(command, capture_output=True, cwd=cwd, timeout=120, check=False)


def write_project(folder: Path, plans: dict[str, str]) -> Path:
    (folder / "plans").mkdir(parents=True)
    (folder / "plans" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    for name, text in plans.items():
        (folder / "plans" / name).write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------
# Jenkins' schema


def test_the_bundled_plans_report_is_valid_for_jenkins() -> None:
    completed = check(ROOT, "--as-of", "2023-10-01")
    assert completed.returncode == 1, completed.stderr
    document = parse(completed.stdout)
    assert_valid_for_jenkins(document)
    assert len(document.findall(".//failure")) > 0


def test_the_schema_holds_what_the_issue_found() -> None:
    """The check can fail: the report as it was (no errors, a timestamp on testsuites) is refused."""
    old = (
        b'<testsuites name="plantool check" timestamp="2024-10-15" tests="1" failures="0">'
        b'<testsuite name="overdue" tests="1" failures="0"><testcase name="x"/></testsuite></testsuites>'
    )
    assert not SCHEMA.validate(parse(old))
    messages = " ".join(str(error) for error in SCHEMA.error_log)
    assert "timestamp" in messages and "errors" in messages


def test_counts_and_the_as_of_day(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"p.yaml": LATE})
    document = parse(check(project).stdout)
    root = document.getroot()
    assert root.get("timestamp") is None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(len(RULES)), "1", "0")
    for suite in root.iter("testsuite"):
        assert suite.get("errors") == "0"
        assert suite.find("properties/property[@name='as_of']").get("value") == AS_OF
    (failure,) = root.iter("failure")
    case = failure.getparent()
    assert case.get("name") == "p/1" and case.get("file") == "plans/p.yaml" and case.get("line") == "11"
    assert_valid_for_jenkins(document)


# ---------------------------------------------------------------------------
# file: relative to the repository, wherever the job runs


def test_file_is_relative_to_the_repository_root_when_plans_are_elsewhere(tmp_path: Path) -> None:
    repository = write_project(tmp_path / "repo", {"p.yaml": LATE})
    (repository / ".git").mkdir()  # what marks a repository's root, for this purpose
    elsewhere = tmp_path / "ci" / "job"
    elsewhere.mkdir(parents=True)
    completed = check(elsewhere, "--plans", str(repository / "plans"))
    cases = [case for case in parse(completed.stdout).iter("testcase") if case.get("file")]
    assert cases and {case.get("file") for case in cases} == {"plans/p.yaml"}

    relative = check(elsewhere, "--plans", os.path.relpath(repository / "plans", elsewhere))
    assert {c.get("file") for c in parse(relative.stdout).iter("testcase") if c.get("file")} == {"plans/p.yaml"}


def test_file_from_a_subfolder_of_the_repository_names_the_whole_path(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project = write_project(tmp_path / "team", {"p.yaml": LATE})
    files = {c.get("file") for c in parse(check(project).stdout).iter("testcase") if c.get("file")}
    assert files == {"team/plans/p.yaml"}


def test_file_outside_any_repository_is_left_as_plantool_names_it(tmp_path: Path) -> None:
    if any((parent / ".git").exists() for parent in tmp_path.parents):
        pytest.skip("the temporary folder is inside a repository here")
    project = write_project(tmp_path, {"p.yaml": LATE})
    files = {c.get("file") for c in parse(check(project).stdout).iter("testcase") if c.get("file")}
    assert files == {"plans/p.yaml"}


# ---------------------------------------------------------------------------
# Well-formed whatever the text holds

HOSTILE_NAMES = [
    "u\uffffnot.yaml",  # U+FFFF, not a character XML allows
    "u\ufffenot.yaml",
    "c\x01\x0b\x1bcontrol.yaml",
    "dollar$&<'\">.yaml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["U+FFFF", "U+FFFE", "C0", "markup"])
def test_report_is_well_formed_whatever_a_file_name_holds(tmp_path: Path, name: str) -> None:
    project = write_project(tmp_path, {name: LATE.replace("id: p\n", "id: q\n")})
    completed = check(project)
    assert completed.returncode in (0, 1), completed.stderr
    document = parse(completed.stdout)
    assert_valid_for_jenkins(document)
    text = etree.tostring(document, encoding="unicode")
    assert "\uffff" not in text and "\ufffe" not in text and "\x01" not in text


def test_report_is_well_formed_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    project = write_project(tmp_path, {})
    with open(os.path.join(os.fsencode(project / "plans"), b"latin-\xe9t\xe9.yaml"), "w", encoding="utf-8") as file:
        file.write(LATE.replace("id: p\n", "id: q\n"))
    completed = check(project)
    assert completed.returncode in (0, 1), completed.stderr
    assert_valid_for_jenkins(parse(completed.stdout))


XML_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@settings(max_examples=200, deadline=None)
@given(path=XML_TEXT, message=XML_TEXT, ref=st.none() | XML_TEXT)
def test_any_text_gives_a_well_formed_valid_report(path: str, message: str, ref: str | None) -> None:
    problems = [
        Problem(path, 3, 5, message, Severity.ERROR, RuleId.OVERDUE, ref),
        Problem(path, 0, 0, message, Severity.WARNING, RuleId.STALE, ref),
    ]
    result = CheckResult(problems, [RuleId.OVERDUE, RuleId.STALE], files=1, unread=0, fail_on=Severity.ERROR)
    data = "".join(check_junit(result, date(2024, 10, 15))).encode("utf-8")
    document = parse(data)
    assert_valid_for_jenkins(document)
    failure = document.find(".//failure")
    assert failure.get("message") == xml_text(message)
    assert document.find(".//testcase").get("file") == xml_text(path)


def test_xml_text_keeps_ordinary_text_and_shows_the_rest() -> None:
    assert xml_text("Café – IRO’s plan 🙂\tand\nmore") == "Café – IRO’s plan 🙂\tand\nmore"
    assert xml_text("a\uffffb\ufffec\ud800d\x01e") == "a\\uffffb\\ufffec\\ud800d\\x01e"


def _whole_tree(result: CheckResult, as_of: date, repository_root: str | None) -> str:
    """The report as one ElementTree built and indented at once: what the streamed report must equal."""
    from plantool.render.checks import _relative_to

    root = ET.Element("testsuites", name="plantool check")
    total = failures = 0
    for rule in RULES:
        if rule.id not in result.rules:
            continue
        found = [p for p in result.problems if p.rule is rule.id]
        suite = ET.SubElement(root, "testsuite", name=rule.id)
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="as_of", value=as_of.isoformat())
        suite_failures = 0
        for problem in found:
            path = _relative_to(problem.path, repository_root) if repository_root else problem.path
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"plantool.{rule.id}",
                name=xml_text(problem.ref or f"{path}:{problem.line}"),
                file=xml_text(path),
                line=str(problem.line),
            )
            text = xml_text(f"{path}:{problem.line}:{problem.col}: {problem.severity}: {problem.message}")
            if result.fails(problem):
                failure = ET.SubElement(case, "failure", message=xml_text(problem.message), type=problem.severity.value)
                failure.text = text
                suite_failures += 1
            else:
                ET.SubElement(case, "system-out").text = text
        if not found:
            ET.SubElement(suite, "testcase", classname=f"plantool.{rule.id}", name=f"{rule.id}: no problems")
        cases = max(len(found), 1)
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += cases
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


_PROBLEM = st.builds(
    Problem,
    st.sampled_from(["plans/a.yaml", "/repo/plans/b.yaml", "x&<y>.yaml"]) | XML_TEXT,
    st.integers(0, 999),
    st.integers(0, 99),
    XML_TEXT,
    st.sampled_from(Severity),
    st.sampled_from([rule.id for rule in RULES]),
    st.none() | XML_TEXT,
)


@settings(max_examples=200, deadline=None)
@given(
    problems=st.lists(_PROBLEM, max_size=12),
    ran=st.sets(st.sampled_from([rule.id for rule in RULES]), min_size=1),
    fail_on=st.sampled_from([Severity.ERROR, Severity.WARNING]),
    repository_root=st.none() | st.just("/repo"),
)
def test_the_report_written_a_case_at_a_time_is_the_whole_tree_indented(
    problems: list[Problem], ran: set[RuleId], fail_on: Severity, repository_root: str | None
) -> None:
    rules = [rule.id for rule in RULES if rule.id in ran]
    result = CheckResult(problems, rules, files=1, unread=0, fail_on=fail_on)
    as_of = date(2024, 10, 15)
    chunks = list(check_junit(result, as_of, repository_root))
    assert "".join(chunks) == _whole_tree(result, as_of, repository_root)
    assert len(chunks) >= sum(1 for p in problems if p.rule in ran)  # a case a chunk
