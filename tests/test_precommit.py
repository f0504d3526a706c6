"""The pre-commit hooks (``.pre-commit-hooks.yaml``) end to end, through the real ``pre-commit try-repo``.

A temporary git repository holds a plans folder with one overdue action. pre-commit
builds the hook environment from this repository (``pip install .``, so it needs the
package registry or pip's cache) and runs the hooks there. Skipped when git or
pre-commit is missing. ``PRE_COMMIT_HOME`` points into the test's temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PEOPLE

# Building the hook environment takes tens of seconds; the fast suite (-m "not slow") leaves it out.
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]


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
"""


def _pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed")
    return [found]


def _git(cwd: Path, *args: str, env: dict[str, str]) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)


@pytest.fixture
def plans_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip(f"{REPO} is not a git repository; try-repo needs one")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PLANTOOL_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PLANTOOL_TODAY="2024-03-15",
        NO_COLOR="1",
        GIT_CONFIG_NOSYSTEM="1",
    )
    repo = tmp_path / "plans-repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    (repo / "plans" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "config", "user.name", "Test", env=env)
    _git(repo, "config", "user.email", "test@example.invalid", env=env)
    _git(repo, "config", "commit.gpgsign", "false", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "plans", env=env)
    return repo, env


def _try_repo(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_pre_commit(), "try-repo", str(REPO), *args, "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hooks_fail_on_an_overdue_action_and_pass_once_fixed(plans_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = plans_repo

    failed = _try_repo(repo, env, "plantool-check", "--all-files")
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0, output
    assert "p/late is overdue" in output
    assert "plans/plan.yaml:11:14" in output  # at the due value
    assert "as of 2024-03-15" in output

    plan = repo / "plans" / "plan.yaml"
    plan.write_text(PLAN.replace("due: 2024-01-31", "due: 2024-06-30"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "move the due date", env=env)

    # No hook id: every hook of the repository, plantool-validate and plantool-check.
    passed = _try_repo(repo, env, "--all-files")
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "plantool validate" in output
    assert "plantool check" in output
    assert "Failed" not in output

    # As in a commit: only the changed plan is passed; the lead is still found in plans/people.yaml.
    plan.write_text(PLAN.replace("due: 2024-01-31", "due: 2024-06-30").replace("[JT]", "[JT, ZZ]"), encoding="utf-8")
    invalid = _try_repo(repo, env, "plantool-validate", "--files", "plans/plan.yaml")
    output = invalid.stdout + invalid.stderr
    assert invalid.returncode != 0, output
    assert "'ZZ'" in output
    assert "'JT'" not in output
