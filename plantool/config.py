"""Settings: ``plantool.toml`` (in the current folder or the nearest one above), then the environment, then flags.

A bad configuration is an error with its file and a reason, never silently
ignored: a typo in ``[rules]`` must not quietly switch a gate off.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from plantool.dates import DEFAULT_FINANCIAL_YEAR_START, parse_day
from plantool.problems import PlantoolError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = "plantool.toml"
DEFAULT_PLANS = Path("plans")
SEVERITY_SETTINGS = ("error", "warning", "off")
MAX_CONFIG_BYTES = 1 << 20
MAX_PATH_CHARS = 1024
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class ConfigError(PlantoolError):
    """``plantool.toml`` is unreadable or says something plantool does not understand."""


@dataclass(frozen=True)
class Settings:
    plans: Path = DEFAULT_PLANS
    due_soon_days: int = 30
    stale_days: int = 90
    rules: dict[str, str] = field(default_factory=dict)
    financial_year_start: int = DEFAULT_FINANCIAL_YEAR_START
    """The month (1-12) a financial year such as ``2012/13`` starts in; April by default."""
    source: Path | None = None
    """The ``plantool.toml`` these settings came from, if any."""


_KEYS = {"plans", "due_soon_days", "stale_days", "rules", "financial_year_start"}


def find_config(start: Path) -> Path | None:
    """The nearest trusted ``plantool.toml`` at or above ``start``, looking no higher than the repository root.

    Trusted as git trusts a repository (docs/ci.md, "Which plantool.toml applies"):
    one that another user owns, or that sits in a folder any user can write (such
    as ``/tmp``), could switch the gate off for whoever runs plantool below it, so
    it is skipped with a warning.
    """
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if _is_file(candidate):
            doubt = _untrusted(candidate)
            if doubt is None:
                return candidate
            sys.stderr.write(f"plantool: warning: ignoring {shown(candidate)}: {doubt} (see docs/ci.md)\n")
        if os.path.lexists(folder / ".git"):
            break  # the repository root: a config above it belongs to something else
    return None


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _untrusted(path: Path) -> str | None:
    """Why ``path`` should not be obeyed, or None."""
    try:
        info = os.stat(path)
        folder = os.stat(path.parent)
    except OSError as error:
        return f"cannot be checked: {error.strerror}"
    geteuid = getattr(os, "geteuid", None)
    if geteuid is not None and info.st_uid != geteuid():
        return "it is owned by another user"
    if folder.st_mode & stat.S_IWOTH:
        return "its folder can be written by any user"
    return None


def shown(text: object) -> str:
    """Text from a config file or a path as it may be echoed: control characters escaped, never obeyed."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), str(text))


def load_settings(start: Path | None = None, *, known_rules: frozenset[str] | None = None) -> Settings:
    """Settings from the nearest ``plantool.toml`` at or above ``start`` (default: the current folder)."""
    path = find_config((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than 1 MiB; is this really plantool's settings file?")
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: byte {error.start} is not UTF-8; save the file as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be plantool's settings") from None
    return parse_settings(raw, path, known_rules=known_rules)


def parse_settings(raw: dict[str, Any], path: Path, *, known_rules: frozenset[str] | None = None) -> Settings:
    for key in raw:
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown setting {key!r}{_suggest(key, _KEYS)}")
    plans = raw.get("plans", str(DEFAULT_PLANS))
    if not isinstance(plans, str) or not plans:
        raise ConfigError(f"{path}: 'plans' must be a folder path in quotes")
    if _CONTROL.search(plans):
        raise ConfigError(f"{path}: 'plans' holds a control character ({shown(plans)}); name an ordinary folder")
    if len(plans) > MAX_PATH_CHARS:
        raise ConfigError(
            f"{path}: 'plans' is {len(plans):,} characters long; name a folder of at most {MAX_PATH_CHARS:,}"
        )
    rules = raw.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f'{path}: [rules] must be a table of rule = "error" | "warning" | "off"')
    for rule, setting in rules.items():
        if known_rules is not None and rule not in known_rules:
            raise ConfigError(f"{path}: [rules] has unknown rule {rule!r}{_suggest(rule, known_rules)}")
        if setting not in SEVERITY_SETTINGS:
            raise ConfigError(f'{path}: [rules] {rule} = {setting!r}; use "error", "warning" or "off"')
    # A relative plans folder is relative to the file that names it, not to wherever plantool runs.
    return Settings(
        plans=(path.parent / plans),
        due_soon_days=_days(raw, "due_soon_days", 30, path),
        stale_days=_days(raw, "stale_days", 90, path),
        rules=dict(rules),
        financial_year_start=_month(raw, "financial_year_start", DEFAULT_FINANCIAL_YEAR_START, path),
        source=path,
    )


def _days(raw: dict[str, Any], key: str, default: int, path: Path) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise ConfigError(f"{path}: {key!r} must be a whole number of days from 0 to 3650")
    return value


def _month(raw: dict[str, Any], key: str, default: int, path: Path) -> int:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise ConfigError(f"{path}: {key!r} must be a month number from 1 (January) to 12 (December); 4 is April")
    return value


def _suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def resolve_as_of(flag: str | None, today: date) -> date:
    """``--as-of`` wins over ``PLANTOOL_TODAY``, which wins over the real date (passed in by the caller)."""
    text = flag if flag is not None else os.environ.get("PLANTOOL_TODAY") or None
    if text is None:
        return today
    source = "--as-of" if flag is not None else "PLANTOOL_TODAY"
    try:
        return parse_day(text)
    except ValueError as error:
        raise PlantoolError(f"{source}: {error}") from None


def repository_root(folder: Path) -> str | None:
    """The root of the git repository that holds ``folder`` (the nearest folder above with a ``.git``), or None.

    GitLab names a JUnit test case's file by its path in the repository, wherever the job runs from;
    finding ``.git`` needs no git and costs a few ``stat`` calls.
    """
    here = Path(os.path.abspath(folder))
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return str(candidate)
    return None
