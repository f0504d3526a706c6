"""The terminal's look: statuses and plan text as rich ``Text``, the coloured RAG bar."""

from __future__ import annotations

from rich.text import Text

from plantool.queries import Counts
from plantool.render.style import BAR_WIDTH, DEFAULT_COLUMNS, STATUS_STYLE, Columns, bar_segments, look
from plantool.render.text import safe_text
from plantool.scales import Scale

__all__ = ["STATUS_STYLE", "bar", "status_text", "user_text"]


def status_text(status: str, scale: Scale | None = None) -> Text:
    shown = look(status, scale)
    return Text(shown.word, style=shown.style)


def user_text(text: str, style: str = "") -> Text:
    """Plan text for the terminal: never markup, control characters made visible."""
    return Text(safe_text(text), style=style)


def bar(counts: Counts, colour: bool, width: int = BAR_WIDTH, shown: Columns = DEFAULT_COLUMNS) -> Text:
    looks = {look.key: look for look in shown.looks}
    text = Text()
    for key, cells in bar_segments(shown.values(counts), width, list(looks)):
        if colour:
            text.append("█" * cells, style=looks[key].style.replace("bold ", ""))
        else:
            text.append(looks[key].letter * cells)
    return text
