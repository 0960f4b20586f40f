"""ReaderApp: the reader's window; wires the document to the widgets, keys and saved state."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.theme import Theme

from tui.model import paths
from tui.model.document import Document
from tui.model.load import BUNDLED_NAME
from tui.model.state import Position, StateStore, document_identity
from tui.screens.help import HelpScreen, binding_groups
from tui.widgets.article import WORDS_PER_MINUTE, Article
from tui.widgets.outline import Outline, section_label
from tui.widgets.status import StatusLine, minutes_label

SAVE_EVERY = 5.0  # seconds between saves of the reading position (when it changed)


@contextmanager
def long_lived_allocation() -> Iterator[None]:
    """Load a document with the cyclic garbage collector paused, then exempt it from scans.

    A parsed book is hundreds of thousands of objects that live as long as the reader;
    collecting while they are built, and rescanning them later, only costs time.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


class ReaderApp(App[int]):
    """Read one document: outline on the left, the text in the middle, a status line below."""

    CSS_PATH = str(Path(__file__).with_name("tui.tcss"))
    TITLE = "Marginalia"
    HELP_TITLE = "Everywhere"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("o", "toggle_outline", "Show or hide the outline", id="app.outline"),
        Binding("question_mark", "help", "Help: all keys", id="app.help"),
    ]

    def __init__(
        self,
        document: Document,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        show_outline: bool | None = None,
    ) -> None:
        super().__init__()
        self.document = document
        self.data_dir: Path = paths.data_dir(data_dir)
        self.state = StateStore(paths.state_file(self.data_dir))
        self.identity = document_identity(document.meta.source, document.fingerprint, BUNDLED_NAME)
        self._show_outline = bool(document.sections) if show_outline is None else show_outline
        self._saved_position: tuple[int, int] | None = None
        self._save_error_shown = False
        if document.meta.title:
            self.sub_title = document.meta.title

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            outline = Outline(self.document, id="outline")
            if not self._show_outline:
                outline.add_class("-hidden")
            yield outline
            yield Article(self.document, id="article")
        yield StatusLine(id="status")

    @property
    def article(self) -> Article:
        """The reading pane."""
        return self.query_one("#article", Article)

    @property
    def outline(self) -> Outline:
        """The outline pane."""
        return self.query_one("#outline", Outline)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        self.state.load()
        if self.state.error:
            self.notify(self.state.error, title="Reading state", severity="warning", timeout=8)
        theme = self.state.setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._restore_position()
        self.article.focus()
        self._update_status(self.article.current_block)
        self.set_interval(SAVE_EVERY, self.save_state)

    # ------------------------------------------------------------------ state

    def _restore_position(self) -> None:
        pos = self.state.position(self.identity, self.document.fingerprint)
        if pos is None or not self.document.blocks:
            return
        block = self.document.block(pos.block_id)
        if block is not None:
            index, offset = block.index, pos.offset
        else:
            index, offset = min(pos.block_index, len(self.document.blocks) - 1), 0
        self._saved_position = (index, offset)
        self.article.restore_position(index, offset)

    def _remember_theme(self, theme: Theme) -> None:
        self.state.set_setting("theme", theme.name)

    def save_state(self) -> None:
        """Record the reading position and save the state file if anything changed."""
        blocks = self.document.blocks
        try:
            article = self.article
        except Exception:
            return
        if blocks:
            index, offset = article.reading_position()
            if (index, offset) != self._saved_position:
                self.state.set_position(
                    self.identity,
                    Position(blocks[index].id, index, offset),
                    fingerprint=self.document.fingerprint,
                    title=self.document.meta.title,
                )
                self._saved_position = (index, offset)
        if not self.state.dirty:
            return
        try:
            self.state.save()
        except OSError as exc:
            if not self._save_error_shown:
                self._save_error_shown = True
                self.notify(f"cannot save the reading position: {exc}", severity="error")

    # ------------------------------------------------------------------ messages

    @on(Article.CurrentBlockChanged)
    def _current_block_changed(self, event: Article.CurrentBlockChanged) -> None:
        event.stop()
        self._update_status(event.index)

    @on(Article.PositionChanged)
    def _position_changed(self, event: Article.PositionChanged) -> None:
        event.stop()
        status = self.status
        status.fraction = event.fraction
        status.time_left = minutes_label(self.article.words_left(), WORDS_PER_MINUTE)

    @on(Outline.SectionSelected)
    def _section_selected(self, event: Outline.SectionSelected) -> None:
        event.stop()
        section = self.document.section(event.section_id)
        if section is not None:
            self.article.scroll_to_block(section.start)

    def _update_status(self, index: int) -> None:
        section = self.document.section_at(index) if self.document.blocks else None
        self.status.section = section_label(section) if section else (self.document.meta.title or "")
        self.status.time_left = minutes_label(self.article.words_left(), WORDS_PER_MINUTE)
        self.outline.follow(section.id if section else None)

    # ------------------------------------------------------------------ actions

    def action_toggle_outline(self) -> None:
        """Show or hide the outline."""
        outline = self.outline
        outline.toggle_class("-hidden")
        if outline.has_class("-hidden"):
            if outline.has_focus:
                self.article.focus()
        else:
            self._update_status(self.article.current_block)

    def action_help(self) -> None:
        """Show every key that works here, from the bindings."""
        groups = binding_groups(self.screen.active_bindings, self.get_key_display)
        self.push_screen(HelpScreen(groups))

    async def action_quit(self) -> None:
        """Save the reading position and leave."""
        self.save_state()
        self.exit(0)
