"""The terminal's look: status colours, plan text as rich ``Text``, the coloured RAG bar."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from plantool.queries import UNRATED
from plantool.render.style import BAR_LETTER, BAR_WIDTH, STATUS_WORD, bar_segments
from plantool.render.text import safe_text

STATUS_STYLE = {
    "GREEN": "bold green",
    "AMBER": "bold yellow",
    "RED": "bold red",
    "BLUE": "bold blue",
    UNRATED: "dim",
}


def status_text(status: str) -> Text:
    return Text(STATUS_WORD[status], style=STATUS_STYLE[status])


def user_text(text: str, style: str = "") -> Text:
    """Plan text for the terminal: never markup, control characters made visible."""
    return Text(safe_text(text), style=style)


def bar(by_status: Mapping[str, int], colour: bool, width: int = BAR_WIDTH) -> Text:
    text = Text()
    for key, cells in bar_segments(by_status, width):
        if colour:
            text.append("█" * cells, style=STATUS_STYLE[key].replace("bold ", ""))
        else:
            text.append(BAR_LETTER[key] * cells)
    return text
