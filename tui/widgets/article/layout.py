"""Laying blocks out: the visual lines of each block at a width, as offsets into its text.

A visual line is kept as offsets into its block's display text (``LineSpec``), never as
styled text: prose is wrapped at the measure (lists and quotes inside their prefix), code is
cut into lines, tables get column widths, and blank lines separate the blocks.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tui.model.document import Block, BlockKind
from tui.widgets.article.wrap import cut_cells, wrap
from tui.widgets.cells import sanitize, text_width

MEASURE = 76  # widest line of text, in cells
GUTTER_LEFT = 2  # "▎ " marks the current block
GUTTER_RIGHT = 4  # " ●3" marks blocks with notes

# Line kinds (third field of a line spec).
BLANK = 0
TEXT = 1  # first line of a block's text
CONT = 2  # a following line of a block's text
CODE_CONT = 3  # a code line soft-wrapped from the one above
FIG_LABEL = 4  # "▣ Figure: …"
TABLE_ROW = 5  # a row line of a table; start = index into the block's rendered table lines
RULE_LINE = 6
TEXT_KINDS = (TEXT, CONT, CODE_CONT)  # lines that show a block's text (and have offsets)


class LineSpec(NamedTuple):
    """One visual line: ``text[start:end]`` of the block's display text, and its kind."""

    start: int
    end: int
    kind: int


_BLANK_LINE = LineSpec(0, 0, BLANK)


