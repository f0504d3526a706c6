"""``plantool diff`` and ``plantool history`` on a terminal: tables of changes, the story of one action."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from plantool.changes import Change, Commit, Diff, History, Kind, Revision, Value
from plantool.queries import UNRATED
from plantool.render.diff import (
    COMMITS_SHOWN,
    describe,
    diff_sections,
    history_headline,
    now_words,
    side_place,
    side_words,
    step_changes,
    summary_line,
    when,
)
from plantool.render.terminal.console import drawn
from plantool.render.terminal.style import status_text, user_text


def _change_text(change: Change, flag: bool) -> Text:
    if change.kind in (Kind.STATUS, Kind.COMPLETED):
        text = Text()
        text.append_text(status_text(_status_key(change.before)))
        text.append(" → ")
        text.append_text(status_text(_status_key(change.after)))
        if change.completed_on:
            text.append(f", completed {change.completed_on}")
        return text
    return user_text(describe(change), "bold red" if flag else "")


def _status_key(value: Value) -> str:
    return value if isinstance(value, str) else UNRATED


def _problems(out: Console, sides: Sequence[Revision]) -> None:
    for side in sides:
        if side.problems:
            out.print()
            out.print(
                Text(f"Not read {side_place(side)} (actions in these files are left out of the comparison):", "yellow")
            )
            for problem in side.problems:
                out.print(user_text(f"  {problem}"), soft_wrap=True)


def _commit_line(commit: Commit) -> Text:
    return user_text(f"  {commit.short} {commit.date.date().isoformat()} {commit.author}: {commit.subject}")


def print_diff(diff: Diff, out: Console) -> None:
    out.print(user_text(f"Changes from {side_words(diff.before)} to {side_words(diff.after)}", "bold"))
    out.print(user_text(summary_line(diff)))
    _problems(out, (diff.before, diff.after))
    for section in diff_sections(diff):
        out.print()
        out.print(Text(f"{section.heading} ({len(section.rows)})", style="bold"))
        table = Table(box=box.SIMPLE_HEAD if out.is_terminal else None, pad_edge=False, collapse_padding=True)
        table.add_column("Ref", overflow="fold", ratio=2, min_width=10)
        table.add_column("Action", overflow="fold", ratio=4, min_width=16)
        table.add_column("Change", overflow="fold", ratio=4, min_width=16)
        for row in section.rows:
            table.add_row(user_text(row.ref), user_text(row.title), _change_text(row.change, row.flag))
        out.print(table)
    if diff.commits:
        out.print()
        out.print(Text(f"Commits that changed the plans ({len(diff.commits)}, newest first)", style="bold"))
        for commit in diff.commits[:COMMITS_SHOWN]:
            out.print(_commit_line(commit))
        if len(diff.commits) > COMMITS_SHOWN:
            out.print(Text(f"  ... and {len(diff.commits) - COMMITS_SHOWN} more", style="dim"))


# ---------------------------------------------------------------------------
# Markdown


def print_history(history: History, out: Console) -> None:
    out.print(user_text(f"History of {history.ref}: {history.title}", "bold"))
    out.print(user_text(history_headline(history)))
    for step in history.steps:
        out.print()
        out.print(user_text(when(step), "bold"))
        for words in step_changes(step):
            out.print(Padding(user_text(words), (0, 0, 0, 2)))
        for words in now_words(step):
            out.print(Padding(user_text(words, "dim"), (0, 0, 0, 2)))
        for problem in step.state.problems:
            out.print(user_text(f"  {problem}", "yellow"), soft_wrap=True)


def diff_terminal(diff: Diff) -> str:
    return drawn(lambda out: print_diff(diff, out))


def history_terminal(history: History) -> str:
    return drawn(lambda out: print_history(history, out))
