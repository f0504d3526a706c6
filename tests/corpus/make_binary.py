"""Write the corpus files whose exact bytes matter, or that are too big to write by hand.

A BOM, CRLF line ends, lone CRs and Unicode line separators, Latin-1 and UTF-16 bytes, NUL and escape bytes, a bidi
override, 10,000-deep nesting and 100,000-character lines are easy to lose in
an editor or a diff tool, so they are written from this script and committed
beside it. ``tests/test_hostile_input.py`` checks that every committed file
still has exactly the bytes below (``.gitattributes`` keeps git from touching
line ends). After changing this script, run it and commit the result::

    python tests/corpus/make_binary.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_ACTION_PLAN = (
    "plan:\n"
    "  id: {id}\n"
    "  title: {title}\n"
    "priorities:\n"
    "  - id: P1\n"
    "    title: Responding to Ofsted recommendations\n"
    "    actions:\n"
    '      - id: "1.1"\n'
    "        title: {action}\n"
    "        leads: [JT]\n"
)


def _plan(plan_id: str, title: str = "Generated case", action: str = "Develop practice standards") -> str:
    return _ACTION_PLAN.format(id=plan_id, title=title, action=action)


def files() -> dict[str, bytes]:
    """Every generated file: its path under ``tests/corpus`` and its exact bytes."""
    return {
        # --- must load fine: a UTF-8 BOM and Windows line ends (good/)
        "good/bom-crlf.yaml": b"\xef\xbb\xbf"
        + (
            _plan("bom-crlf", title="Saved by Notepad")
            + "        due: 2024-03\n"
            + "        updates:\n"
            + "          - date: 2023-05\n"
            + "            text: |\n"
            + "              First line.\n"
            + "              Second line.\n"
        )
        .replace("\n", "\r\n")
        .encode("utf-8"),
        # --- BOM + CRLF with an error: the column must not count the BOM or the CR
        "bad/bom-crlf-error.yaml": b"\xef\xbb\xbf"
        + (_plan("bom-crlf-error") + "        due: Mar-24\n").replace("\n", "\r\n").encode("utf-8"),
        # --- encodings
        "bad/latin1.yaml": _plan("latin1", title="Caf\xe9 meeting notes").encode("latin-1"),
        "bad/utf16-bom.yaml": _plan("utf16-bom").encode("utf-16"),  # BOM FF FE, then UTF-16-LE
        "bad/utf16le-no-bom.yaml": ("# Saved as UTF-16 without a BOM\n" + _plan("utf16le-no-bom")).encode("utf-16-le"),
        "bad/nul-byte.yaml": _plan("nul-byte", title="Half a title\x00and the rest").encode("utf-8"),
        # --- control characters written raw into the file
        "bad/control-esc.yaml": _plan("control-esc", action="Clear the screen \x1b[2J\x1b]0;pwned\x07").encode("utf-8"),
        "bad/control-bidi.yaml": _plan("control-bidi", action="Review \u202eeunever\u202c budget").encode("utf-8"),
        # U+FFFF is valid UTF-8 but not a character YAML accepts (libyaml gives no line for it)
        "bad/noncharacter.yaml": _plan("noncharacter", action="Unfinished\uffff").encode("utf-8"),
        # --- line breaks libyaml sees and editors do not: keys a reviewer never saw
        **{
            f"bad/hidden-break-{name}.yaml": (
                _plan(f"hidden-break-{name}")
                + f"        # checked by JT{char}        status: BLUE{char}        completed: 2024-01-01\n"
                + "        due: 2024-03\n"
            ).encode("utf-8")
            for name, char in (("u2028", "\u2028"), ("u2029", "\u2029"), ("nel", "\x85"), ("cr", "\r"))
        },
        # --- size and depth
        "bad/deep-flow.yaml": ("# 10,000 nested flow lists\n" + "[" * 10_000 + "]" * 10_000 + "\n").encode("ascii"),
        "bad/deep-block.yaml": ("# 10,000 nested block lists\n" + "- " * 10_000 + "x\n").encode("ascii"),
        "bad/deep-mapping.yaml": (
            "# 100 nested block mappings\n" + "".join("  " * level + "k:\n" for level in range(100))
        ).encode("ascii"),
        "bad/long-scalar.yaml": _plan("long-scalar", action="x" * 100_001).encode("ascii"),
        "bad/huge-integer.yaml": (
            _plan("huge-integer")
            + "        target:\n          measure: Foster carers\n          target: "
            + "9" * 5_000
            + "\n"
        ).encode("ascii"),
        # --- nothing at all
        "bad/empty.yaml": b"",
    }


def main() -> int:
    for name, data in files().items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
