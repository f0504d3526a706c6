"""Shared test helpers: the repository's paths and a builder for workspaces from inline YAML."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from plantool.loader import load_text
from plantool.problems import Severity
from plantool.workspace import Workspace, build_workspace

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PLANS = ROOT / "plans"

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
