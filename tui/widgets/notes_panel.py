"""The notes panel: the margin beside the reading pane, listing a document's notes.

The list is virtual (a ScrollView drawing only the visible lines), with one fixed-height row
per note, so a document with thousands of notes opens fast and a change of one note redraws
one row: the rows are kept in document order by inserting each changed note at its place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model.document import Document
from tui.model.notes import Placed, Status, current_quote, order_key
from tui.widgets.cells import sanitize

QUOTE_CHARS = 70  # characters of the quote shown per note
BODY_CHARS = 110  # characters of the body shown per note
ORPHANS_HEADING = "Orphaned notes"
NOTE_LINES = 4  # lines of text per note: place, quote, body (two lines when there are no tags), tags
ROW_HEIGHT = NOTE_LINES + 1  # and a rule below each note
MARGIN = 1  # blank columns left of the text

_DIM = Style(dim=True)
_QUOTE = Style(italic=True)
_BADGE = {
    Status.MOVED: ("moved", Style(bold=True, color="yellow")),
    Status.ORPHAN: ("orphan", Style(bold=True, color="red")),
}
_ORPHANS = (1,)  # every orphan's order key is greater than this, every placed note's smaller


def shorten(text: str, limit: int) -> str:
    """``text`` on one line (whitespace runs folded, control characters made visible), cut
    to ``limit`` characters with an ellipsis."""
    flat = " ".join(sanitize(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)].rstrip() + "…"


def note_parts(placed: Placed, document: Document) -> tuple[Text, Text, Text, Text]:
    """A note's place (section, dim, and a badge), quote (italic), body and tags (dim)."""
    note = placed.note
    where = Text()
    section = document.section_at(placed.block_index) if placed.block_index is not None else None
    if section is not None:
        where.append(shorten(section.title, 60), style=_DIM)
    elif placed.block_index is not None:
        where.append(shorten(document.meta.title, 60) or "Beginning", style=_DIM)
    badge = _BADGE.get(placed.status)
    if badge is not None:
        if where:
            where.append("  ")
        where.append(f"[{badge[0]}]", style=badge[1])
    quote = shorten(current_quote(placed, document), QUOTE_CHARS)
    quoted = Text(f"“{quote}”", style=_QUOTE) if quote else Text()
    body = shorten(note.body, BODY_CHARS)
    shown = Text(body) if body else Text("(no text)", style=_DIM)
    tags = Text(" ".join(f"#{shorten(t, 20)}" for t in note.tags), style=_DIM)
    return where, quoted, shown, tags


def note_label(placed: Placed, document: Document) -> Text:
    """The text shown for one note: section, quote, start of the body and tags, one per line."""
    return Text("\n").join(part for part in note_parts(placed, document) if part)


