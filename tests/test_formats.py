"""The output seam: every ``--format`` has a renderer, and the plain formats never load rich."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Any, overload

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


def _with_iterators(document: object, draw: st.DrawFn) -> tuple[object, object]:
    """``document``, and a copy with some of its lists made iterators (to be written an item at a time)."""
    if isinstance(document, dict):
        pairs = [(key, _with_iterators(value, draw)) for key, value in document.items()]
        return {key: plain for key, (plain, _) in pairs}, {key: lazy for key, (_, lazy) in pairs}
    if isinstance(document, list) and draw(st.booleans()):
        return document, iter(document)
    return document, document


@st.composite
def _json_and_lazy(draw: st.DrawFn) -> tuple[object, object]:
    return _with_iterators(draw(_JSON), draw)


@settings(max_examples=300)
@given(pair=_json_and_lazy())
def test_json_chunks_joined_are_json_dumps_of_the_document(pair: tuple[object, object]) -> None:
    import json

    from plantool.render.text import json_chunks

    document, lazy = pair
    assert "".join(json_chunks(lazy)) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=100)
@given(items=st.lists(_JSON, max_size=5))
def test_json_array_chunks_are_json_dumps_of_the_list_an_item_a_chunk(items: list[object]) -> None:
    import json

    from plantool.render.text import json_array_chunks

    chunks = list(json_array_chunks(iter(items)))
    assert "".join(chunks) == json.dumps(items, indent=2, ensure_ascii=False) + "\n"
    assert len(chunks) == max(len(items), 1) + (2 if items else 1)  # each item, the end of the array, the last line


class _Counted(Sequence[object]):
    """Rows that count how many have been read, to see how far a renderer reads before its first chunk."""

    def __init__(self, rows: Sequence[object]) -> None:
        self.rows = rows
        self.read = 0

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> object: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[object]: ...
    def __getitem__(self, index: int | slice) -> object:
        if isinstance(index, slice):
            raise AssertionError("a renderer reads its rows in order")
        row = self.rows[index]
        self.read = max(self.read, index + 1)
        return row


@pytest.fixture(scope="module")
def bundled_rows() -> tuple[Sequence[object], listing.RowsView]:
    from conftest import BUNDLED_PLANS
    from plantool.dates import parse_day
    from plantool.judgements import Thresholds
    from plantool.queries import Filters, select
    from plantool.workspace import load_folder

    workspace = load_folder(BUNDLED_PLANS)
    as_of = parse_day("2024-10-15")
    rows = select(workspace, as_of, Filters(), None, Thresholds())
    assert len(rows) > 20
    return rows, listing.RowsView(workspace, as_of)


_STREAMED = [
    (listing.FORMATS, f.ListFormat.json),
    (listing.FORMATS, f.ListFormat.csv),
    (listing.FORMATS, f.ListFormat.markdown),
    (export.FORMATS, f.ExportFormat.json),
    (export.FORMATS, f.ExportFormat.csv),
]


@pytest.mark.parametrize(("registry", "format"), _STREAMED)
def test_a_listing_is_written_a_row_at_a_time(
    bundled_rows: tuple[Sequence[object], listing.RowsView], registry: dict[Any, Any], format: Enum
) -> None:
    rows, view = bundled_rows
    counted = _Counted(rows)
    chunks = iter(registry[format](counted, view))
    first = next(chunks)
    assert counted.read <= 1, "the first chunk came only after reading rows beyond the first"
    assert first
    assert sum(1 for _ in chunks) >= len(rows)
    assert counted.read == len(rows)
