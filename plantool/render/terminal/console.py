"""The terminal: colour and box drawing only on a TTY, ``NO_COLOR`` honoured, plain and stable when piped."""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console

from plantool.render.text import PIPED_WIDTH


class _Console(Console):
    """rich's Console, except that a closed pipe is left to the CLI's error boundary.

    rich's own handling exits with status 1, which in plantool means "the plans
    have problems"; the boundary gives a broken pipe its own exit status instead.
    """

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr). Piped output gets no colour, a fixed width of 100 columns and no trailing spaces."""
    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    return _Console(
        file=stream,
        width=width if width is not None else (None if terminal else PIPED_WIDTH),
        force_terminal=False if not terminal else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def drawn(draw: Callable[[Console], None], out: Console | None = None) -> str:
    """What ``draw`` prints on ``out`` (default: a console for stdout), as text to deliver.

    On a terminal the text keeps its colour codes and the terminal's width; piped, it is
    ``trimmed``.
    """
    out = out or console()
    with out.capture() as captured:
        draw(out)
    text = captured.get()
    return text if out.is_terminal else trimmed(text)


def trimmed(text: str) -> str:
    """``text`` without the spaces rich pads lines with: piped output and golden files stay clean."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))
