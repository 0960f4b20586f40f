"""Terminal cells: how wide text is on screen, and control characters made visible.

Every widget that shows document text uses these: widths count CJK characters as two cells
and combining marks as none, and ``sanitize`` keeps offsets into the text valid by replacing
each control character with one visible stand-in.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

# Characters that are certainly one cell wide; anything else takes the careful path.
NOT_NARROW = re.compile(
    "[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2500-\u25fc]"
)
# Control characters (C0, DEL, C1) are replaced one-for-one before display.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_MAP = {0x1B: "␛", 0x7F: "␡"}


def sanitize(text: str) -> str:
    """``text`` with control characters replaced one-for-one by visible stand-ins.

    The result has the same length as ``text``, so offsets into it are offsets into the
    original: ESC becomes "␛", other C0 controls their Control Pictures ("␇"), DEL "␡" and
    C1 controls U+FFFD. Tabs and newlines are left for the caller.
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_control_picture, text)


def _control_picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code in _CONTROL_MAP:
        return _CONTROL_MAP[code]
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Cells taken by one character (0 for combining marks, 2 for wide CJK)."""
    if unicodedata.combining(ch):
        return 0
    return get_character_cell_size(ch)


def is_narrow(text: str) -> bool:
    """True when every character of ``text`` is certainly one cell wide."""
    return NOT_NARROW.search(text) is None


def text_width(text: str) -> int:
    """Cells taken by ``text`` on a terminal."""
    if is_narrow(text):
        return len(text)
    return sum(char_width(ch) for ch in text)
