"""``plantool report``: the board report as one self-contained HTML file or as Markdown.

Both are handed over in pieces as they are made, so a report of a large workspace is
never held whole (README, "Memory").
"""

from __future__ import annotations

from collections.abc import Iterator

from plantool.render.formats import Renderer, ReportFormat
from plantool.report import Report


def _html(report: Report, view: None) -> Iterator[str]:
    from plantool.render.html import html_chunks  # Jinja2 is loaded only for HTML

    return html_chunks(report)


def _markdown(report: Report, view: None) -> Iterator[str]:
    from plantool.render.report_md import markdown_chunks

    return markdown_chunks(report)


FORMATS: dict[ReportFormat, Renderer[Report, None]] = {ReportFormat.html: _html, ReportFormat.markdown: _markdown}
