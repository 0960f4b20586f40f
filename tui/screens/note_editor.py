"""The note editor (a modal over the reader) and a small yes/no confirmation dialog."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static, TextArea

from tui.widgets.notes_panel import shorten

EDITOR_QUOTE_CHARS = 160


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the editor returns: the note's text and its tags."""

    body: str
    tags: tuple[str, ...] = ()


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags, stripped, empty ones and duplicates dropped."""
    out: list[str] = []
    for tag in text.split(","):
        tag = tag.strip()
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


class ConfirmDialog(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True for y, False for n or Esc."""

    HELP_TITLE = "Question"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: auto;
        min-width: 30;
        max-width: 60;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 0 2;
    }
    ConfirmDialog #confirm-keys {
        color: $text-muted;
    }
    """

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question, style=Style(bold=True)), id="confirm-question")
            yield Static("y yes · n no", id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)


class NoteEditor(ModalScreen[NoteDraft | None]):
    """Write or change a note's text and tags.

    Shows where the note is attached (``place``, e.g. the section, and the ``quote``).
    Ctrl+S dismisses with a :class:`NoteDraft`; Esc dismisses with None, first asking
    whether to discard when the text or tags were changed.
    """

    HELP_TITLE = "Note editor"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the note", id="editor.save"),
        Binding("escape", "cancel", "Cancel (asks before discarding text)", id="editor.cancel"),
    ]

    DEFAULT_CSS = """
    NoteEditor {
        align: center middle;
    }
    NoteEditor > Vertical {
        width: 76;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        border-title-color: $accent;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    NoteEditor #editor-place {
        color: $text-muted;
    }
    NoteEditor #editor-quote {
        color: $text-muted;
        text-style: italic;
        margin-bottom: 1;
    }
    NoteEditor TextArea {
        height: 10;
    }
    NoteEditor Input {
        margin-top: 1;
    }
    """

    def __init__(
        self,
        *,
        title: str,
        place: str,
        quote: str,
        body: str = "",
        tags: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.heading = title
        self.place = place
        self.quote = quote
        self._initial = NoteDraft(body, tuple(tags))

    def compose(self) -> ComposeResult:
        frame = Vertical()
        frame.border_title = self.heading
        frame.border_subtitle = "Ctrl+S save · Esc cancel"
        with frame:
            yield Static(Text(self.place), id="editor-place")
            quote = shorten(self.quote, EDITOR_QUOTE_CHARS)
            yield Static(Text(f"“{quote}”" if quote else "(no text)"), id="editor-quote")
            yield TextArea(
                self._initial.body,
                soft_wrap=True,
                show_line_numbers=False,
                placeholder="Write your note…",
                id="editor-body",
            )
            yield Input(
                ", ".join(self._initial.tags),
                placeholder="Tags, comma separated (optional)",
                id="editor-tags",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def draft(self) -> NoteDraft:
        """The text and tags as they are in the editor now."""
        body = self.query_one(TextArea).text
        return NoteDraft(body, parse_tags(self.query_one(Input).value))

    @property
    def changed(self) -> bool:
        """True when the text or the tags differ from what the editor opened with."""
        return self.draft != self._initial

    def action_save(self) -> None:
        """Save the note."""
        self.dismiss(self.draft)

    def action_cancel(self) -> None:
        """Close without saving; asks first when something was typed."""
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        editing = bool(self._initial.body or self._initial.tags)
        question = "Discard your changes to this note?" if editing else "Discard this note?"
        self.app.push_screen(ConfirmDialog(question), answered)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the tags field saves, like Ctrl+S."""
        event.stop()
        self.action_save()
