"""Body blocks: tables, ASCII art, code, definitions, lists, notes, quotes and paragraphs.

Manuals and READMEs (commands and code indented under prose), change logs (numbered items),
git howtos (commit graphs), standards (column tables), man pages (definitions), articles (notes).
"""

from __future__ import annotations

import re

from tui.model.document import BlockKind, BlockSpec
from tui.model.formats.plaintext.headings import add_head, section_label
from tui.model.formats.plaintext.reflow import is_verse, kept_lines, literal, note_lines, reflow
from tui.model.formats.plaintext.shapes import (
    BULLET,
    CODE_CHARS,
    COLUMNS,
    LIST_START,
    NOTE_MARK,
    ORDERED,
    count_at_least,
    is_art_line,
    is_code_line,
    is_prose_line,
    looks_like_prose,
)
from tui.model.formats.plaintext.state import Chunk, Head, State

_WIDE_GAP = re.compile(r"\S {8,}\S")

_SENTENCE_GAP = re.compile(r"[.!?:;]\s{2,}[A-Z\"'(]")

# "\S {2,}\S" written to start with its two spaces, so that a search skips ahead fast.
_COL_GAP = re.compile(r"  (?<=\S  ) *\S")

_BOX = re.compile(r"[\u2500-\u257f]|^[ \t]*\+[-=+]{3,}\+?[ \t]*$|^[ \t]*\|.*\|[ \t]*$", re.M)

_BOX_CHAR = re.compile(r"[\u2500-\u257f]")

_ART_RUN = re.compile(r"[-=_|/\\+*<>~^#'`][-=_|/\\+*<>~^#'`]{2}")  # a leading class scans fast

# The heading over an article's notes.
_NOTES_LABEL = re.compile(
    r"(?:notes?|end ?notes|footnotes|references|sources|bibliography|works cited"
    r"|注释|注釋|脚注|腳註|参考文献|參考文獻|参考资料|參考資料)\s*[:：]?$",
    re.I,
)


