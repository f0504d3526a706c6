"""What ``plantool collect`` says: each form's rows (applied, skipped, refused, at which cell), then a summary.

Plain text, the same on a terminal and in a pipe: the owner reads it once, or
keeps it with the round's forms.
"""

from __future__ import annotations

from collections.abc import Sequence

from plantool.collecting import Collected
from plantool.forms import Outcome
from plantool.render.console import safe_text

_WORD = {Outcome.APPLY: "apply", Outcome.SKIPPED: "skipped", Outcome.REFUSED: "refused"}


def collected_text(results: Sequence[Collected], *, dry_run: bool) -> str:
    lines: list[str] = []
    for result in results:
        lines += _form(result, dry_run)
        lines.append("")
    lines.append(summary(results, dry_run=dry_run))
    return "\n".join(lines) + "\n"


def _form(result: Collected, dry_run: bool) -> list[str]:
    verdict = result.verdict
    lead = f" (lead {verdict.lead})" if verdict.lead else ""
    lines = [f"{safe_text(verdict.path)}{lead}"]
    if verdict.refused:
        return [*lines, f"  refused: {safe_text(verdict.refused)}"]
    for row in verdict.rows:
        word = _WORD[row.outcome] if row.outcome is not Outcome.APPLY else ("would apply" if dry_run else "apply")
        where = f"{row.cell}: " if row.cell and row.outcome is Outcome.REFUSED else ""
        cell = f" ({row.cell})" if row.cell and row.outcome is Outcome.SKIPPED else ""
        lines.append(f"  row {row.row}  {safe_text(row.ref) or '-'}  {word}: {where}{safe_text(row.message)}{cell}")
        lines += [f"      note: {safe_text(note)}" for note in row.notes]
    if result.failed:
        lines.append(f"  {safe_text(result.failed)}")
    elif not verdict.applicable:
        refused = verdict.count(Outcome.REFUSED)
        lines.append(
            f"  not applied: {refused} row{'' if refused == 1 else 's'} refused, and a form is applied whole or "
            "not at all; correct the form (or the plan) and collect it again"
        )
    elif not verdict.changes:
        lines.append("  nothing to apply")
    elif result.written:
        lines.append(f"  applied: {_rows(len(verdict.changes))} written to the plans")
    else:
        lines.append(f"  would apply {_rows(len(verdict.changes))} (dry run: nothing written)")
    lines += [diff.rstrip("\n") for diff in result.diffs if dry_run]
    return lines


def summary(results: Sequence[Collected], *, dry_run: bool) -> str:
    applied = sum(len(r.verdict.changes) for r in results if r.applied)
    held = sum(len(r.verdict.changes) for r in results if not r.applied)
    skipped = sum(r.verdict.count(Outcome.SKIPPED) for r in results)
    refused = sum(r.verdict.count(Outcome.REFUSED) for r in results)
    forms_refused = sum(1 for r in results if not r.applied)
    verb = "would be applied" if dry_run else "applied"
    text = (
        f"{len(results)} form{'' if len(results) == 1 else 's'}: {_rows(applied)} {verb}, "
        f"{skipped} skipped, {refused} refused"
    )
    if forms_refused:
        text += f"; {forms_refused} form{'' if forms_refused == 1 else 's'} not applied"
        if held:
            text += f" (holding {_rows(held)} that could otherwise apply)"
    return text


def _rows(count: int) -> str:
    return f"{count} row{'' if count == 1 else 's'}"
