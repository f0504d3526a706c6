"""Shared test helpers: the repository's paths, one people file, a builder for workspaces from inline YAML,
and the one golden-file comparison.

Test modules import the plain names (``from conftest import PEOPLE, assert_golden``); pytest puts this
folder on ``sys.path``, so they are the same objects the fixtures below hand out.
"""

from __future__ import annotations

import difflib
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from plantool.loader import load_text
from plantool.problems import Severity
from plantool.workspace import Workspace, build_workspace

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PLANS = ROOT / "plans"
GOLDEN = ROOT / "tests" / "golden"
UPDATE_GOLDEN = os.environ.get("PLANTOOL_UPDATE_GOLDEN") == "1"

PEOPLE = """\
people:
  - id: JT
    name: Jenny Turnross
    role: Director of Practice
    aliases: [DoP]
  - id: AB
    name: Ann Brown
    role: Head of Quality
  - id: GT
    name: Graham Tilby
"""
"""The people most tests' plans name as leads: JT (alias DoP), AB and GT, each with a name."""

PLAIN_OUTPUT_VARIABLES = ("PLANTOOL_TODAY", "NO_COLOR", "FORCE_COLOR", "PLANTOOL_DEBUG")
"""What a caller's shell may set that changes plantool's output: the day, colour, and tracebacks."""


def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset ``PLAIN_OUTPUT_VARIABLES``, so a test's expected output does not hang on the shell it runs in."""
    for name in PLAIN_OUTPUT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


WorkspaceFactory = Callable[..., Workspace]


def workspace_from_yaml(*files: tuple[str, str], allow_errors: bool = False) -> Workspace:
    """A workspace built from ``(path, yaml text)`` pairs, loaded in the order given.

    The text is dedented first, so tests can indent their YAML with the code.
    Unless ``allow_errors``, a file that does not load is a mistake in the
    test, and fails it at once with the problems.
    """
    loaded = [load_text(textwrap.dedent(text).lstrip("\n"), path) for path, text in files]
    workspace = build_workspace(loaded)
    if not allow_errors:
        errors = [str(p) for p in workspace.problems if p.severity is Severity.ERROR]
        assert not errors, "the test's YAML does not load:\n" + "\n".join(errors)
    return workspace


@pytest.fixture(scope="session")
def make_workspace() -> WorkspaceFactory:
    """``make_workspace(("plans/a.yaml", text), ...)``: see ``workspace_from_yaml``.

    Session-scoped (it holds no state), so hypothesis tests may use it too.
    """
    return workspace_from_yaml


@pytest.fixture(scope="session")
def people_yaml() -> str:
    """The text of a people file naming JT (alias DoP), AB and GT; see ``PEOPLE``."""
    return PEOPLE


def assert_golden(name: str, actual: str | bytes) -> None:
    """``actual`` must equal ``tests/golden/NAME`` byte for byte.

    With ``PLANTOOL_UPDATE_GOLDEN=1`` the file is (re)written instead and the test passes;
    read ``git diff tests/golden`` line by line before committing, since the golden files
    are only worth what their review was. A difference fails with a unified diff of the text.
    """
    path = GOLDEN / name
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; run with PLANTOOL_UPDATE_GOLDEN=1 to create it, then review it")
    expected = path.read_bytes()
    if data == expected:
        return
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(keepends=True),
        data.decode("utf-8", "replace").splitlines(keepends=True),
        f"golden/{name}",
        "actual",
    )
    detail = "".join(lines) or "(the text is the same; the bytes differ, e.g. line endings or a byte order mark)"
    pytest.fail(f"output differs from golden/{name} (PLANTOOL_UPDATE_GOLDEN=1 to accept):\n{detail}")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's warm cache goes to a folder of the test session's, never the user's own.

    One folder for the whole session, so a test that loads what an earlier one loaded takes the
    warm path (and must give the same answer).
    """
    base = tmp_path_factory.getbasetemp() / "xdg-cache"
    base.mkdir(exist_ok=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(base))
    monkeypatch.delenv("PLANTOOL_NO_CACHE", raising=False)
