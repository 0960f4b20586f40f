"""Heading rules: setext and overlined titles, numbered sections, chapters, pilcrow, outline
stars, capitals, and short lines standing alone.

Manuals and standards (numbered and underlined sections), e-texts and novels ("CHAPTER I.",
"Book 1"), Japanese manuals ("第1章"), change logs ("Version 6.6"), short articles (bare titles).
"""

from __future__ import annotations

import re

from tui.model.document import BlockKind, BlockSpec
from tui.model.formats.plaintext.shapes import (
    ADDRESS,
    BULLET,
    IMAGE,
    LIST_START,
    NAV_ROW,
    ORDERED,
    PILCROW,
    UNDERLINE,
    display_width,
    title_case,
    title_like,
)
from tui.model.formats.plaintext.state import Chunk, Head, State

OUTLINE_HEAD = re.compile(r"^(\*{1,4}) (\S.*)$")

_RULE_START = frozenset("=-~*^\"+#_.:'`")

CHAPTER_WORD = (
    r"(?:Chapter|CHAPTER|Part|PART|Appendix|APPENDIX|Book|BOOK|Section|SECTION|Act|ACT|Scene|SCENE"
    r"|Letter|LETTER|Stave|STAVE|Canto|CANTO|Volume|VOLUME)"
)

SPELLED = (
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve"
    r"|(?:[Tt]hir|[Ff]our|[Ff]if|[Ss]ix|[Ss]even|[Ee]igh|[Nn]ine)teen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)

CHAPTER_NUM = rf"([0-9]+|[IVXLCDM]+|[A-Z]|{SPELLED}|{SPELLED.upper()})"

CHAPTER = re.compile(rf"^{CHAPTER_WORD}\s+{CHAPTER_NUM}(?:[.:]|\s*[-—–])?\s+(\S.{{0,150}})$")

# A chapter label with no title on its line ("CHAPTER I.", "Chapter One"): the title may follow.
CHAPTER_LABEL = re.compile(rf"^{CHAPTER_WORD}\s+{CHAPTER_NUM}[.:]?$")

# A roman-numbered title on its own line ("IV. Night Train").
_ROMAN_TITLE = re.compile(r"^([IVXLC]{1,7})\.\s+(\S.{0,80})$")

CJK_CHAPTER = re.compile(r"^第\s*([0-9０-９一二三四五六七八九十百]+)\s*[章部編]\s*(\S.{0,150})$")

NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)\s+(\S.{0,150})$")

_CAPS = re.compile(r"^[A-Z][A-Z0-9 '’&/(),.:-]*[A-Z0-9)]$")

SIGNATURE = re.compile(r"^([A-Z][a-z]{2,15})\s+\d")

# A comma and the clause it opens, in a sentence ("..., and the most often forgotten").
_CLAUSE = re.compile(r", (?:and|but|or|yet|so|which|who|where|when|while|because|though|then|not)\s")


def explicit_head(st: State, b: Chunk) -> Head | None:
    """Setext, numbered, chapter or pilcrow heading at the start of a block."""
    if st.seq and b.start in st.seq:
        return st.seq[b.start]
    first = b.lines[0]
    if len(b.lines) >= 3 and first[:1] in _RULE_START and not st.pilcrow_mode:
        # A title between an overline and an underline of the same character.
        over = UNDERLINE.match(first)
        under = UNDERLINE.match(b.lines[2])
        t = b.lines[1].strip()
        if (
            over
            and under
            and over.group(1) == under.group(1)
            and t
            and not UNDERLINE.match(t)
            and display_width(t) <= len(first.strip()) + 2
            and len(t) <= 200
        ):
            return numbered_or(st, t, Head(t, "setext", char="o" + over.group(1)))
    if len(b.lines) >= 2 and b.indents[1] == b.indents[0]:
        m = UNDERLINE.match(b.lines[1].strip()) if b.lines[1] else None
        if m and not UNDERLINE.match(first.strip()):
            t = first.strip()
            w = display_width(t)
            u = len(b.lines[1].strip())
            if w >= 2 and max(3, w - 3) <= u <= w + 6 and len(t) <= 200:
                return numbered_or(st, t, Head(t, "setext", char=m.group(1)))
    if len(b.lines) > 2 or b.indent > st.base + 2:
        return None
    if len(b.lines) == 2:
        second = b.lines[1].strip()
        # A chapter label with its title on the next line ("CHAPTER I." / "The Beginning").
        m = CHAPTER_LABEL.match(first.strip())
        if m and title_like(second, 100) and second[-1:] not in ".!":
            return Head(f"{first.strip()} {second}", "chapter", level=1, number=m.group(1))
        # A numbered heading wrapped onto a short second line.
        if len(second) > 40 or not NUMBERED.match(first.strip()) or ORDERED.match(b.lines[1]):
            return None
        t = f"{first.strip()} {second}"
    else:
        t = first.strip()
    if st.outline_mode and len(b.lines) == 1 and t[:1] == "*":
        m = OUTLINE_HEAD.match(t)
        if m and t[-1] not in ".,;" and len(t) <= 150:
            return Head(m.group(2), "outline", level=len(m.group(1)))
    if st.pilcrow_mode or "¶" in t:
        m = PILCROW.match(t)
        return Head(m.group(1), "pilcrow") if m else None
    h = numbered_or(st, t, None)
    return h


