"""The committed JSON Schemas: generated from the models, pointed at by every plan, and agreed with by an outside validator.

The drift test is the conda/menuinst one: the files in ``schemas/`` must be
exactly what ``plantool.schema.build_schemas()`` makes from the models now.
The agreement tests run ``check-jsonschema`` (YAML 1.2, as editors read it)
on the same text plantool reads, and expect the same verdict. The strictness
tests hold the schemas to ajv's strict mode (run when ``ajv`` from ajv-cli is
on the PATH; ``.ci/run`` installs it) and to the structural rules behind it
(always), and read the bundled plans as a YAML 1.1 reader would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

import plantool.cli
from plantool.loader import load_text
from plantool.schema import SCHEMA_FILES, build_schemas, strict

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
PLANS = ROOT / "plans"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

BUNDLED = sorted(PLANS.rglob("*.yaml"))


def schema_for(text: str) -> str:
    """Which schema file a YAML text is checked against: people files have their own."""
    return "people.schema.json" if text.lstrip().startswith("people:") or "\npeople:" in text else "plan.schema.json"


# ---------------------------------------------------------------------------
# Drift


def test_schema_files_are_the_ones_named() -> None:
    assert set(build_schemas()) == set(SCHEMA_FILES) == {"plan.schema.json", "people.schema.json"}


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_committed_schema_equals_the_generated_one(name: str) -> None:
    committed = (SCHEMAS / name).read_text(encoding="utf-8")
    assert committed == build_schemas()[name], f"schemas/{name} is stale: run 'plantool schema' and commit it"


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_is_json_and_closed(name: str) -> None:
    schema = json.loads(build_schemas()[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    for definition in schema.get("$defs", {}).values():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, definition.get("title")


def test_build_is_deterministic() -> None:
    assert build_schemas() == build_schemas()


# ---------------------------------------------------------------------------
# plantool schema [--check]


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(plantool.cli.app, list(args))
    return result.exit_code, result.output


def test_schema_check_passes_in_the_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, output = invoke("schema", "--check")
    assert code == 0, output
    assert "up to date" in output


def test_schema_check_fails_on_an_edited_copy(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, copy)
    assert invoke("schema", "--check", "--out", str(copy))[0] == 0

    path = copy / "plan.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"title": "PlanFile"', '"title": "Edited"', 1))
    code, output = invoke("schema", "--check", "--out", str(copy))
    assert code == 1
    assert "plan.schema.json" in output and "out of date" in output
    assert "people.schema.json" not in output
    assert path.read_text(encoding="utf-8").count('"title": "Edited"') == 1  # --check writes nothing


def test_schema_check_fails_when_a_file_is_missing(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(SCHEMAS, copy)
    (copy / "people.schema.json").unlink()
    code, output = invoke("schema", "--check", "--out", str(copy))
    assert code == 1
    assert "people.schema.json" in output


def test_schema_writes_then_checks_clean(tmp_path: Path) -> None:
    out = tmp_path / "fresh"
    code, output = invoke("schema", "--out", str(out))
    assert code == 0, output
    assert {p.name for p in out.iterdir()} == set(SCHEMA_FILES)
    for name, text in build_schemas().items():
        assert (out / name).read_text(encoding="utf-8") == text
    assert invoke("schema", "--check", "--out", str(out))[0] == 0
    code, output = invoke("schema", "--out", str(out))  # nothing to do the second time
    assert code == 0 and "already up to date" in output


# ---------------------------------------------------------------------------
# Every bundled plan points editors at its schema


def test_there_are_bundled_plans() -> None:
    assert len(BUNDLED) >= 3


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_file_starts_with_its_schema_comment(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{schema_for(text)}"
    assert (path.parent / first.split("$schema=", 1)[1]).resolve().is_file()


# ---------------------------------------------------------------------------
# An outside validator agrees

needs_check_jsonschema = pytest.mark.skipif(
    not CHECK_JSONSCHEMA.exists(), reason="check-jsonschema is not installed in this environment"
)


def check_jsonschema(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMAS / schema), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def plantool_accepts(text: str) -> tuple[bool, list[str]]:
    """File-level validity only: leads and links are not the schema's business."""
    loaded = load_text(text, "t.yaml")
    return loaded.problems == [], [str(p) for p in loaded.problems]


