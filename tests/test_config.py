"""Settings: plantool.toml found at or above the current folder, checked strictly; the as-of date's precedence."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest

from plantool.config import (
    CONFIG_NAME,
    DEFAULT_PLANS,
    ConfigError,
    Settings,
    find_config,
    load_settings,
    parse_settings,
    resolve_as_of,
)
from plantool.problems import PlantoolError

RULES = frozenset({"invalid", "overdue", "unowned", "stale", "unrated", "broken-link"})
TODAY = date(2024, 3, 15)


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CONFIG_NAME
    path.write_text(dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with no plantool.toml anywhere above it that we control (tmp_path's parents are the system's)."""
    root = tmp_path / "project"
    root.mkdir()
    return root


# ---------------------------------------------------------------------------
# Finding plantool.toml


def test_no_config_gives_the_defaults(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    if find_config(project) is not None:
        pytest.skip("a plantool.toml exists above the temporary folder")
    settings = load_settings()
    assert settings == Settings()
    assert (settings.plans, settings.due_soon_days, settings.stale_days, settings.rules, settings.source) == (
        DEFAULT_PLANS,
        30,
        90,
        {},
        None,
    )


def test_config_in_the_current_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(project, 'plans = "my-plans"\ndue_soon_days = 14\n')
    monkeypatch.chdir(project)
    settings = load_settings()
    assert settings.source == path.resolve()
    assert settings.due_soon_days == 14
    assert settings.plans == project.resolve() / "my-plans"


def test_config_in_a_folder_above(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_config(project, 'plans = "plans"\nstale_days = 60\n')
    deep = project / "a" / "b" / "c"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    settings = load_settings()
    assert settings.source == path.resolve()
    assert settings.stale_days == 60
    # relative to the toml file, not to where plantool runs
    assert settings.plans == project.resolve() / "plans"


def test_the_nearest_config_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project, "stale_days = 60\n")
    inner = write_config(project / "sub", "stale_days = 7\n")
    monkeypatch.chdir(project / "sub")
    settings = load_settings()
    assert (settings.source, settings.stale_days) == (inner.resolve(), 7)


def test_load_settings_from_an_explicit_start(project: Path) -> None:
    write_config(project, "due_soon_days = 3\n")
    (project / "x").mkdir()
    assert load_settings(project / "x").due_soon_days == 3


def test_a_folder_named_plantool_toml_is_not_a_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project, "stale_days = 5\n")
    inner = project / "sub"
    (inner / CONFIG_NAME).mkdir(parents=True)
    monkeypatch.chdir(inner)
    assert load_settings().stale_days == 5


def test_relative_plans_folder_with_parent_steps(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project / "tool", 'plans = "../shared/plans"\n')
    monkeypatch.chdir(project / "tool")
    assert load_settings().plans.resolve() == (project / "shared" / "plans").resolve()


