"""The pass that emits each block: headings, rules, contents lists, Info menus, figures, and
body blocks (handed to :mod:`.blocks`).

Info manuals (menus), manuals with a table of contents, scraped articles with images.
"""

from __future__ import annotations

import re

from tui.model.document import BlockKind, BlockSpec
from tui.model.formats.plaintext.blocks import body_block
from tui.model.formats.plaintext.headings import (
    CHAPTER_LABEL,
    NUMBERED,
    add_head,
    bare_head,
    cached_head,
    signature_head,
)
from tui.model.formats.plaintext.reflow import literal, reflow
from tui.model.formats.plaintext.shapes import (
    BULLET,
    IMAGE,
    LIST_START,
    NAV_ROW,
    ORDERED,
    count_at_least,
    title_case,
    title_like,
)
from tui.model.formats.plaintext.state import Chunk, Head, State

_RULE = re.compile(r"^\s*(?:([-=_*~#])\s*\1(?:\s*\1)+|[\u2500-\u257f]{3,})\s*$")

_MENU = re.compile(r"^\* Menu:\s*$")

# A table-of-contents entry's page number, after dot leaders or a wide gap.
_TOC_LEADER = re.compile(r"(?:\. ?){3,}\s*\d+$|\S {2,}\d{1,4}$")

_TOC_LABEL = re.compile(r"^\s*(?:table of contents|contents|目次|目录|inhalt|índice|sommaire)\s*:?\s*$", re.I)

# A caption that says it is one: a photo's source or kind ("(File photo)", "Photo: Xinhua").
_PHOTO_NOTE = re.compile(
    r"\b(?:photo|photograph|pictured|courtesy|credit|getty images|reuters|xinhua|afp|ap photo)\b"
    r"|资料图|資料圖|图片|圖片|图/|圖/|摄影|攝影",
    re.I,
)

_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）]?(?:\s|$)")


def emit_blocks(st: State) -> None:
    """Emit each block as a heading, rule, table of contents, figure or body block."""
    blocks = st.blocks
    specs = st.specs
    in_menu = False
    def_indent = -1
    toc = False
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if "* Menu:" in b.text:
            menu = _menu_start(b)
            if menu is not None:
                in_menu = True
                if not menu.lines:
                    continue
                b = menu
        first = b.lines[0]
        head = None if b.head_known and b.head is None else cached_head(st, b)
        if in_menu:
            if head is None or not head.char:
                continue
            in_menu = False
        if head is not None and (head.kind == "seq" or head.char):
            if _marked_head(st, b, head, i):
                toc = False
                if head.kind == "seq":
                    def_indent = -1
            continue
        if len(b.lines) == 1 and _RULE.match(first):
            specs.append(BlockSpec(BlockKind.RULE, ""))
            continue
        if head is None and st.signatures:
            head = signature_head(st, b)
            if head is not None and len(b.lines) > 1:
                blocks.insert(i, Chunk(b.lines[1:], b.start + 1, 0, b.blank_after, b.indents[1:]))
        if head is None and st.labels and len(b.lines) == 1 and first.strip() in st.labels:
            head = Head(first.strip(), "label", indent=b.indent)
        if head is None and not st.pilcrow_mode:
            head = bare_head(st, b, blocks[i] if i < len(blocks) else None)
        if head is not None and head.kind == "chapter" and i < len(blocks) and CHAPTER_LABEL.match(head.text):
            # "CHAPTER III." / (blank) / "The Storm": the title stands in the next block.
            nxt = blocks[i]
            t = nxt.lines[0].strip()
            if (
                len(nxt.lines) == 1
                and title_like(t, 100)
                and t[-1] not in ".!"
                and cached_head(st, nxt) is None
            ):
                head = Head(f"{head.text} {t}", head.kind, head.level, head.number)
                i += 1
        if head is not None:
            if head.kind in ("bare", "caps", "centred") and _TOC_LABEL.match(head.text):
                toc = True
                specs.append(BlockSpec(BlockKind.PARAGRAPH, head.text))
                continue
            add_head(st, head)
            toc = head.kind == "label" and _TOC_LABEL.match(head.text) is not None
            def_indent = -1
            continue
        if len(b.lines) == 1 and _TOC_LABEL.match(first):
            toc = True
            specs.append(BlockSpec(BlockKind.PARAGRAPH, first.strip()))
            continue
        if toc and _toc_entries(st, b):
            continue
        if toc and not all(
            ORDERED.match(x) or NUMBERED.match(x.strip()) or b.indents[k] > b.indent
            for k, x in enumerate(b.lines)
        ):
            toc = False
        if len(b.lines) == 1 and "." in first and (m := IMAGE.match(first)):
            i = _figure(st, m.group(1), i)
            continue
        if st.web and len(b.lines) == 1 and "  " in first and NAV_ROW.match(first):
            continue  # a row of links (share buttons, footer menu) of a scraped page
        def_indent = body_block(st, b, def_indent)


