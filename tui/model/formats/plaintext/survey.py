"""Document-wide findings taken before blocks are emitted: how this text marks its structure.

The body indent (RFCs and manuals indent their body), labels at the margin over indented bodies
(man and help pages), pilcrow headings (dumped Sphinx pages), Emacs outline stars (NEWS files),
a licence's numbered section titles, recurring "Version N" heading shapes (change logs).
"""

from __future__ import annotations

import re
from collections import Counter

from tui.model.formats.plaintext.headings import (
    NUMBERED,
    OUTLINE_HEAD,
    SIGNATURE,
    explicit_head,
    section_label,
)
from tui.model.formats.plaintext.reflow import reflow
from tui.model.formats.plaintext.shapes import LIST_START, PILCROW, title_like
from tui.model.formats.plaintext.state import Chunk, Head, State

# Short words a title in capitals may keep in lower case ("Revised Versions of this License").
_MINOR_WORDS = frozenset(
    ["this", "that", "with", "from", "into", "than", "upon", "over", "under", "onto", "within", "about"]
)

# A licence's section title: "0. Definitions." alone on its line, or run in ahead of the body
# ("2. Grant of Copyright License. Subject to the terms ...").
_SEQ_HEAD = re.compile(r"(\d{1,2})\.\s+([A-Z][^.!?;:]{0,80}\.)(?:\s+(\S.*))?$")


def base_indent(blocks: list[Chunk]) -> int:
    """The indent of the text's body: the most common indent of paragraph-like blocks."""
    c: Counter[int] = Counter()
    for b in blocks:
        n = len(b.lines)
        if n < 2:
            continue
        ind = b.indents[0]
        # Lines of the same indent, 30 characters or more on average, not a list.
        if (
            b.indents[1] == ind
            and (n == 2 or b.indents[2] == ind)
            and (len(b.text) - n + 1) / n > 30
            and not LIST_START.match(b.lines[0])
        ):
            c[ind] += n
    return c.most_common(1)[0][0] if c else 0


def has_label_bodies(st: State, blocks: list[Chunk]) -> bool:
    """Whether sections are labels in capitals at the margin over an indented body
    ("NAME" / "    json", "DESCRIPTION" / "    ...": help pages): three or more, and at
    least half of the terms with such a hanging body. The body of NAME becomes the title."""
    name: list[str] = []
    labels = terms = 0
    for b in blocks:
        ind = b.indents
        if ind[0] or len(ind) < 2 or min(ind[1:]) < 2:
            continue
        terms += 1
        term = b.lines[0]
        if term.isupper() and section_label(st, term):
            labels += 1
            if term == "NAME" and not name:
                name = b.lines[1:]
        elif terms > 2 * labels + 10:
            return False  # a list of definitions
    if labels < 3 or 2 * labels < terms:
        return False
    if name and "title" not in st.meta:
        st.meta["title"] = reflow(name)
    return True


def first_line_indent(st: State, blocks: list[Chunk]) -> int:
    """The indent of paragraphs that indent only their first line, when the text has them."""
    base = st.base
    c: Counter[int] = Counter()
    for b in blocks:
        ind = b.indents
        if len(ind) > 1 and ind[0] >= base + 2 and ind[1] <= base and max(ind[1:]) <= base:
            c[ind[0]] += 1
    if not c:
        return 0
    ind, k = c.most_common(1)[0]
    return ind if k >= 2 else 0


def label_heads(st: State, blocks: list[Chunk]) -> set[str]:
    """Section labels outside an indented body ("Abstract", "Status of This Memo" at the
    margin, the body indented under them), when the text has two or more such labels."""
    base = st.base
    if base < 2:
        return set()
    seen: Counter[str] = Counter()
    found: list[str] = []
    # Only outside the run of numbered headings: front and back matter ("Note" or
    # "Rationale" labels between numbered sections are paragraph labels).
    heads = [k for k, b in enumerate(blocks) if b.head is not None]
    lo, hi = (heads[0], heads[-1]) if heads else (len(blocks), -1)
    for k, b in enumerate(blocks[:-1]):
        if len(b.lines) != 1 or b.indent >= base:
            continue
        t = b.lines[0].strip()
        seen[t] += 1
        nxt = blocks[k + 1]
        if (
            (k < lo or k > hi)
            and "," not in t
            and not any(c.isdigit() or c == "©" for c in t)
            and nxt.indent == base
            and title_like(t, 60)
            and t[-1] not in ".!?,;:"
            and len(t.split()) <= 6
            and not LIST_START.match(t)
            and not NUMBERED.match(t)
            and b.head is None
        ):
            found.append(t)
    labels = {t for t in found if seen[t] == 1}
    return labels if len(labels) >= 2 else set()


