"""The HTML report in a real browser: headless Chromium loads it, prints it to PDF and takes a screenshot.

What a person would see: the page rendered (a screenshot that is not blank
and shows the RAG colours), it prints on A4 in a sensible number of pages
with each plan starting a page, and the printed text is the plan's text
(``<script>`` in a title is printed, not run). The bundled plans are printed
too, and their PDF read back page by page: no page may end with a table's
header row or a heading whose content went to the next page.

Skipped when Chromium is not installed (``.ci/run`` installs Debian's
``chromium``). The PDF's text is read with ``pdftotext`` from poppler-utils
when it is there; without it that one check is skipped and the page count is
read from the PDF itself.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plantool.render.html import report_html
from plantool.render.svg import PALETTE
from plantool.report import build_report
from plantool.workspace import load_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "golden" / "report" / "plans"
AS_OF = date(2024, 10, 15)


def chromium() -> str | None:
    return next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None) or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )


pytestmark = pytest.mark.skipif(chromium() is None, reason="headless Chromium is not installed")

# Flags for a quiet, offline, throwaway browser: root in CI needs --no-sandbox; nothing
# may phone home, so a page that tried to fetch something would fail rather than wait.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--disable-extensions", "--mute-audio"]  # fmt: skip


def run_chromium(tmp: Path, *args: str) -> None:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    command = [str(chromium()), *FLAGS, f"--user-data-dir={profile}", *args]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    png: bytes
    pdf_path: Path


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    tmp = tmp_path_factory.mktemp("browser")
    page = tmp / "board.html"
    page.write_text(report_html(build_report(load_folder(FIXTURE), AS_OF)), encoding="utf-8")
    pdf, png = tmp / "board.pdf", tmp / "board.png"
    run_chromium(tmp, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    run_chromium(tmp, f"--screenshot={png}", "--window-size=1200,1600", page.as_uri())
    return Printed(pdf.read_bytes(), png.read_bytes(), pdf)


# ---------------------------------------------------------------------------
# A tiny PNG reader: 8-bit RGB or RGBA, not interlaced (what Chromium writes).


def decode_png(data: bytes) -> tuple[int, int, int, list[bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or interlace or colour_type not in (2, 6):
        pytest.skip(f"PNG form not handled by the test's reader (depth {depth}, colour type {colour_type})")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:  # Up
            line = bytearray((a + b) & 255 for a, b in zip(line, previous, strict=True))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:  # Paeth
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], (previous[i - channels] if i >= channels else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def pixels(rows: list[bytes], channels: int) -> list[tuple[int, int, int]]:
    return [(row[i], row[i + 1], row[i + 2]) for row in rows for i in range(0, len(row), channels)]


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


# ---------------------------------------------------------------------------


def test_screenshot_shows_a_rendered_page_with_the_rag_colours(printed: Printed) -> None:
    width, height, channels, rows = decode_png(printed.png)
    assert (width, height) == (1200, 1600)
    everything = pixels(rows, channels)
    background = max(set(everything[::97]), key=everything[::97].count)
    assert background == (255, 255, 255)
    drawn = sum(1 for pixel in everything if pixel != background)
    assert drawn > 0.03 * len(everything), "the page looks blank"
    dark = sum(1 for r, g, b in everything if r + g + b < 150)
    assert dark > 2000, "no text to speak of"
    found = set(everything)
    for status, (fill, _) in PALETTE.items():
        wanted = rgb(fill)  # a little leeway for colour management
        assert any(max(abs(a - b) for a, b in zip(wanted, pixel, strict=True)) <= 4 for pixel in found), (
            f"no {status} on the page"
        )


def page_count(printed: Printed) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo:
        info = subprocess.run([pdfinfo, str(printed.pdf_path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", printed.pdf))


def test_pdf_prints_on_a4_in_a_sensible_number_of_pages(printed: Printed) -> None:
    assert printed.pdf.startswith(b"%PDF-")
    # The fixture's two plans each start a page after the headline and exceptions.
    assert 3 <= page_count(printed) <= 10
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", printed.pdf)
    assert boxes
    for width, height in boxes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2


def pdf_pages(printed: Printed) -> list[str]:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        [pdftotext, "-layout", str(printed.pdf_path), "-"], capture_output=True, text=True, check=True
    )
    return text.stdout.split("\f")


def test_pdf_text_is_the_plans_text(printed: Printed) -> None:
    pages = pdf_pages(printed)
    text = " ".join(" ".join(pages).split())
    for expected in (
        "Improvement plans: progress report",
        "Position as of 15 October 2024",
        "Example Borough Children's Services",
        "Exceptions",
        '<script>alert("title")</script>',
        "Workforce <stability> & practice",
        "not rated",
        "AMBER",
        "Recruit additional foster carers",
    ):
        assert expected in text, expected


def test_each_plan_starts_a_new_page(printed: Printed) -> None:
    firsts = [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in pdf_pages(printed)]
    assert "Example Development Plan 2024/25" in firsts
    assert "Example Inspection Action Plan" in firsts


# ---------------------------------------------------------------------------
# Page breaks, on the bundled plans: 119 actions over some thirty A4 pages give
# every kind of break a chance to fall badly.

BUNDLED = ROOT / "plans"
BUNDLED_AS_OF = date(2023, 5, 26)


@dataclass(frozen=True)
class Printout:
    html: str
    pdf_path: Path


@pytest.fixture(scope="module")
def bundled_printout(tmp_path_factory: pytest.TempPathFactory) -> Printout:
    tmp = tmp_path_factory.mktemp("bundled")
    html = report_html(build_report(load_folder(BUNDLED), BUNDLED_AS_OF))
    page = tmp / "board.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp / "board.pdf"
    run_chromium(tmp, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    return Printout(html, pdf)


class _Landmarks(HTMLParser):
    """The text of every heading and of every table's header row, as the printed page shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.header_rows: list[str] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3", "h4", "thead"):
            self._open, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = " ".join("".join(self._text).split())
            (self.header_rows if tag == "thead" else self.headings).append(text)
            self._open = None
        elif self._open == "thead" and tag == "th":
            self._text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def printed_pages(pdf: Path) -> list[list[str]]:
    """Each page's non-blank lines, spaces collapsed, read one page at a time as a reader turns them."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = []
    for number in range(1, page_count(Printed(pdf.read_bytes(), b"", pdf)) + 1):
        text = subprocess.run(
            [pdftotext, "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        pages.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return pages


COUNTS_LINE = re.compile(r"^\d+ actions?: ")  # the line under a priority's heading: "9 actions: 9 not rated"


def stranded_endings(html: str, pages: list[list[str]]) -> list[str]:
    """Pages (all but the last) whose last line is a table's header row, or a heading (with the
    counts line under it) whose content starts on the next page."""
    landmarks = _Landmarks()
    landmarks.feed(html)
    headings = set(landmarks.headings)
    found = []
    for number, lines in enumerate(pages[:-1], start=1):
        last = lines[-1] if lines else ""
        # A long heading wraps over two or three lines: join them back.
        heading = next((h for k in (1, 2, 3) if (h := " ".join(lines[-k:])) in headings), None)
        over_counts = next((h for k in (1, 2, 3) if (h := " ".join(lines[-k - 1 : -1])) in headings), None)
        if last in landmarks.header_rows:
            found.append(f"page {number} ends with a table header: {last}")
        elif heading:
            found.append(f"page {number} ends with a heading: {heading}")
        elif COUNTS_LINE.match(last) and over_counts:
            found.append(f"page {number} ends with a heading and its counts: {over_counts} / {last}")
    return found


def test_landmarks_are_found_in_the_report(bundled_printout: Printout) -> None:
    landmarks = _Landmarks()
    landmarks.feed(bundled_printout.html)
    assert "Ref Action Leads Due Status Latest update" in landmarks.header_rows
    assert "Exceptions" in landmarks.headings
    assert "Trust Development Plan 2023/24" in landmarks.headings


def test_the_check_for_stranded_endings_finds_them() -> None:
    html = "<h3>SP2 The workforce</h3><table><thead><tr><th>Ref</th><th>Action</th></tr></thead></table>"
    pages = [
        ["text", "Ref Action"],
        ["SP2 The workforce", "9 actions: 9 not rated", "Ref Action", "2.1 Do it"],
        ["end"],
    ]
    assert stranded_endings(html, pages) == ["page 1 ends with a table header: Ref Action"]
    pages = [["text", "SP2 The workforce", "9 actions: 9 not rated"], ["Ref Action", "1.1 Do it"]]
    assert stranded_endings(html, pages) == [
        "page 1 ends with a heading and its counts: SP2 The workforce / 9 actions: 9 not rated"
    ]
    assert stranded_endings(html, [["SP2 The", "workforce"], ["Ref Action", "1.1 Do it"]]) == [
        "page 1 ends with a heading: SP2 The workforce"
    ]
    assert stranded_endings(html, [["An action about the", "workforce"], ["Ref Action", "1.1 Do it"]]) == []


def test_no_printed_page_strands_a_table_header_or_a_heading(bundled_printout: Printout) -> None:
    pages = printed_pages(bundled_printout.pdf_path)
    assert len(pages) >= 15  # the bundled plans fill many pages, so breaks fall everywhere
    assert stranded_endings(bundled_printout.html, pages) == []
