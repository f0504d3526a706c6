"""Word documents: every table, read cell by cell as a person reads it.

A cell's paragraphs become its lines. A cell merged across several columns is
read once, at its first column (python-docx repeats it in each); a cell
merged down several rows (a lead or a finding standing beside several actions)
is read in every row it spans, because that is what the reader of the table
takes it to mean. Nested tables are read as tables of their own. The fill
colour of a shaded cell is kept for ``--cell-colours``.

python-docx is imported here only, when a .docx file is read: it costs a
third of a second that no other command should pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plantool.importing.cells import Cell, Grid, ImportFailure, clean_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path) -> tuple[list[Grid], str | None]:
    """Every table of the document, and its title (the first heading or title paragraph), if any."""
    try:
        import docx
    except ImportError:
        raise ImportFailure("reading .docx needs python-docx: pip install 'plantool[import]'") from None
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        raise ImportFailure(f"{path} is not a Word document python-docx can read ({type(error).__name__})") from None
    except Exception as error:  # a damaged zip or XML surfaces as one of several library errors
        if type(error).__name__ in ("BadZipFile", "XMLSyntaxError", "LargeZipFile"):
            raise ImportFailure(
                f"{path} is not a Word document python-docx can read ({type(error).__name__})"
            ) from None
        raise
    grids: list[Grid] = []
    for table in document.tables:
        _collect(table, grids)
    return grids, _title(document)


def _collect(table: Any, grids: list[Grid]) -> None:
    name = f"table {len(grids) + 1}"
    rows: list[tuple[Cell, ...]] = []
    previous: list[Any] = []
    nested: list[Any] = []
    for number, row in enumerate(table.rows, start=1):
        cells = list(row.cells)
        out = []
        for column, cell in enumerate(cells, start=1):
            spanned = column > 1 and cell._tc is cells[column - 2]._tc
            text = "" if spanned else clean_text("\n".join(p.text for p in cell.paragraphs))
            out.append(Cell(text, number, column, colour=_fill(cell), spanned=spanned))
            if not spanned and not (column <= len(previous) and cell._tc is previous[column - 1]._tc):
                nested.extend(cell.tables)
        rows.append(tuple(out))
        previous = cells
    grids.append(Grid(name, tuple(rows)))
    for inner in nested:
        _collect(inner, grids)


def _fill(cell: Any) -> str | None:
    properties = cell._tc.tcPr
    if properties is None:
        return None
    shading = properties.find(f"{_W}shd")
    fill = shading.get(f"{_W}fill") if shading is not None else None
    if not fill or fill.lower() == "auto" or len(fill) != 6:
        return None
    return str(fill).upper()


def _title(document: Any) -> str | None:
    for paragraph in document.paragraphs:
        text = clean_text(paragraph.text)
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
        if text and (style == "Title" or style.startswith("Heading")):
            return text.split("\n")[0]
    core = document.core_properties.title
    return clean_text(core) or None if core else None
