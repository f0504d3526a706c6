"""GitHub annotations name files relative to the repository root, wherever plantool runs from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    (tmp_path / "tools").mkdir()
    monkeypatch.chdir(tmp_path / "tools")
    return tmp_path


def annotations(*args: str) -> list[str]:
    result = CliRunner().invoke(app, ["check", "--plans", "../plans", "--format", "github", "--rule", "overdue", *args])
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if line.startswith("::")]


def test_paths_are_relative_to_github_workspace(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    lines = annotations("--as-of", "2023-05-26")
    assert lines
    assert all(line.startswith("::error file=plans/ofsted-ilacs-2023.yaml,") for line in lines)


def test_without_github_workspace_paths_are_as_plantool_names_them(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    lines = annotations("--as-of", "2023-05-26")
    assert all(line.startswith("::error file=../plans/ofsted-ilacs-2023.yaml,") for line in lines)


def test_a_file_outside_the_workspace_keeps_its_own_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "tools"))
    lines = annotations("--as-of", "2023-05-26")
    assert all(line.startswith("::error file=../plans/") for line in lines)