def geometry(width: int) -> tuple[int, int]:
    """The measure (width of the text) and the left padding that centres it in ``width`` cells."""
    measure = max(10, min(MEASURE, width - GUTTER_LEFT - GUTTER_RIGHT - 2))
    return measure, max(0, (width - measure - GUTTER_LEFT - GUTTER_RIGHT) // 2)


def offset_at_cells(text: str, start: int, end: int, col: int) -> int:
    """The offset in ``text[start:end]`` of the character ``col`` cells from ``start``."""
    offset = start
    width = 0
    while offset < end and col > 0:
        w = text_width(text[offset])
        if width + w > col:
            break
        width += w
        offset += 1
    return offset


def display_text(block: Block) -> str:
    """The text a block shows: control characters made visible, same length as block.text.

    Outside code, tabs and newlines inside a paragraph are shown as spaces; code keeps
    its newlines and has its tabs expanded (so only code with tabs differs in length).
    """
    text = sanitize(block.text)
    if block.kind is BlockKind.CODE:
        if "\t" in text:
            return "\n".join(line.expandtabs(4) for line in text.split("\n"))
        return text
    return text.replace("\t", " ")


def prefix_width(block: Block) -> int:
    """Cells before the text of a list item or quote."""
    if block.kind is BlockKind.LIST_ITEM:
        return 2 * max(block.level - 1, 0) + text_width(marker(block)) + 1
    if block.kind is BlockKind.QUOTE:
        return 2 * max(block.level, 1)
    return 0


def marker(block: Block) -> str:
    return sanitize(block.marker) or "•"


def _wrap_prose(text: str, width: int, start: int = 0) -> list[LineSpec]:
    """Wrap text that may contain hard line breaks ("\\n")."""
    lines: list[LineSpec] = []
    end_all = len(text)
    pos = start
    while True:
        nl = text.find("\n", pos)
        end = end_all if nl < 0 else nl
        for s, e in wrap(text, width, pos, end):
            lines.append(LineSpec(s, e, CONT if lines else TEXT))
        if nl < 0:
            return lines
        pos = nl + 1


def _table_widths(rows: list[list[str]], width: int) -> list[int]:
    """Column widths that fit ``width`` if possible (never below 3 cells per column)."""
    ncol = max(len(r) for r in rows)
    natural = [max((text_width(r[c]) if c < len(r) else 0) for r in rows) for c in range(ncol)]
    natural = [max(w, 1) for w in natural]
    available = width - 3 * (ncol - 1)
    if sum(natural) <= available:
        return natural
    widths = [0] * ncol
    remaining = max(available, 3 * ncol)
    order = sorted(range(ncol), key=lambda c: natural[c])
    for n, c in enumerate(order):
        share = remaining // (ncol - n)
        widths[c] = max(3, min(natural[c], share))
        remaining -= widths[c]
    return widths


_NUMBER = re.compile(r"[-+−]?[$€£¥]?\d[\d,.\u00a0\u202f' ]*%?")


def column_alignment(block: Block) -> list[str]:
    """How each column of a table is aligned: as the document says, else numbers to the right.

    A column without an explicit alignment whose body cells (below the header) are all
    numbers, or empty, is right-aligned so that digits line up; anything else is left-aligned.
    """
    rows = block.rows
    ncol = max((len(r) for r in rows), default=0)
    given = list(block.align) + [""] * (ncol - len(block.align))
    body = rows[1:] if len(rows) > 1 else ()
    out: list[str] = []
    for c in range(ncol):
        if given[c]:
            out.append(given[c])
            continue
        cells = [r[c].strip() for r in body if c < len(r) and r[c].strip()]
        numeric = bool(cells) and all(_NUMBER.fullmatch(cell) for cell in cells)
        out.append("right" if numeric else "left")
    return out


def pad_cell(cell: str, width: int, align: str) -> str:
    """``cell`` padded with spaces to ``width`` cells, placed as ``align`` says."""
    room = max(0, width - text_width(cell))
    if align == "right":
        return " " * room + cell
    if align == "center":
        return " " * (room // 2) + cell + " " * (room - room // 2)
    return cell + " " * room


def layout_table(block: Block, width: int) -> tuple[list[int], list[list[tuple[str, bool]]]]:
    """Column widths and the lines of a table: per line, ``(cell text, is_header)`` per column."""
    rows = [[sanitize(c).replace("\t", " ").replace("\n", " ") for c in r] for r in block.rows]
    if not rows:
        rows = [[line] for line in display_text(block).split("\n")]
    widths = _table_widths(rows, width)
    lines: list[list[tuple[str, bool]]] = []
    for r, row in enumerate(rows):
        cells = [row[c] if c < len(row) else "" for c in range(len(widths))]
        wrapped = [[cell[s:e] for s, e in wrap(cell, widths[c])] for c, cell in enumerate(cells)]
        height = max(len(w) for w in wrapped)
        for i in range(height):
            lines.append([(w[i] if i < len(w) else "", r == 0) for w in wrapped])
    return widths, lines


def layout_block(block: Block, width: int, text: str) -> list[LineSpec]:
    """The visual lines of one block's content (no spacing around it)."""
    kind = block.kind
    if kind is BlockKind.RULE:
        return [LineSpec(0, 0, RULE_LINE)]
    if kind is BlockKind.CODE:
        lines: list[LineSpec] = []
        pos = 0
        for raw in text.split("\n"):
            end = pos + len(raw)
            for i, (s, e) in enumerate(cut_cells(text, width - 1, pos, end)):  # one cell for "↪"
                lines.append(LineSpec(s, e, CODE_CONT if i else TEXT))
            pos = end + 1
        return lines
    if kind is BlockKind.TABLE:
        n = len(layout_table(block, width)[1])
        return [LineSpec(i, i, TABLE_ROW) for i in range(n + (1 if len(block.rows) > 1 else 0))]
    if kind is BlockKind.FIGURE:
        label = [LineSpec(0, 0, FIG_LABEL)]
        if text.strip() and text != (block.alt or block.src):
            label.extend(LineSpec(s, e, CONT) for s, e, _ in _wrap_prose(text, width))
        return label
    inner = width - prefix_width(block)
    return _wrap_prose(text, max(inner, 8))


def _spacing(blocks: tuple[Block, ...], i: int) -> tuple[int, int]:
    """Blank lines before and after block ``i``."""
    b = blocks[i]
    before = 1 if b.kind is BlockKind.HEADING and i > 0 else 0
    after = 1
    if i + 1 < len(blocks):
        nxt = blocks[i + 1]
        if b.kind is nxt.kind and b.kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE):
            after = 0
    return before, after


def layout_blocks(
    blocks: tuple[Block, ...], measure: int, y: int, stop: int, start: int = 0
) -> tuple[list[list[LineSpec]], list[int], int]:
    """Lay out ``blocks[start:stop]`` from visual line ``y``: lines, start lines and end line."""
    all_lines: list[list[LineSpec]] = []
    starts: list[int] = []
    for i in range(start, min(stop, len(blocks))):
        block = blocks[i]
        before, after = _spacing(blocks, i)
        lines = layout_block(block, measure, display_text(block))
        if before or after:
            lines = [_BLANK_LINE] * before + lines + [_BLANK_LINE] * after
        starts.append(y)
        all_lines.append(lines)
        y += len(lines)
    return all_lines, starts, y
