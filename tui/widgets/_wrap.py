"""Fast greedy line wrapping on terminal cell widths, returning offsets into the text.

The reading pane wraps every block of a document at the current width; for a book this is
hundreds of thousands of words, so wrapping works on offsets (no per-word strings), takes a
fast path when every character is one cell wide, and knows that CJK characters take two
cells and may break anywhere (but not before closing punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rich.cells import get_character_cell_size

# Characters that are certainly one cell wide; anything else takes the careful path.
_NOT_NARROW = re.compile(
    "[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2500-\u25fc]"
)
# Control characters (C0, DEL, C1) are replaced one-for-one before display.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_MAP = {0x1B: "␛", 0x7F: "␡"}

# A line may not start with these (Japanese/Chinese line-breaking rules, simplified).
_NO_START = frozenset("、。，．,.）)」』】〉》〕］｝!?！？ー…・：；:;ぁぃぅぇぉっゃゅょァィゥェォッャュョ")

SPACES = " \u3000"


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
    return _NOT_NARROW.search(text) is None


def text_width(text: str) -> int:
    """Cells taken by ``text`` on a terminal."""
    if is_narrow(text):
        return len(text)
    return sum(char_width(ch) for ch in text)


def wrap(text: str, width: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Greedy-wrap ``text[start:end]`` into lines of at most ``width`` cells.

    Returns ``(line_start, line_end)`` offsets; spaces at a break are dropped, a word longer
    than the width is cut. An empty range gives one empty line.
    """
    end = len(text) if end is None else end
    width = max(width, 2)
    out: list[tuple[int, int]] = []
    if start >= end:
        return [(start, start)]
    if _NOT_NARROW.search(text, start, end) is None:
        _wrap_narrow(text, start, end, width, out)
    else:
        _wrap_wide(text, start, end, width, out)
    return out


def _wrap_narrow(text: str, pos: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    append = out.append
    rfind = text.rfind
    while True:
        if end - pos <= width:
            append((pos, end))
            return
        cut = pos + width
        if text[cut] == " ":
            append((pos, cut))
            pos = cut + 1
        else:
            sp = rfind(" ", pos, cut)
            if sp <= pos:
                append((pos, cut))
                pos = cut
            else:
                append((pos, sp))
                pos = sp + 1
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end:
            return


def _wrap_wide(text: str, pos: int, end: int, width: int, out: list[tuple[int, int]]) -> None:
    cw_of = char_width
    while pos < end:
        w = 0
        i = pos
        brk_end = brk_next = -1
        while i < end:
            ch = text[i]
            cw = cw_of(ch)
            if ch in SPACES:
                brk_end, brk_next = i, i + 1
            elif cw == 2 and i > pos and ch not in _NO_START:
                brk_end, brk_next = i, i
            if w + cw > width and i > pos:
                break
            w += cw
            if cw == 2 and i + 1 < end and text[i + 1] not in _NO_START:
                brk_end, brk_next = i + 1, i + 1
            i += 1
        else:
            out.append((pos, end))
            return
        if text[i] in SPACES:
            out.append((pos, i))
            pos = i + 1
        elif brk_end > pos:
            out.append((pos, brk_end))
            pos = brk_next
        else:
            out.append((pos, i))
            pos = i
        while pos < end and text[pos] in SPACES:
            pos += 1


def cut_cells(text: str, width: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` every ``width`` cells, keeping every space (for code)."""
    end = len(text) if end is None else end
    width = max(width, 2)
    if start >= end:
        return [(start, start)]
    if _NOT_NARROW.search(text, start, end) is None:
        return [(p, min(p + width, end)) for p in range(start, end, width)]
    out: list[tuple[int, int]] = []
    pos = start
    w = 0
    for i in range(start, end):
        cw = char_width(text[i])
        if w + cw > width and i > pos:
            out.append((pos, i))
            pos = i
            w = 0
        w += cw
    out.append((pos, end))
    return out