def body_block(st: State, b: Chunk, def_indent: int) -> int:
    """Emit a body block (table, art, list, definition, code or prose); returns the indent of a
    definition body that following blocks continue, or -1."""
    specs = st.specs
    lines = b.lines
    base = st.base
    first = lines[0]
    joined = b.text
    # Box drawing: box characters, or "+---+" / "| ... |" lines.
    if (not joined.isascii() and _BOX_CHAR.search(joined)) or (
        ("|" in joined or "+" in joined) and _BOX.search(joined)
    ):
        specs.append(BlockSpec(BlockKind.CODE, literal(b)))
        return def_indent
    # ASCII art: the first line, or at least a third of the lines.
    if (" /" in joined or " \\" in joined or "|" in joined or _ART_RUN.search(joined)) and (
        is_art_line(first) or count_at_least(lines[1:], is_art_line, -(-len(lines) // 3))
    ):
        specs.append(BlockSpec(BlockKind.CODE, literal(b)))
        return def_indent
    if LIST_START.match(first) and numbered_notes(st, b):
        return def_indent
    if LIST_START.match(first) and list_items(st, b):
        return def_indent
    # A table tail after an introducing paragraph (or a table on its own).
    t = table_start(st, b) if len(lines) > 1 and "  " in joined and _COL_GAP.search(joined) else None
    if t is not None:
        if t == 0 and not specs and all(_WIDE_GAP.search(x.strip()) for x in lines if COLUMNS.search(x)):
            # A header set out in two far-apart columns at the top (authors, dates): layout.
            specs.append(BlockSpec(BlockKind.CODE, literal(b)))
            return def_indent
        if t > 0:
            prose_block(st, Chunk(lines[:t], b.start, indents=b.indents[:t]), def_indent)
        tb = Chunk(lines[t:], b.start + t, indents=b.indents[t:])
        specs.append(BlockSpec(BlockKind.TABLE, literal(tb)))
        return def_indent
    # Definition: a term at the margin with a hanging, indented body.
    if len(lines) >= 2 and b.indents[0] <= base and min(b.indents[1:]) > b.indents[0] + 1:
        term = first.strip()
        if (
            (st.man_page and b.indents[0] < base <= min(b.indents[1:]))
            or (st.label_bodies and b.indents[0] == 0 and term.isupper())
        ) and section_label(st, term):
            # A section label out in the margin over its body ("NAME" / "   ls - list ...").
            add_head(st, Head(term, "label", indent=b.indents[0]))
            # Where labels sit at the margin, the blocks at their body's indent are paragraphs.
            body_indent = min(b.indents[1:]) if st.label_bodies else -1
            return body_block(st, Chunk(lines[1:], b.start + 1, 0, b.blank_after, b.indents[1:]), body_indent)
        if (len(term) <= 80 and not is_prose_line(term)) or term.endswith(":"):
            specs.append(BlockSpec(BlockKind.PARAGRAPH, term))
            body = Chunk(lines[1:], b.start + 1, indents=b.indents[1:])
            prose_block(st, body, b.indents[1], as_def=True)
            return b.indents[1]
    return prose_block(st, b, def_indent)


def numbered_notes(st: State, b: Chunk) -> bool:
    """Notes numbered "1. ..." under a "Notes" / "References" / "注释" heading: one
    paragraph, a note a line (a wrapped note reflowed), not list items of the body."""
    specs = st.specs
    k = len(specs) - 1
    while k >= 0 and specs[k].kind is BlockKind.PARAGRAPH and specs[k].text[:1].isdigit():
        k -= 1  # notes set apart by blank lines, one block each
    if k < 0 or specs[k].kind is not BlockKind.HEADING or not _NOTES_LABEL.match(specs[k].text):
        return False
    notes: list[list[str]] = []
    for x in b.lines:
        m = ORDERED.match(x)
        if m and m.group(2)[:1].isdigit():
            notes.append([x.strip()])
        elif notes and not BULLET.match(x):
            notes[-1].append(x)
        else:
            return False
    specs.append(BlockSpec(BlockKind.PARAGRAPH, "\n".join(reflow(n) for n in notes)))
    return True


def first_line_indented(st: State, b: Chunk) -> bool:
    """A paragraph that indents its first line ("\tThe minutes of ..." / "true record ...")."""
    ind = st.first_indent
    if not ind or b.indent != ind:
        return False
    if len(b.lines) > 1:
        return max(b.indents[1:]) <= st.base
    return is_prose_line(b.lines[0])


def prose_block(st: State, b: Chunk, def_indent: int, as_def: bool = False) -> int:
    """Emit a block of prose: an indented quote or code, a paragraph (re-flowed unless its line breaks
    are meant), or notes; returns the definition indent as :func:`body_block` does."""
    lines = b.lines
    n = len(lines)
    rel = b.indent - st.base
    if not as_def and (
        (">>> " in lines[0] and lines[0].lstrip().startswith(">>> "))
        or (st.specs and st.specs[-1].text[-2:] == "::" and (n > 1 or rel >= 0))
    ):
        # An interactive session, or a literal block after "::" (reStructuredText).
        st.specs.append(BlockSpec(BlockKind.CODE, literal(b)))
        return def_indent
    if st.first_indent and b.indent == st.first_indent and not as_def and first_line_indented(st, b):
        st.specs.append(BlockSpec(BlockKind.PARAGRAPH, reflow(lines)))
        return -1
    if rel >= 2 and not as_def and st.specs and n <= 12:
        # An indented command or example introduced by "... the following command:".
        prev = st.specs[-1]
        last = lines[-1].rstrip()
        if (
            prev.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            and prev.text.endswith(":")
            and not any(x.rstrip()[-1] in ".!?\"”'»" for x in lines)
            and (n > 1 or not last.lstrip()[0].isupper() or CODE_CHARS.search(last) is not None)
        ):
            st.specs.append(BlockSpec(BlockKind.CODE, literal(b)))
            return def_indent
    if rel >= 2 and not as_def:
        # Code when it is not prose and has several lines or a line of code, or when at
        # least half of its lines look like code.
        if not looks_like_prose(b.text, n):
            code = n > 1 or is_code_line(lines[0])
        else:
            code = count_at_least(lines, is_code_line, -(-n // 2))
        if code:
            st.specs.append(BlockSpec(BlockKind.CODE, literal(b)))
            return def_indent
        text = kept_lines(b) if n > 1 and len(b.text) <= 65 * n and is_verse(st, b) else reflow(lines)
        if def_indent >= 0 and b.indent == def_indent:
            st.specs.append(BlockSpec(BlockKind.PARAGRAPH, text))
            return def_indent
        st.specs.append(BlockSpec(BlockKind.QUOTE, text, level=1))
        return def_indent
    if (
        n > 1
        and (len(set(b.indents)) > 2 or b.indents[1] < b.indents[0] - 1)
        and count_at_least(lines, is_code_line, -(-n // 2))
    ):
        st.specs.append(BlockSpec(BlockKind.CODE, literal(b)))
        return def_indent
    if n > 1 and lines[0].lstrip()[:1] == "[" and NOTE_MARK.match(lines[0]):
        notes = note_lines(lines)
        if notes is not None:
            st.specs.append(BlockSpec(BlockKind.PARAGRAPH, notes))
            return -1
    text = kept_lines(b) if n > 1 and len(b.text) <= 65 * n and is_verse(st, b) else reflow(lines)
    st.specs.append(BlockSpec(BlockKind.PARAGRAPH, text))
    return def_indent if as_def or b.indent > st.base else -1


def table_start(st: State, b: Chunk) -> int | None:
    """The line where a table set out in columns starts in the block (after an introducing paragraph),
    or None."""
    lines = b.lines
    if len(lines) < 2:
        return None
    col = ["  " in x and bool(_COL_GAP.search(x.strip())) and not _SENTENCE_GAP.search(x) for x in lines]
    ncol = sum(col)
    if ncol < 2:
        return None
    f = col.index(True)
    tail = len(lines) - f
    if ncol < 0.5 * tail:
        return None
    if f > 0:
        prev = lines[f - 1].strip()
        if len(prev) < 50 and prev[-1:] not in ".:," and b.indents[f - 1] == b.indents[f]:
            f -= 1
    if f > 0 and lines[f - 1].rstrip()[-1:] not in ".:;,!?)":
        return None
    return f


def list_items(st: State, b: Chunk) -> bool:
    """Emit the block as list items (bullets or numbers, continuation lines joined); False when it does
    not start with one."""
    items: list[tuple[int, str, list[str]]] = []
    for k, x in enumerate(b.lines):
        m = BULLET.match(x) or ORDERED.match(x)
        if m and not (m.group(2) in "*+-" and not any(c.isalnum() for c in x[m.end() :])):
            items.append((b.indents[k], m.group(2), [x[m.end() :]]))
        elif items:
            items[-1][2].append(x)
        else:
            return False
    indents = sorted({ind for ind, _, _ in items})
    for ind, marker, body in items:
        st.specs.append(
            BlockSpec(BlockKind.LIST_ITEM, reflow(body), level=indents.index(ind) + 1, marker=marker)
        )
    return True
