"""CSV files as Excel and other tools write them: the encoding told apart, the delimiter found.

Excel writes "CSV UTF-8" with a byte order mark, plain "CSV" in the machine's
code page (Windows-1252 in the UK), and "Unicode text" as UTF-16; LibreOffice and
Google Sheets write UTF-8 without a mark. So: a BOM decides; else bytes that are
valid UTF-8 are UTF-8 (a Windows-1252 file with accented letters almost never
is); else Windows-1252, unless a byte that code page leaves undefined appears,
when the file is in some other encoding and guessing would corrupt names; then
the message says so and ``--encoding`` settles it.
"""

from __future__ import annotations

import codecs
import csv
import io

from plantool.importing.cells import Cell, Grid, ImportFailure, clean_text

# Bytes Windows-1252 does not define: a file holding them is in some other code page.
_UNDEFINED_1252 = frozenset(b"\x81\x8d\x8f\x90\x9d")
_DELIMITERS = ",;\t"


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The file's text and the encoding it was read as; ``ImportFailure`` when that cannot be told."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise ImportFailure(f"--encoding {encoding!r} is not an encoding Python knows") from None
        except UnicodeDecodeError as error:
            raise ImportFailure(
                f"{name} is not {encoding}: byte {error.start + 1} cannot be read as {encoding}"
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "UTF-8 (with BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "UTF-16"
    if b"\x00" in data:
        raise ImportFailure(
            f"{name} holds NUL bytes: it is not a CSV file (or is UTF-16 without a byte order mark; give --encoding)"
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    odd = sorted({byte for byte in data if byte in _UNDEFINED_1252})
    if odd:
        shown = ", ".join(f"0x{byte:02X}" for byte in odd)
        raise ImportFailure(
            f"cannot tell the encoding of {name}: it is not UTF-8, and it holds bytes ({shown}) that "
            "Windows-1252 does not use; save it from Excel as 'CSV UTF-8', or name the encoding with --encoding"
        )
    return data.decode("cp1252"), "Windows-1252"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFailure(
            f"{name} starts with a {encoding.upper()} byte order mark but byte {error.start + 1} is not {encoding.upper()}"
        ) from None


def read_csv(data: bytes, name: str, encoding: str | None = None) -> tuple[Grid, str]:
    """The file as one grid, and the encoding it was read as."""
    text, used = decode(data, name, encoding)
    text = text.lstrip("\ufeff")
    sample = text[:20_000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    rows = []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            rows.append(tuple(Cell(clean_text(value), number, column) for column, value in enumerate(record, start=1)))
    except csv.Error as error:
        raise ImportFailure(f"{name} is not a CSV file Python can read: {error}") from None
    return Grid(name, tuple(rows)), used
