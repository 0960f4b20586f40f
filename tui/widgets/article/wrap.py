"""Fast greedy line wrapping on terminal cell widths, returning offsets into the text.

The reading pane wraps every block of a document at the current width; for a book this is
hundreds of thousands of words, so wrapping works on offsets (no per-word strings), takes a
fast path when every character is one cell wide, and knows that CJK characters take two
cells and may break anywhere (but not before closing punctuation).
"""

from __future__ import annotations

from tui.widgets.cells import NOT_NARROW, char_width

# A line may not start with these (Japanese/Chinese line-breaking rules, simplified).
_NO_START = frozenset("、。，．,.）)」』】〉》〕］｝!?！？ー…・：；:;ぁぃぅぇぉっゃゅょァィゥェォッャュョ")

SPACES = " \u3000"


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
    if NOT_NARROW.search(text, start, end) is None:
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
    if NOT_NARROW.search(text, start, end) is None:
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
