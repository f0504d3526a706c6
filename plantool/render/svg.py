"""The report's charts as inline SVG: a stacked bar per priority or area, and a doughnut overall.

Drawn by our own code from ``report.Segment`` fractions, so the report needs
no script, font or image from anywhere. Every number is rounded to two
decimals, which keeps the output byte-for-byte the same for the same plans.
Each chart says in words what it shows (``role="img"`` with an
``aria-label`` and a ``<title>``); the tables beside it carry the same numbers
for anyone who cannot see colour at all.

``PALETTE`` is the one place the RAG colours live: the HTML's stylesheet takes
them from here too, and the tests check each pair passes WCAG AA (4.5:1) for
its text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from plantool.render.style import STATUS_WORD
from plantool.report import KeyLine, Segment

# status: (fill, text drawn on the fill). Darker than traffic-light primaries so white
# text on them passes AA; amber takes black text, as no white passes on a true amber.
PALETTE: dict[str, tuple[str, str]] = {
    "GREEN": ("#17692f", "#ffffff"),
    "AMBER": ("#f0a800", "#000000"),
    "RED": ("#b3261e", "#ffffff"),
    "BLUE": ("#1d5a9e", "#ffffff"),
    "UNRATED": ("#6b6b6b", "#ffffff"),
}
OUTLINE = "#3d3d3d"
EMPTY = "#f2f2f2"


def _n(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, never ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def describe(segments: Sequence[Segment]) -> str:
    """The chart in words: "3 GREEN, 1 AMBER, 2 not rated"."""
    if not segments:
        return "no actions"
    return ", ".join(f"{segment.count} {_word(segment)}" for segment in segments)


def _word(segment: Segment) -> str:
    return segment.word or STATUS_WORD.get(segment.status, segment.status)


Palette = Mapping[str, tuple[str, str]]

# A plan's own key with no colour of its own takes its meaning's colour.
MEANING_FILL = {
    "done": PALETTE["BLUE"][0],
    "on-track": PALETTE["GREEN"][0],
    "at-risk": PALETTE["AMBER"][0],
    "off-track": PALETTE["RED"][0],
    "not-started": "#5e3c99",
    "no-update": "#8a5a00",
    "unrated": PALETTE["UNRATED"][0],
}


def ink_for(fill: str) -> str:
    """Black or white text on ``fill``, whichever contrasts more: one of them always reaches WCAG AA (4.5:1)."""
    return "#ffffff" if contrast(fill, "#ffffff") >= contrast(fill, "#000000") else "#000000"


def palette_for(looks: Mapping[str, KeyLine]) -> dict[str, tuple[str, str]]:
    """Fill and text colour for every status look in a report: the default scale's as always, a plan's own
    colour where it gave one, else its meaning's; the text colour always chosen for contrast."""
    palette = dict(PALETTE)
    for look, line in looks.items():
        if look in PALETTE:
            continue
        fill = line.colour or MEANING_FILL[line.means]
        palette[look] = (fill, ink_for(fill))
    return palette


def stacked_bar(
    segments: Sequence[Segment], label: str, *, width: int = 240, height: int = 22, palette: Palette = PALETTE
) -> Markup:
    """One horizontal bar split by status, with each count written on its segment where it fits."""
    title = escape(f"{label}: {describe(segments)}")
    parts = [
        f'<svg class="bar" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}"><title>{title}</title>'
    ]
    if not segments:
        parts.append(
            f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="{EMPTY}" stroke="{OUTLINE}"/>'
        )
    for segment in segments:
        fill, ink = palette[segment.status]
        x, w = segment.start * width, segment.share * width
        parts.append(
            f'<rect x="{_n(x)}" y="0" width="{_n(w)}" height="{height}" fill="{fill}">'
            f"<title>{segment.count} {escape(_word(segment))}</title></rect>"
        )
        if segment.start > 0:  # a white hairline between neighbours, so two similar colours stay apart
            parts.append(f'<line x1="{_n(x)}" y1="0" x2="{_n(x)}" y2="{height}" stroke="#ffffff" stroke-width="1.5"/>')
        digits = len(str(segment.count))
        if w >= 8 + 7 * digits:
            parts.append(
                f'<text x="{_n(x + w / 2)}" y="{_n(height / 2)}" fill="{ink}" font-size="12" font-weight="bold" '
                f'text-anchor="middle" dominant-baseline="central">{segment.count}</text>'
            )
    if segments:
        parts.append(
            f'<rect x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" fill="none" stroke="{OUTLINE}"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def doughnut(
    segments: Sequence[Segment],
    label: str,
    *,
    total: int,
    size: int = 180,
    ring: int = 30,
    palette: Palette = PALETTE,
) -> Markup:
    """A ring split by status, starting at twelve o'clock and going clockwise, with the total in the middle.

    Each segment is a circle whose dash covers its share of the circumference.
    """
    title = escape(f"{label}: {total} in all; {describe(segments)}")
    centre = size / 2
    radius = (size - ring) / 2 - 1
    circumference = 2 * math.pi * radius
    gap = 2.0 if len(segments) > 1 else 0.0  # white gaps between segments; none for a whole ring
    parts = [
        f'<svg class="doughnut" xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{title}"><title>{title}</title>',
        f'<circle cx="{_n(centre)}" cy="{_n(centre)}" r="{_n(radius)}" fill="none" stroke="{EMPTY}" '
        f'stroke-width="{ring}"/>',
    ]
    for segment in segments:
        fill, _ = palette[segment.status]
        length = max(segment.share * circumference - gap, 0.5)
        parts.append(
            f'<circle cx="{_n(centre)}" cy="{_n(centre)}" r="{_n(radius)}" fill="none" stroke="{fill}" '
            f'stroke-width="{ring}" stroke-dasharray="{_n(length)} {_n(circumference - length)}" '
            f'stroke-dashoffset="{_n(-segment.start * circumference)}" '
            f'transform="rotate(-90 {_n(centre)} {_n(centre)})">'
            f"<title>{segment.count} {escape(_word(segment))}</title></circle>"
        )
    parts.append(
        f'<text x="{_n(centre)}" y="{_n(centre - 6)}" text-anchor="middle" font-size="{_n(size / 5)}" '
        f'font-weight="bold" fill="#1a1a1a">{total}</text>'
        f'<text x="{_n(centre)}" y="{_n(centre + size / 9)}" text-anchor="middle" font-size="{_n(size / 14)}" '
        f'fill="#1a1a1a">{"action" if total == 1 else "actions"}</text>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


# ---------------------------------------------------------------------------
# WCAG 2 contrast, for the tests and for anyone changing the palette


def relative_luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
