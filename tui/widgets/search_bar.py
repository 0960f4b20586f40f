"""The search bar: a query line, a count line and the ranked hits, updated on every keystroke.

The bar only shows results; what a chosen or previewed hit does to the reading pane is the
app's business. It posts :class:`SearchBar.Previewed` when the highlighted hit changes,
:class:`SearchBar.Chosen` when the reader presses Enter on a hit and
:class:`SearchBar.Cancelled` on Esc. The app hands it a :class:`SearchIndex` through the
``index`` attribute once the index is built; until then the bar says "indexing…".
"""

from __future__ import annotations

from contextlib import nullcontext, suppress
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.model.search import SYNTAX_HELP, Hit, SearchIndex, SearchResult
from tui.widgets.cells import sanitize

LIMIT = 50  # hits listed (and stepped through with n / N)
NO_SECTION = "(before the first heading)"
INDENT = "  "  # snippets sit under their section path


def one_line(text: str) -> str:
    """``text`` safe to draw on one line: controls made visible, tabs and newlines as spaces."""
    return sanitize(text).replace("\t", " ").replace("\n", " ")


def hit_prompt(hit: Hit, width: int, match: Style, section: Style) -> Text:
    """Two lines for a hit: its section path, then its snippet with the matches styled.

    The snippet is indented and cut to ``width`` cells around its first match, with "…" where it is cut.
    Built from plain strings and explicit styles: document text is never read as markup.
    """
    path = " › ".join(one_line(s) for s in hit.section) or NO_SECTION
    head = Text(path, style=section, no_wrap=True, overflow="ellipsis")
    head.truncate(max(width, 1), overflow="ellipsis")
    width -= len(INDENT)
    body = Text(one_line(hit.snippet), no_wrap=True, overflow="ellipsis")
    for start, end in hit.snippet_spans:
        body.stylize(match, start, end)
    if width > 0 and body.cell_len > width and hit.snippet_spans:
        first = hit.snippet_spans[0][0]
        cut = max(0, min(first - width // 3, len(body.plain) - width + 1))
        if cut > 0:
            body = Text("…", no_wrap=True, overflow="ellipsis") + body[cut:]
    if width > 0:
        body.truncate(width, overflow="ellipsis")
    return Text("\n", no_wrap=True).join([head, Text(INDENT) + body])


def count_label(result: SearchResult) -> str:
    """``"17 hits"``, ``"50 of 230 hits"``, or the result's calm message when there are none."""
    if not result.hits:
        return result.message
    shown = len(result.hits)
    noun = "hit" if result.total == 1 else "hits"
    if result.total > shown:
        return f"{shown} of {result.total} {noun} (best first)"
    return f"{result.total} {noun}"


class SearchBar(Vertical):
    """Type a query; the best hits are listed under it, best first.

    Up / Down (or ctrl+n / ctrl+p) move in the list while typing, Enter picks the highlighted
    hit (the first by default), Esc closes the bar.
    """

    HELP_TITLE = "Search"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "cursor_down", "Next result", id="search.result_down"),
        Binding("up,ctrl+p", "cursor_up", "Previous result", id="search.result_up"),
        Binding("pagedown", "page_down", "Page of results down", id="search.result_page_down", show=False),
        Binding("pageup", "page_up", "Page of results up", id="search.result_page_up", show=False),
        Binding("enter", "choose", "Go to the highlighted result", id="search.choose"),
        Binding("escape", "cancel", "Close the search, back to where you were", id="search.cancel"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {"search-bar--match", "search-bar--section"}

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        & > .search-bar--match { color: $text-warning; text-style: bold underline; }
        & > .search-bar--section { color: $text-muted; }
    }
    """

    index: var[SearchIndex | None] = var(None, init=False)

    class Previewed(Message):
        """The highlighted hit changed: show it, though the reader has not chosen it yet.

        ``hit`` is None when there is nothing to show (no hits): go back to where the reader was.
        """

        def __init__(self, hit: Hit | None) -> None:
            self.hit = hit
            super().__init__()

    class Chosen(Message):
        """The reader chose ``hit`` from ``result`` (Enter or a click)."""

        def __init__(self, hit: Hit, result: SearchResult) -> None:
            self.hit = hit
            self.result = result
            super().__init__()

    class Cancelled(Message):
        """The reader closed the bar without choosing a hit."""

    def __init__(
        self,
        index: SearchIndex | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(SearchBar.index, index)
        self.result: SearchResult | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search: words in any order, typos are fine", id="search-input")
        yield Static("", id="search-count")
        results = OptionList(id="search-results")
        results.can_focus = False  # typing stays in the input; the list follows the keys
        yield results
        yield Static(Text(SYNTAX_HELP), id="search-syntax")

    @property
    def input(self) -> Input:
        """The query line."""
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> OptionList:
        """The list of hits."""
        return self.query_one("#search-results", OptionList)

    def on_mount(self) -> None:
        self._refresh_for(self.input.value)

    def open(self) -> None:
        """Focus the query, with any previous query selected so typing replaces it.

        Focus moves at once, not after the queued keys: "/" typed quickly followed by the
        query (or pasted) must put every letter in the query.
        """
        self.screen.set_focus(self.input)
        self.input.select_all()
        hit = self.highlighted_hit()
        if hit is not None:
            self.post_message(self.Previewed(hit))

    def highlighted_hit(self) -> Hit | None:
        """The hit under the list cursor (None when there are no hits)."""
        result = self.result
        if result is None or not result.hits:
            return None
        i = self.results.highlighted
        if i is None or not 0 <= i < len(result.hits):
            i = 0
        return result.hits[i]

    # ------------------------------------------------------------------ searching

    def watch_index(self) -> None:
        self._refresh_for(self.input.value)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._refresh_for(event.value)

    def _refresh_for(self, query: str) -> None:
        count = self.query_one("#search-count", Static)
        syntax = self.query_one("#search-syntax", Static)
        empty = not query.strip()
        syntax.display = empty
        self.results.display = not empty
        if self.index is None:
            count.update("indexing…")
            return
        if empty:
            self.result = SearchResult(query, (), 0, "")
            self.results.clear_options()
            count.update("Type to search.")
            self.post_message(self.Previewed(None))
            return
        self._search(self.index, query)

    @work(exclusive=True, thread=True, group="search", exit_on_error=False)
    def _search(self, index: SearchIndex, query: str) -> None:
        """Run one query off the UI thread; a newer keystroke cancels it."""
        result = index.search(query, limit=LIMIT)
        if get_current_worker().is_cancelled:
            return
        with suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self._show, result)

    def _show(self, result: SearchResult) -> None:
        if result.query != self.input.value:
            return  # a stale answer: the reader has typed on
        self.query_one("#search-count", Static).update(count_label(result))
        results = self.results
        width = results.scrollable_content_region.width or max(10, self.app.size.width - 4)
        width -= 2  # option padding
        match = self._foreground_style("search-bar--match")
        section = self._foreground_style("search-bar--section")
        keep = results.highlighted if self.result is result else None
        self.result = result
        results.set_options(Option(hit_prompt(hit, width, match, section)) for hit in result.hits)
        if result.hits:
            with self.prevent(OptionList.OptionHighlighted) if keep is not None else nullcontext():
                results.highlighted = keep if keep is not None else 0
        else:
            self.post_message(self.Previewed(None))

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._width = event.size.width
            if self.result is not None and self.result.hits:
                self.call_after_refresh(self._show, self.result)  # snippets fitted to the new width

    def _foreground_style(self, name: str) -> Style:
        """A component style without its background (the row's highlight shows through)."""
        full = self.get_component_rich_style(name, partial=False)
        return Style(color=full.color, bold=full.bold, italic=full.italic, underline=full.underline)

    # ------------------------------------------------------------------ list keys

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        result = self.result
        if result is not None and 0 <= event.option_index < len(result.hits):
            self.post_message(self.Previewed(result.hits[event.option_index]))

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def action_cursor_down(self) -> None:
        """Highlight the next result."""
        self.results.action_cursor_down()

    def action_cursor_up(self) -> None:
        """Highlight the previous result."""
        self.results.action_cursor_up()

    def action_page_down(self) -> None:
        """Move the result cursor a page down."""
        self.results.action_page_down()

    def action_page_up(self) -> None:
        """Move the result cursor a page up."""
        self.results.action_page_up()

    def action_choose(self) -> None:
        """Go to the highlighted hit (nothing happens while there is none).

        Enter pressed before the answer to the last keystroke arrived searches right away
        (a search takes milliseconds) and goes to the best hit.
        """
        query = self.input.value
        if self.index is not None and query.strip() and (self.result is None or self.result.query != query):
            self._show(self.index.search(query, limit=LIMIT))
        hit = self.highlighted_hit()
        if hit is not None and self.result is not None and self.result.query == query:
            self.post_message(self.Chosen(hit, self.result))

    def action_cancel(self) -> None:
        """Close the bar without choosing."""
        self.post_message(self.Cancelled())
