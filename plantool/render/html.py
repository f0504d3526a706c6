"""The board report as one self-contained HTML file, from the Jinja2 template ``templates/report.html.j2``.

Autoescaping is on for the whole template, so plan text is always text: a
title holding ``<script>`` shows those characters and runs nothing. The only
markup that passes unescaped is what our own code drew (the SVG charts,
returned as ``Markup``). The page fetches nothing — no script, font, style
sheet or image from anywhere — and its Content-Security-Policy says so to
the browser, so it works offline, printed and as an e-mail attachment.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from plantool.render import report_text, svg
from plantool.render.style import target_words
from plantool.report import Report

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("plantool.render", "templates"),
        # Every value is escaped unless our own code marked it safe; the template's
        # name ends in .j2, so autoescape is switched on outright, not by extension.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        long_day=report_text.long_day,
        short_day=report_text.short_day,
        plan_date=report_text.plan_date,
        status_word=report_text.status_word,
        target=target_words,
        milestone=report_text.milestone,
        update_heading=report_text.update_heading,
        counts=report_text.counts,
        paragraphs=lambda text: [line for line in text.splitlines() if line.strip()],
    )
    env.globals.update(
        due=report_text.due,
        due_note=report_text.due_note,
        reason=report_text.reason,
        since_lines=report_text.since_lines,
        plural=report_text.plural,
        share=report_text.share,
        stacked_bar=svg.stacked_bar,
        doughnut=svg.doughnut,
        palette=svg.PALETTE,
    )
    return env


CHUNK = 1 << 16
"""About how many characters each piece of ``html_chunks`` holds."""


def html_chunks(report: Report) -> Iterator[str]:
    """The page in pieces, in order, as the template produces it: never the whole page at once.

    Joined, the pieces are ``report_html``. The page of a large workspace is hundreds of
    megabytes, so the command writes each piece as it comes (README, "Memory").
    """
    template = environment().get_template(TEMPLATE)
    context = {
        "report": report,
        "organisations": report_text.organisations(report),
        "palette": svg.palette_for(report.looks),
    }
    return _batched(template.generate(context))


def report_html(report: Report) -> str:
    """The whole page as text (UTF-8 when written; the page declares it)."""
    return "".join(html_chunks(report))


def _batched(pieces: Iterable[str]) -> Iterator[str]:
    """The template's many small pieces (a tag, a value) joined into pieces of about ``CHUNK`` characters."""
    held: list[str] = []
    size = 0
    for piece in pieces:
        held.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(held)
            held.clear()
            size = 0
    if held:
        yield "".join(held)
