"""``plantool check`` output: text for people, JSON for tools, GitHub workflow commands, JUnit XML.

One function per format, each writing its output a problem at a time (a large workspace can
have a problem per action).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from plantool.problems import Problem, RuleId, Severity
from plantool.render.formats import CheckFormat, Renderer
from plantool.render.problems import counts, problem_dict
from plantool.render.text import json_chunks, one_line, safe_text
from plantool.render.xmltext import xml_text
from plantool.rules import RULES, CheckResult


def check_json_chunks(problems: Sequence[Problem], as_of: date) -> Iterator[str]:
    """``check --format json``: the as-of day, the counts, then the problems, a problem at a time."""
    errors, warnings = counts(problems)
    document = {"as_of": as_of.isoformat(), "errors": errors, "warnings": warnings,
                "problems": (problem_dict(p) for p in problems)}  # fmt: skip
    return json_chunks(document)


def summary_line(problems: Sequence[Problem], as_of: date) -> str:
    errors, warnings = counts(problems)
    if not problems:
        return f"plantool check as of {as_of.isoformat()}: all rules pass"
    by_rule: dict[str, int] = {}
    for problem in problems:
        by_rule[problem.rule] = by_rule.get(problem.rule, 0) + 1
    detail = ", ".join(f"{rule} {count}" for rule, count in by_rule.items())
    return f"plantool check as of {as_of.isoformat()}: {errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'} ({detail})"


def check_text(problems: Sequence[Problem], as_of: date) -> Iterator[str]:
    """Grouped by file (one per plan), errors before warnings, then a one-line summary; a line at a time."""
    ordered = sorted(problems, key=lambda p: (p.path, p.severity is not Severity.ERROR, p.line, p.col))
    for path, group in groupby(ordered, key=lambda p: p.path):
        yield one_line(path) + "\n"
        for p in group:
            yield one_line(f"  {p.path}:{p.line}:{p.col}: {p.severity}: {p.message} [{p.rule}]") + "\n"
        yield "\n"
    yield one_line(summary_line(problems, as_of)) + "\n"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command rules: %, CR and LF are encoded, so plan text can never
    # end the command early or start a line of its own (a forged ::add-mask:: or ::error).
    return safe_text(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def check_github(problems: Sequence[Problem], as_of: date, workspace_root: str | None = None) -> Iterator[str]:
    """GitHub workflow commands, one per problem, a line at a time.

    GitHub places an annotation by a path relative to the repository's root; plantool's
    paths are relative to where it runs. ``workspace_root`` (the runner's
    ``GITHUB_WORKSPACE``) turns one into the other, so a job that runs from a subfolder
    still annotates the right file.
    """
    for problem in problems:
        command = "error" if problem.severity is Severity.ERROR else "warning"
        path = _relative_to(problem.path, workspace_root) if workspace_root else problem.path
        properties = [f"file={_escape_property(path)}"]
        if problem.line:
            properties.append(f"line={problem.line}")
            if problem.col:
                properties.append(f"col={problem.col}")
        properties.append(f"title={_escape_property(problem.rule)}")
        yield f"::{command} {','.join(properties)}::{_escape_data(problem.message)}\n"
    yield _escape_data(summary_line(problems, as_of)) + "\n"


def _relative_to(path: str, root: str) -> str:
    absolute = os.path.abspath(path)
    real_root = os.path.abspath(root)
    if absolute == real_root or not absolute.startswith(real_root.rstrip(os.sep) + os.sep):
        return path  # outside the repository: leave it as plantool named it
    return os.path.relpath(absolute, real_root).replace(os.sep, "/")


def check_junit(result: CheckResult, as_of: date, repository_root: str | None = None) -> Iterator[str]:
    """JUnit XML as Jenkins validates it (its xUnit plugin's junit-10 schema), with GitLab's ``file`` and ``line``.

    One test suite per rule that ran; one failing test case per problem, or one passing case for a clean
    rule. Problems that do not fail the gate (below ``--fail-on``) pass, with the problem in ``system-out``.

    - ``errors`` is always written (the schema requires it) and always 0: a problem is a rule's failure,
      never an error in running it.
    - The as-of day is a property of each suite, not a timestamp: it is the day the plans were judged,
      not when the job ran, so the same plans and day give the same bytes.
    - ``file`` is relative to ``repository_root`` when given (GitLab links a case by its path in the
      repository), as the ``github`` format is to ``GITHUB_WORKSPACE``.
    - Every text goes through ``xml_text``: GitLab drops a report that is not well-formed, and a file
      name may hold what XML cannot (U+FFFF, a control character, a byte that is not UTF-8).

    Written a test case at a time: the document's frame (the totals, each suite with its counts and
    properties) is built and indented by ElementTree with a placeholder where each suite's cases go, and
    each case is built and indented on its own at the depth it stands at, so the bytes are those of the
    whole tree indented at once.
    """
    ran = [rule for rule in RULES if rule.id in result.rules]
    found: dict[RuleId, list[Problem]] = {rule.id: [] for rule in ran}
    for problem in result.problems:
        if problem.rule in found:
            found[problem.rule].append(problem)
    root = ET.Element("testsuites", name="plantool check")
    total = failures = 0
    streamed: list[RuleId] = []
    for rule in ran:
        suite = ET.SubElement(root, "testsuite", name=rule.id)
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="as_of", value=as_of.isoformat())
        if found[rule.id]:
            ET.SubElement(suite, _CASES)
            streamed.append(rule.id)
        else:
            ET.SubElement(suite, "testcase", classname=f"plantool.{rule.id}", name=f"{rule.id}: no problems")
        suite_failures = sum(1 for problem in found[rule.id] if result.fails(problem))
        cases = max(len(found[rule.id]), 1)
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += cases
        failures += suite_failures
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    frame = ET.tostring(root, encoding="unicode").split(ET.tostring(ET.Element(_CASES), encoding="unicode"))
    yield '<?xml version="1.0" encoding="UTF-8"?>\n' + frame[0]
    for rule_id, after in zip(streamed, frame[1:], strict=True):
        for index, problem in enumerate(found[rule_id]):
            yield (_CASE_GAP if index else "") + _junit_case(problem, rule_id, result, repository_root)
        yield after
    yield "\n"


_CASES = "plantool-cases"
"""The placeholder element for a suite's test cases in the frame (no real element can be named so)."""
_CASE_DEPTH = 2
_CASE_GAP = "\n" + "  " * _CASE_DEPTH
"""What ``ET.indent`` puts between two test cases of a suite."""


