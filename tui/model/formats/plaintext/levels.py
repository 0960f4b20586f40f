"""Post passes over the headings found: prose lines taken back, levels, TOC copies dropped.

Scraped articles (sentences that looked like headings), manuals with several underline styles
or numbered depths, licences, and any text whose contents list repeats its headings.
"""

from __future__ import annotations

from tui.model.document import BlockKind, BlockSpec
from tui.model.formats.plaintext.headings import CHAPTER, CJK_CHAPTER, NUMBERED
from tui.model.formats.plaintext.shapes import LEAD_CONJ, reads_as_prose, title_case
from tui.model.formats.plaintext.state import State


def demote_prose_heads(st: State) -> None:
    """Turn back into paragraphs the one-line paragraphs of an article taken for headings:
    a line that reads as a sentence ("And yet the talks go on", "The question has never
    been answered") when it opens with a conjunction, when it heads nothing (another heading
    follows it), or when the article's real headings share a style it lacks (closed by a
    no-break space, or set in Title Case)."""
    if not st.web:
        return
    bare = [(k, idx, h) for k, (idx, h) in enumerate(st.heads) if h.kind == "bare"]
    if not bare:
        return
    marked = [h for _, _, h in bare if h.text in st.marked]
    unmarked = len(bare) - len(marked)
    by_mark = len(marked) >= 2 and len(marked) >= unmarked
    longest = max((len(h.text.split()) for h in marked), default=0)
    tc = sum(1 for _, _, h in bare if title_case(h.text))
    by_case = tc >= 2 and tc > len(bare) - tc
    heading_at = {idx for idx, _ in st.heads}
    drop: set[int] = set()
    for k, idx, h in bare:
        t = h.text
        if title_case(t) or t[-1:] in "?？" or len(t.split()) < 4:
            continue
        prose = reads_as_prose(t)
        if (
            LEAD_CONJ.match(t)
            or (prose and idx + 1 in heading_at)
            or (by_mark and t not in st.marked and (prose or len(t.split()) > longest))
            or (by_case and prose)
        ):
            st.specs[idx] = BlockSpec(BlockKind.PARAGRAPH, t)
            drop.add(k)
    if drop:
        st.heads = [x for k, x in enumerate(st.heads) if k not in drop]


def close_trailing_heading(st: State) -> None:
    """ "THE END", a name signing a note: a short line closing the text heads nothing."""
    if (
        st.heads
        and st.heads[-1][0] == len(st.specs) - 1
        and st.heads[-1][1].kind in ("caps", "bare", "centred")
    ):
        idx, h = st.heads.pop()
        st.specs[idx] = BlockSpec(BlockKind.PARAGRAPH, h.text)


def fix_levels(st: State) -> None:
    """Heading levels: from the number's depth, the underline character's order of first use,
    the indent of labels; chapters at the top."""
    specs = st.specs
    char_depth: dict[str, int] = {}
    order: list[str] = []
    has_chapter = any(h.kind == "chapter" for _, h in st.heads)
    label_indents = sorted({h.indent for _, h in st.heads if h.kind in ("caps", "label")})
    for _, h in st.heads:
        if h.char and h.char not in order:
            order.append(h.char)
        if h.char and h.number and h.char not in char_depth:
            char_depth[h.char] = h.level if h.kind != "chapter" else 1
    seen_signature = False
    for idx, h in st.heads:
        seen_signature = seen_signature or h.kind == "signature"
        if h.kind in ("numbered", "chapter"):
            level = h.level
        elif h.kind == "setext":
            level = char_depth.get(h.char) or order.index(h.char) + 1
        elif h.kind == "outline":
            level = h.level
        elif h.kind == "bare" and seen_signature:
            level = 3  # a subsection of a release ("Bugfixes" under "Version 0.2")
        elif h.kind in ("caps", "label") and len(label_indents) > 1:
            level = 2 + label_indents.index(h.indent)
        elif h.kind == "pilcrow":
            level = 2
        elif h.kind == "seq":
            level = 1  # set below, from the heading over them
        else:
            level = 2 if h.kind != "centred" else 1
        if has_chapter and h.kind == "chapter":
            level = 1
        specs[idx].level = level


def seq_levels(st: State) -> None:
    """A licence's numbered section titles sit under the heading just before the first of
    them ("TERMS AND CONDITIONS" / "0. Definitions."), else beside the other headings."""
    if not st.seq:
        return
    heads = st.heads
    k = next((k for k, (_, h) in enumerate(heads) if h.kind == "seq"), -1)
    if k < 0:
        return
    specs = st.specs
    others = [specs[idx].level for idx, h in heads if h.kind != "seq"]
    level = min(others) if others else 1
    if k > 0:
        idx, prev = heads[k - 1]
        if prev.kind in ("bare", "caps", "label", "centred") and heads[k][0] - idx <= 2:
            level = specs[idx].level + 1
    for idx, h in heads:
        if h.kind == "seq":
            specs[idx].level = level


def drop_toc_duplicates(st: State) -> None:
    """A numbered heading repeated later (a table-of-contents copy) is not a heading."""
    last: dict[tuple[str, str], int] = {}
    keyed: list[tuple[int, tuple[str, str]]] = []
    for idx, h in st.heads:
        if not h.number:
            continue
        title = h.text
        m = CHAPTER.match(title) or CJK_CHAPTER.match(title) or NUMBERED.match(title)
        rest = m.group(m.lastindex or 1) if m else title
        key = (h.number.strip("."), " ".join(rest.lower().split()))
        last[key] = idx
        keyed.append((idx, key))
    demote = {idx for idx, key in keyed if last[key] != idx}
    if not demote:
        return
    for idx in demote:
        s = st.specs[idx]
        st.specs[idx] = BlockSpec(BlockKind.LIST_ITEM, s.text, level=1)
    st.heads = [(i, h) for i, h in st.heads if i not in demote]
