"""The search bar as a reader uses it: real key presses through Textual's Pilot."""

from __future__ import annotations

import io
import threading

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from tests.ui.helpers import make_doc, screen_text
from tui.app import ReaderApp
from tui.model.document import BlockKind, BlockSpec, Document
from tui.model.load import load_path
from tui.model.search import SYNTAX_HELP, SearchIndex
from tui.screens.help import HelpScreen
from tui.widgets.article import Article
from tui.widgets.search_bar import SearchBar
from tui.widgets.status import StatusLine

SIZE = (100, 30)


async def settle(pilot: Pilot[int], app: ReaderApp) -> None:
    """Let workers (indexing, searching) finish and their results reach the screen."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def start(pilot: Pilot[int], app: ReaderApp) -> None:
    await settle(pilot, app)
    assert app.search_index is not None


async def type_query(pilot: Pilot[int], app: ReaderApp, query: str) -> SearchBar:
    await pilot.press("slash")
    await pilot.press(*query)
    await settle(pilot, app)
    bar = app.query_one(SearchBar)
    assert bar.display and bar.query_one(Input).has_focus
    return bar


def block_with(doc: Document, words: str) -> int:
    return next(b.index for b in doc.blocks if words in b.text)


def count_line(bar: SearchBar) -> str:
    return str(bar.query_one("#search-count", Static).render())


def status_text(app: ReaderApp) -> str:
    return app.query_one(StatusLine).render().plain


@pytest.mark.parametrize(
    ("query", "expected", "matched"),
    [
        ("thucidides trap", "so-called Thucydides trap", "thucydides"),
        ("resilliance", "Resilience refers to the ability", "resilience"),
        ("san fransisco summit", "Since the San Francisco summit in November", "francisco"),
        ("de-risking creating risks", "appeals to “de-risking” as the dominant paradigm", "creating"),
    ],
)
async def test_enter_lands_on_the_paragraph_with_highlights(query: str, expected: str, matched: str) -> None:
    doc = load_path(None)
    target = block_with(doc, expected)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        bar = await type_query(pilot, app, query)
        assert "hit" in count_line(bar)
        await pilot.press("enter")
        await settle(pilot, app)
        article = app.query_one(Article)
        assert not bar.display
        assert article.has_focus
        assert article.current_block == target
        assert target in list(article.iter_visible_blocks())
        spans = article.highlights[target]
        words = [doc.blocks[target].text[s:e].lower() for s, e in spans]
        assert any(matched in w for w in words), words
        assert "hit " in status_text(app)


async def test_escape_returns_to_where_the_reader_was() -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("space", "j", "j")
        article = app.query_one(Article)
        before = article.scroll_y
        assert before > 0
        bar = await type_query(pilot, app, "thucidides")
        # Moving in the list previews the hit in the reading pane.
        assert article.scroll_y != before
        assert article.highlights
        await pilot.press("escape")
        await settle(pilot, app)
        assert not bar.display
        assert article.has_focus
        assert article.scroll_y == before
        assert article.highlights == {}
        assert "hit " not in status_text(app)


async def test_n_and_shift_n_step_through_hits_in_document_order() -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        bar = await type_query(pilot, app, "resilience")
        assert bar.result is not None
        in_order = sorted(h.block_index for h in bar.result.hits)
        total = len(in_order)
        assert total >= 5
        await pilot.press("enter")
        await settle(pilot, app)
        article = app.query_one(Article)
        first = in_order.index(article.current_block)
        assert f"hit {first + 1}/{total}" in status_text(app)
        seen = []
        for _ in range(total):
            await pilot.press("n")
            seen.append(article.current_block)
        # Forward through every hit in document order, wrapping around back to the start.
        expected = [in_order[(first + k) % total] for k in range(1, total + 1)]
        assert seen == expected
        assert f"hit {first + 1}/{total}" in status_text(app)
        await pilot.press("N")
        assert article.current_block == in_order[(first - 1) % total]
        assert f"hit {(first - 1) % total + 1}/{total}" in status_text(app)
        # Esc in the reading pane forgets the search.
        await pilot.press("escape")
        assert article.highlights == {}
        assert "hit " not in status_text(app)


async def test_n_goes_to_the_next_hit_after_the_reading_position() -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        bar = await type_query(pilot, app, "resilience")
        assert bar.result is not None
        in_order = sorted(h.block_index for h in bar.result.hits)
        await pilot.press("enter")
        await settle(pilot, app)
        article = app.query_one(Article)
        article.scroll_to_block(0)
        await pilot.pause()
        await pilot.press("n")
        assert article.current_block == next(i for i in in_order if i > 0)


async def test_up_down_and_ctrl_keys_move_in_the_results_while_typing() -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        bar = await type_query(pilot, app, "resilience")
        results = bar.query_one(OptionList)
        assert results.highlighted == 0
        await pilot.press("down", "down", "ctrl+n")
        assert results.highlighted == 3
        await pilot.press("up", "ctrl+p")
        assert results.highlighted == 1
        assert bar.query_one(Input).has_focus
        assert bar.query_one(Input).value == "resilience"
        assert bar.result is not None
        chosen = bar.result.hits[1].block_index
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.query_one(Article).current_block == chosen


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("", "Type to search"),
        ("!xyz", "Exclusions alone"),
        ("qqqzzzx", "No match"),
        ('"', "Type a word"),
    ],
)
async def test_empty_operator_only_and_hopeless_queries_are_calm(query: str, words: str) -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        article = app.query_one(Article)
        before = article.scroll_y
        bar = await type_query(pilot, app, query)
        assert words in count_line(bar)
        assert bar.query_one(OptionList).option_count == 0
        syntax = bar.query_one("#search-syntax", Static)
        assert syntax.display == (query == "")
        await pilot.press("enter")  # nothing to go to: the bar stays open
        await settle(pilot, app)
        assert bar.display
        await pilot.press("escape")
        await settle(pilot, app)
        assert not bar.display
        assert article.scroll_y == before


async def test_help_lists_search_keys_and_syntax() -> None:
    app = ReaderApp(load_path(None))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        everywhere = dict((desc, keys) for keys, desc in dict(app.screen.groups)["Everywhere"])
        assert everywhere["Search the document"] == "/"
        assert everywhere["Next search hit (in document order)"] == "n"
        assert everywhere["Previous search hit"] == "N"
        assert everywhere["Follow a link in the current paragraph"] == "f"
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-keys", Static).content)
        text = console.export_text()
        for line in SYNTAX_HELP.splitlines():
            assert line.strip() in text


def big_document(paragraphs: int = 10_000) -> tuple[Document, int]:
    """A long document with one paragraph holding a rare word; returns it and that index."""
    specs: list[BlockSpec] = []
    target = 0
    for i in range(paragraphs):
        if i % 100 == 0:
            specs.append(BlockSpec(BlockKind.HEADING, f"Chapter {i // 100 + 1}", level=1))
        words = f"Paragraph {i} talks about river number {i % 97} and the harbour of town {i % 13}."
        if i == 7_777:
            words += " A marmalade lighthouse stands here."
            target = len(specs)
        specs.append(BlockSpec(BlockKind.PARAGRAPH, words * 3))
    return make_doc(specs, source="big.txt"), target


async def test_a_big_document_is_indexed_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    doc, target = big_document()
    gate = threading.Event()
    built = SearchIndex.build

    def slow_build(document: Document) -> SearchIndex:
        gate.wait(30)
        return built(document)

    monkeypatch.setattr(SearchIndex, "build", staticmethod(slow_build))
    app = ReaderApp(doc)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            # The reader works while the index is being built.
            assert "Paragraph 0" in screen_text(app)
            await pilot.press("j")
            assert app.query_one(Article).scroll_y == 1
            await pilot.press("slash")
            await pilot.press(*"marmelade lighthous")
            await pilot.pause()
            bar = app.query_one(SearchBar)
            assert app.search_index is None
            assert "indexing" in count_line(bar)
            gate.set()
            await settle(pilot, app)
            assert app.search_index is not None
            assert count_line(bar) == "1 hit"
            await pilot.press("enter")
            await settle(pilot, app)
            article = app.query_one(Article)
            assert article.current_block == target
            assert target in list(article.iter_visible_blocks())
    finally:
        gate.set()


async def test_a_query_without_hits_puts_the_reading_pane_back() -> None:
    app = ReaderApp(load_path(None))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        await pilot.press("space")
        article = app.query_one(Article)
        before = article.scroll_y
        await type_query(pilot, app, "thucidides")
        assert article.scroll_y != before and article.highlights
        await pilot.press("ctrl+u", *"qqqzzzx")
        await settle(pilot, app)
        assert article.scroll_y == before
        assert article.highlights == {}


async def test_escape_in_the_pane_closes_an_open_bar_first() -> None:
    app = ReaderApp(load_path(None))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, app)
        article = app.query_one(Article)
        bar = await type_query(pilot, app, "thucidides")
        article.focus()
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot, app)
        assert not bar.display
        assert article.scroll_y == 0
        assert article.highlights == {}


async def test_results_are_refitted_when_the_window_narrows() -> None:
    app = ReaderApp(load_path(None))
    async with app.run_test(size=(120, 30)) as pilot:
        await start(pilot, app)
        bar = await type_query(pilot, app, "resilience")
        results = bar.query_one(OptionList)
        await pilot.press("down", "down")
        wide = max(line.cell_len for line in results.get_option_at_index(0).prompt.split())
        assert wide > 70
        await pilot.resize_terminal(70, 30)
        await settle(pilot, app)
        assert results.highlighted == 2
        for i in range(results.option_count):
            lines = results.get_option_at_index(i).prompt.split()
            assert max(line.cell_len for line in lines) <= results.scrollable_content_region.width


async def test_letters_typed_right_after_slash_all_reach_the_query() -> None:
    """A fast typist (or a paste) sends "/" and the query before the bar has opened."""
    from textual import events
    from textual.widgets import TextArea

    app = ReaderApp(load_path(None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for ch in "/thucid":  # all queued at once
            app.post_message(events.Key("slash" if ch == "/" else ch, ch))
        await pilot.pause()
        await pilot.pause()
        bar = app.query_one(SearchBar)
        assert bar.input.value == "thucid"
        # Inside the query, "/" is an ordinary character.
        await pilot.press("slash", *"or")
        assert bar.input.value == "thucid/or"
        # So it is in a note.
        await pilot.press("escape", "a")
        await pilot.pause()
        await pilot.press(*"and/or")
        assert app.screen.query_one(TextArea).text == "and/or"
