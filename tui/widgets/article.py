"""The reading pane: a virtual view of a whole document, drawn line by line.

Only the lines on screen are rendered (Textual's Line API). The layout is a list of
visual lines per block, computed from the blocks at the current width with a fast
greedy wrapper on cell widths; each line is kept as offsets into its block's text,
never as widgets or styled text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from contextlib import suppress
from functools import cached_property
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model.document import Block, BlockKind, Document, InlineStyle
from tui.widgets._wrap import cut_cells, sanitize, text_width, wrap

MEASURE = 76  # widest line of text, in cells
GUTTER_LEFT = 2  # "▎ " marks the current block
GUTTER_RIGHT = 4  # " ●3" marks blocks with notes
WORDS_PER_MINUTE = 230
LAZY_LAYOUT_CHARS = 400_000  # bigger documents are laid out (and counted) in a thread
PARTIAL_BLOCKS = 300  # blocks laid out before the first screen of a big document

# Line kinds (third field of a line spec).
BLANK = 0
TEXT = 1  # first line of a block's text
CONT = 2  # a following line of a block's text
CODE_CONT = 3  # a code line soft-wrapped from the one above
FIG_LABEL = 4  # "▣ Figure: …"
TABLE_ROW = 5  # a row line of a table; start = index into the block's rendered table lines
RULE_LINE = 6

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


class LineSpec(NamedTuple):
    """One visual line: ``text[start:end]`` of the block's display text, and its kind."""

    start: int
    end: int
    kind: int


_BLANK_LINE = LineSpec(0, 0, BLANK)


def fast_word_count(text: str) -> int:
    """Reading-time words in ``text``: words between spaces, and one per two CJK characters.

    Chinese and Japanese are read at roughly 400-600 characters a minute, so two characters
    weigh about as much as one English word at WORDS_PER_MINUTE.
    """
    if text.isascii():
        return len(text.split())
    spaced, cjk = _CJK.subn(" ", text)
    return len(spaced.split()) + (cjk + 1) // 2


def words_after(blocks: tuple[Block, ...]) -> list[int]:
    """Reading-time words from each block to the end (one more entry, 0, past the last block)."""
    after = [0] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        after[i] = after[i + 1] + fast_word_count(blocks[i].text)
    return after


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


def _prefix_width(block: Block) -> int:
    """Cells before the text of a list item or quote."""
    if block.kind is BlockKind.LIST_ITEM:
        return 2 * max(block.level - 1, 0) + text_width(_marker(block)) + 1
    if block.kind is BlockKind.QUOTE:
        return 2 * max(block.level, 1)
    return 0


def _marker(block: Block) -> str:
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


def _pad(cell: str, width: int, align: str) -> str:
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
    inner = width - _prefix_width(block)
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


