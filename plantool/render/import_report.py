"""The import's report as plain text: what fed what, what was skipped, every cell not read as a value.

Plain text, not a rich table: the report is read once, often pasted into an
email or a ticket, and must keep every cell's text whole.
"""

from __future__ import annotations

from plantool.importing import Report


def report_text(report: Report) -> str:
    lines = [f"Imported {report.source} as plan {report.plan_id!r} ({report.kind} plan)"]
    if report.encoding:
        lines.append(f"  read as {report.encoding}")
    group_word = "findings" if report.kind == "inspection" else "priorities"
    lines.append(f"  {report.groups} {group_word}, {report.actions} actions")
    for note in report.notes:
        lines.append(f"  {note}")
    lines += ["", "Columns:"]
    for where, columns in report.columns:
        lines.append(f"  {where}")
        for letter, heading, what in columns.describe():
            shown = repr(heading) if heading else "(no heading)"
            lines.append(f"    {letter:>3}  {shown} -> {what}")
    if report.skipped:
        lines += ["", "Skipped:"]
        lines += [f"  {where}: {why}" for where, why in report.skipped]
    people = [
        f"{e.id} ({e.name or e.role or 'initials only; no name invented'})"
        + (f": {e.initials_taken} is already an id; if that is this person, use it instead" if e.initials_taken else "")
        for e in report.people_added
    ]
    lines += ["", f"People: {report.people_known} already known, {len(people)} new" + (":" if people else "")]
    lines += [f"  {entry}" for entry in people]
    if report.unread:
        lines += ["", f"Cells not read as a value ({len(report.unread)}):"]
        for item in report.unread:
            text = " ".join(item.text.split())
            shown = text if len(text) <= 120 else text[:119] + "…"
            lines.append(f"  {item.where}: {shown!r}: {item.done}")
    else:
        lines += ["", "Every cell was read."]
    written = [w for w in (report.plan_written, report.people_written) if w]
    if written:
        lines += ["", *written]
    return "\n".join(lines) + "\n"
