"""One form for text people type and compare: Unicode NFC.

"café" can arrive as four code points (é precomposed, as most keyboards type it)
or five (e and a combining acute, as some Mac tools and PDFs produce). They look
the same and must match the same: search, tags, ids and leads are compared in
NFC, while output keeps what the user wrote (docs/decisions.md).
"""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (cheap when it already is, as nearly all text is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
