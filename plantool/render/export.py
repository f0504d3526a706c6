"""``plantool export``: every action as an Excel workbook, CSV for Excel, JSON (as ``list --format json``), or iCalendar."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from plantool.queries import Row
from plantool.render.formats import ExportFormat, Renderer
from plantool.render.listing import RowsView, rows_csv, rows_json_chunks

# Excel reads a CSV file without a byte order mark in the machine's legacy code page.
UTF8_BOM = "\ufeff"


def _csv(rows: Sequence[Row], view: RowsView) -> Iterator[bytes]:
    """Bytes, so the byte order mark and the CRLF line ends reach the file as they are; a record at a time."""
    yield UTF8_BOM.encode("utf-8")
    for record in rows_csv(rows, view.workspace.people, view.as_of):
        yield record.encode("utf-8")


def _xlsx(rows: Sequence[Row], view: RowsView) -> bytes:
    from plantool.render.xlsx import rows_xlsx  # openpyxl is loaded only for a workbook

    return rows_xlsx(rows, view.workspace.people, view.as_of)


def _ics(rows: Sequence[Row], view: RowsView) -> Iterator[bytes]:
    from plantool.render.ics import rows_ics  # icalendar is loaded only for a calendar

    return rows_ics(rows, view.workspace.people, view.as_of)


FORMATS: dict[ExportFormat, Renderer[Sequence[Row], RowsView]] = {
    ExportFormat.csv: _csv,
    ExportFormat.xlsx: _xlsx,
    ExportFormat.json: lambda rows, view: rows_json_chunks(rows, view.workspace.people, view.as_of),
    ExportFormat.ics: _ics,
}
