"""The output seam: every ``--format`` has a renderer, and the plain formats never load rich."""

from __future__ import annotations

import ast
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plantool.render import board, board_report, checks, detail, diff, export, listing, problems, workload
from plantool.render import formats as f

ROOT = Path(__file__).resolve().parent.parent
RENDER = ROOT / "plantool" / "render"

REGISTRIES = [
    (f.ListFormat, listing.FORMATS),
    (f.ExportFormat, export.FORMATS),
    (f.BoardFormat, board.FORMATS),
    (f.BoardFormat, workload.FORMATS),
    (f.TextOrJson, detail.FORMATS),
    (f.TextOrJson, problems.FORMATS),
    (f.CheckFormat, checks.FORMATS),
    (f.ChangesFormat, diff.DIFF_FORMATS),
    (f.ChangesFormat, diff.HISTORY_FORMATS),
    (f.ReportFormat, board_report.FORMATS),
]


@pytest.mark.parametrize(("enum", "registry"), REGISTRIES)
def test_every_format_has_a_renderer(enum: type[Enum], registry: dict[Enum, object]) -> None:
    assert set(registry) == set(enum)
    assert all(callable(renderer) for renderer in registry.values())


def test_every_format_enum_is_in_a_registry() -> None:
    enums = {
        value for value in vars(f).values() if isinstance(value, type) and issubclass(value, Enum) and value is not Enum
    }
    assert enums == {enum for enum, _ in REGISTRIES}


def test_suffixes_name_formats_of_their_command() -> None:
    assert set(f.REPORT_SUFFIXES.values()) == set(f.ReportFormat)
    assert set(f.EXPORT_SUFFIXES.values()) == set(f.ExportFormat)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:  # module level only: a terminal renderer may import rich inside itself
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(p for p in RENDER.glob("*.py")), ids=lambda p: p.name)
def test_outside_render_terminal_no_module_imports_rich(path: Path) -> None:
    found = {
        name for name in _imports(path) if name == "rich" or name.startswith(("rich.", "plantool.render.terminal"))
    }
    assert not found, f"{path.name} imports {sorted(found)} at module level"


@pytest.mark.parametrize(
    "module",
    ["listing", "export", "board", "workload", "detail", "problems", "checks", "diff", "board_report"],
)
def test_importing_an_output_module_does_not_load_rich(module: str) -> None:
    script = (
        f"import sys, plantool.render.{module}; print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
        | st.dictionaries(st.integers(), children, max_size=2)
    ),
    max_leaves=30,
)


@settings(max_examples=200)
@given(document=_JSON)
def test_json_text_is_json_dumps_indented(document: object) -> None:
    import json

    from plantool.render.text import json_text

    assert json_text(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=100)
@given(items=st.lists(_JSON, max_size=5))
def test_json_array_text_is_json_dumps_of_the_list(items: list[object]) -> None:
    import json

    from plantool.render.text import json_array_text

    assert json_array_text(iter(items)) == json.dumps(items, indent=2, ensure_ascii=False) + "\n"