def _junit_case(problem: Problem, rule_id: RuleId, result: CheckResult, repository_root: str | None) -> str:
    path = _relative_to(problem.path, repository_root) if repository_root else problem.path
    case = ET.Element(
        "testcase",
        classname=f"plantool.{rule_id}",
        name=xml_text(problem.ref or f"{path}:{problem.line}"),
        file=xml_text(path),
        line=str(problem.line),
    )
    text = xml_text(f"{path}:{problem.line}:{problem.col}: {problem.severity}: {problem.message}")
    if result.fails(problem):
        failure = ET.SubElement(case, "failure", message=xml_text(problem.message), type=problem.severity.value)
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    ET.indent(case, level=_CASE_DEPTH)
    return ET.tostring(case, encoding="unicode")


def rules_text() -> str:
    width = max(len(rule.id) for rule in RULES)
    return "\n".join(f"{rule.id:<{width}}  {rule.severity.value:<7}  {rule.doc}" for rule in RULES) + "\n"


@dataclass(frozen=True)
class CheckView:
    as_of: date
    github_workspace: str | None = None
    """``$GITHUB_WORKSPACE``: annotations name files relative to it."""
    repository_root: str | None = None
    """The git repository holding the plans: JUnit names files relative to it."""


FORMATS: dict[CheckFormat, Renderer[CheckResult, CheckView]] = {
    CheckFormat.text: lambda result, view: check_text(result.problems, view.as_of),
    CheckFormat.json: lambda result, view: check_json_chunks(result.problems, view.as_of),
    CheckFormat.github: lambda result, view: check_github(result.problems, view.as_of, view.github_workspace),
    CheckFormat.junit: lambda result, view: check_junit(result, view.as_of, view.repository_root),
}