class NotesPanel(ScrollView, can_focus=True):
    """The notes of the document in document order, orphans last under their own heading.

    The owner fills it with :meth:`show_notes`, keeps it current with :meth:`update_note` and
    :meth:`remove_note`, and acts on the messages it posts: :class:`NotesPanel.Jump` (Enter
    or click), :class:`NotesPanel.Edit`, :class:`NotesPanel.Delete` and
    :class:`NotesPanel.Reattach`, each with a note id.
    """

    HELP_TITLE = "Notes panel"

    DEFAULT_CSS = """
    NotesPanel {
        overflow-x: hidden;
        & > .notes-panel--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .notes-panel--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .notes-panel--rule {
            color: $foreground 15%;
        }
        & > .notes-panel--message {
            color: $warning;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "notes-panel--cursor",
        "notes-panel--rule",
        "notes-panel--message",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to the note", id="notes.jump"),
        Binding("e", "edit", "Edit the note", id="notes.edit"),
        Binding("d", "delete", "Delete the note (u undoes)", id="notes.delete"),
        Binding("r", "reattach", "Re-attach the note to the current paragraph", id="notes.reattach"),
        Binding("j,down", "cursor_down", "Next note", id="notes.down", show=False),
        Binding("k,up", "cursor_up", "Previous note", id="notes.up", show=False),
        Binding("home", "first", "First note", id="notes.first", show=False),
        Binding("end", "last", "Last note", id="notes.last", show=False),
        Binding("pagedown", "page_down", "A page of notes down", id="notes.page_down", show=False),
        Binding("pageup", "page_up", "A page of notes up", id="notes.page_up", show=False),
    ]

    class _NoteMessage(Message):
        def __init__(self, note_id: str) -> None:
            self.note_id = note_id
            super().__init__()

    class Jump(_NoteMessage):
        """Show the note's place in the reading pane."""

    class Edit(_NoteMessage):
        """Edit the note."""

    class Delete(_NoteMessage):
        """Delete the note."""

    class Reattach(_NoteMessage):
        """Attach the note to the reading pane's current paragraph."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Notes"
        self._document: Document | None = None
        self._placed: dict[str, Placed] = {}
        self._ids: list[str] = []  # listed notes, in document order
        self._keys: list[tuple[int, int, int, int, datetime]] = []  # their order keys
        self._message: str | None = None
        self._loading = False
        self._cursor: int | None = None  # index in _ids
        self._rows: dict[str, list[Strip]] = {}  # note id -> its drawn lines (at _width)
        self._head: list[Strip] | None = None  # message / placeholder lines (at _width)
        self._width = 0
        self._rule_strip: Strip | None = None
        self._base = Style()  # the styles of the lines being drawn, set for each redraw
        self._cursor_style = Style()

    # ------------------------------------------------------------------ contents

    @property
    def note_ids(self) -> list[str]:
        """The ids of the listed notes, in the order shown."""
        return list(self._ids)

    @property
    def current_note_id(self) -> str | None:
        """The id of the note under the cursor, or None."""
        return self._ids[self._cursor] if self._cursor is not None else None

    @property
    def entries(self) -> list[Text]:
        """Everything listed, as whole (unwrapped) text: message or placeholder, then notes."""
        out = [Text(line) for line in self._head_texts()]
        orphans = self._first_orphan()
        document = self._document
        for i, note_id in enumerate(self._ids):
            if i == orphans:
                out.append(Text(ORPHANS_HEADING, style=Style(bold=True)))
            if document is not None:
                out.append(note_label(self._placed[note_id], document))
        return out

    def show_notes(
        self,
        placed: Sequence[Placed],
        document: Document,
        *,
        message: str | None = None,
        loading: bool = False,
    ) -> None:
        """List ``placed`` (in any order); ``message`` is shown at the top."""
        keep, old_index = self.current_note_id, self._cursor
        ordered = sorted(placed, key=order_key)
        self._document = document
        self._placed = {p.note.id: p for p in ordered}
        self._ids = [p.note.id for p in ordered]
        self._keys = [order_key(p) for p in ordered]
        self._message, self._loading = message, loading
        self._rows.clear()
        self._head = None
        if keep is not None and keep in self._placed:
            self._cursor = self._ids.index(keep)
        elif self._ids:
            self._cursor = min(old_index or 0, len(self._ids) - 1)
        else:
            self._cursor = None
        self._changed()

    def update_note(self, placed: Placed) -> None:
        """Add a note, or redraw a changed one at its (possibly new) place."""
        note_id = placed.note.id
        keep = self.current_note_id
        if note_id in self._placed:
            self._drop(note_id)
        key = order_key(placed)
        index = bisect_right(self._keys, key)
        self._keys.insert(index, key)
        self._ids.insert(index, note_id)
        self._placed[note_id] = placed
        self._rows.pop(note_id, None)
        if len(self._ids) == 1:
            self._head = None  # the "no notes yet" placeholder goes
        self._cursor = self._index_of(keep) if keep is not None else 0
        self._changed()

    def remove_note(self, note_id: str) -> None:
        """Stop listing a note; the cursor stays at about the same place."""
        if note_id not in self._placed:
            return
        keep, old_index = self.current_note_id, self._cursor
        self._drop(note_id)
        del self._placed[note_id]
        self._rows.pop(note_id, None)
        if not self._ids:
            self._cursor, self._head = None, None
        elif keep is not None and keep != note_id:
            self._cursor = self._index_of(keep)
        else:
            self._cursor = min(old_index or 0, len(self._ids) - 1)
        self._changed()

    def select_note(self, note_id: str) -> None:
        """Put the cursor on a note (if listed)."""
        index = self._index_of(note_id)
        if index is not None:
            self._move_cursor(index)

    def _index_of(self, note_id: str) -> int | None:
        placed = self._placed.get(note_id)
        if placed is None:
            return None
        key = order_key(placed)
        index = bisect_left(self._keys, key)
        while self._ids[index] != note_id:  # equal keys (same place, same time) are rare
            index += 1
        return index

    def _drop(self, note_id: str) -> None:
        index = self._index_of(note_id)
        if index is not None:
            del self._ids[index], self._keys[index]

    def _first_orphan(self) -> int:
        return bisect_left(self._keys, _ORPHANS)

    def _changed(self) -> None:
        count = len(self._ids)
        self.border_title = f"Notes · {count}" if count else "Notes"
        self._update_size()
        self.refresh()
        self.scroll_to_cursor()

    # ------------------------------------------------------------------ layout

    def _head_texts(self) -> list[str]:
        lines = []
        if self._message:
            lines.append("⚠ " + self._message)
        if self._loading:
            lines.append("Loading notes…")
        elif not self._ids:
            lines.append("No notes yet.\nPress a to add one to the marked paragraph (▎).")
        return lines

    def _text_width(self) -> int:
        return max(1, self.scrollable_content_region.width - MARGIN)

    def _check_width(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._rows.clear()
            self._head = None
            self._rule_strip = None

    def _head_lines(self) -> list[Strip]:
        self._check_width()
        if self._head is None:
            head: list[Strip] = []
            width = self._text_width()
            message_style = self.get_component_rich_style("notes-panel--message", partial=True)
            if self._message:
                text = Text("⚠ " + self._message, style=message_style)
                head.extend(self._strips(text.wrap(self._console, width)))
                head.append(self._rule())
            for line in self._head_texts()[1 if self._message else 0 :]:
                text = Text(line, style=_DIM)
                head.extend(self._strips(text.wrap(self._console, width)))
            self._head = head
        return self._head

    def _lines_before(self, index: int) -> int:
        """The first line of note ``index``."""
        orphans = self._first_orphan()
        extra = 1 if orphans < len(self._ids) and index >= orphans else 0
        return len(self._head_lines()) + index * ROW_HEIGHT + extra

    def _update_size(self) -> None:
        if not self.is_mounted:
            return
        count = len(self._ids)
        height = self._lines_before(count) - (1 if count else 0)  # no rule under the last note
        size = Size(self.scrollable_content_region.width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    def _on_resize(self, event: events.Resize) -> None:
        self._check_width()
        self._update_size()
        self.refresh()

    def on_mount(self) -> None:
        self._update_size()

    def on_show(self) -> None:
        self._update_size()
        self.scroll_to_cursor()

    # ------------------------------------------------------------------ drawing

    @property
    def _console(self) -> Console:
        return self.app.console

    def _strips(self, lines: Sequence[Text], meta: dict[str, str] | None = None) -> list[Strip]:
        width = self.scrollable_content_region.width
        out = []
        for line in lines:
            segments = [Segment(" " * MARGIN), *line.render(self._console)]
            strip = Strip(segments).crop_extend(0, width, None)
            out.append(strip.apply_meta(meta) if meta else strip)
        return out

    def _rule(self) -> Strip:
        if self._rule_strip is None:
            style = self.get_component_rich_style("notes-panel--rule", partial=True)
            width = self.scrollable_content_region.width
            rule = [Segment(" " * MARGIN), Segment("─" * max(0, width - MARGIN), style)]
            self._rule_strip = Strip(rule, width)
        return self._rule_strip

    def _note_lines(self, note_id: str) -> list[Strip]:
        self._check_width()
        strips = self._rows.get(note_id)
        if strips is None:
            assert self._document is not None
            where, quote, body, tags = note_parts(self._placed[note_id], self._document)
            width = self._text_width()
            room = NOTE_LINES - 2 - (1 if tags else 0)
            body_lines = list(body.wrap(self._console, width))
            if len(body_lines) > room:
                body_lines = body_lines[:room]
                last = body_lines[-1]
                last.truncate(width - 1)
                last.rstrip()
                last.append("…")
            lines = [where, quote, *body_lines]
            if tags:
                lines.append(tags)
            for line in lines:
                line.truncate(width, overflow="ellipsis")
            lines += [Text()] * (NOTE_LINES - len(lines))
            strips = [*self._strips(lines, {"note": note_id}), self._rule()]
            self._rows[note_id] = strips
        return strips

    def notify_style_update(self) -> None:
        self._rows.clear()
        self._head = None
        self._rule_strip = None
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style
        self._cursor_style = self._base + self.get_component_rich_style("notes-panel--cursor")
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self._base
        head = self._head_lines()
        if line < len(head):
            return head[line].apply_style(base)
        line -= len(head)
        orphans = self._first_orphan()
        index, offset = divmod(line, ROW_HEIGHT)
        if index >= orphans and orphans < len(self._ids):
            line -= orphans * ROW_HEIGHT
            if line == 0:
                heading = Text(ORPHANS_HEADING, style=Style(bold=True))
                return self._strips([heading])[0].apply_style(base)
            index, offset = divmod(line - 1, ROW_HEIGHT)
            index += orphans
        if index >= len(self._ids):
            return Strip.blank(width, base)
        strip = self._note_lines(self._ids[index])[offset]
        if index == self._cursor and offset < NOTE_LINES:
            return strip.apply_style(self._cursor_style)
        return strip.apply_style(base)

    # ------------------------------------------------------------------ cursor

    def _move_cursor(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, len(self._ids) - 1)) if self._ids else None
        if index != self._cursor:
            self._cursor = index
            self.refresh()
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        """Scroll so the note under the cursor is in view."""
        if self._cursor is None or not self.is_mounted or not self.display:
            return
        self._update_size()
        y = self._lines_before(self._cursor)
        region = Region(0, y, self.scrollable_content_region.width, NOTE_LINES)
        self.scroll_to_region(region, force=True, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        """Move to the next note."""
        self._move_cursor(0 if self._cursor is None else self._cursor + 1)

    def action_cursor_up(self) -> None:
        """Move to the previous note."""
        self._move_cursor(0 if self._cursor is None else self._cursor - 1)

    def action_first(self) -> None:
        """Move to the first note."""
        self._move_cursor(0)

    def action_last(self) -> None:
        """Move to the last note."""
        self._move_cursor(len(self._ids) - 1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROW_HEIGHT)

    def action_page_down(self) -> None:
        """Move a page of notes down."""
        self._move_cursor((self._cursor or 0) + self._page())

    def action_page_up(self) -> None:
        """Move a page of notes up."""
        self._move_cursor((self._cursor or 0) - self._page())

    # ------------------------------------------------------------------ messages

    def _post(self, message_type: type[_NoteMessage]) -> None:
        note_id = self.current_note_id
        if note_id is not None:
            self.post_message(message_type(note_id))

    def on_click(self, event: events.Click) -> None:
        note_id = event.style.meta.get("note")
        index = self._index_of(note_id) if isinstance(note_id, str) else None
        if index is not None:
            event.stop()
            self._move_cursor(index)
            self.post_message(self.Jump(note_id))

    def action_select(self) -> None:
        """Show the note under the cursor in the reading pane."""
        self._post(self.Jump)

    def action_edit(self) -> None:
        """Edit the note under the cursor."""
        self._post(self.Edit)

    def action_delete(self) -> None:
        """Delete the note under the cursor."""
        self._post(self.Delete)

    def action_reattach(self) -> None:
        """Re-attach the note under the cursor to the current paragraph."""
        self._post(self.Reattach)
