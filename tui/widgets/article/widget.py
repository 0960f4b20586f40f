"""The reading pane: the document view with the keys, the mouse and the links of a reader."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.model.document import Document, InlineStyle
from tui.widgets.article.layout import CODE_CONT, GUTTER_LEFT, TEXT_KINDS, offset_at_cells, prefix_width
from tui.widgets.article.view import DocumentView


class Article(DocumentView, can_focus=True):
    """The reading pane: a ``DocumentView`` (current block, highlights, marks, reading
    position) that a reader drives with keys and the mouse.

    - ``position_at(x, y)``: map a widget offset to ``(block index, char offset)``.
    - ``link_at(index, offset)``: the href under a character; a click on a link posts
      ``Article.LinkClicked(href, index)``.
    - ``selection`` is chosen with the mouse (press, drag, release; one block, clipped to
      the block where the drag started); Esc or a click clears it. The click that ends a
      drag does not follow a link.
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

    class LinkClicked(Message):
        """The reader clicked a link: ``href`` of a link in block ``index``."""

        def __init__(self, href: str, index: int) -> None:
            self.href = href
            self.index = index
            super().__init__()

    def __init__(
        self,
        document: Document,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(document, name=name, id=id, classes=classes)
        self._drag_origin: tuple[int, int] | None = None  # (block, offset) where a press started
        self._drag_moved = False

    def position_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The ``(block index, char offset)`` under widget offset ``(x, y)``, or None."""
        vy = round(self.scroll_y) + y
        found = self._map.line_at(vy)
        if found is None:
            return None
        b, spec = found
        if spec.kind not in TEXT_KINDS:
            return None
        block = self._blocks[b]
        col = x - self._painter.pad - GUTTER_LEFT - (prefix_width(block) if spec.kind != CODE_CONT else 0)
        return b, offset_at_cells(self._painter.display(b), spec.start, spec.end, col)

    # ------------------------------------------------------------------ selection

    def _offset_in_block(self, block: int, x: int, y: int) -> int:
        """The offset in ``block`` under ``(x, y)``; above the block 0, below it the end."""
        pos = self.position_at(x, y)
        if pos is not None and pos[0] == block:
            return pos[1]
        vy = round(self.scroll_y) + y
        if block < self._map.laid_out and vy < self._map.content_start(block):
            return 0
        return len(self._painter.display(block))

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
        self.scroll_to_end()

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
        if i >= 0 and starts[i] == current and round(self.scroll_y) <= self._map.content_start(current):
            i -= 1
        if i >= 0:
            self.scroll_to_block(starts[i])
        else:
            self.action_top()
