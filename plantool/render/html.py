"""The board report as one self-contained HTML file, from the Jinja2 template ``templates/report.html.j2``.

Autoescaping is on for the whole template, so plan text is always text: a
title holding ``<script>`` shows those characters and runs nothing. The only
markup that passes unescaped is what our own code drew (the SVG charts,
returned as ``Markup``, and the small pieces every action repeats, below). The page fetches nothing — no script, font, style
sheet or image from anywhere — and its Content-Security-Policy says so to
the browser, so it works offline, printed and as an e-mail attachment.

The template lays the page out. What every action repeats, its row in its
plan's table and in the exceptions, and the small pieces the rest of the page
shares with them (a status badge, a list of leads, a date, an update) are made
by ``_Pieces`` here, every value in them escaped with ``escape``: as Jinja
macros and template lines they were some 30 macro calls and 85 escaped values
per action, two fifths of the report's time (README, "Speed"). The page is the
same to the byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from plantool.dates import PlanDate
from plantool.render import report_text, svg
from plantool.render.style import target_words
from plantool.report import ActionRow, ExceptionKind, KeyLine, LatestUpdate, Lead, Report

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
        counts=report_text.counts,
        paragraphs=_paragraphs,
    )
    env.globals.update(
        shows_updates=report_text.shows_updates,
        since_lines=report_text.since_lines,
        plural=report_text.plural,
        share=report_text.share,
        stacked_bar=svg.stacked_bar,
        doughnut=svg.doughnut,
        palette=svg.PALETTE,
    )
    return env


def html_chunks(report: Report) -> Iterator[str]:
    """The page in pieces, in order, as the template produces it: never the whole page at once.

    Joined, the pieces are ``report_html``. The page of a large workspace is hundreds of
    megabytes, so the command writes each piece as it comes (README, "Memory").
    """
    template = environment().get_template(TEMPLATE)
    pieces = _Pieces(report.looks, report.as_of)
    context = {
        "report": report,
        "organisations": report_text.organisations(report),
        "palette": svg.palette_for(report.looks),
        "status": pieces.status,
        "day": pieces.day,
        "leads": pieces.leads,
        "update": pieces.update,
        "action_row": pieces.action_row,
        "exception_row": pieces.exception_row,
    }
    return report_text.in_pieces(template.generate(context))


def report_html(report: Report) -> str:
    """The whole page as text (UTF-8 when written; the page declares it)."""
    return "".join(html_chunks(report))


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


class _Pieces:
    """The HTML pieces each action repeats, with every value escaped; what was marked up by macros."""

    __slots__ = ("as_of", "looks")

    def __init__(self, looks: Mapping[str, KeyLine], as_of: date) -> None:
        self.looks = looks
        self.as_of = as_of

    def status(self, look: str) -> Markup:
        word = report_text.status_word(look, self.looks)
        return Markup(f'<span class="status status-{escape(look)}">{escape(word)}</span>')

    def day(self, value: date | None, written: PlanDate | None = None, note: str | None = None) -> Markup:
        if value is None:
            return Markup(f'<span class="muted">{escape(note or "no date")}</span>')
        shown = f'<time datetime="{value.isoformat()}">{escape(report_text.due(value, written))}</time>'
        return Markup(f'{shown} <span class="note">({escape(note)})</span>' if note else shown)

    def leads(self, people: Sequence[Lead]) -> Markup:
        if not people:
            return Markup('<strong class="flag">No lead</strong>')
        return Markup(", ".join(f'<span class="lead">{escape(lead.name)}</span>' for lead in people))

    def update(self, value: LatestUpdate) -> Markup:
        head = f'<p class="update-head">{escape(report_text.update_heading(value, self.looks))}</p>\n'
        return Markup(head + "".join(f"<p>{escape(paragraph)}</p>\n" for paragraph in _paragraphs(value.text)))

    def action_row(self, row: ActionRow, kind: str, show_updates: bool) -> Markup:
        """An action's row in its priority's or finding's table (``show_updates``: with a latest-update column)."""
        if row.is_finding:
            ref = '<span aria-hidden="true">–</span><span class="visually-hidden">the finding itself</span>'
        else:
            ref = escape(row.short_ref if kind == "priority" else row.id)
        flag = ' class="exception"' if row.reasons else ""
        cells = [
            f'<tr id="{escape(row.anchor)}"{flag}>\n',
            f'<th scope="row" class="ref">{ref}</th>\n',
            f"<td>{self.action_cell(row)}</td>\n",
            f"<td>{self.leads(row.leads)}</td>\n",
            f'<td class="due">{self.due_cell(row)}</td>\n',
            f"<td>{self.status(row.status)}</td>\n",
        ]
        if show_updates:
            latest = row.latest_update
            if latest is None:
                shown = '<span class="muted">No update recorded</span>'
            elif latest.from_finding:
                shown = '<span class="muted">See the finding’s update</span>'
            else:
                shown = self.update(latest)
            cells.append(f'<td class="update">{shown}</td>\n')
        cells.append("</tr>")
        return Markup("".join(cells))

    def exception_row(self, row: ActionRow, previous: ActionRow | None) -> Markup:
        """An action's row in the exceptions; ``previous``, the row above it (an update is not repeated)."""
        latest = row.latest_update
        if latest is None:
            shown = '<span class="muted">No update recorded</span>'
        elif previous is not None and previous.group_ref == row.group_ref and previous.latest_update == latest:
            shown = '<span class="muted">Same update as the row above</span>'
        else:
            shown = self.update(latest)
        return Markup(
            "<tr>\n"
            f'<th scope="row"><a class="ref" href="#{escape(row.anchor)}">{escape(row.plan_id)}/<wbr>'
            f'{escape(row.short_ref)}</a><br><span class="title">{escape(row.title)}</span></th>\n'
            f"<td>{self.leads(row.leads)}</td>\n"
            f'<td>{self.status(row.status)} <span class="note">due {self.day(row.due, row.due_written, row.due_note)}'
            # The badge already says RED; the list gives the other reasons.
            f"</span>\n{self.reasons(row)}</td>\n"
            f'<td class="update">{shown}</td>\n'
            "</tr>"
        )

    def due_cell(self, row: ActionRow) -> Markup:
        parts = [self.day(row.due, row.due_written, row.due_note), "\n"]
        note = report_text.due_note(row, self.as_of)
        if note:
            flag = " overdue" if row.overdue else " soon" if row.due_soon else ""
            parts.append(f'<br><span class="note{flag}">{escape(note)}</span>')
        if row.recurs:
            parts.append(f'<br><span class="note">recurs {escape(row.recurs)}</span>')
        return Markup("".join(parts))

    def action_cell(self, row: ActionRow) -> Markup:
        parts = [f'<span class="title">{escape(row.title)}</span>\n']
        if row.carried_forward:
            parts.append('<br><span class="tag">Carried forward</span>')
        if row.source_ref:
            parts.append(f'<br><span class="note">Source ref {escape(row.source_ref)}</span>')
        if row.accountable:
            parts.append(f'<p class="target"><span class="label">Accountable:</span> {self.leads(row.accountable)}</p>')
        if row.outcome:
            parts.append(f'<p class="target"><span class="label">Outcome:</span> {escape(row.outcome)}</p>')
        if row.target:
            parts.append(f'<p class="target"><span class="label">Target:</span> {escape(target_words(row.target))}</p>')
        if row.milestones:
            parts.append('<ul class="milestones" aria-label="Milestones">\n')
            for line in row.milestones:
                words = escape(report_text.milestone(line, self.as_of, self.looks))
                parts.append(f'<li class="overdue">{words}</li>\n' if line.overdue else f"<li>{words}</li>\n")
            parts.append("</ul>\n")
        return Markup("".join(parts))

    def reasons(self, row: ActionRow) -> Markup:
        """Why an exception needs attention, but RED: the status badge beside the list says that already."""
        items = []
        for reason in row.reasons:
            if reason.kind is ExceptionKind.RED:
                continue
            flag = ' class="flag"' if reason.kind in (ExceptionKind.OVERDUE, ExceptionKind.UNOWNED) else ""
            items.append(f"<li{flag}>{escape(report_text.reason(reason, self.as_of, self.looks))}</li>")
        return Markup(f'<ul class="reasons">{"".join(items)}</ul>' if items else "")
