"""The notes panel: the margin beside the reading pane, listing a document's notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model.document import Document
from tui.model.notes import Placed, Status
from tui.widgets._wrap import sanitize

QUOTE_CHARS = 70  # characters of the quote shown per note
BODY_CHARS = 110  # characters of the body shown per note
ORPHANS_HEADING = "Orphaned notes"

_DIM = Style(dim=True)
_QUOTE = Style(italic=True)
_BADGE = {
    Status.MOVED: ("moved", Style(bold=True, color="yellow")),
    Status.ORPHAN: ("orphan", Style(bold=True, color="red")),
}


def shorten(text: str, limit: int) -> str:
    """``text`` on one line (whitespace runs folded, control characters made visible), cut
    to ``limit`` characters with an ellipsis."""
    flat = " ".join(sanitize(text).split())
    if len(flat) <= limit:
        return flat
    return flat[: max(0, limit - 1)].rstrip() + "…"


def note_label(placed: Placed, document: Document) -> Text:
    """The lines shown for one note: section (dim), quote (italic), start of the body, badge."""
    note = placed.note
    text = Text()
    section = document.section_at(placed.block_index) if placed.block_index is not None else None
    if section is not None:
        text.append(shorten(section.title, 60), style=_DIM)
    elif placed.block_index is not None:
        text.append(shorten(document.meta.title, 60) or "Beginning", style=_DIM)
    badge = _BADGE.get(placed.status)
    if badge is not None:
        if text:
            text.append("  ")
        text.append(f"[{badge[0]}]", style=badge[1])
    quote = shorten(note.anchor.quote, QUOTE_CHARS)
    if quote:
        text.append("\n")
        text.append(f"“{quote}”", style=_QUOTE)
    body = shorten(note.body, BODY_CHARS)
    text.append("\n")
    if body:
        text.append(body)
    else:
        text.append("(no text)", style=_DIM)
    if note.tags:
        text.append("\n")
        text.append(" ".join(f"#{shorten(t, 20)}" for t in note.tags), style=_DIM)
    return text


class NotesPanel(OptionList):
    """The notes of the document in document order, orphans last under their own heading.

    The owner fills it with :meth:`show_notes` and acts on the messages it posts:
    :class:`NotesPanel.Jump` (Enter or click), :class:`NotesPanel.Edit`,
    :class:`NotesPanel.Delete` and :class:`NotesPanel.Reattach`, each with a note id.
    """

    HELP_TITLE = "Notes panel"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Go to the note", id="notes.jump"),
        Binding("e", "edit", "Edit the note", id="notes.edit"),
        Binding("d", "delete", "Delete the note (u undoes)", id="notes.delete"),
        Binding("r", "reattach", "Re-attach the note to the current paragraph", id="notes.reattach"),
        Binding("j", "cursor_down", "Next note", id="notes.down", show=False),
        Binding("k", "cursor_up", "Previous note", id="notes.up", show=False),
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
        self._placed: dict[str, Placed] = {}
        self._pending: tuple[list[Placed], Document, str | None, bool] | None = None
        self._want: str | None = None  # the note to put the cursor on when the list is built

    @property
    def note_ids(self) -> list[str]:
        """The ids of the listed notes, in the order shown."""
        return [o.id for o in self.options if o.id is not None]

    @property
    def current_note_id(self) -> str | None:
        """The id of the note under the cursor, or None."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def show_notes(
        self,
        placed: Sequence[Placed],
        document: Document,
        *,
        message: str | None = None,
        loading: bool = False,
    ) -> None:
        """List ``placed`` (already in document order); ``message`` is shown at the top.

        While the panel is hidden the list is only remembered, and built when it is shown.
        """
        self._placed = {p.note.id: p for p in placed}
        self.border_title = f"Notes · {len(placed)}" if placed else "Notes"
        self._pending = (list(placed), document, message, loading)
        if self.display:
            self._build()

    def on_show(self) -> None:
        if self._pending is not None:
            self._build()
        super().on_show()

    def _build(self) -> None:
        if self._pending is None:
            return
        placed, document, message, loading = self._pending
        self._pending = None
        keep = self._want or self.current_note_id
        self._want = None
        old_index = self.highlighted
        options: list[Option | None] = []
        if message:
            options.append(Option(Text("⚠ " + message, style=Style(color="yellow")), disabled=True))
            options.append(None)
        if loading:
            options.append(Option(Text("Loading notes…", style=_DIM), disabled=True))
        elif not placed:
            options.append(
                Option(
                    Text("No notes yet.\nPress a to add one to the marked paragraph (▎).", style=_DIM),
                    disabled=True,
                )
            )
        orphans_started = False
        for p in placed:
            if p.is_orphan and not orphans_started:
                orphans_started = True
                if options and options[-1] is not None:
                    options.append(None)
                options.append(Option(Text(ORPHANS_HEADING, style=Style(bold=True)), disabled=True))
            options.append(Option(note_label(p, document), id=p.note.id))
            options.append(None)
        self.set_options(options)
        ids = self.note_ids
        if keep in self._placed:
            self.highlighted = self.get_option_index(keep)
        elif ids:
            # after a delete the cursor stays at about the same place
            positions = [self.get_option_index(i) for i in ids]
            target = old_index if old_index is not None else positions[0]
            self.highlighted = min(positions, key=lambda i: (abs(i - target), i))

    def placed_of(self, note_id: str) -> Placed | None:
        """The listed placement of a note."""
        return self._placed.get(note_id)

    def select_note(self, note_id: str) -> None:
        """Put the cursor on a note (if listed)."""
        if note_id not in self._placed:
            return
        if self._pending is not None:
            self._want = note_id
        else:
            self.highlighted = self.get_option_index(note_id)

    def _post(self, message_type: type[_NoteMessage]) -> None:
        note_id = self.current_note_id
        if note_id is not None:
            self.post_message(message_type(note_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Jump(event.option.id))

    def action_edit(self) -> None:
        """Edit the note under the cursor."""
        self._post(self.Edit)

    def action_delete(self) -> None:
        """Delete the note under the cursor."""
        self._post(self.Delete)

    def action_reattach(self) -> None:
        """Re-attach the note under the cursor to the current paragraph."""
        self._post(self.Reattach)
