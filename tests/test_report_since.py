"""``plantool report --since REV``: the board report gains a "since the last report" section from git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from plantool.cli import app

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled plans committed once, then action 1.1's date moved two months later and committed."""
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "board@example.invalid")
    git(tmp_path, "config", "user.name", "Board Secretary")
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "May progress round")
    plan = tmp_path / "plans" / "tdp-2023-24.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("due: 2023-07") >= 1
    plan.write_text(text.replace("due: 2023-07", "due: 2023-09", 1), encoding="utf-8")
    git(tmp_path, "commit", "-qam", "1.1 slips to September")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_markdown_report_lists_the_slip_since_the_revision(repo: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "HEAD~1", "--as-of", "2023-06-01"])
    assert result.exit_code == 0, result.output
    # "~" is escaped in Markdown (no strikethrough), so the heading reads HEAD\~1.
    section = result.stdout.split("## Since the last report (HEAD\\~1)", 1)[1].split("\n## ", 1)[0]
    assert "tdp-2023-24/1.1" in section
    assert "2023-07 → 2023-09" in section
    assert "+61 days" in section
    # The slip is bad news, so it is marked.
    assert "**Due date: 2023-07 → 2023-09 (+61 days)**" in section


def test_html_report_has_the_section_and_no_section_without_since(repo: Path, tmp_path: Path) -> None:
    with_since = tmp_path / "with.html"
    without = tmp_path / "without.html"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["report", "--since", "HEAD~1", "-o", str(with_since), "--as-of", "2023-06-01"]).exit_code
        == 0
    )
    assert runner.invoke(app, ["report", "-o", str(without), "--as-of", "2023-06-01"]).exit_code == 0
    html = with_since.read_text(encoding="utf-8")
    assert 'id="since"' in html and "tdp-2023-24/1.1" in html.split('id="since"', 1)[1].split("</section>", 1)[0]
    assert 'id="since"' not in without.read_text(encoding="utf-8")


def test_no_changes_says_so(repo: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "HEAD", "--as-of", "2023-06-01"])
    assert result.exit_code == 0, result.output
    assert "No changes to the plans since the last report." in result.stdout


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "no-such-rev"])
    assert result.exit_code == 2
    assert "unknown revision 'no-such-rev'" in result.output
    assert "Traceback" not in result.output


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "HEAD"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_file_that_was_not_read_is_a_line_of_the_section_not_no_changes(repo: Path) -> None:
    # A duplicate key keeps the first date: compared, the working tree would say 1.1 had not slipped.
    plan = repo / "plans" / "tdp-2023-24.yaml"
    text = plan.read_text(encoding="utf-8")
    at = text.index("due: 2023-09")
    indent = text[text.rfind("\n", 0, at) + 1 : at]
    plan.write_text(f"{text[:at]}due: 2023-09\n{indent}due: 2023-12{text[at + len('due: 2023-09') :]}", "utf-8")
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "HEAD~1", "--as-of", "2023-06-01"])
    assert result.exit_code == 0, result.output
    # "~" is escaped in Markdown (no strikethrough), so the heading reads HEAD\~1.
    section = result.stdout.split("## Since the last report (HEAD\\~1)", 1)[1].split("\n## ", 1)[0]
    assert "No changes" not in section
    assert "tdp-2023-24/1.1" not in section  # neither the slip HEAD~1 → HEAD nor one to the working tree
    assert "plans/tdp-2023-24.yaml" in section and "duplicate key 'due'" in section
    assert "**Not read:" in section  # marked, as bad news is


def test_an_action_moved_to_another_priority_is_still_a_line_of_the_section(repo: Path) -> None:
    # JSON keeps moves out of diff's "changes"; the board report lists them as before.
    plan = repo / "plans" / "tdp-2023-24.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    one_one = lines.index('      - id: "1.1"\n')
    one_two = lines.index('      - id: "1.2"\n')
    action, lines[one_one:one_two] = lines[one_one:one_two], []
    sp2_actions = lines.index("    actions:\n", lines.index('  - id: "SP2"\n'))
    lines[sp2_actions + 1 : sp2_actions + 1] = action
    plan.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "--format", "markdown", "--since", "HEAD", "--as-of", "2023-06-01"])
    assert result.exit_code == 0, result.output
    section = result.stdout.split("## Since the last report (HEAD)", 1)[1].split("\n## ", 1)[0]
    assert "| tdp-2023-24/1.1 |" in section and "Moved: priority SP1 → SP2" in section