def numbered_sequence(blocks: list[Chunk]) -> dict[int, Head]:
    """Section titles of a licence-like text, by the start of their block: "0. Definitions."
    standing alone over its body, or "2. Grant of Copyright License. Subject to ..." run in
    ahead of it (a short title in capitals). Three or more, numbered 0 or 1, 2, 3 ... in
    order; they need not start at the margin."""
    found: dict[int, Head] = {}
    run: dict[int, Head] = {}
    expect = -1
    for k, b in enumerate(blocks):
        if b.indents[0] > 8:
            continue
        t = b.lines[0].lstrip()
        if not t[:1].isdigit():
            continue
        m = _SEQ_HEAD.match(t)
        if m is None:
            continue
        num = int(m.group(1))
        if num != expect and num > 1:
            continue
        title = m.group(2)[:-1]
        words = title.split()
        if not words or len(words) > 10:
            continue
        if any(w[:1].islower() and len(w) > 3 and w not in _MINOR_WORDS for w in words):
            continue  # a title is set in capitals ("Conveying Verbatim Copies"), a step is not
        run_in = m.group(3)
        if len(b.lines) == 1 and run_in is None:
            nxt = blocks[k + 1] if k + 1 < len(blocks) else None
            if nxt is None or (nxt.indent <= b.indent and _SEQ_HEAD.match(nxt.lines[0].lstrip())):
                continue  # a list of one-line items, not titles over their bodies
        elif run_in is None or len(words) > 8 or not run_in[:1].isupper() or len(b.lines) < 2:
            continue
        if num != expect:  # 0 or 1: a new run begins
            if len(run) >= 3:
                found.update(run)
            run = {}
        num_s = m.group(1)
        run[b.start] = Head(f"{num_s}. {title}", "seq", level=1, number=num_s, rest=run_in or "")
        expect = num + 1
    if len(run) >= 3:
        found.update(run)
    return found


def heading_signatures(blocks: list[Chunk]) -> set[tuple[str, int]]:
    """Recurring heading shapes such as "Version 6.6, ..." / "Release 2": word, number."""
    c: Counter[tuple[str, int]] = Counter()
    for b in blocks:
        if not b.blank_before or len(b.lines) > 3:
            continue
        first = b.lines[0].strip()
        m = SIGNATURE.match(first)
        if m and len(first) <= 70 and title_like(first.rstrip("."), 70):
            c[(m.group(1), b.indent)] += 1
    return {k for k, v in c.items() if v >= 5}


def survey_layout(st: State) -> None:
    """The body indent, and the heading styles the text uses throughout (man-page labels,
    pilcrow headings, Emacs outline stars, a licence's numbered section titles)."""
    blocks = st.blocks
    st.base = base_indent(blocks)
    st.label_bodies = not st.man_page and has_label_bodies(st, blocks)
    singles = [b.lines[0] for b in blocks if len(b.lines) == 1]
    st.pilcrow_mode = sum(1 for x in singles if "¶" in x and PILCROW.match(x)) >= 3
    # Emacs outline style ("* Release 2.3" / "** Bug fixes"): star headings at the margin.
    stars = [x for x in singles if x[:2] in ("* ", "**") and OUTLINE_HEAD.match(x)]
    st.outline_mode = len(stars) >= 3 and any(x[:2] == "**" for x in stars)
    st.seq = numbered_sequence(blocks)


def find_explicit_headings(st: State) -> None:
    """A first pass over the blocks for marked headings (underlined, numbered, chapters), which
    tells how the text marks its headings: bare short lines are headings only where few are."""
    found: list[Head] = []
    for b in st.blocks:
        h = b.head = explicit_head(st, b)
        b.head_known = True
        if h is not None and h.kind != "seq":
            found.append(h)
    st.underlined_numbers = sum(1 for h in found if h.char and h.number) >= 3
    st.has_chapters = sum(1 for h in found if h.kind == "chapter") >= 2
    st.bare_ok = len(found) < 3 and not st.man_page


def survey_labels(st: State) -> None:
    """Recurring heading shapes ("Version N"), first-line paragraph indents and section labels
    outside an indented body."""
    blocks = st.blocks
    st.signatures = heading_signatures(blocks) if st.bare_ok else set()
    st.first_indent = first_line_indent(st, blocks)
    st.labels = label_heads(st, blocks)
