"""Text that an XML 1.0 document can hold, for the formats built on XML (JUnit, xlsx).

XML 1.0 forbids most C0 controls, U+FFFE, U+FFFF and lone surrogates anywhere in
a document, escaped or not; a consumer that meets one rejects the whole file, and
GitLab drops such a JUnit report without a word. Plan text cannot hold them (the
loader refuses control characters), but a file name can: a name that is not UTF-8
arrives as lone surrogates, and a name may hold U+FFFF. So every string bound for
XML passes through ``xml_text``, which shows each such character as a visible
escape (``\\uffff``), as ``safe_text`` does for a terminal.
"""

from __future__ import annotations

import re

from plantool.render.console import safe_text

# What XML 1.0's Char production leaves out, beyond the controls safe_text already shows.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot hold (and every control character) as a visible escape."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", safe_text(text))
