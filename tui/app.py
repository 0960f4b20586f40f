"""ReaderApp: the reader's window; wires the document to the widgets, keys and saved state."""

from __future__ import annotations

import gc
import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.theme import Theme
from textual.timer import Timer
from textual.widget import MountError
from textual.widgets import Input, TextArea

from tui.model import paths
from tui.model.document import Document
from tui.model.load import BUNDLED_NAME
from tui.model.notes import Anchor, Note, Placed, anchor_for_block, anchor_for_span, place
from tui.model.search import Hit, SearchIndex
from tui.model.state import Position, StateStore, document_identity
from tui.model.store import NotesStore, StoreError
from tui.screens.help import HelpScreen, binding_groups
from tui.screens.links import LinkPicker, block_links, find_anchor, link_kind
from tui.screens.note_editor import ConfirmDialog, NoteDraft, NoteEditor
from tui.widgets.article import WORDS_PER_MINUTE, Article
from tui.widgets.notes_panel import NotesPanel
from tui.widgets.outline import Outline, section_label
from tui.widgets.search_bar import SearchBar
from tui.widgets.status import StatusLine, minutes_label

SAVE_EVERY = 5.0  # seconds between saves of the reading position (when it changed)
HIT_QUOTE_CHARS = 160  # a note on a search hit quotes its matched words within this many characters
NOTES_NARROW = 120  # below this width the outline hides while the notes panel is shown


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
        Binding("slash", "search", "Search the document", id="search.open", priority=True),
        Binding("n", "search_next", "Next search hit (in document order)", id="search.next"),
        Binding("N", "search_previous", "Previous search hit", id="search.previous"),
        Binding("escape", "search_clear", "Clear the search highlights", id="search.clear", show=False),
        Binding("f", "follow_link", "Follow a link in the current paragraph", id="links.follow"),
        Binding("a", "add_note", "Add a note to the selection or the marked paragraph", id="app.add_note"),
        Binding("m", "toggle_notes", "Show or hide the notes panel", id="app.notes"),
        Binding("u", "undo_delete", "Undo the last note deletion", id="app.undo_delete"),
    ]

    def __init__(
        self,
        document: Document,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        show_outline: bool | None = None,
    ) -> None:
        super().__init__()
        self._quitting = False
        self.document = document
        self.data_dir: Path = paths.data_dir(data_dir)
        self.state = StateStore(paths.state_file(self.data_dir))
        self.identity = document_identity(document.meta.source, document.fingerprint, BUNDLED_NAME)
        self._show_outline = bool(document.sections) if show_outline is None else show_outline
        self._saved_position: tuple[int, int] | None = None
        self._save_error_shown = False
        if document.meta.title:
            self.sub_title = document.meta.title
        self._notes_init()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            outline = Outline(self.document, id="outline")
            if not self._show_outline:
                outline.add_class("-hidden")
            yield outline
            yield Article(self.document, id="article")
            yield NotesPanel(id="notes-panel", classes="-hidden")
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
        self.call_after_refresh(self._notes_open)
        self.call_after_refresh(self._search_premount)

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
        except NoMatches:  # the screen is already gone (the app is closing)
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

    # ---- search ---------------------------------------------------------
    # The index is built in a thread once the first screen is up; the search bar is mounted
    # on first use. A chosen search leaves its hits in document order for n / N.

    search_index: SearchIndex | None = None
    _search_hits: tuple[Hit, ...] = ()
    _search_pos: int = -1
    _search_saved: tuple[float, dict[int, list[tuple[int, int]]], str] | None = None

    @on(events.Ready)
    def _search_build_index(self) -> None:
        document = self.document

        def build() -> None:
            try:
                index = SearchIndex.build(document)
            except Exception as exc:  # the reader still works without search
                message = f"search is unavailable: {exc}"
                with suppress(RuntimeError):
                    self.call_from_thread(self.notify, message, severity="error", markup=False)
                return
            with suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(self._search_index_ready, index)

        self.run_worker(build, thread=True, group="search-index", exit_on_error=False)

    def _search_index_ready(self, index: SearchIndex) -> None:
        self.search_index = index
        bar = self._search_bar()
        if bar is not None:
            bar.index = index

    def _search_bar(self) -> SearchBar | None:
        bars = self.query(SearchBar)
        return bars.first() if bars else None

    async def _search_mount_bar(self) -> SearchBar:
        """Mount the (hidden) search bar, once; done after the first screen is drawn.

        With the bar already there, "/" opens it without waiting for a mount, so letters
        typed right after "/" all reach the query.
        """
        bar = self._search_bar()
        if bar is None:
            bar = SearchBar(self.search_index, id="search-bar")
            bar.display = False
            await self.screen.mount(bar, before=self.query_one("#main"))
        return bar

    async def _search_premount(self) -> None:
        """Mount the search bar ahead of use, unless the app is already closing."""
        with suppress(MountError):
            await self._search_mount_bar()

    async def action_search(self) -> None:
        """Open the search bar."""
        bar = await self._search_mount_bar()
        article = self.article
        if not bar.display or self._search_saved is None:
            self._search_saved = (article.scroll_y, article.highlights, self.status.search_hit)
        bar.display = True
        bar.open()

    def _search_close(self) -> SearchBar | None:
        bar = self._search_bar()
        if bar is not None:
            bar.display = False
        self.article.focus()
        return bar

    @on(SearchBar.Previewed)
    def _search_previewed(self, event: SearchBar.Previewed) -> None:
        event.stop()
        bar = self._search_bar()
        if bar is None or not bar.display:
            return
        hit = event.hit
        article = self.article
        if hit is None:  # nothing to show: back to where the reader was
            if self._search_saved is not None:
                y, highlights, _ = self._search_saved
                article.highlights = highlights
                article.scroll_to(y=y, animate=False, immediate=True)
            return
        article.highlights = {hit.block_index: list(hit.spans)}
        article.scroll_to_block(hit.block_index, span=hit.spans[0] if hit.spans else None)

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        self._search_close()
        saved, self._search_saved = self._search_saved, None
        if saved is None:
            return
        y, highlights, hit_label = saved
        article = self.article
        article.highlights = highlights
        self.status.search_hit = hit_label
        article.scroll_to(y=y, animate=False, immediate=True)
        self.call_after_refresh(article.scroll_to, y=y, animate=False, immediate=True)

    @on(SearchBar.Chosen)
    def _search_chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        self._search_close()
        self._search_saved = None
        hits = event.result.in_document_order()
        self._search_hits = hits
        self.article.highlights = {h.block_index: list(h.spans) for h in hits}
        chosen = next(i for i, h in enumerate(hits) if h.block_index == event.hit.block_index)
        self._search_pos = chosen
        self.status.search_hit = f"hit {chosen + 1}/{len(hits)}"
        # Scroll once the bar is gone and the pane has its full height again.
        self.call_after_refresh(self._search_go, chosen)

    @property
    def current_hit(self) -> Hit | None:
        """The search hit the reader last went to (Enter, n or N), or None."""
        hits, pos = self._search_hits, self._search_pos
        return hits[pos] if 0 <= pos < len(hits) else None

    def _search_go(self, pos: int) -> None:
        hits = self._search_hits
        hit = hits[pos]
        self._search_pos = pos
        self.article.scroll_to_block(hit.block_index, span=hit.spans[0] if hit.spans else None)
        self.status.search_hit = f"hit {pos + 1}/{len(hits)}"

    def _search_step(self, direction: int) -> None:
        hits = self._search_hits
        if not hits:
            self.notify("No search to repeat: press / to search.", timeout=3)
            return
        current = self.article.current_block
        pos = self._search_pos
        if not (0 <= pos < len(hits) and hits[pos].block_index == current):
            starts = [h.block_index for h in hits]
            pos = bisect_right(starts, current) - 1 if direction > 0 else bisect_left(starts, current)
        pos += direction
        if pos >= len(hits):
            pos = 0
            self.notify("Search wrapped around to the first hit.", timeout=2)
        elif pos < 0:
            pos = len(hits) - 1
            self.notify("Search wrapped around to the last hit.", timeout=2)
        self._search_go(pos)

    def action_search_next(self) -> None:
        """Go to the next hit of the last search, after the reading position."""
        self._search_step(1)

    def action_search_previous(self) -> None:
        """Go to the previous hit of the last search, before the reading position."""
        self._search_step(-1)

    def action_search_clear(self) -> None:
        """Forget the last search: no highlights, no hit counter."""
        bar = self._search_bar()
        if bar is not None and bar.display:  # the bar is open but the pane has the focus
            bar.action_cancel()
            return
        article = self.article
        if not self._search_hits and not article.highlights:
            raise SkipAction()
        self._search_hits = ()
        self._search_pos = -1
        article.highlights = {}
        self.status.search_hit = ""

    def action_command_palette(self) -> None:
        """The command palette, except while typing a search (where ctrl+p moves up the hits)."""
        bar = self._search_bar()
        if bar is not None and bar.display and bar.input.has_focus:
            raise SkipAction()
        super().action_command_palette()

    # ---- links ----------------------------------------------------------

    @on(Article.LinkClicked)
    def _link_clicked(self, event: Article.LinkClicked) -> None:
        event.stop()
        self.follow_link(event.href)

    def action_follow_link(self) -> None:
        """Pick one of the links of the current paragraph (or of the screen) and follow it."""
        blocks = self.document.blocks
        if not blocks:
            return
        article = self.article
        links = block_links(blocks[article.current_block])
        if not links:
            for i in article.iter_visible_blocks():
                links.extend(block_links(blocks[i]))
        if not links:
            self.notify("No links here.", timeout=3)
            return
        self.push_screen(LinkPicker(links), self._link_picked)

    def _link_picked(self, href: str | None) -> None:
        if href:
            self.follow_link(href)

    def follow_link(self, href: str) -> None:
        """Jump to a heading of this document, open a web link in the browser, or explain why not."""
        kind = link_kind(href)
        if kind == "anchor":
            block = find_anchor(self.document, href)
            if block is None:
                self.notify(f"No heading {href} in this document.", severity="warning", markup=False)
                return
            self.article.scroll_to_block(block.index)
        elif kind == "web":
            self.notify(href, title="Opening in the browser", markup=False)
            self.open_url(href)
        else:
            self.notify(
                f"{href} points to another file; links to files are not followed.",
                title="Link",
                markup=False,
            )

    # ---- end of search and links ----------------------------------------

    # ------------------------------------------------------------------ actions

    def action_toggle_outline(self) -> None:
        """Show or hide the outline."""
        self._outline_hidden_for_notes = False  # the user's choice stands when the notes panel closes
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
        if not self._notes_before_quit():
            return
        self._quitting = True
        self.exit(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Which actions the keys may start now.

        Once quitting has begun, keys typed ahead start nothing new (no editor, no dialog).
        "/" is a priority binding, so that the letters typed right after it already go to the
        query; in a text field or a dialog it is an ordinary character instead.
        """
        if self._quitting:
            return action == "quit"
        if action == "search":
            return self.screen is self.screen_stack[0] and not isinstance(self.focused, (Input, TextArea))
        return True

    # ---- notes ------------------------------------------------------------------------
    # The notes UI. The store is opened in a thread after the first screen; every change is
    # saved in a thread; the panel, the margin marks, the quoted spans and the outline counts
    # are redrawn from ``_placed`` (note id -> where the note is on this document).

    NOTES_SAVE_DELAY: ClassVar[float] = 0.5  # seconds from a note change to its save (big stores)
    NOTES_SAVE_AT_ONCE: ClassVar[int] = 1000  # stores smaller than this save at every change

    def _notes_init(self) -> None:
        self.notes: NotesStore | None = None
        self._placed: dict[str, Placed] = {}
        self._last_deleted: Note | None = None
        self._quit_unsaved_asked = False
        self._outline_hidden_for_notes = False
        self._marks: dict[int, int] = {}  # block index -> notes on it
        self._spans: dict[int, list[tuple[int, int]]] = {}  # block index -> quoted spans
        self._counts: dict[str, int] = {}  # section id -> notes in it
        self._counts_shown: dict[str, int] | None = None
        self._save_timer: Timer | None = None

    @property
    def notes_panel(self) -> NotesPanel:
        """The notes panel (the margin)."""
        return self.query_one("#notes-panel", NotesPanel)

    def _notes_open(self) -> None:
        """Open the notes store and place its notes, off the UI thread."""
        document, data_dir = self.document, self.data_dir
        self.notes_panel.show_notes([], document, loading=True)

        def work() -> None:
            try:
                store = NotesStore.open(data_dir, document)
                placed = store.placed(document)
            except Exception as exc:  # any failure is shown, never fatal
                with suppress(RuntimeError):
                    self.call_from_thread(self._notes_failed, f"cannot open the notes: {exc}")
                return
            with suppress(RuntimeError):  # the app closed meanwhile
                self.call_from_thread(self._notes_opened, store, placed)

        self.run_worker(work, thread=True, group="notes-open", exit_on_error=False)

    def _notes_failed(self, message: str) -> None:
        self.notes_panel.show_notes([], self.document, message=message)
        self.notify(message, title="Notes", markup=False, severity="error", timeout=30)

    def _notes_opened(self, store: NotesStore, placed: list[Placed]) -> None:
        self.notes = store
        self._placed = {p.note.id: p for p in placed}
        if store.problem:
            self.notify(
                store.problem, title="Notes file cannot be used", markup=False, severity="error", timeout=60
            )
        self._notes_refresh()
        self._notes_save()  # notes recovered earlier go back into the fixed file

    def _notes_refresh(self) -> None:
        """Redraw everything that shows notes: panel, margin marks, quoted spans, outline counts."""
        message = self.notes.problem if self.notes is not None else None
        self.notes_panel.show_notes(list(self._placed.values()), self.document, message=message)
        self._marks, self._spans, self._counts = {}, {}, {}
        for p in self._placed.values():
            self._notes_count(p, 1)
        self._notes_show_marks()

    def _notes_count(self, p: Placed, sign: int) -> None:
        """Add (``sign`` 1) or take away (-1) one note's margin mark, quoted span and outline count."""
        index = p.block_index
        if index is None:
            return
        marks = self._marks
        marks[index] = marks.get(index, 0) + sign
        if marks[index] <= 0:
            del marks[index]
        if (p.start, p.end) != (0, len(self.document.blocks[index].text)):
            spans = self._spans.setdefault(index, [])
            if sign > 0:
                spans.append((p.start, p.end))
            elif (p.start, p.end) in spans:
                spans.remove((p.start, p.end))
            if not spans:
                del self._spans[index]
        section = self.document.section_at(index)
        if section is not None:
            counts = self._counts
            counts[section.id] = counts.get(section.id, 0) + sign
            if counts[section.id] <= 0:
                del counts[section.id]

    def _notes_show_marks(self) -> None:
        """Give the margin marks, quoted spans and outline counts to the widgets that draw them."""
        article = self.article
        article.marked_blocks = dict(self._marks)
        article.note_spans = {index: sorted(spans) for index, spans in self._spans.items()}
        if self._counts != self._counts_shown:
            self._counts_shown = dict(self._counts)
            self.outline.set_counts(self._counts)

    def _notes_save(self) -> None:
        """Save the notes in a thread; a failure is reported and the notes stay in memory."""
        store = self.notes
        if store is None or not store.dirty:
            return

        def work() -> None:
            try:
                store.save()
            except StoreError as exc:
                with suppress(RuntimeError):
                    self.call_from_thread(self._notes_save_failed, str(exc))

        self.run_worker(work, thread=True, group="notes-save", exit_on_error=False)

    def _notes_save_soon(self) -> None:
        """Save the notes after a change: at once for an ordinary store, else a moment later.

        Saving thousands of notes holds the interpreter for a while, so for a big store the
        save waits until the screen shows the change, and a burst of changes (undo after
        delete, quick edits) is saved once.
        """
        store = self.notes
        if store is not None and len(store) < self.NOTES_SAVE_AT_ONCE:
            self._notes_save()
            return
        if self._save_timer is None:
            self._save_timer = self.set_timer(self.NOTES_SAVE_DELAY, self._notes_save_due)

    def _notes_save_due(self) -> None:
        self._save_timer = None
        self._notes_save()

    @property
    def notes_save_pending(self) -> bool:
        """True while a change of the notes waits to be saved or is being saved."""
        if self._save_timer is not None:
            return True
        return any(w.group == "notes-save" and not w.is_finished for w in self.workers)

    def _notes_save_failed(self, message: str) -> None:
        self.notify(message, title="Notes not saved", markup=False, severity="error", timeout=20)

    def _notes_before_quit(self) -> bool:
        """Save unsaved notes before leaving; if that fails, ask once whether to quit anyway."""
        store = self.notes
        if store is None or not store.dirty:
            return True
        try:
            store.save()
        except StoreError as exc:
            if self._quit_unsaved_asked:
                return True
            self._quit_unsaved_asked = True

            def answered(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.exit(0)

            self.notify(str(exc), title="Notes not saved", markup=False, severity="error", timeout=20)
            self.push_screen(
                ConfirmDialog("Your notes could not be saved. Quit anyway and lose them?"), answered
            )
            return False
        return True

    def _note_changed(self, note: Note) -> None:
        """Place a new or changed note (only this one), redraw what shows it and save."""
        old, placed = self._placed.get(note.id), place(note, self.document)
        self._placed[note.id] = placed
        if old is not None:
            self._notes_count(old, -1)
        self._notes_count(placed, 1)
        self._notes_show_marks()
        panel = self.notes_panel
        panel.update_note(placed)
        panel.select_note(note.id)
        self._notes_save_soon()

    def _search_hit_target(self) -> tuple[int, int, int] | None:
        """The current search hit as ``(block, start, end)``, if one is on screen.

        The span runs from the first matched word to the last one close after it, so a note
        on a hit for "thucidides trap" quotes "Thucydides trap", not only its first word.
        """
        hit = self.current_hit
        if hit is None or not hit.spans:
            return None
        if hit.block_index not in set(self.article.iter_visible_blocks()):
            return None
        spans = sorted(hit.spans)
        start, end = spans[0]
        for _, e in spans[1:]:
            if e - start > HIT_QUOTE_CHARS:
                break
            end = max(end, e)
        return hit.block_index, start, end

    def _note_target(self) -> Anchor | None:
        """Where a new note goes: the mouse selection, the search hit on screen, or the marked
        (current) paragraph."""
        document = self.document
        if not document.blocks:
            return None
        article = self.article
        for target in (article.selection, self._search_hit_target()):
            if target is None:
                continue
            index, start, end = target
            end = min(end, len(document.blocks[index].text))
            if 0 <= start < end:
                return anchor_for_span(document, index, start, end)
        return anchor_for_block(document, article.current_block)

    def _note_place_label(self, index: int | None) -> str:
        if index is None:
            return "Orphaned: its text is no longer in the document"
        section = self.document.section_at(index)
        where = section_label(section) if section else (self.document.meta.title or "Beginning")
        return f"§ {where}"

    def action_add_note(self) -> None:
        """Add a note to the selected text, the search hit on screen or the marked paragraph."""
        if self.notes is None:
            self.notify("The notes are still loading; try again in a moment.", title="Notes", markup=False)
            return
        anchor = self._note_target()
        if anchor is None:
            self.notify(
                "There is no text to attach a note to.", title="Notes", markup=False, severity="warning"
            )
            return
        editor = NoteEditor(
            title="New note", place=self._note_place_label(anchor.block_index), quote=anchor.quote
        )

        def done(draft: NoteDraft | None) -> None:
            if draft is None or self.notes is None:
                return
            try:
                note = self.notes.add(anchor, draft.body, draft.tags)
            except ValueError as exc:
                self.notify(str(exc), title="Note not added", markup=False, severity="error")
                return
            self.article.selection = None
            self._note_changed(note)
            self.notify("Note added — m shows the notes panel.", title="Notes", markup=False, timeout=3)

        self.push_screen(editor, done)

    def action_toggle_notes(self) -> None:
        """Show or hide the notes panel (on a narrow screen the outline makes room for it)."""
        panel, outline = self.notes_panel, self.outline
        panel.toggle_class("-hidden")
        if panel.has_class("-hidden"):
            if panel.has_focus:
                self.article.focus()
            if self._outline_hidden_for_notes:
                self._outline_hidden_for_notes = False
                outline.remove_class("-hidden")
        else:
            if self.size.width < NOTES_NARROW and not outline.has_class("-hidden"):
                self._outline_hidden_for_notes = True
                outline.add_class("-hidden")
            panel.focus()

    def action_undo_delete(self) -> None:
        """Bring back the last deleted note."""
        note, store = self._last_deleted, self.notes
        if note is None or store is None:
            self.notify("No deleted note to bring back.", title="Notes", markup=False)
            return
        self._last_deleted = None
        self._note_changed(store.restore(note))
        self.notify("Note restored.", title="Notes", markup=False, timeout=3)

    @on(NotesPanel.Jump)
    def _note_jump(self, event: NotesPanel.Jump) -> None:
        event.stop()
        placed = self._placed.get(event.note_id)
        if placed is None:
            return
        if placed.block_index is None:
            self.notify(
                "This note's text is no longer in the document. Press r to re-attach it to the "
                "current paragraph, or d to delete it.",
                title="Orphaned note",
                markup=False,
            )
            return
        article = self.article
        article.scroll_to_block(placed.block_index, span=(placed.start, placed.end))
        article.note_focus = (placed.block_index, placed.start, placed.end)

    @on(Article.CurrentBlockChanged)
    def _note_focus_follows(self, event: Article.CurrentBlockChanged) -> None:
        focus = self.article.note_focus
        if focus is not None and focus[0] != event.index:
            self.article.note_focus = None

    @on(NotesPanel.Edit)
    def _note_edit(self, event: NotesPanel.Edit) -> None:
        event.stop()
        store = self.notes
        note = store.get(event.note_id) if store is not None else None
        if store is None or note is None:
            return
        placed = self._placed.get(note.id)
        editor = NoteEditor(
            title="Edit note",
            place=self._note_place_label(placed.block_index if placed else None),
            quote=note.anchor.quote,
            body=note.body,
            tags=note.tags,
        )

        def done(draft: NoteDraft | None) -> None:
            if draft is None or store.get(note.id) is None:
                return
            if (draft.body, draft.tags) == (note.body, note.tags):
                return
            try:
                changed = store.update(note.id, draft.body, draft.tags)
            except (ValueError, KeyError) as exc:
                self.notify(str(exc), title="Note not changed", markup=False, severity="error")
                return
            self._note_changed(changed)

        self.push_screen(editor, done)

    @on(NotesPanel.Delete)
    def _note_delete(self, event: NotesPanel.Delete) -> None:
        event.stop()
        store = self.notes
        if store is None or store.get(event.note_id) is None:
            return
        self._last_deleted = store.delete(event.note_id)
        placed = self._placed.pop(event.note_id, None)
        note_focus = self.article.note_focus
        if placed is not None:
            self._notes_count(placed, -1)
        self._notes_show_marks()
        self.notes_panel.remove_note(event.note_id)
        self.article.note_focus = note_focus if self._placed else None
        self._notes_save_soon()
        self.notify("Note deleted — u to undo.", title="Notes", markup=False, timeout=6)

    @on(NotesPanel.Reattach)
    def _note_reattach(self, event: NotesPanel.Reattach) -> None:
        event.stop()
        store = self.notes
        if store is None or store.get(event.note_id) is None:
            return
        anchor = self._note_target()
        if anchor is None:
            return
        note = store.reattach(event.note_id, anchor)
        self.article.selection = None
        self._note_changed(note)
        self.notify(
            f"Note re-attached: {self._note_place_label(anchor.block_index)}.",
            title="Notes",
            markup=False,
            timeout=4,
        )