def cached_head(st: State, b: Chunk) -> Head | None:
    """``explicit_head(b)``, reusing the first pass's answer when it cannot have changed.

    The first pass runs before ``underlined_numbers`` and ``has_chapters`` are known; those
    flags only turn a bare numbered heading (no underline) back into None.
    """
    if not b.head_known:
        return explicit_head(st, b)
    h = b.head
    flags = st.underlined_numbers or st.has_chapters
    if flags and h is not None and h.kind == "numbered" and not h.char:
        return explicit_head(st, b)
    return h


def numbered_or(st: State, t: str, default: Head | None) -> Head | None:
    """A chapter or numbered heading read from the title ``t``, else ``default``."""
    m = CHAPTER.match(t) or CJK_CHAPTER.match(t) or CHAPTER_LABEL.match(t)
    if m is None and t[:1] in "IVXLC":
        m = _ROMAN_TITLE.match(t)
        if m and (t[-1] in ".;:," or len(t.split()) > 10 or not title_like(m.group(2))):
            m = None
    if m:
        num = m.group(1)
        h = Head(t, "chapter", level=1, number=num)
        if default is not None:
            h.char = default.char
        return h
    m = NUMBERED.match(t)
    if m:
        num, dot, title = m.group(1), m.group(2), m.group(3)
        depth = num.count(".") + 1
        if len(title) > 120 or title[-1] in ",;" or (title[-1] == "." and len(title.split()) > 10):
            return default
        if depth == 1 and not (
            title[0].isupper() or not title[0].isascii() or title[0] in "/<\"'(`[" or title[0].isdigit()
        ):
            return default
        if default is None and depth == 1 and not dot:
            return None  # "16 Options" only counts when underlined
        if default is None:
            if st.underlined_numbers or title.endswith(":") or len(title.split()) > 14:
                return None  # numbered lines are list items where headings are underlined
            if depth == 1 and (title[-1] in ".!?" or len(title.split()) > 8 or st.has_chapters):
                return None
        h = Head(t, "numbered", level=depth, number=num)
        if default is not None:
            h.char = default.char
        return h
    return default


def signature_head(st: State, b: Chunk) -> Head | None:
    """A heading of one of the text's recurring shapes ("Version 6.6, ..."), or None."""
    if not st.signatures or not b.blank_before:
        return None
    first = b.lines[0].strip()
    m = SIGNATURE.match(first)
    if m and (m.group(1), b.indent) in st.signatures and len(first) <= 70:
        return Head(first, "signature")
    return None


def bare_head(st: State, b: Chunk, nxt: Chunk | None) -> Head | None:
    """A one-line block standing alone taken as a heading: a short line in capitals, or (where the text
    marks few headings) a short title-like line."""
    if len(b.lines) != 1:
        return None
    t = b.lines[0].strip()
    if "  " in t and NAV_ROW.match(t):
        return None
    if BULLET.match(b.lines[0]) or ORDERED.match(b.lines[0]) or IMAGE.match(t):
        return None
    words = t.split()
    letters = [c for c in t if c.isalpha()]
    caps = (
        len(letters) >= 3
        and len(letters) >= 0.7 * len(t.replace(" ", ""))
        and _CAPS.match(t) is not None
        and (nxt is None or nxt.indent <= b.indent)
        and all(c.isupper() for c in letters if c.isascii())
        and t.isascii()
        and len(words) <= 6
        and t[-1] not in ".,;:"
        and b.indent <= st.base
    )
    if caps and b.blank_before and b.blank_after:
        return Head(t, "caps", indent=b.indent)
    if not st.bare_ok or not (b.blank_before and b.blank_after):
        return None
    if ("@" in t or "/" in t or "www." in t) and ADDRESS.search(t):
        return None  # a signature ("Jane Doe <jane@example.org>") or a link
    if not title_like(t, 70) or len(words) > 10 or t[-1] in ".!" or (t[-1] == "?" and len(words) > 8):
        return None
    if len(words) >= 7 and ", " in t and _CLAUSE.search(t) and not title_case(t):
        return None  # a sentence with a clause after its comma, though without a full stop
    if b.indent <= st.base:
        return Head(t, "bare")
    if b.indent >= 8:
        return Head(t, "centred")
    return None


def add_head(st: State, h: Head) -> None:
    """Emit a heading block."""
    st.heads.append((len(st.specs), h))
    text = h.text.strip()
    st.specs.append(BlockSpec(BlockKind.HEADING, text, level=h.level, number=h.number.replace("．", ".")))


def section_label(st: State, term: str) -> bool:
    """A short title that can head a section of a man page."""
    if len(term) > 60 or len(term.split()) > 6 or term[-1] in ".,;:!?" or not title_like(term, 60):
        return False
    if LIST_START.match(term) or term[0] == "-":
        return False
    return sum(1 for c in term if c.isalpha()) >= 3