@needs_check_jsonschema
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_check_jsonschema_accepts_the_bundled_plans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = check_jsonschema(path, schema_for(text))
    assert result.returncode == 0, result.stdout + result.stderr
    assert plantool_accepts(text) == (True, [])


PLAN = """\
plan:
  id: p
  title: T
  period: {start: 2023-04-01, end: 2024-03-31}
  updated: 2023-05-15
priorities:
  - id: SP1
    title: S
    actions:
      - id: 1.10
        title: An action
        due: 2024-03-31
"""


def agree(tmp_path: Path, text: str) -> tuple[bool, bool, str]:
    """(plantool accepts, check-jsonschema accepts, what each said)."""
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    ours, problems = plantool_accepts(text)
    result = check_jsonschema(path, schema_for(text))
    return ours, result.returncode == 0, "\n".join([*problems, result.stdout, result.stderr])


def with_fields(*lines: str) -> str:
    return PLAN + "".join(f"        {line}\n" for line in lines)


@needs_check_jsonschema
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(PLAN, id="plain"),
        pytest.param(with_fields("leads: [NO, ON, Y]"), id="leads-no-on-y"),
        pytest.param(with_fields("status: green"), id="status-lower"),
        pytest.param(with_fields("status: Amber"), id="status-title"),
        pytest.param(with_fields("carried_forward: true"), id="bool"),
        pytest.param(PLAN.replace("due: 2024-03-31", "due: 2024-03"), id="due-month"),
        pytest.param(with_fields("target: {measure: carers, target: 30, current: 12.5}"), id="target"),
        pytest.param(with_fields("updates: [{date: 2023-05, text: x, by: GT}]"), id="update"),
        pytest.param(with_fields("milestones: [{title: Strategy, due: 2023-09}]"), id="milestone"),
        pytest.param(with_fields("recurs: annually"), id="recurs"),
        pytest.param(with_fields("completed: 2024-03-02"), id="completed"),
        pytest.param(with_fields('links: ["1.4"]', "tags: [yes]"), id="links-tags"),
        pytest.param(dedent("people:\n  - id: JT\n    aliases: [DoP]\n  - id: 'NO'\n"), id="people"),
    ],
)
def test_both_accept(tmp_path: Path, text: str) -> None:
    ours, theirs, said = agree(tmp_path, text)
    assert (ours, theirs) == (True, True), said


@needs_check_jsonschema
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(with_fields("lead: GT"), id="unknown-key"),
        pytest.param(PLAN.replace("  title: T\n", "  title: T\n  titel: X\n"), id="unknown-meta-key"),
        # No "bad-status": a plan may declare its own scale (format v2), so the schema admits any key
        # and plantool checks each status against the plan's scale (test_format_v2).
        pytest.param(with_fields("carried_forward: yes"), id="bool-yes"),
        pytest.param(with_fields("recurs: weekly"), id="bad-recurs"),
        pytest.param(with_fields("due: Mar-24"), id="due-mar-24"),
        pytest.param(with_fields("due: 12/07/2023"), id="due-slashes"),
        pytest.param(with_fields("completed: 2024-13"), id="completed-no-month-13"),
        pytest.param(with_fields("target: {target: 30}"), id="target-no-measure"),
        pytest.param(with_fields("target: {measure: m, target: thirty}"), id="target-words"),
        pytest.param(with_fields("updates: [{text: undated}]"), id="update-no-date"),
        pytest.param(PLAN.replace("id: p\n", "id: Not_A_Slug\n"), id="plan-id"),
        pytest.param(PLAN.replace("        title: An action\n", ""), id="missing-title"),
        pytest.param("plan: {id: p, title: T}\nfindings: [{id: a.b, title: F}]\n", id="finding-id-dot"),
        pytest.param("people:\n  - id: JT\n    nmae: Jenny\n", id="people-unknown-key"),
    ],
)
def test_both_reject(tmp_path: Path, text: str) -> None:
    ours, theirs, said = agree(tmp_path, text)
    assert (ours, theirs) == (False, False), said