def test_absolute_plans_folder_stays_absolute(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    write_config(project, f"plans = {str(elsewhere)!r}\n")
    monkeypatch.chdir(project)
    assert load_settings().plans == elsewhere


def test_rules_table(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(
        project,
        """
        [rules]
        overdue = "warning"
        stale = "off"
        unrated = "error"
        """,
    )
    monkeypatch.chdir(project)
    assert load_settings(known_rules=RULES).rules == {"overdue": "warning", "stale": "off", "unrated": "error"}


# ---------------------------------------------------------------------------
# Mistakes are errors naming the file


def config_error(project: Path, text: str, known_rules: frozenset[str] | None = RULES) -> str:
    path = write_config(project, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(project, known_rules=known_rules)
    message = str(raised.value)
    assert str(path.resolve()) in message
    return message


def test_unknown_key_suggests_the_nearest(project: Path) -> None:
    message = config_error(project, 'plan = "plans"\n')
    assert "unknown setting 'plan'" in message
    assert "did you mean 'plans'?" in message


def test_unknown_key_with_a_typo(project: Path) -> None:
    assert "did you mean 'stale_days'?" in config_error(project, "stale_day = 3\n")


def test_unknown_key_with_nothing_close(project: Path) -> None:
    message = config_error(project, "colour = true\n")
    assert "unknown setting 'colour'" in message
    assert "did you mean" not in message


def test_bad_rule_severity(project: Path) -> None:
    message = config_error(project, '[rules]\noverdue = "fatal"\n')
    assert "overdue = 'fatal'" in message
    assert '"error", "warning" or "off"' in message


@pytest.mark.parametrize("value", ["true", "1", '["error"]', '"ERROR"', '"Off"'])
def test_rule_severity_must_be_one_of_three_words(project: Path, value: str) -> None:
    assert '"error", "warning" or "off"' in config_error(project, f"[rules]\nstale = {value}\n")


def test_unknown_rule_is_an_error_when_rules_are_known(project: Path) -> None:
    message = config_error(project, '[rules]\noverdeu = "off"\n')
    assert "unknown rule 'overdeu'" in message
    assert "did you mean 'overdue'?" in message


def test_unknown_rule_passes_when_rules_are_not_given(project: Path) -> None:
    write_config(project, '[rules]\nanything = "off"\n')
    assert load_settings(project).rules == {"anything": "off"}


def test_rules_must_be_a_table(project: Path) -> None:
    assert "[rules] must be a table" in config_error(project, 'rules = "off"\n')


@pytest.mark.parametrize("value", ["-1", "3651", "1.5", '"30"', "true"])
def test_days_must_be_whole_and_in_range(project: Path, value: str) -> None:
    message = config_error(project, f"due_soon_days = {value}\n")
    assert "'due_soon_days' must be a whole number of days from 0 to 3650" in message


@pytest.mark.parametrize("value", ["0", "3650"])
def test_days_bounds_are_inclusive(project: Path, value: str) -> None:
    write_config(project, f"stale_days = {value}\n")
    assert load_settings(project).stale_days == int(value)


@pytest.mark.parametrize("value", ['""', "3", "[]"])
def test_plans_must_be_a_path_in_quotes(project: Path, value: str) -> None:
    assert "'plans' must be a folder path in quotes" in config_error(project, f"plans = {value}\n")


def test_toml_syntax_error(project: Path) -> None:
    assert "cannot be read" in config_error(project, "plans = \n")


def test_config_errors_are_usage_errors() -> None:
    assert issubclass(ConfigError, PlantoolError)


def test_parse_settings_directly() -> None:
    settings = parse_settings({"plans": "p", "rules": {"stale": "off"}}, Path("/x/plantool.toml"), known_rules=RULES)
    assert settings.plans == Path("/x/p")
    assert settings.rules == {"stale": "off"}
    assert settings.source == Path("/x/plantool.toml")


# ---------------------------------------------------------------------------
# The as-of date: flag, then PLANTOOL_TODAY, then today


def test_as_of_defaults_to_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)
    assert resolve_as_of(None, TODAY) == TODAY


def test_environment_wins_over_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "2023-06-01")
    assert resolve_as_of(None, TODAY) == date(2023, 6, 1)


def test_flag_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "2023-06-01")
    assert resolve_as_of("2022-01-31", TODAY) == date(2022, 1, 31)


def test_flag_wins_over_a_bad_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "garbage")
    assert resolve_as_of("2022-01-31", TODAY) == date(2022, 1, 31)


def test_empty_environment_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", "")
    assert resolve_as_of(None, TODAY) == TODAY


@pytest.mark.parametrize("value", ["2024-03", "31/03/2024", "2024-02-30", "tomorrow", "", "0"])
def test_bad_flag_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.delenv("PLANTOOL_TODAY", raising=False)
    with pytest.raises(PlantoolError) as raised:
        resolve_as_of(value, TODAY)
    assert str(raised.value).startswith("--as-of: ")
    assert "YYYY-MM-DD" in str(raised.value)