def _layout_blocks(
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


class Article(ScrollView, can_focus=True, inherit_bindings=False):
    """The reading pane: a document laid out at a comfortable measure, drawn virtually.

    Hooks for features built on top of it:

    - ``current_block``: index of the block at the reading position (the first block whose
      content is visible in the top quarter of the view); its lines carry a thin "▎" mark.
    - ``scroll_to_block(index, *, span=None, animate=False)``: bring a block (or a character
      span of its text) into view and make it the current block.
    - ``highlights``: ``{block index: [(start, end), ...]}`` character spans into
      ``block.text`` drawn with the highlight style (search hits, quoted note spans).
      Assign a new dict to redraw.
    - ``marked_blocks``: ``{block index: note count}``; a "●N" mark in the right margin.
    - Messages ``Article.CurrentBlockChanged(index)`` and ``Article.PositionChanged(fraction)``.
    - ``position_at(x, y)``: map a widget offset to ``(block index, char offset)``.
    - ``link_at(index, offset)``: the href under a character; a click on a link posts
      ``Article.LinkClicked(href, index)``.
    - ``reading_position()`` / ``restore_position(index, offset)`` for saving the place.
    - ``note_spans``: ``{block index: [(start, end), ...]}`` quoted spans of notes, drawn
      with their own style under search highlights; ``note_focus``: ``(block, start, end)``
      of the note just jumped to, drawn more strongly.
    - ``selection``: ``(block, start, end)`` chosen with the mouse (press, drag, release;
      one block, clipped to the block where the drag started); Esc or a click clears it.
      ``_drag_moved`` is True after a press-drag-release, until the next press, so a click
      handler can tell a click from the end of a drag.
    """

    HELP_TITLE = "Reading pane"
    ALLOW_SELECT = False  # the pane draws its own selection (see ``selection``)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Line down", id="article.line_down", show=False),
        Binding("k,up", "line_up", "Line up", id="article.line_up", show=False),
        Binding("space,pagedown", "page_down", "Page down", id="article.page_down"),
        Binding("b,pageup", "page_up", "Page up", id="article.page_up", show=False),
        Binding("g,home", "top", "Top", id="article.top", show=False),
        Binding("G,end", "bottom", "End", id="article.bottom", show=False),
        Binding("left_square_bracket", "prev_section", "Previous section", id="article.prev_section"),
        Binding("right_square_bracket", "next_section", "Next section", id="article.next_section"),
        Binding("escape", "clear_selection", "Clear the selection", id="article.clear_selection"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article--title",
        "article--meta",
        "article--heading-1",
        "article--heading-2",
        "article--heading",
        "article--em",
        "article--strong",
        "article--code",
        "article--link",
        "article--strike",
        "article--quote",
        "article--quote-bar",
        "article--marker",
        "article--figure",
        "article--caption",
        "article--code-block",
        "article--continuation",
        "article--table-header",
        "article--table-border",
        "article--rule",
        "article--current",
        "article--note",
        "article--highlight",
        "article--empty",
        "article--note-span",
        "article--note-focus",
        "article--selection",
    }

    DEFAULT_CSS = """
    Article {
        overflow-x: hidden;
        overflow-y: auto;
        background: $background;
        color: $foreground;
        scrollbar-size-vertical: 1;
        & > .article--title { color: $accent; text-style: bold; }
        & > .article--meta { color: $text-muted; }
        & > .article--heading-1 { color: $accent; text-style: bold; }
        & > .article--heading-2 { color: $accent; text-style: bold; }
        & > .article--heading { color: $secondary; text-style: bold; }
        & > .article--em { text-style: italic; }
        & > .article--strong { text-style: bold; }
        & > .article--code { color: $warning; background: $surface; }
        & > .article--link { color: $primary; text-style: underline; }
        & > .article--strike { text-style: strike; }
        & > .article--quote { color: $text-muted; text-style: italic; }
        & > .article--quote-bar { color: $secondary; }
        & > .article--marker { color: $accent; }
        & > .article--figure { color: $secondary; text-style: bold; }
        & > .article--caption { color: $text-muted; text-style: italic; }
        & > .article--code-block { background: $surface; }
        & > .article--continuation { color: $text-disabled; }
        & > .article--table-header { text-style: bold; }
        & > .article--table-border { color: $text-disabled; }
        & > .article--rule { color: $text-muted; }
        & > .article--current { color: $accent 70%; }
        & > .article--note { color: $warning; text-style: bold; }
        & > .article--highlight { background: $warning 45%; }
        & > .article--empty { color: $text-muted; text-style: italic; }
        & > .article--note-span { background: $secondary 25%; }
        & > .article--note-focus { background: $secondary 60%; }
        & > .article--selection { background: $primary 60%; color: $foreground; }
    }
    """

    class CurrentBlockChanged(Message):
        """The block at the reading position changed."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    class PositionChanged(Message):
        """The view scrolled; ``fraction`` is 0.0 at the top and 1.0 at the end."""

        def __init__(self, fraction: float) -> None:
            self.fraction = fraction
            super().__init__()

    class LinkClicked(Message):
        """The reader clicked a link: ``href`` of a link in block ``index``."""

        def __init__(self, href: str, index: int) -> None:
            self.href = href
            self.index = index
            super().__init__()

    current_block: var[int] = var(0, init=False)
    highlights: var[dict[int, list[tuple[int, int]]]] = var(dict, init=False)
    marked_blocks: var[dict[int, int]] = var(dict, init=False)
    note_spans: var[dict[int, list[tuple[int, int]]]] = var(dict, init=False)
    note_focus: var[tuple[int, int, int] | None] = var(None, init=False)
    selection: var[tuple[int, int, int] | None] = var(None, init=False)

    def __init__(
        self,
        document: Document,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document = document
        self._blocks = document.blocks
        self._measure = 0
        self._pad = 0
        self._header: list[Text] = []
        self._lines: list[list[LineSpec]] = []
        self._starts: list[int] = []
        self._total = 0
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)
        self._code_cache: LRUCache[int, Text] = LRUCache(64)
        self._display_cache: LRUCache[int, str] = LRUCache(256)  # display_text per block
        self._base: Style | None = None  # rich_style, kept until the styles change
        # Per table block at the current width: column widths, row lines, column alignments
        # and how many lines the header row takes (0 without a header).
        self._table_cache: LRUCache[int, tuple[list[int], list[list[tuple[str, bool]]], list[str], int]] = (
            LRUCache(64)
        )
        self._pin: tuple[int, int] | None = None
        self._pending: tuple[int, int, tuple[int, int] | None, bool] | None = None
        self._fraction = -1.0
        self._layout_generation = 0
        self._text_size = sum(len(b.text) for b in self._blocks)
        self._words_after: list[int] = []
        self._drag_origin: tuple[int, int] | None = None  # (block, offset) where a press started
        self._drag_moved = False
        if self._text_size <= LAZY_LAYOUT_CHARS:
            self._words_after = words_after(self._blocks)

    # ------------------------------------------------------------------ public

    def on_mount(self) -> None:
        if not self._words_after:
            # After the first screen: a thread started now would compete with drawing it.
            self.call_after_refresh(self._count_words)

    @property
    def total_words(self) -> int:
        """Words in the whole document (estimated from its length until they are counted)."""
        if self._words_after:
            return self._words_after[0]
        return self._text_size // 6

    def words_left(self) -> int:
        """Words from the current block to the end (reading time left)."""
        if not self._blocks:
            return 0
        if self.scroll_y >= self.max_scroll_y and self._total > 0:
            return 0
        if not self._words_after:
            return round(self.total_words * (1 - self._fraction if self._fraction >= 0 else 1))
        return self._words_after[min(self.current_block, len(self._blocks))]

    @property
    def line_count(self) -> int:
        """Visual lines in the current layout."""
        return self._total

    def scroll_to_block(
        self, index: int, *, span: tuple[int, int] | None = None, animate: bool = False
    ) -> None:
        """Bring block ``index`` (or the character ``span`` of its text) into view.

        Without a span the block's first line goes to the top; with one, the line holding
        the span is shown in the top quarter. The block becomes the current block.
        """
        if not self._blocks:
            return
        index = max(0, min(index, len(self._blocks) - 1))
        if index >= len(self._lines):
            self._pending = (index, 0, span, animate)
            return
        y = self._content_start(index)
        if span is not None:
            line_y = self._line_of_offset(index, span[0])
            if line_y - y >= self.scrollable_content_region.height // 2:
                y = max(y, line_y - self.scrollable_content_region.height // 4)
        self._scroll_pinned(index, y, animate)

    def restore_position(self, index: int, offset: int = 0) -> None:
        """Scroll so the line holding character ``offset`` of block ``index`` is at the top."""
        if not self._blocks:
            return
        index = max(0, min(index, len(self._blocks) - 1))
        if index >= len(self._lines):
            self._pending = (index, offset, None, False)
            return
        if index == 0 and offset == 0:
            y = 0  # the top of the document, title block included
        else:
            y = self._line_of_offset(index, offset) if offset else self._content_start(index)
        self._scroll_pinned(index, y, False)

    def reading_position(self) -> tuple[int, int]:
        """``(block index, char offset)`` of the reading position, to save and restore."""
        index = self.current_block
        if not self._lines or not self._blocks:
            return index, 0
        top = round(self.scroll_y)
        start = self._starts[index]
        if top <= start:
            return index, 0
        rel = top - start
        lines = self._lines[index]
        while rel < len(lines) and lines[rel].kind in (BLANK, TABLE_ROW, RULE_LINE, FIG_LABEL):
            rel += 1
        if rel >= len(lines):
            return index, 0
        return index, lines[rel].start

    def position_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The ``(block index, char offset)`` under widget offset ``(x, y)``, or None."""
        vy = round(self.scroll_y) + y
        found = self._line_at(vy)
        if found is None:
            return None
        b, spec = found
        if spec.kind not in (TEXT, CONT, CODE_CONT):
            return None
        block = self._blocks[b]
        col = x - self._pad - GUTTER_LEFT - (_prefix_width(block) if spec.kind != CODE_CONT else 0)
        text = self._display(b)
        offset = spec.start
        width = 0
        while offset < spec.end and col > 0:
            w = text_width(text[offset])
            if width + w > col:
                break
            width += w
            offset += 1
        return b, offset

    # ------------------------------------------------------------------ selection

    def _display(self, b: int) -> str:
        """``display_text`` of block ``b``, computed once per block rather than per drawn line."""
        text = self._display_cache.get(b)
        if text is None:
            text = self._display_cache[b] = display_text(self._blocks[b])
        return text

    def _offset_in_block(self, block: int, x: int, y: int) -> int:
        """The offset in ``block`` under ``(x, y)``; above the block 0, below it the end."""
        pos = self.position_at(x, y)
        if pos is not None and pos[0] == block:
            return pos[1]
        vy = round(self.scroll_y) + y
        if block < len(self._starts) and vy < self._content_start(block):
            return 0
        return len(self._display(block))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        self._drag_moved = False
        self._drag_origin = self.position_at(event.x, event.y)
        if self._drag_origin is not None:
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        origin = self._drag_origin
        if origin is None:
            return
        block, start = origin
        offset = self._offset_in_block(block, event.x, event.y)
        lo, hi = min(start, offset), max(start, offset)
        if hi > lo:
            self._drag_moved = True
            self.selection = (block, lo, hi)
        elif self._drag_moved:
            self.selection = None

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_origin is None:
            if not self._drag_moved:
                self.selection = None
            return
        self._drag_origin = None
        self.release_mouse()
        if not self._drag_moved:
            self.selection = None  # a click clears the selection

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":
            # Esc only belongs to the pane while something is selected or a note is lit.
            return self.selection is not None or self.note_focus is not None
        return True

    def action_clear_selection(self) -> None:
        """Clear the mouse selection (and the lit note)."""
        self.selection = None
        self.note_focus = None

    # ------------------------------------------------------------------ links

    def link_at(self, index: int, offset: int) -> str | None:
        """The href of the link covering character ``offset`` of block ``index``, or None."""
        if not 0 <= index < len(self._blocks):
            return None
        for inline in self._blocks[index].inlines:
            if inline.style is InlineStyle.LINK and inline.href and inline.start <= offset < inline.end:
                return inline.href
        return None

    @on(events.Click)
    def _link_click(self, event: events.Click) -> None:
        """A click on a link (not the end of a drag selection) posts ``LinkClicked``."""
        if self._drag_moved:
            return
        pos = self.position_at(event.x, event.y)
        if pos is None:
            return
        href = self.link_at(*pos)
        if href:
            self.post_message(self.LinkClicked(href, pos[0]))

    # ------------------------------------------------------------------ reactives

    def watch_highlights(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_marked_blocks(self) -> None:
        self.refresh()

    def watch_note_spans(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_note_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_selection(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_current_block(self, index: int) -> None:
        self.refresh()
        self.post_message(self.CurrentBlockChanged(index))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_position()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._cache.clear()
        self._code_cache.clear()

    # ------------------------------------------------------------------ layout

    def on_resize(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        measure = max(10, min(MEASURE, width - GUTTER_LEFT - GUTTER_RIGHT - 2))
        pad = max(0, (width - measure - GUTTER_LEFT - GUTTER_RIGHT) // 2)
        if measure == self._measure and self._lines:
            if pad != self._pad:
                self._pad = pad
                self._cache.clear()
                self.refresh()
            return
        keep = self.reading_position() if self._lines else None
        self._measure, self._pad = measure, pad
        self._layout_generation += 1
        self._cache.clear()
        self._table_cache.clear()
        self._header = self._layout_header(measure)
        blocks = self._blocks
        stop = len(blocks)
        target = self._pending[0] if self._pending else (keep[0] if keep else 0)
        if self._text_size > LAZY_LAYOUT_CHARS and target < PARTIAL_BLOCKS:
            # A big document: lay out what the first screens need now, the rest in a thread.
            stop = PARTIAL_BLOCKS
        lines, starts, total = _layout_blocks(blocks, measure, len(self._header), stop)
        self._install_layout(self._layout_generation, lines, starts, total, keep)
        if stop < len(blocks):
            # The rest in a thread, started once the first screen is drawn.
            self.call_after_refresh(
                self._complete_layout, self._layout_generation, measure, lines, starts, total
            )

    def _install_layout(
        self,
        generation: int,
        lines: list[list[LineSpec]],
        starts: list[int],
        total: int,
        keep: tuple[int, int] | None = None,
    ) -> None:
        if generation != self._layout_generation:
            return
        self._lines, self._starts, self._total = lines, starts, total
        self.virtual_size = Size(self.scrollable_content_region.width, total)
        if self._pending is not None and self._pending[0] < len(lines):
            index, offset, span, animate = self._pending
            self._pending = None
            if span is not None:
                self.call_after_refresh(self.scroll_to_block, index, span=span, animate=animate)
            elif offset < 0:
                self.call_after_refresh(self.action_bottom)
            else:
                self.call_after_refresh(self.restore_position, index, offset)
        elif keep is not None:
            self.restore_position(*keep)
        self.refresh()
        self._update_position()

    def _complete_layout(
        self, generation: int, measure: int, lines: list[list[LineSpec]], starts: list[int], total: int
    ) -> None:
        blocks = self._blocks
        done = len(lines)

        def work() -> None:
            rest, rest_starts, end = _layout_blocks(blocks, measure, total, len(blocks), done)
            if generation == self._layout_generation:
                with suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(
                        self._install_layout, generation, lines + rest, starts + rest_starts, end
                    )

        self.run_worker(work, thread=True, exclusive=True, group="layout", exit_on_error=False)

    def _count_words(self) -> None:
        blocks = self._blocks

        def work() -> None:
            after = words_after(blocks)
            with suppress(RuntimeError):
                self.app.call_from_thread(self._words_counted, after)

        self.run_worker(work, thread=True, group="words", exit_on_error=False)

    def _words_counted(self, after: list[int]) -> None:
        self._words_after = after
        if self._lines:
            header = self._layout_header(self._measure)
            if len(header) == len(self._header):
                self._header = header
                self.refresh()
        self._fraction = -1.0
        self._update_position()

    def _layout_header(self, width: int) -> list[Text]:
        meta = self.document.meta
        title_style = self.get_component_rich_style("article--title", partial=False)
        meta_style = self.get_component_rich_style("article--meta", partial=False)
        lines: list[Text] = [Text("")]
        if meta.title:
            title = sanitize(meta.title).replace("\n", " ")
            lines.extend(Text(title[s:e], style=title_style) for s, e in wrap(title, width))
        byline = " · ".join(sanitize(p).replace("\n", " ") for p in (meta.author, meta.affiliation) if p)
        if byline:
            lines.extend(Text(byline[s:e], style=meta_style) for s, e in wrap(byline, width))
        facts = []
        if meta.date:
            facts.append(meta.date.isoformat())
        if meta.category:
            facts.append(sanitize(meta.category))
        if self._blocks:
            minutes = max(1, round(self.total_words / WORDS_PER_MINUTE))
            facts.append(f"{minutes} min read")
        if facts:
            line = " · ".join(facts)
            lines.extend(Text(line[s:e], style=meta_style) for s, e in wrap(line, width))
        if len(lines) > 1:
            lines.append(Text("─" * min(width, 24), style=meta_style))
            lines.append(Text(""))
        if not self._blocks:
            empty = self.get_component_rich_style("article--empty", partial=False)
            lines.append(Text(""))
            lines.append(Text("This document is empty.".center(width).rstrip(), style=empty))
            lines.append(Text("There is nothing to read here yet.".center(width).rstrip(), style=empty))
        return lines

    def _content_start(self, index: int) -> int:
        start = self._starts[index]
        for i, spec in enumerate(self._lines[index]):
            if spec.kind != BLANK:
                return start + i
        return start

    def _line_of_offset(self, index: int, offset: int) -> int:
        start = self._starts[index]
        best = self._content_start(index)
        for i, spec in enumerate(self._lines[index]):
            if spec.kind in (TEXT, CONT, CODE_CONT) and spec.start <= offset:
                best = start + i
        return best

    def _line_at(self, y: int) -> tuple[int, LineSpec] | None:
        if y < len(self._header) or y >= self._total or not self._starts:
            return None
        b = bisect_right(self._starts, y) - 1
        return b, self._lines[b][y - self._starts[b]]

    # ------------------------------------------------------------------ position

    def _scroll_pinned(self, index: int, y: int, animate: bool) -> None:
        y = max(0, min(y, self._total - self.scrollable_content_region.height))
        self._pin = (index, y)
        self.scroll_to(y=y, animate=animate, immediate=True)
        self._update_position()

    def _update_position(self) -> None:
        if not self._lines:
            return
        top = round(self.scroll_y)
        if self._pin is not None and self._pin[1] == top:
            current = self._pin[0]
        else:
            self._pin = None
            current = self._compute_current(top)
        if current != self.current_block:
            self.current_block = current
        max_y = self.max_scroll_y
        fraction = 1.0 if max_y <= 0 else min(1.0, top / max_y)
        if fraction != self._fraction:
            self._fraction = fraction
            self.post_message(self.PositionChanged(fraction))

    def _compute_current(self, top: int) -> int:
        if not self._blocks:
            return 0
        window = max(1, self.scrollable_content_region.height // 4)
        for y in range(top, min(top + window, self._total)):
            found = self._line_at(y)
            if found is not None and found[1].kind != BLANK:
                return found[0]
        found = self._line_at(top)
        if found is None:
            return 0 if top < len(self._header) else len(self._blocks) - 1
        return found[0]

    # ------------------------------------------------------------------ actions

    def action_line_down(self) -> None:
        """Scroll one line down."""
        self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)

    def action_line_up(self) -> None:
        """Scroll one line up."""
        self.scroll_to(y=self.scroll_y - 1, animate=False, immediate=True)

    def action_page_down(self) -> None:
        """Scroll one page down (keeping two lines of context)."""
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def action_page_up(self) -> None:
        """Scroll one page up."""
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_y - step, animate=False, immediate=True)

    def action_top(self) -> None:
        """Go to the beginning."""
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        """Go to the end."""
        if self._blocks and len(self._lines) < len(self._blocks):
            self._pending = (len(self._blocks) - 1, -1, None, False)  # -1: the very end
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    @cached_property
    def _section_starts(self) -> list[int]:
        """First blocks of the sections, sorted (sorted once: the document never changes)."""
        return sorted({s.start for s in self.document.flat_sections()})

    def action_next_section(self) -> None:
        """Jump to the next section heading."""
        starts = self._section_starts
        i = bisect_right(starts, self.current_block)
        if i < len(starts):
            self.scroll_to_block(starts[i])

    def action_prev_section(self) -> None:
        """Jump to the start of this section, or to the previous one when already there."""
        starts = self._section_starts
        current = self.current_block
        i = bisect_right(starts, current) - 1
        if i >= 0 and starts[i] == current and round(self.scroll_y) <= self._content_start(current):
            i -= 1
        if i >= 0:
            self.scroll_to_block(starts[i])
        else:
            self.action_top()

    # ------------------------------------------------------------------ drawing

    def _base_style(self) -> Style:
        """The pane's ``rich_style``, which walks every ancestor: computed once per style change."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        vy = round(self.scroll_y) + y
        base = self._base_style()
        if vy < len(self._header):
            body = self._header_strip(vy)
            return self._frame(body, -1, False, width, base)
        found = self._line_at(vy)
        if found is None:
            return Strip.blank(width, base)
        b, spec = found
        key = (vy, self._measure)
        body = self._cache.get(key)
        if body is None:
            body = self._body_strip(b, spec)
            self._cache[key] = body
        first = vy == self._content_start(b)
        return self._frame(body, b, first and spec.kind != BLANK, width, base, spec.kind == BLANK)

    def _frame(self, body: Strip, b: int, first: bool, width: int, base: Style, blank: bool = False) -> Strip:
        pad = Segment(" " * self._pad, base)
        if b >= 0 and b == self.current_block and not blank:
            gutter = Segment("▎ ", base + self.get_component_rich_style("article--current"))
        else:
            gutter = Segment("  ", base)
        note = Segment(" " * GUTTER_RIGHT, base)
        if first and b in self.marked_blocks:
            count = self.marked_blocks[b]
            mark = f" ●{count}" if count > 1 else " ✎"
            note = Segment(
                mark[:GUTTER_RIGHT].ljust(GUTTER_RIGHT), base + self.get_component_rich_style("article--note")
            )
        segments = [pad, gutter, *body, note]
        return Strip(segments).adjust_cell_length(width, base)

    def _header_strip(self, vy: int) -> Strip:
        text = self._header[vy].copy()
        return self._text_strip(text)

    def _text_strip(self, text: Text) -> Strip:
        base = self._base_style()
        text.no_wrap = True
        text.end = ""
        segments = Segment.apply_style(text.render(self.app.console), base)
        return Strip(segments).adjust_cell_length(self._measure, base)

    def _spans(self, block: Block, start: int, end: int, text: Text) -> None:
        """Apply inline styles and highlights overlapping ``[start, end)`` to ``text``."""
        for inline in block.inlines:
            if inline.end <= start or inline.start >= end:
                continue
            style = self.get_component_rich_style(_INLINE_CLASS[inline.style], partial=True)
            if inline.style is InlineStyle.LINK and inline.href:
                style = style + Style(link=inline.href)
            text.stylize(style, max(inline.start, start) - start, min(inline.end, end) - start)
        b = block.index
        layers: list[tuple[str, list[tuple[int, int]]]] = [
            ("article--note-span", self.note_spans.get(b, [])),
            ("article--note-focus", _span_in(self.note_focus, b)),
            ("article--highlight", self.highlights.get(b, [])),
            ("article--selection", _span_in(self.selection, b)),
        ]
        for component, spans in layers:
            if not spans:
                continue
            highlight = self.get_component_rich_style(component, partial=False)
            highlight = Style(color=highlight.color, bgcolor=highlight.bgcolor)
            for hs, he in spans:
                if he <= start or hs >= end:
                    continue
                text.stylize(highlight, max(hs, start) - start, min(he, end) - start)

    def _body_strip(self, b: int, spec: LineSpec) -> Strip:
        block = self._blocks[b]
        kind = block.kind
        if spec.kind == BLANK:
            return Strip.blank(self._measure, self._base_style())
        if spec.kind == RULE_LINE:
            style = self.get_component_rich_style("article--rule", partial=False)
            return self._text_strip(Text("·  ·  ·".center(self._measure).rstrip(), style=style))
        if spec.kind == TABLE_ROW:
            return self._table_strip(b, spec.start)
        if spec.kind == FIG_LABEL:
            style = self.get_component_rich_style("article--figure", partial=False)
            label = sanitize(block.alt or block.src or "image").replace("\n", " ")
            return self._text_strip(Text(f"▣ Figure: {label}", style=style))
        disp = self._display(b)
        if kind is BlockKind.CODE:
            return self._code_strip(b, block, disp, spec)
        piece = Text(disp[spec.start : spec.end])
        self._spans(block, spec.start, spec.end, piece)
        if kind is BlockKind.HEADING:
            cls = "article--heading-1" if block.level <= 1 else "article--heading-2"
            if block.level > 2:
                cls = "article--heading"
            piece.stylize_before(self.get_component_rich_style(cls, partial=False))
        elif kind is BlockKind.FIGURE:
            piece.stylize_before(self.get_component_rich_style("article--caption", partial=False))
        elif kind is BlockKind.QUOTE:
            piece.stylize_before(self.get_component_rich_style("article--quote", partial=False))
            bar = Text("▌ " * max(block.level, 1), style=self.get_component_rich_style("article--quote-bar"))
            piece = bar + piece
        elif kind is BlockKind.LIST_ITEM:
            indent = "  " * max(block.level - 1, 0)
            if spec.kind == TEXT:
                marker = Text(
                    indent + _marker(block) + " ",
                    style=self.get_component_rich_style("article--marker", partial=False),
                )
            else:
                marker = Text(" " * _prefix_width(block))
            piece = marker + piece
        return self._text_strip(piece)

    def _code_strip(self, b: int, block: Block, disp: str, spec: LineSpec) -> Strip:
        style = self.get_component_rich_style("article--code-block", partial=False)
        if spec.start == spec.end and spec.kind == CODE_CONT:
            piece = Text("")
        elif block.lang:
            highlighted = self._code_cache.get(b)
            if highlighted is None:
                highlighted = self._highlight_code(block, disp)
                self._code_cache[b] = highlighted
            piece = highlighted[spec.start : spec.end]
        else:
            piece = Text(disp[spec.start : spec.end])
        if len(disp) == len(block.text):  # offsets into the display text are offsets into the block
            self._spans(block, spec.start, spec.end, piece)
        if spec.kind == CODE_CONT:
            cont = Text("↪", style=self.get_component_rich_style("article--continuation", partial=False))
            piece = cont + piece
        piece.truncate(self._measure)
        piece.stylize_before(style)
        piece.pad_right(self._measure - piece.cell_len)
        return self._text_strip(piece)

    def _highlight_code(self, block: Block, disp: str) -> Text:
        from rich.syntax import Syntax

        dark = self.app.current_theme.dark if self.app.current_theme else True
        syntax = Syntax(disp, block.lang, theme="ansi_dark" if dark else "ansi_light")
        text = syntax.highlight(disp)
        text.rstrip_end(len(disp))
        if len(text) < len(disp):
            text.append(" " * (len(disp) - len(text)))
        return text[: len(disp)]

    def _table_strip(self, b: int, row: int) -> Strip:
        block = self._blocks[b]
        table = self._table_cache.get(b)
        if table is None:
            widths, lines = layout_table(block, self._measure)
            header_rows = sum(1 for line in lines if line and line[0][1]) if len(block.rows) > 1 else 0
            table = (widths, lines, column_alignment(block), header_rows)
            self._table_cache[b] = table
        widths, lines, align, header_rows = table
        border = self.get_component_rich_style("article--table-border", partial=False)
        if header_rows and row == header_rows:
            text = Text("─┼─".join("─" * w for w in widths), style=border)
        else:
            index = row - (1 if header_rows and row > header_rows else 0)
            line = lines[index] if index < len(lines) else []
            text = Text()
            header_style = self.get_component_rich_style("article--table-header", partial=False)
            for c, (cell, is_header) in enumerate(line):
                if c:
                    text.append(" │ ", style=border)
                w = widths[c] if c < len(widths) else text_width(cell)
                text.append(
                    _pad(cell, w, align[c] if c < len(align) else "left"),
                    style=header_style if is_header else "",
                )
        text.truncate(self._measure)
        return self._text_strip(text)

    def iter_visible_blocks(self) -> Iterable[int]:
        """Indexes of blocks with at least one line in the view."""
        top = round(self.scroll_y)
        seen: set[int] = set()
        for y in range(top, min(top + self.scrollable_content_region.height, self._total)):
            found = self._line_at(y)
            if found is not None and found[0] not in seen:
                seen.add(found[0])
                yield found[0]


def _span_in(place: tuple[int, int, int] | None, block: int) -> list[tuple[int, int]]:
    """``[(start, end)]`` when ``place`` (block, start, end) is in ``block``, else ``[]``."""
    if place is None or place[0] != block:
        return []
    return [(place[1], place[2])]


_INLINE_CLASS = {
    InlineStyle.EMPHASIS: "article--em",
    InlineStyle.STRONG: "article--strong",
    InlineStyle.CODE: "article--code",
    InlineStyle.LINK: "article--link",
    InlineStyle.STRIKE: "article--strike",
}
