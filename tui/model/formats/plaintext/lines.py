"""Line classification: the text as lines, then runs of non-blank lines (blocks).

Info dumps need their navigation lines dropped here; scraped pages need the lines a browser
closed with a no-break space remembered (a sign of a heading).
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.shapes import indent_width
from tui.model.formats.plaintext.state import Chunk, State

# An Info node's navigation line (matched from the newline before it, for a fast literal scan).
_INFO_NAV_LINE = re.compile(r"\nFile: [^,\s\n]+,[ \t]+Node: [^,\n]+.*")

_NBSP_END = re.compile(r"\u00a0[ \t\u00a0]*(?=\r?\n|$)")


def normalise_lines(text: str) -> list[str]:
    """The lines of ``text``, right-stripped, without a BOM or Info navigation lines."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "Node: " in text:
        text = _INFO_NAV_LINE.sub("\n", "\n" + text)[1:]
    return list(map(str.rstrip, text.split("\n")))


def split_blocks(lines: list[str]) -> list[Chunk]:
    """Runs of non-blank lines (``lines`` are right-stripped: a blank line is "")."""
    blocks: list[Chunk] = []
    pos = 0
    i = 0
    end = len(lines)
    find = lines.index
    while i < end:
        try:
            j = find("", i)
        except ValueError:
            j = end
        if j > i:
            ls = lines[i:j]
            chunk = "\n".join(ls)
            if "\t" in chunk:
                indents = [len(x) - len(x.lstrip()) if "\t" not in x else indent_width(x) for x in ls]
            else:
                indents = [len(x) - len(x.lstrip()) for x in ls]
            blocks.append(Chunk(ls, pos, 1, 1, indents, chunk))
            pos += len(ls) + 1
        i = j + 1
    return blocks


def marked_lines(text: str) -> frozenset[str]:
    """The lines that end in a no-break space (stripped): a scraper writes a heading so when
    the page closed it with "&nbsp;"."""
    found: set[str] = set()
    for m in _NBSP_END.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        line = text[start : m.start()].strip()
        if line and len(found) < 10_000:
            found.add(line)
    return frozenset(found)


def split_lines(st: State) -> None:
    """The text as right-stripped lines (Info navigation lines dropped), and the lines a
    scraper closed with a no-break space."""
    st.lines = normalise_lines(st.text)
    st.marked = marked_lines(st.text) if "\u00a0" in st.text else frozenset()


def split_into_blocks(st: State) -> None:
    """Runs of non-blank lines."""
    st.blocks = split_blocks(st.lines)
