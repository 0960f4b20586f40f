"""A virtual view of a whole document: laid out at the pane's width, drawn line by line.

Only the lines on screen are rendered (Textual's Line API). The layout (``layout.py``,
``linemap.py``) is a list of visual lines per block at the current width, each kept as
offsets into its block's text; ``paint.py`` turns a line into a strip. ``DocumentView``
holds them together: it lays the document out (a big one in two steps), follows the
reading position and draws the visible lines with the highlights and marks it is given.
The reading pane (``widget.py``) adds the keys and the mouse.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from typing import ClassVar

from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model.document import Document
from tui.widgets.article import paint
from tui.widgets.article.layout import geometry
from tui.widgets.article.linemap import LineMap
from tui.widgets.article.paint import Painter
from tui.widgets.article.words import ReadingTime

LAZY_LAYOUT_CHARS = 400_000  # bigger documents are laid out (and counted) in a thread
PARTIAL_BLOCKS = 300  # blocks laid out before the first screen of a big document


class DocumentView(ScrollView, inherit_bindings=False):
    """A document laid out at a comfortable measure and drawn virtually; what it shows:

    - ``current_block``: index of the block at the reading position (the first block whose
      content is visible in the top quarter of the view); its lines carry a thin "▎" mark.
    - ``highlights``: ``{block index: [(start, end), ...]}`` character spans into
      ``block.text`` drawn with the highlight style (search hits). Assign a new dict to redraw.
    - ``marked_blocks``: ``{block index: note count}``; a "●N" mark in the right margin.
    - ``note_spans``: ``{block index: [(start, end), ...]}`` quoted spans of notes, drawn
      with their own style under search highlights; ``note_focus``: ``(block, start, end)``
      of the note just jumped to, drawn more strongly.
    - ``selection``: ``(block, start, end)``, drawn as selected.

    It posts ``CurrentBlockChanged(index)`` and ``PositionChanged(fraction)``; it scrolls to a
    block (``scroll_to_block``) and saves and restores the place (``reading_position`` and
    ``restore_position``).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = paint.COMPONENT_CLASSES
    DEFAULT_CSS = paint.DEFAULT_CSS

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
        self._painter = Painter(self)
        self._map = LineMap(0)
        self._pin: tuple[int, int] | None = None
        self._pending: tuple[int, int, tuple[int, int] | None, bool] | None = None
        self._fraction = -1.0
        self._layout_generation = 0
        self._words = ReadingTime(self._blocks, LAZY_LAYOUT_CHARS)

    # ------------------------------------------------------------------ public

    def on_mount(self) -> None:
        if not self._words.is_counted:
            # After the first screen: a thread started now would compete with drawing it.
            self.call_after_refresh(self._count_words)

    @property
    def total_words(self) -> int:
        """Words in the whole document (estimated from its length until they are counted)."""
        return self._words.total

    def words_left(self) -> int:
        """Words from the current block to the end (reading time left)."""
        if not self._blocks:
            return 0
        if self.scroll_y >= self.max_scroll_y and self._map.total > 0:
            return 0
        return self._words.left(self.current_block, self._fraction)

    @property
    def line_count(self) -> int:
        """Visual lines in the current layout."""
        return self._map.total

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
        if index >= self._map.laid_out:
            self._pending = (index, 0, span, animate)
            return
        y = self._map.row_to_show(index, span[0] if span else None, self.scrollable_content_region.height)
        self._scroll_pinned(index, y, animate)

    def restore_position(self, index: int, offset: int = 0) -> None:
        """Scroll so the line holding character ``offset`` of block ``index`` is at the top."""
        if not self._blocks:
            return
        index = max(0, min(index, len(self._blocks) - 1))
        if index >= self._map.laid_out:
            self._pending = (index, offset, None, False)
            return
        if index == 0 and offset == 0:
            y = 0  # the top of the document, title block included
        else:
            y = self._map.line_of_offset(index, offset) if offset else self._map.content_start(index)
        self._scroll_pinned(index, y, False)

    def scroll_to_end(self) -> None:
        """Scroll to the end of the document (of all of it, once a big one is laid out)."""
        if self._blocks and self._map.laid_out < len(self._blocks):
            self._pending = (len(self._blocks) - 1, -1, None, False)  # -1: the very end
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def reading_position(self) -> tuple[int, int]:
        """``(block index, char offset)`` of the reading position, to save and restore."""
        index = self.current_block
        if not self._map.laid_out or not self._blocks:
            return index, 0
        return index, self._map.offset_at_row(index, round(self.scroll_y))

    # ------------------------------------------------------------------ reactives

    def _redraw(self) -> None:
        self._painter.clear()
        self.refresh()

    def watch_highlights(self) -> None:
        self._redraw()

    def watch_marked_blocks(self) -> None:
        self.refresh()

    def watch_note_spans(self) -> None:
        self._redraw()

    def watch_note_focus(self) -> None:
        self._redraw()

    def watch_selection(self) -> None:
        self._redraw()

    def watch_current_block(self, index: int) -> None:
        self.refresh()
        self.post_message(self.CurrentBlockChanged(index))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_position()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._painter.restyle()

    # ------------------------------------------------------------------ layout

    def on_resize(self) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        painter = self._painter
        measure, pad = geometry(width)
        if measure == painter.measure and self._map.laid_out:
            if pad != painter.pad:
                painter.set_geometry(measure, pad)
                self.refresh()
            return
        keep = self.reading_position() if self._map.laid_out else None
        painter.set_geometry(measure, pad)
        self._layout_generation += 1
        painter.header = painter.layout_header(measure, self.total_words)
        blocks = self._blocks
        stop = len(blocks)
        target = self._pending[0] if self._pending else (keep[0] if keep else 0)
        if self._words.size > LAZY_LAYOUT_CHARS and target < PARTIAL_BLOCKS:
            # A big document: lay out what the first screens need now, the rest in a thread.
            stop = PARTIAL_BLOCKS
        layout = LineMap.build(blocks, measure, len(painter.header), stop)
        self._install_layout(self._layout_generation, layout, keep)
        if stop < len(blocks):
            # The rest in a thread, started once the first screen is drawn.
            self.call_after_refresh(self._complete_layout, self._layout_generation, measure, layout)

    def _install_layout(self, generation: int, layout: LineMap, keep: tuple[int, int] | None = None) -> None:
        if generation != self._layout_generation:
            return
        self._map = layout
        self.virtual_size = Size(self.scrollable_content_region.width, layout.total)
        if self._pending is not None and self._pending[0] < layout.laid_out:
            index, offset, span, animate = self._pending
            self._pending = None
            if span is not None:
                self.call_after_refresh(self.scroll_to_block, index, span=span, animate=animate)
            elif offset < 0:
                self.call_after_refresh(self.scroll_to_end)
            else:
                self.call_after_refresh(self.restore_position, index, offset)
        elif keep is not None:
            self.restore_position(*keep)
        self.refresh()
        self._update_position()

    def _complete_layout(self, generation: int, measure: int, layout: LineMap) -> None:
        blocks = self._blocks

        def work() -> None:
            done = layout.extended(blocks, measure, len(blocks))
            if generation == self._layout_generation:
                with suppress(RuntimeError):  # the app closed meanwhile
                    self.app.call_from_thread(self._install_layout, generation, done)

        self.run_worker(work, thread=True, exclusive=True, group="layout", exit_on_error=False)

    def _count_words(self) -> None:
        def work() -> None:
            after = self._words.count()
            with suppress(RuntimeError):
                self.app.call_from_thread(self._words_counted, after)

        self.run_worker(work, thread=True, group="words", exit_on_error=False)

    def _words_counted(self, after: list[int]) -> None:
        self._words.counted(after)
        painter = self._painter
        if self._map.laid_out:
            header = painter.layout_header(painter.measure, self.total_words)
            if len(header) == len(painter.header):
                painter.header = header
                self.refresh()
        self._fraction = -1.0
        self._update_position()

    # ------------------------------------------------------------------ position

    def _scroll_pinned(self, index: int, y: int, animate: bool) -> None:
        y = max(0, min(y, self._map.total - self.scrollable_content_region.height))
        self._pin = (index, y)
        self.scroll_to(y=y, animate=animate, immediate=True)
        self._update_position()

    def _update_position(self) -> None:
        if not self._map.laid_out:
            return
        top = round(self.scroll_y)
        if self._pin is not None and self._pin[1] == top:
            current = self._pin[0]
        else:
            self._pin = None
            height = self.scrollable_content_region.height
            current = self._map.current_block(top, height, len(self._blocks))
        if current != self.current_block:
            self.current_block = current
        max_y = self.max_scroll_y
        fraction = 1.0 if max_y <= 0 else min(1.0, top / max_y)
        if fraction != self._fraction:
            self._fraction = fraction
            self.post_message(self.PositionChanged(fraction))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        return self._painter.line(round(self.scroll_y) + y, self._map, width)

    def iter_visible_blocks(self) -> Iterable[int]:
        """Indexes of blocks with at least one line in the view."""
        return iter(self._map.blocks_in(round(self.scroll_y), self.scrollable_content_region.height))
