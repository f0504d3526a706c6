"""What commands share: finding the plans folder and the as-of date from flags, environment and config."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from plantool.config import Settings, load_settings, resolve_as_of


def settings() -> Settings:
    return load_settings()


def plans_folder(flag: Path | None, current: Settings | None = None) -> Path:
    """``--plans`` wins; then ``plans`` in plantool.toml; then ./plans."""
    if flag is not None:
        return flag
    return (current or settings()).plans


def as_of(flag: str | None) -> date:
    # The one place plantool reads the clock: the core only ever receives a date.
    return resolve_as_of(flag, date.today())