# Valid plans (docs/format.md) that plantool accepts but the committed schema makes an
# editor flag: the schema asks for a list or a string where YAML 1.2 (editors,
# check-jsonschema) reads a single string, a number or a boolean. The fix belongs
# in the WithJsonSchema annotations of plantool/models.py.


@needs_check_jsonschema
@pytest.mark.parametrize(
    "text",
    [
        # docs/format.md: "leads: list of person ids (a single id is accepted)"; schema: "type": "array"
        pytest.param(with_fields("leads: GT"), id="single-lead"),
        pytest.param("people:\n  - id: JT\n    aliases: DoP\n", id="single-alias"),
        # a tail reference typed bare is a YAML 1.2 number; links items are "type": "string"
        pytest.param(with_fields("links: [1.4]"), id="link-1.4"),
        # text fields are "type": "string", but YAML 1.2 reads these as a number or a boolean
        pytest.param(with_fields("source_ref: 3.09"), id="source-ref-number"),
        pytest.param(PLAN.replace("title: An action", "title: true"), id="title-true"),
        pytest.param(with_fields("tags: [2023]"), id="tag-number"),
        pytest.param(with_fields("updates: [{date: 2023-05, text: 2023}]"), id="text-number"),
        # "any case on input": the schema's enum has GREEN, green and Green only
        pytest.param(with_fields("status: gReEn"), id="status-mixed-case"),
        # plantool lower-cases recurs; the schema's enum is lower case only
        pytest.param(with_fields("recurs: Monthly"), id="recurs-title-case"),
    ],
)
def test_schema_accepts_what_plantool_accepts(tmp_path: Path, text: str) -> None:
    ours, theirs, said = agree(tmp_path, text)
    assert ours, said
    assert theirs, said


# Invalid plans that plantool rejects but the schema lets an editor pass, where a
# JSON Schema could say so. (Some laxness cannot be fixed in a schema: it sees the
# value YAML 1.2 made, not the text, so `1e5`, `0x10` and `.nan` are just numbers
# to it, and `2023-02-29` needs a calendar. Those are not tested here.)


@needs_check_jsonschema
@pytest.mark.parametrize(
    "text",
    [
        # PlanFile._has_content is a before-validator, invisible to the schema: no anyOf/required for it
        pytest.param("plan: {id: p, title: T}\n", id="no-priorities-or-findings"),
        # the date pattern is \d{4}-\d{2}(-\d{2})?: month 13 and day 32 match it
        pytest.param(PLAN.replace("due: 2024-03-31", "due: 2024-13"), id="month-13"),
        pytest.param(PLAN.replace("due: 2024-03-31", "due: 2024-03-32"), id="day-32"),
        # Number is {"type": "number"} with no bounds; plantool allows at most 15 digits
        pytest.param(with_fields("target: {measure: m, target: .inf}"), id="target-inf"),
    ],
)
def test_schema_rejects_what_plantool_rejects(tmp_path: Path, text: str) -> None:
    ours, theirs, said = agree(tmp_path, text)
    assert not ours, said
    assert not theirs, said


# ---------------------------------------------------------------------------
# Strict validators: ajv's strict mode, and readers of YAML 1.1

AJV = shutil.which("ajv")
needs_ajv = pytest.mark.skipif(AJV is None, reason="ajv (npm's ajv-cli) is not on the PATH; .ci/run installs it")


