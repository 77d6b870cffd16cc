"""Characters a text must not carry to the player's screen: control characters (ESC starts a
terminal escape sequence that can retitle or clear the terminal; NUL and the others confuse
whatever reads the output) and the bidi overrides that make text display in another order than
it reads.  Newlines and tabs are fine.

Pack texts are refused at validation when they hold one (``find_unsafe``, used by the pack
checks), and everything the terminal prints is cleaned on the way out (``clean``), so a text
that slipped past (a save, a typed line echoed back) still can't reach the terminal raw.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates (U+202A..U+202E, U+2066..U+2069)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """The text with every unsafe character removed (a carriage return becomes nothing: the
    terminal's own newline ends a line)."""
    return UNSAFE.sub("", text)


def find_unsafe(text: str) -> tuple[int, str] | None:
    """(index, name) of the first unsafe character, or None when the text is clean."""
    m = UNSAFE.search(text)
    if m is None:
        return None
    return m.start(), describe(m.group())


def describe(ch: str) -> str:
    names = {"\x00": "NUL", "\x1b": "ESC", "\x07": "BEL", "\x08": "backspace", "\r":
             "carriage return", "\x7f": "DEL", "\x0c": "form feed", "\x0b": "vertical tab"}
    if ch in names:
        return f"{names[ch]} (U+{ord(ch):04X})"
    name = unicodedata.name(ch, "")
    return f"{name.lower() or 'control character'} (U+{ord(ch):04X})"
