"""The board report as Markdown, for pasting into a paper or a wiki: the same content as the HTML.

Charts become text: the RAG counts in a table with the letter bar that
``plantool status --format markdown`` uses. Every piece of plan text goes
through ``md_cell``, so a pipe cannot split a table, a line break cannot end
one, and ``<script>`` arrives as text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from plantool.queries import Counts
from plantool.render import report_text as words
from plantool.render.style import (
    BAR_LETTER,
    DEFAULT_COLUMNS,
    MEANING_LETTER,
    Columns,
    Look,
    bar_plain,
    md_cell,
    md_paragraph,
    md_row,
    md_table,
    target_words,
)
from plantool.report import ActionRow, ExceptionKind, GroupSection, KeyLine, LatestUpdate, Legend, PlanSection, Report


def markdown_chunks(report: Report) -> Iterator[str]:
    """The report in pieces, in order, each plan's lines made as it is reached: never the whole text at once."""
    return words.in_pieces(f"{line}\n" for line in _lines(report))


def report_markdown(report: Report) -> str:
    return "".join(markdown_chunks(report))


def _lines(report: Report) -> Iterator[str]:
    """Every line of the report (each ends with a line break when written)."""
    yield from [f"# {md_cell(report.title)}", ""]
    yield from _front(report)
    yield from _headline(report)
    if report.changes is not None:
        yield from _changes(report)
    yield from _exceptions(report)
    for plan in report.plans:
        yield from _plan(plan, report)
    yield from ["---", "", _footer(report)]


def _front(report: Report) -> list[str]:
    lines = []
    if report.organisations:
        lines += [f"**{md_cell(words.organisations(report))}**", ""]
    lines += [f"Position as of **{words.long_day(report.as_of)}** ({report.as_of.isoformat()})", ""]
    for plan in report.plans:
        if plan.period_start and plan.period_end:
            period = f"plan period {words.period(plan.period_start, plan.period_end)}"
        else:
            period = "no plan period given"
        updated = f"last updated {words.plan_date(plan.updated)}" if plan.updated else "no date of last update"
        lines.append(f"- **{md_cell(plan.title)}:** {period}; {updated}.")
    if report.plans:
        lines.append("")
    if report.load_errors:
        lines += [
            f"> **Warning:** the plan files have {words.plural(report.load_errors, 'error')}, so this report may "
            "leave something out. Run `plantool validate` for details.",
            "",
        ]
    for plan in report.plans:
        lines += [f"> **{md_cell(plan.title)}:** {md_cell(warning)}." for warning in plan.warnings]
        if plan.warnings:
            lines.append("")
    return lines


def _headline(report: Report) -> list[str]:
    counts = report.counts
    legend = report.legend
    lines = ["## Headline", "", f"{md_cell(words.counts(counts, legend))}.", ""]
    rows = [
        [md_cell(line.word), md_cell(line.label), str(legend.count(counts, line)), words.share(legend.count(counts, line), counts.total)]
        for line in legend.lines
    ]  # fmt: skip
    lines += md_table(["Status", "Meaning", "Actions", "Share"], rows)
    lines += [
        "",
        f"- **{counts.total}** actions",
        f"- **{counts.overdue}** overdue",
        f"- **{counts.due_soon}** due in the next {report.thresholds.due_soon_days} days",
        f"- **{counts.off_track}** {md_cell(legend.off_track)}",
        f"- **{report.exception_counts[ExceptionKind.STALE]}** stale (no update for over {report.thresholds.stale_days} days)",
        f"- **{report.exception_counts[ExceptionKind.UNOWNED]}** with no lead",
        "",
    ]
    legends = []
    for plan in report.plans:
        lines += _bars(plan)
        shown = _columns(plan.legend).legend
        if shown not in legends:
            legends.append(shown)
    lines += [f"Bar: {md_cell(shown)}." for shown in legends or [DEFAULT_COLUMNS.legend]]
    lines.append("")
    return lines


def _columns(legend: Legend) -> Columns:
    """The report's legend as the bar's columns: its words and, without colour, one letter each."""
    return Columns(tuple(look(line) for line in legend.lines), legend.by_meaning)