def _menu_start(b: Chunk) -> Chunk | None:
    """An Info menu ("* Menu:") starting in block ``b``: the part of ``b`` above it (perhaps
    no lines), or None when ``b`` has no menu line."""
    if _MENU.match(b.lines[0]):
        return Chunk([], b.start, b.blank_before, 0, [])
    if any(_MENU.match(x) for x in b.lines[1:]):
        k = next(k for k, x in enumerate(b.lines) if _MENU.match(x))
        return Chunk(b.lines[:k], b.start, b.blank_before, 0, b.indents[:k])
    return None


def _marked_head(st: State, b: Chunk, head: Head, i: int) -> bool:
    """Emit a licence's numbered title or an underlined title (the lines under it go back into
    the stream at ``i``); False when the block is not taken as a heading after all."""
    blocks = st.blocks
    if head.kind == "seq":
        add_head(st, head)
        if head.rest or len(b.lines) > 1:
            # The body run in after the title: the heading's line, without the title.
            ind = b.indents[1] if len(b.lines) > 1 else b.indent
            lines = ([" " * ind + head.rest] if head.rest else []) + b.lines[1:]
            nb = Chunk(lines, b.start, 0, b.blank_after, [ind] * bool(head.rest) + b.indents[1:])
            nb.head_known = True
            blocks.insert(i, nb)
        return True
    specs = st.specs
    skip = len(head.char) + 1  # an overlined title takes three lines
    prev = specs[-1] if specs else None
    if len(b.lines) > skip and prev is not None and prev.text.endswith((":", "：")):
        # An underlined title inside an example that "the following" introduces.
        specs.append(BlockSpec(BlockKind.CODE, literal(b)))
        return False
    rest = b.lines[skip:]
    lead_in = head.text.endswith(":") and not head.number
    if lead_in:
        # "In the ... section:" / "-----": a lead-in to what follows, not a title.
        specs.append(BlockSpec(BlockKind.PARAGRAPH, head.text))
    else:
        add_head(st, head)
    if rest:
        blocks.insert(i, Chunk(rest, b.start + skip, 0, b.blank_after, b.indents[skip:]))
    return not lead_in


def _toc_entries(st: State, b: Chunk) -> bool:
    """Emit a block of a table of contents: its entries stay one a line."""
    lines = b.lines
    if len(lines) < 2 or (
        LIST_START.match(lines[0]) and not count_at_least(lines, _TOC_LEADER.search, -(-len(lines) // 2))
    ):
        return False
    st.specs.append(BlockSpec(BlockKind.PARAGRAPH, "\n".join(" ".join(x.split()) for x in lines)))
    return True


def _figure(st: State, src: str, i: int) -> int:
    """Emit a figure for an image file name, captioned by the block at ``i`` when that reads as
    its caption; returns the index of the next block to emit."""
    blocks = st.blocks
    stem = src.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    alt = " ".join(stem.replace("_", " ").replace("-", " ").split())
    caption = ""
    if i < len(blocks) and len(blocks[i].lines) <= 6:
        nxt = blocks[i]
        cap = reflow(nxt.lines)
        if (
            len(cap) <= 600
            and cached_head(st, nxt) is None
            and not BULLET.match(nxt.lines[0])
            and not IMAGE.match(nxt.lines[0])
            and caption_like(st, nxt, cap)
        ):
            caption = cap
            i += 1
    st.specs.append(BlockSpec(BlockKind.FIGURE, caption or alt, src=src, alt=alt))
    return i


def caption_like(st: State, b: Chunk, cap: str) -> bool:
    """Whether the block ``b`` under an image (its text ``cap``) is the image's caption, not
    the article's next paragraph or section heading."""
    if not _PHOTO_NOTE.search(cap) and (len(cap) > 320 or len(_SENTENCE_END.findall(cap)) >= 3):
        return False  # a paragraph of prose: the image has no caption
    if len(b.lines) != 1:
        return True
    t = b.lines[0].strip()
    if t in st.marked:
        return False  # a heading the page marked as such
    return not (title_case(t) and title_case_heads(st) >= 3 and t[-1:] not in ".!")


def title_case_heads(st: State) -> int:
    """How many one-line blocks standing alone look like headings set in Title Case."""
    if st.tc_heads is None:
        st.tc_heads = sum(
            1
            for b in st.blocks
            if len(b.lines) == 1
            and b.indent <= st.base
            and title_case(b.lines[0].strip())
            and title_like(b.lines[0], 70)
            and b.lines[0].rstrip()[-1:] not in ".!"
            and not IMAGE.match(b.lines[0])
        )
    return st.tc_heads
