"""Painting the reading pane: one visual line to a strip, with its styles, highlights and marks.

``Painter`` turns a line of the layout (offsets into a block's display text) into a ``Strip``:
inline styles, syntax colours for code, search highlights, quoted note spans and the mouse
selection, framed by the margins (the current-paragraph mark on the left, the note mark on the
right). Strips are cached per row; a change of highlights or styles clears the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.strip import Strip

from tui.model.document import Block, BlockKind, InlineStyle
from tui.widgets.article.layout import (
    BLANK,
    CODE_CONT,
    FIG_LABEL,
    GUTTER_RIGHT,
    RULE_LINE,
    TABLE_ROW,
    TEXT,
    LineSpec,
    column_alignment,
    display_text,
    layout_table,
    marker,
    pad_cell,
    prefix_width,
)
from tui.widgets.article.linemap import LineMap
from tui.widgets.article.words import WORDS_PER_MINUTE
from tui.widgets.article.wrap import wrap
from tui.widgets.cells import sanitize, text_width

if TYPE_CHECKING:
    from tui.widgets.article.view import DocumentView

COMPONENT_CLASSES = {
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
DocumentView {
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


_INLINE_CLASS = {
    InlineStyle.EMPHASIS: "article--em",
    InlineStyle.STRONG: "article--strong",
    InlineStyle.CODE: "article--code",
    InlineStyle.LINK: "article--link",
    InlineStyle.STRIKE: "article--strike",
}

# Per table block at the current width: column widths, row lines, column alignments and how
# many lines the header row takes (0 without a header).
TableLayout = tuple[list[int], list[list[tuple[str, bool]]], list[str], int]


def _span_in(place: tuple[int, int, int] | None, block: int) -> list[tuple[int, int]]:
    """``[(start, end)]`` when ``place`` (block, start, end) is in ``block``, else ``[]``."""
    if place is None or place[0] != block:
        return []
    return [(place[1], place[2])]


class Painter:
    """Draws the lines of one reading pane, reading its highlights and marks as they are now."""

    def __init__(self, pane: DocumentView) -> None:
        self._pane = pane
        self._blocks = pane.document.blocks
        self.measure = 0
        self.pad = 0
        self.header: list[Text] = []
        self._cache: LRUCache[tuple[int, int], Strip] = LRUCache(512)
        self._code_cache: LRUCache[int, Text] = LRUCache(64)
        self._display_cache: LRUCache[int, str] = LRUCache(256)  # display_text per block
        self._table_cache: LRUCache[int, TableLayout] = LRUCache(64)
        self._base: Style | None = None  # rich_style, kept until the styles change

    # ------------------------------------------------------------------ state

    def display(self, b: int) -> str:
        """``display_text`` of block ``b``, computed once per block rather than per drawn line."""
        text = self._display_cache.get(b)
        if text is None:
            text = self._display_cache[b] = display_text(self._blocks[b])
        return text

    def set_geometry(self, measure: int, pad: int) -> None:
        """Lines are now ``measure`` cells wide, ``pad`` cells from the left edge."""
        if measure != self.measure:
            self._table_cache.clear()
        self.measure, self.pad = measure, pad
        self._cache.clear()

    def clear(self) -> None:
        """Forget the drawn lines (highlights, notes or the selection changed)."""
        self._cache.clear()

    def restyle(self) -> None:
        """The styles changed: forget everything drawn with the old ones."""
        self._base = None
        self._cache.clear()
        self._code_cache.clear()

    def _style(self, component: str, partial: bool = False) -> Style:
        return self._pane.get_component_rich_style(component, partial=partial)

    def _base_style(self) -> Style:
        """The pane's ``rich_style``, which walks every ancestor: computed once per style change."""
        if self._base is None:
            self._base = self._pane.rich_style
        return self._base

    # ------------------------------------------------------------------ lines

    def line(self, vy: int, layout: LineMap, width: int) -> Strip:
        """Row ``vy`` of the layout, ``width`` cells wide with its margins."""
        base = self._base_style()
        if vy < len(self.header):
            return self._frame(self._text_strip(self.header[vy].copy()), -1, False, width, base)
        found = layout.line_at(vy)
        if found is None:
            return Strip.blank(width, base)
        b, spec = found
        key = (vy, self.measure)
        body = self._cache.get(key)
        if body is None:
            body = self._body_strip(b, spec)
            self._cache[key] = body
        first = vy == layout.content_start(b)
        return self._frame(body, b, first and spec.kind != BLANK, width, base, spec.kind == BLANK)

    def _frame(self, body: Strip, b: int, first: bool, width: int, base: Style, blank: bool = False) -> Strip:
        pane = self._pane
        pad = Segment(" " * self.pad, base)
        if b >= 0 and b == pane.current_block and not blank:
            gutter = Segment("▎ ", base + self._style("article--current"))
        else:
            gutter = Segment("  ", base)
        note = Segment(" " * GUTTER_RIGHT, base)
        if first and b in pane.marked_blocks:
            count = pane.marked_blocks[b]
            mark = f" ●{count}" if count > 1 else " ✎"
            note = Segment(mark[:GUTTER_RIGHT].ljust(GUTTER_RIGHT), base + self._style("article--note"))
        segments = [pad, gutter, *body, note]
        return Strip(segments).adjust_cell_length(width, base)

    def _text_strip(self, text: Text) -> Strip:
        base = self._base_style()
        text.no_wrap = True
        text.end = ""
        segments = Segment.apply_style(text.render(self._pane.app.console), base)
        return Strip(segments).adjust_cell_length(self.measure, base)

    def _spans(self, block: Block, start: int, end: int, text: Text) -> None:
        """Apply inline styles and highlights overlapping ``[start, end)`` to ``text``."""
        for inline in block.inlines:
            if inline.end <= start or inline.start >= end:
                continue
            style = self._style(_INLINE_CLASS[inline.style], partial=True)
            if inline.style is InlineStyle.LINK and inline.href:
                style = style + Style(link=inline.href)
            text.stylize(style, max(inline.start, start) - start, min(inline.end, end) - start)
        b = block.index
        pane = self._pane
        layers: list[tuple[str, list[tuple[int, int]]]] = [
            ("article--note-span", pane.note_spans.get(b, [])),
            ("article--note-focus", _span_in(pane.note_focus, b)),
            ("article--highlight", pane.highlights.get(b, [])),
            ("article--selection", _span_in(pane.selection, b)),
        ]
        for component, spans in layers:
            if not spans:
                continue
            highlight = self._style(component)
            highlight = Style(color=highlight.color, bgcolor=highlight.bgcolor)
            for hs, he in spans:
                if he <= start or hs >= end:
                    continue
                text.stylize(highlight, max(hs, start) - start, min(he, end) - start)

    def _body_strip(self, b: int, spec: LineSpec) -> Strip:
        block = self._blocks[b]
        kind = block.kind
        if spec.kind == BLANK:
            return Strip.blank(self.measure, self._base_style())
        if spec.kind == RULE_LINE:
            style = self._style("article--rule")
            return self._text_strip(Text("·  ·  ·".center(self.measure).rstrip(), style=style))
        if spec.kind == TABLE_ROW:
            return self._table_strip(b, spec.start)
        if spec.kind == FIG_LABEL:
            style = self._style("article--figure")
            label = sanitize(block.alt or block.src or "image").replace("\n", " ")
            return self._text_strip(Text(f"▣ Figure: {label}", style=style))
        disp = self.display(b)
        if kind is BlockKind.CODE:
            return self._code_strip(b, block, disp, spec)
        piece = Text(disp[spec.start : spec.end])
        self._spans(block, spec.start, spec.end, piece)
        if kind is BlockKind.HEADING:
            cls = "article--heading-1" if block.level <= 1 else "article--heading-2"
            if block.level > 2:
                cls = "article--heading"
            piece.stylize_before(self._style(cls))
        elif kind is BlockKind.FIGURE:
            piece.stylize_before(self._style("article--caption"))
        elif kind is BlockKind.QUOTE:
            piece.stylize_before(self._style("article--quote"))
            bar = Text("▌ " * max(block.level, 1), style=self._style("article--quote-bar"))
            piece = bar + piece
        elif kind is BlockKind.LIST_ITEM:
            indent = "  " * max(block.level - 1, 0)
            if spec.kind == TEXT:
                lead = Text(indent + marker(block) + " ", style=self._style("article--marker"))
            else:
                lead = Text(" " * prefix_width(block))
            piece = lead + piece
        return self._text_strip(piece)

    def _code_strip(self, b: int, block: Block, disp: str, spec: LineSpec) -> Strip:
        style = self._style("article--code-block")
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
            cont = Text("↪", style=self._style("article--continuation"))
            piece = cont + piece
        piece.truncate(self.measure)
        piece.stylize_before(style)
        piece.pad_right(self.measure - piece.cell_len)
        return self._text_strip(piece)

    def _highlight_code(self, block: Block, disp: str) -> Text:
        from rich.syntax import Syntax

        dark = self._pane.app.current_theme.dark if self._pane.app.current_theme else True
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
            widths, lines = layout_table(block, self.measure)
            header_rows = sum(1 for line in lines if line and line[0][1]) if len(block.rows) > 1 else 0
            table = (widths, lines, column_alignment(block), header_rows)
            self._table_cache[b] = table
        widths, lines, align, header_rows = table
        border = self._style("article--table-border")
        if header_rows and row == header_rows:
            text = Text("─┼─".join("─" * w for w in widths), style=border)
        else:
            index = row - (1 if header_rows and row > header_rows else 0)
            line = lines[index] if index < len(lines) else []
            text = Text()
            header_style = self._style("article--table-header")
            for c, (cell, is_header) in enumerate(line):
                if c:
                    text.append(" │ ", style=border)
                w = widths[c] if c < len(widths) else text_width(cell)
                text.append(
                    pad_cell(cell, w, align[c] if c < len(align) else "left"),
                    style=header_style if is_header else "",
                )
        text.truncate(self.measure)
        return self._text_strip(text)

    # ------------------------------------------------------------------ header

    def layout_header(self, width: int, total_words: int) -> list[Text]:
        """The title, byline and facts (date, category, reading time) above the text."""
        meta = self._pane.document.meta
        title_style = self._style("article--title")
        meta_style = self._style("article--meta")
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
            minutes = max(1, round(total_words / WORDS_PER_MINUTE))
            facts.append(f"{minutes} min read")
        if facts:
            line = " · ".join(facts)
            lines.extend(Text(line[s:e], style=meta_style) for s, e in wrap(line, width))
        if len(lines) > 1:
            lines.append(Text("─" * min(width, 24), style=meta_style))
            lines.append(Text(""))
        if not self._blocks:
            empty = self._style("article--empty")
            lines.append(Text(""))
            lines.append(Text("This document is empty.".center(width).rstrip(), style=empty))
            lines.append(Text("There is nothing to read here yet.".center(width).rstrip(), style=empty))
        return lines
