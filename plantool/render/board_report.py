"""``plantool report``: the board report as one self-contained HTML file or as Markdown."""

from __future__ import annotations

from plantool.render.formats import Renderer, ReportFormat
from plantool.report import Report


def _html(report: Report, view: None) -> str:
    from plantool.render.html import report_html  # Jinja2 is loaded only for HTML

    return report_html(report)


def _markdown(report: Report, view: None) -> str:
    from plantool.render.report_md import report_markdown

    return report_markdown(report)


FORMATS: dict[ReportFormat, Renderer[Report, None]] = {ReportFormat.html: _html, ReportFormat.markdown: _markdown}