def look(line: KeyLine) -> Look:
    letter = BAR_LETTER.get(line.look) or (line.key if len(line.key) == 1 else MEANING_LETTER[line.means])
    return Look(line.key, line.word, "", letter, line.means)


def _bars(plan: PlanSection) -> list[str]:
    grouping = (
        "Priority"
        if plan.has_priorities and not plan.has_areas
        else ("Area" if plan.has_areas and not plan.has_priorities else "Priority / area")
    )
    shown = _columns(plan.legend)
    headers = [grouping, "Bar", *(md_cell(line.word) for line in plan.legend.lines), "Total", "Overdue", "Due soon"]
    rows = [
        _bar_row(md_cell(bar.title if bar.id == bar.title else f"{bar.id} {bar.title}"), bar.counts, shown)
        for bar in plan.bars
    ]
    rows.append(_bar_row("**All**", plan.counts, shown))
    return [f"### {md_cell(plan.title)}: RAG status by {grouping.lower()}", "", *md_table(headers, rows), ""]


def _bar_row(label: str, counts: Counts, shown: Columns) -> list[str]:
    bar = bar_plain(counts, shown=shown)
    values = shown.values(counts)
    return [
        label,
        f"`{bar}`" if bar else " ",
        *(str(values.get(line.key, 0)) for line in shown.looks),
        str(counts.total),
        str(counts.overdue),
        str(counts.due_soon),
    ]


def _changes(report: Report) -> list[str]:
    since = f" ({md_cell(report.since)})" if report.since else ""
    lines = [f"## Since the last report{since}", ""]
    entries = words.since_lines(report)
    if not entries:
        return [*lines, "No changes to the plans since the last report.", ""]
    rows = [
        [md_cell(line.ref), md_cell(line.title), f"**{md_cell(line.words)}**" if line.worse else md_cell(line.words)]
        for line in entries
    ]
    return [*lines, *md_table(["Ref", "Action", "Change"], rows), ""]


def _exceptions(report: Report) -> Iterator[str]:
    yield from ["## Exceptions", ""]
    if not report.exceptions:
        yield from ["No action is RED, overdue, stale or without a lead.", ""]
        return
    counts = report.exception_counts
    yield from [
        f"{words.plural(len(report.exceptions), 'action needs', 'actions need')} the board’s attention: "
        f"{counts[ExceptionKind.RED]} RED, {counts[ExceptionKind.OVERDUE]} overdue, {counts[ExceptionKind.STALE]} "
        f"stale, {counts[ExceptionKind.UNOWNED]} with no "
        "lead (an action can be more than one). Worst first: RED, then overdue longest, then stale, then no lead.",
        "",
    ]
    yield from md_table(["Action", "Leads", "Why", "Latest update"], [])
    previous: ActionRow | None = None
    for row in report.exceptions:
        why = [words.reason(r, report.as_of, report.looks) for r in row.reasons if r.kind is not ExceptionKind.RED]
        status = f"{md_cell(words.status_word(row.status, report.looks))}, due {words.due(row.due, row.due_written, row.due_note)}"
        same = (
            previous is not None and previous.group_ref == row.group_ref and previous.latest_update == row.latest_update
        )
        yield md_row(
            [
                f"**{md_cell(row.ref)}**<br>{md_cell(row.title)}",
                md_cell(words.leads(row.leads)),
                "<br>".join([status, *(md_cell(text) for text in why)]),
                "Same update as the row above"
                if same and row.latest_update
                else _update(row.latest_update, report.looks),
            ]
        )
        previous = row
    yield ""


def _update(update: LatestUpdate | None, looks: Mapping[str, KeyLine] | None = None) -> str:
    if update is None:
        return "No update recorded"
    return f"*{md_cell(words.update_heading(update, looks))}:* {md_cell(update.text)}"


def _group_extras(group: GroupSection) -> list[str]:
    """A priority's or finding's source ref, who is accountable and its outcome, when the plan gives them."""
    extras = [
        f"- **Source ref:** {md_cell(group.source_ref)}" if group.source_ref else "",
        f"- **Accountable:** {md_cell(words.leads(group.accountable))}" if group.accountable else "",
        f"- **Outcome:** {md_cell(group.outcome)}" if group.outcome else "",
    ]
    extras = [line for line in extras if line]
    return [*extras, ""] if extras else []