@pytest.mark.parametrize("value", ["2024-03", "31/03/2024", "2024-02-30", "tomorrow"])
def test_bad_environment_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PLANTOOL_TODAY", value)
    with pytest.raises(PlantoolError) as raised:
        resolve_as_of(None, TODAY)
    assert str(raised.value).startswith("PLANTOOL_TODAY: ")
    assert "YYYY-MM-DD" in str(raised.value)


# --- trusted only where git would trust it (docs/ci.md, "Which plantool.toml applies") ------


def test_the_walk_stops_at_the_repository_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_config(project, '[rules]\noverdue = "off"\n')
    repo = project / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    assert find_config(Path.cwd()) is None
    assert load_settings() == Settings()


def test_a_git_file_marks_a_worktree_root_too(project: Path) -> None:
    write_config(project, '[rules]\noverdue = "off"\n')
    (project / "worktree").mkdir()
    (project / "worktree" / ".git").write_text("gitdir: elsewhere\n")
    assert find_config(project / "worktree") is None


def test_the_config_at_the_repository_root_is_found(project: Path) -> None:
    (project / ".git").mkdir()
    path = write_config(project, "stale_days = 10\n")
    (project / "deep" / "er").mkdir(parents=True)
    assert find_config(project / "deep" / "er") == path


def test_a_config_in_a_world_writable_folder_is_ignored_with_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = project / "tmp"
    write_config(shared, '[rules]\noverdue = "off"\n')
    shared.chmod(0o1777)
    (shared / "work").mkdir()
    assert load_settings(shared / "work") == Settings()
    warning = capsys.readouterr().err
    assert "warning: ignoring" in warning
    assert "its folder can be written by any user" in warning


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_config_owned_by_another_user_is_ignored_with_a_warning(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(project, '[rules]\noverdue = "off"\n')
    os.chown(path, 4321, 4321)
    assert load_settings(project) == Settings()
    assert "owned by another user" in capsys.readouterr().err


def test_an_ignored_config_lets_the_walk_go_on_to_a_trusted_one(project: Path) -> None:
    trusted = write_config(project, "stale_days = 10\n")
    shared = project / "shared"
    write_config(shared, "stale_days = 0\n")
    shared.chmod(0o777)
    assert find_config(shared) == trusted


def test_control_characters_in_plans_are_refused_and_shown_escaped(project: Path) -> None:
    write_config(project, 'plans = "x\\u001b]0;pwned\\u0007"\n')
    with pytest.raises(ConfigError) as raised:
        load_settings(project)
    assert "\x1b" not in str(raised.value)
    assert "\\x1b]0;pwned\\x07" in str(raised.value)


def test_a_very_long_plans_value_is_a_config_error(project: Path) -> None:
    write_config(project, f'plans = "{"p" * 5000}"\n')
    with pytest.raises(ConfigError, match="5,000 characters"):
        load_settings(project)


def test_deeply_nested_toml_is_a_config_error(project: Path) -> None:
    write_config(project, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_settings(project)


def test_a_non_utf8_config_is_a_config_error(project: Path) -> None:
    (project / CONFIG_NAME).write_bytes(b'plans = "caf\xe9"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_settings(project)


# --- through the command line ----------------------------------------------------------


def test_an_escape_in_plans_reaches_the_terminal_escaped(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from plantool.cli import app

    write_config(project, 'plans = "x\\u001b]0;pwned\\u0007"\n')
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["status"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;pwned" in result.output


def test_a_deleted_current_folder_is_a_usage_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys\n"
        "os.chdir(sys.argv[1]); os.rmdir(sys.argv[1])\n"
        "from plantool.cli import main\n"
        "sys.argv = ['plantool', 'status']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(gone)], capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr
    assert "the current folder no longer exists" in done.stderr
    assert "Traceback" not in done.stderr
