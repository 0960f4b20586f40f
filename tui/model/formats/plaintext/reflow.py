"""Re-flow of hard-wrapped prose, and the blocks whose line breaks are kept.

Every wrapped text needs the join (e-mails, RFCs, manuals, e-texts); a word hyphenated at a line
end keeps its hyphen, and two CJK characters join without a space (Chinese and Japanese manuals).
Verse, addresses and signatures keep their lines; preformatted blocks keep every space.
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.shapes import LIST_START, NOTE_MARK
from tui.model.formats.plaintext.state import Chunk, State
from tui.model.text import CJK_RANGES

# A line end a writer chose: after punctuation, or before a capital or a digit.
_CHOSEN_BREAK = re.compile(r"[.,;:!?)\"'”’»—]\n|\n(?=[ \t]*[A-Z0-9\u00c0-\u00de])")

_JOIN_TIGHT = re.compile(f"\n(?:(?<=[A-Za-z]-\n)(?=[A-Za-z])|(?<=[{CJK_RANGES}]\n)(?=[{CJK_RANGES}]))")


def reflow(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph (no space between two CJK characters).

    A word broken after a hyphen ("Non-" / "Maintainer") is joined keeping the hyphen.
    """
    if len(lines) == 1:
        return lines[0].strip()
    parts = list(map(str.strip, lines))
    if "" in parts:
        parts = [p for p in parts if p]
    text = "\n".join(parts)
    if "-\n" in text or not text.isascii():
        text = _JOIN_TIGHT.sub("", text)
    return text.replace("\n", " ")


def verse_breaks(lines: list[str], wrap: int) -> tuple[float, float]:
    """Of a block's line ends: the share a writer chose (after punctuation, or before a
    capital), and the share that came early (the next word would have fitted the width)."""
    n = len(lines)
    chosen = short = 0
    for k in range(n - 1):
        line = lines[k].rstrip()
        end = line[-1:]
        if end == "-":
            return 0.0, 0.0  # a word hyphenated across lines: hard-wrapped prose
        nxt = lines[k + 1].lstrip()
        head = nxt[:1]
        if end in ".,;:!?)\"'”’»—" or head.isupper() or head.isdigit():
            chosen += 1
        if len(line) + 1 + len(nxt.split(" ", 1)[0]) <= wrap - 4:
            short += 1
    words = sum(len(x.split()) for x in lines)
    if words < 1.5 * n:
        return 0.0, 0.0
    return chosen / (n - 1), short / (n - 1)


def is_verse(st: State, b: Chunk) -> bool:
    """Short lines whose breaks are meant (verse, an address, a signature): the lines end a
    phrase or come before a capital, and are shorter than the text's wrapping width."""
    lines = b.lines
    n = len(lines)
    if n > 40 or len(b.text) > 65 * n or max(map(len, lines)) > 64 or LIST_START.match(lines[0]):
        return False
    if not b.text.isascii():
        # Display width, roughly: a wide character takes 3 bytes in UTF-8 and 2 cells.
        if (len(b.text.encode()) + len(b.text)) // 2 > 65 * n:
            return False
        if max((len(x.encode()) + len(x)) // 2 for x in lines) > 64:
            return False
    if len(_CHOSEN_BREAK.findall(b.text)) < 0.3 * (n - 1):
        return False  # most lines run on into the next: wrapped prose
    chosen, short = verse_breaks(lines, wrap_width(st))
    if n == 2:
        ok = chosen == 1.0 and short == 1.0
    else:
        ok = (chosen >= 0.75 and short >= 0.34) or (chosen >= 0.3 and short >= 0.67)
    return ok or (chosen >= 0.3 and verse_text(st))


def verse_text(st: State) -> bool:
    """Whether the text is verse throughout: most of its blocks of several lines break
    their lines by choice (then the lines set the wrapping width themselves)."""
    if st.verse_doc is None:
        total = chosen = 0
        for b in st.blocks:
            if len(b.lines) < 2:
                continue
            total += 1
            n = len(b.lines)
            if (
                len(b.text) <= 65 * n
                and len(_CHOSEN_BREAK.findall(b.text)) >= 0.75 * (n - 1)
                and max(map(len, b.lines)) <= 64
                and verse_breaks(b.lines, 0)[0] >= 0.75
            ):
                chosen += 1
            if total >= 200:
                break
        st.verse_doc = total >= 2 and chosen >= 0.6 * total
    return st.verse_doc


def wrap_width(st: State) -> int:
    """The width the text is wrapped at: a high percentile of its line lengths."""
    if st.wrap is None:
        step = max(1, len(st.lines) // 5000)
        sample = sorted(len(x) for x in st.lines[::step] if x)
        st.wrap = sample[int(len(sample) * 0.9)] if sample else 80
    return st.wrap


def kept_lines(b: Chunk) -> str:
    """The block's lines, stripped, one a line."""
    return "\n".join(x.strip() for x in b.lines)


def literal(b: Chunk) -> str:
    """The block's lines with tabs expanded and the common indent removed (preformatted text)."""
    lines = [x.expandtabs(8) if "\t" in x else x for x in b.lines]
    cut = min(b.indents) if b.indents else 0
    return "\n".join(x[cut:] for x in lines)


def note_lines(lines: list[str]) -> str | None:
    """A list of notes ("[1] Source, 2023." one under another): each note on a line of its
    own (a wrapped note reflowed), or None when fewer than two lines start a note."""
    notes: list[list[str]] = []
    for x in lines:
        if NOTE_MARK.match(x):
            notes.append([x])
        else:
            notes[-1].append(x)
    return "\n".join(reflow(x) for x in notes) if len(notes) >= 2 else None