def _plan(plan: PlanSection, report: Report) -> Iterator[str]:
    version = f"version {plan.version}" if plan.version else None
    meta = [plan.organisation, words.counts(plan.counts, plan.legend), f"plan id {plan.id}", version]
    yield from [f"## {md_cell(plan.title)}", "", md_paragraph(" · ".join(part for part in meta if part)), ""]
    if plan.source:
        yield from [f"In response to: {md_cell(plan.source)}", ""]
    for group in plan.priorities:
        yield from [
            f"### {md_cell(f'{group.id} {group.title}')}",
            "",
            f"{md_cell(words.counts(group.counts, plan.legend))}.",
            "",
        ]
        yield from _group_extras(group)
        yield from _actions(group, report)
    for area in plan.areas:
        level = "####" if area.title else "###"
        if area.title:
            yield from [f"### {md_cell(area.title)}", ""]
        for group in area.groups:
            yield from [f"{level} {md_cell(group.title)}", ""]
            yield from [
                f"- **Ref:** {md_cell(group.ref)}",
                f"- **Leads:** {md_cell(words.leads(group.leads))}",
                f"- **Due:** {words.due(group.due, group.due_written, group.due_note)}",
                f"- **Actions:** {md_cell(words.counts(group.counts, plan.legend))}",
                "",
            ]
            yield from _group_extras(group)
            if group.finding_text:
                paragraphs = [md_paragraph(p) for p in group.finding_text.splitlines() if p.strip()]
                yield from ["> **Finding**", ">", *_quote(paragraphs), ""]
            for update in group.updates:
                yield from [f"**Latest update on this finding** {_update(update, report.looks)}", ""]
            yield from _actions(group, report)


def _quote(paragraphs: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            lines.append(">")
        lines.append(f"> {paragraph}")
    return lines


def _actions(group: GroupSection, report: Report) -> list[str]:
    group_rows = group.rows  # made each time it is read
    if not group_rows:
        return ["No actions.", ""]
    show_updates = words.shows_updates(group, group_rows)
    headers = ["Ref", "Action", "Leads", "Due", "Status"] + (["Latest update"] if show_updates else [])
    rows = []
    for row in group_rows:
        ref = "–" if row.is_finding else (row.short_ref if group.kind == "priority" else row.id)
        cells = [md_cell(ref), _action_cell(row, report), md_cell(words.leads(row.leads)), _due_cell(row, report),
                 md_cell(words.status_word(row.status, report.looks))]  # fmt: skip
        if show_updates:
            latest = row.latest_update
            cells.append(
                "See the finding’s update" if latest and latest.from_finding else _update(latest, report.looks)
            )
        rows.append(cells)
    return [*md_table(headers, rows), ""]


def _action_cell(row: ActionRow, report: Report) -> str:
    parts = [md_cell(row.title)]
    if row.carried_forward:
        parts.append("*Carried forward*")
    if row.source_ref:
        parts.append(f"Source ref {md_cell(row.source_ref)}")
    if row.accountable:
        parts.append(f"Accountable: {md_cell(words.leads(row.accountable))}")
    if row.outcome:
        parts.append(f"Outcome: {md_cell(row.outcome)}")
    if row.target is not None:
        parts.append(f"Target: {md_cell(target_words(row.target))}")
    parts += [f"Milestone: {md_cell(words.milestone(m, report.as_of, report.looks))}" for m in row.milestones]
    return "<br>".join(parts)


def _due_cell(row: ActionRow, report: Report) -> str:
    text = words.due(row.due, row.due_written, row.due_note)
    note = words.due_note(row, report.as_of)
    if note:
        text += f" ({'**' + note + '**' if row.overdue else note})"
    if row.recurs:
        text += f", recurs {row.recurs}"
    return text


def _footer(report: Report) -> str:
    files = ", ".join(md_cell(plan.path) for plan in report.plans)
    return (
        f"Made by plantool from {files}, judged as of {report.as_of.isoformat()}. Overdue: the due date (or a "
        f"milestone’s) has passed and the action is not BLUE. Due soon: within {report.thresholds.due_soon_days} "
        f"days. Stale: open, with no update for more than {report.thresholds.stale_days} days."
    )