def ajv(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(AJV), *args, "--spec=draft2020", "--strict=true"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@needs_ajv
@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_ajv_compiles_the_schema_in_strict_mode(name: str) -> None:
    result = ajv("compile", "-s", str(SCHEMAS / name))
    assert result.returncode == 0, result.stdout + result.stderr


@needs_ajv
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_ajv_accepts_the_bundled_plans(path: Path) -> None:
    # ajv-cli reads YAML with js-yaml, which types an unquoted 2023-04-01 as a date.
    result = ajv(
        "validate", "-s", str(SCHEMAS / schema_for(path.read_text(encoding="utf-8"))), "-d", str(path), "--errors=text"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def subschemas(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from subschemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from subschemas(value)


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_schema_keeps_the_rules_of_ajv_strict_mode(name: str) -> None:
    """What ajv's strict mode refuses, checked without ajv: no union type lists (strictTypes),
    and no required property that the same schema object leaves undefined (strictRequired)."""
    for node in subschemas(json.loads(build_schemas()[name])):
        assert not isinstance(node.get("type"), list), node
        for required in node.get("required", []):
            assert required in node.get("properties", {}), node


def test_strict_splits_a_union_type_and_accepts_the_same_values() -> None:
    union = {"title": "Id", "type": ["string", "number"], "pattern": "^a", "maxLength": 3, "minimum": 0}
    split = strict(union)
    assert split == {
        "anyOf": [{"type": "string", "pattern": "^a", "maxLength": 3}, {"type": "number", "minimum": 0}],
        "title": "Id",
    }
    for value in ["a", "ab", "abcd", "b", "", 0, 5, -1, 1.5, True, None, [], {}]:
        assert Draft202012Validator(union).is_valid(value) == Draft202012Validator(split).is_valid(value), value


def test_strict_defines_a_required_name_where_it_is_required() -> None:
    either = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
        "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
    }
    rewritten = strict(either)
    assert rewritten["anyOf"] == [
        {"required": ["a"], "properties": {"a": True}},
        {"required": ["b"], "properties": {"b": True}},
    ]
    for value in [{}, {"a": "x"}, {"b": "x"}, {"a": 1}, {"c": "x"}, {"a": "x", "b": 2}]:
        assert Draft202012Validator(either).is_valid(value) == Draft202012Validator(rewritten).is_valid(value), value


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_the_strict_schema_agrees_with_the_generated_one_on_the_bundled_plans(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    name = schema_for(text)
    model = SCHEMA_FILES[name][0]
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as their ISO text
    assert Draft202012Validator(model.model_json_schema()).is_valid(data)
    assert Draft202012Validator(json.loads(build_schemas()[name])).is_valid(data)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_yaml_1_1_reader_sees_the_bundled_plans_as_plantool_does(path: Path) -> None:
    """PyYAML's safe_load (YAML 1.1) reads an unquoted NO as false and 2023-04-01 as a date, so the
    bundled plans quote such values (docs/format.md): every validator then agrees with plantool."""
    text = path.read_text(encoding="utf-8")
    schema = json.loads(build_schemas()[schema_for(text)])
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(yaml.safe_load(text))
    ]
    assert errors == []


def test_strict_moves_a_typed_keyword_beside_typed_branches_into_them() -> None:
    optional_list = {"anyOf": [{"type": "array"}, {"type": "null"}], "maxLength": 20, "title": "Scale"}
    rewritten = strict(optional_list)
    assert rewritten == {"anyOf": [{"type": "array"}, {"type": "null"}], "title": "Scale"}
    optional_text = {"anyOf": [{"type": "string"}, {"type": "null"}], "maxLength": 2}
    assert strict(optional_text)["anyOf"][0] == {"type": "string", "maxLength": 2}
    for schema in (optional_list, optional_text):
        for value in [None, [], list(range(30)), "ab", "abc", 3]:
            assert Draft202012Validator(schema).is_valid(value) == Draft202012Validator(strict(schema)).is_valid(value)
