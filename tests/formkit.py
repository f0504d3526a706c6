"""Helpers for the update-round tests: a small plans folder, sending forms, and filling them in as a lead would."""

from __future__ import annotations

import textwrap
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from plantool.cli import app

AS_OF = "2024-06-01"

PLAN = """\
plan:
  id: demo-plan
  title: Demo Plan 2024/25
  updated: 2024-05
priorities:
  - id: SP1
    title: Keep children safe
    actions:
      - id: "1.1"
        title: Write the strategy
        leads: [GT]
        due: 2024-03
        status: AMBER
        updates:
          - date: 2024-04
            text: Draft written.
      - id: "1.2"
        title: "=SUM(A1) looks like a formula"
        leads: [GT, LJ]
        due: 2024-09-30
      - id: "1.3"
        title: Done already
        leads: [GT]
        status: BLUE
        completed: 2024-01-10
      - id: "1.4"
        title: Someone else's
        leads: [LJ]
        due: 2025-01
"""

PEOPLE = """\
people:
  - id: GT
    name: Gail Test
  - id: LJ
    name: Lee Jay
"""


def make_plans(root: Path, plan: str = PLAN) -> Path:
    folder = root / "plans"
    folder.mkdir()
    (folder / "demo-plan.yaml").write_text(textwrap.dedent(plan), encoding="utf-8")
    (folder / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def request(plans: Path, out: Path, *args: str, as_of: str = AS_OF) -> Path:
    code, stdout, stderr = run("request", "--plans", str(plans), "--as-of", as_of, "-o", str(out), *args)
    assert code == 0, stderr + stdout
    return out


def drop_down_choices(sheet: Worksheet, cell: str) -> list[str]:
    """What the drop-down on ``cell`` offers, as a lead sees it when clicking the arrow."""
    for validation in sheet.data_validations.dataValidation:
        if cell in validation.sqref:
            assert validation.type == "list"
            formula = validation.formula1
            assert formula.startswith('"'), "the test reads inline lists; a range needs the hidden sheet"
            return formula.strip('"').split(",")
    raise AssertionError(f"no drop-down on {cell}")


def fill(path: Path, answers: dict[str, str | None]) -> None:
    """Type into cells and save, as a lead does in Excel (openpyxl ignores protection, as a determined lead can)."""
    workbook = load_workbook(path)
    sheet = workbook["Update"]
    for cell, value in answers.items():
        sheet[cell] = value
    workbook.save(path)
