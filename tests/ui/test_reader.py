"""The reader as a user drives it: real key presses through Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Tree

from tests.ui.helpers import article_lines, make_doc, screen_text, sectioned_doc
from tui.app import ReaderApp
from tui.model.document import BlockKind, BlockSpec
from tui.model.load import load_path
from tui.screens.help import HelpScreen
from tui.widgets.article import Article
from tui.widgets.outline import Outline, section_label
from tui.widgets.status import StatusLine

SIZE = (100, 30)


async def test_opening_shows_title_block_and_first_paragraph(article_path: Path) -> None:
    doc = load_path(None)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert doc.meta.title in text
        assert doc.meta.author in text
        assert "min read" in text
        first_para = next(b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH)
        assert first_para.text.split()[0] in text
        outline = app.query_one(Outline)
        assert outline.display  # wide enough: the outline is shown beside the text ...
        shown = [str(node.label) for node in outline.root.children]
        assert shown == [section_label(s) for s in doc.sections]  # ... listing the sections


async def test_reading_keys_move_the_view() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(Article)
        await pilot.pause()
        assert article.scroll_y == 0
        await pilot.press("j", "j", "down")
        assert article.scroll_y == 3
        await pilot.press("k", "up")
        assert article.scroll_y == 1
        await pilot.press("space")
        page = article.scroll_y
        assert page > 10
        await pilot.press("b")
        assert article.scroll_y == 1
        await pilot.press("pagedown")
        assert article.scroll_y == page
        await pilot.press("G")
        assert article.scroll_y == article.max_scroll_y > 0
        assert "100%" in app.query_one(StatusLine).render().plain
        await pilot.press("g")
        assert article.scroll_y == 0
        await pilot.press("end")
        assert article.scroll_y == article.max_scroll_y
        await pilot.press("home")
        assert article.scroll_y == 0


async def test_o_toggles_the_outline_and_tab_moves_focus() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        outline = app.query_one(Outline)
        article = app.query_one(Article)
        await pilot.pause()
        assert outline.display and article.has_focus
        await pilot.press("tab")
        assert outline.has_focus
        await pilot.press("o")
        await pilot.pause()
        assert not outline.display
        assert article.has_focus
        await pilot.press("o")
        await pilot.pause()
        assert outline.display


async def test_enter_in_outline_jumps_and_status_shows_section() -> None:
    doc = sectioned_doc()
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down", "down", "enter")
        await pilot.pause()
        section = doc.flat_sections()[2]
        assert app.query_one(Outline).cursor_node.data == section.id
        article = app.query_one(Article)
        assert article.current_block == section.start
        assert "Section 3" in app.query_one(StatusLine).render().plain
        assert any("Section 3" in line for line in article_lines(app)[:3])


async def test_outline_follows_the_reading_position() -> None:
    doc = sectioned_doc()
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        outline = app.query_one(Outline)
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert outline.cursor_node is not None
        assert outline.cursor_node.data == doc.flat_sections()[-1].id
        assert app.query_one(Article).has_focus  # following does not steal focus
        await pilot.press("g")
        for _ in range(40):
            await pilot.press("space")
            current = app.query_one(Article).current_block
            section = doc.section_at(current)
            if section is not None and section.title == "Section 2":
                break
        await pilot.pause()
        assert outline.cursor_node.data == doc.section_at(app.query_one(Article).current_block).id


async def test_square_brackets_go_to_next_and_previous_section() -> None:
    doc = sectioned_doc()
    app = ReaderApp(doc)
    starts = [s.start for s in doc.flat_sections()]
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(Article)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert article.current_block == starts[0]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert article.current_block == starts[2]
        assert "Section 3" in app.query_one(StatusLine).render().plain
        await pilot.press("left_square_bracket")
        assert article.current_block == starts[1]
        await pilot.press("j", "j", "j", "left_square_bracket")
        assert article.current_block == starts[1]  # back to the start of this section
        # The last section is current after ] even when it cannot reach the top of the view.
        for _ in range(5):
            await pilot.press("right_square_bracket")
        assert article.current_block == starts[-1]


async def test_help_lists_bindings_with_descriptions() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = dict(app.screen.groups)
        reading = dict((desc, keys) for keys, desc in groups["Reading pane"])
        assert "Next section" in reading and "]" in reading["Next section"]
        assert "j" in reading["Line down"]
        everywhere = dict((desc, keys) for keys, desc in groups["Everywhere"])
        assert "q" in everywhere["Quit"].split()
        assert "Help: all keys" in everywhere
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0  # set by exit(), before the test harness closes the app


async def test_keys_typed_after_q_open_nothing() -> None:
    """Keys that arrive while the app is closing (typed ahead) must not open an editor or crash."""
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert app.return_code == 0
        # In a real terminal the next keys can already be queued: none may start anything.
        for action in ("add_note", "toggle_notes", "help", "toggle_outline"):
            assert not app.check_action(action, ())
        assert app.check_action("quit", ())
        assert len(app.screen_stack) == 1


async def test_position_is_restored_on_reopen(tmp_path: Path) -> None:
    data = tmp_path / "state"
    doc = sectioned_doc(source=str(tmp_path / "book.txt"))
    app = ReaderApp(doc, data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j")
        await pilot.pause()
        where = app.query_one(Article).reading_position()
        await pilot.press("q")
    assert (data / "state.toml").is_file()
    assert where[0] > 0

    again = ReaderApp(sectioned_doc(source=str(tmp_path / "book.txt")), data_dir=data)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        article = again.query_one(Article)
        assert article.reading_position() == where
        assert article.scroll_y > 0

    other = ReaderApp(sectioned_doc(source=str(tmp_path / "other.txt"), paragraphs=3), data_dir=data)
    async with other.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert other.query_one(Article).scroll_y == 0


async def test_broken_state_file_is_reported_not_fatal(tmp_path: Path) -> None:
    data = tmp_path / "state"
    data.mkdir()
    (data / "state.toml").write_text("this is [not toml", encoding="utf-8")
    app = ReaderApp(sectioned_doc(), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.state.error
        await pilot.press("j", "q")
    assert (data / "state.toml.broken").read_text(encoding="utf-8") == "this is [not toml"


async def test_document_text_is_shown_literally() -> None:
    doc = make_doc(
        [
            BlockSpec(BlockKind.PARAGRAPH, "[bold]x[/bold] and [link=https://e.x]y[/link]"),
            BlockSpec(BlockKind.PARAGRAPH, "esc \x1b[31mred\x1b]8;;http://x\x07 end"),
            BlockSpec(BlockKind.HEADING, "[i]heading[/i]", level=1),
            BlockSpec(BlockKind.CODE, "print('[red]no[/red]')\n\tx\x1b[0m", lang="python"),
        ],
        title="[b]Title[/b]",
    )
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(article_lines(app))
        assert "[bold]x[/bold] and [link=https://e.x]y[/link]" in text
        assert "esc ␛[31mred␛]8;;http://x␇ end" in text
        assert "[i]heading[/i]" in text
        assert "[b]Title[/b]" in text
        assert "print('[red]no[/red]')" in text
        assert "␛[0m" in text
        assert "\x1b" not in text and "\x07" not in text


async def test_empty_document_shows_a_calm_message() -> None:
    app = ReaderApp(make_doc([], title=""))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "This document is empty." in screen_text(app)
        await pilot.press("j", "G", "right_square_bracket", "o", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_ten_thousand_paragraphs_open_and_g_reaches_the_end() -> None:
    specs = [
        BlockSpec(BlockKind.PARAGRAPH, f"Paragraph number {n} of a very long book. " * 3)
        for n in range(10_000)
    ]
    specs.append(BlockSpec(BlockKind.PARAGRAPH, "The very last words of the book."))
    app = ReaderApp(make_doc(specs))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Paragraph number 0 " in screen_text(app)
        await pilot.press("G")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        article = app.query_one(Article)
        assert article.line_count > 30_000
        assert article.scroll_y == article.max_scroll_y
        assert "The very last words of the book." in screen_text(app)


async def test_hooks_highlights_marks_and_position_mapping() -> None:
    doc = make_doc(
        [
            BlockSpec(BlockKind.PARAGRAPH, "Alpha beta gamma delta."),
            BlockSpec(BlockKind.PARAGRAPH, "Second paragraph here."),
        ]
    )
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(Article)
        await pilot.pause()
        article.highlights = {0: [(6, 10)]}
        article.marked_blocks = {1: 3}
        await pilot.pause()
        lines = [article.render_line(y) for y in range(article.scrollable_content_region.height)]
        alpha = next(s for s in lines if "Alpha beta" in s.text)
        hl = article.get_component_rich_style("article--highlight", partial=False)
        styled = [seg.text for seg in alpha if seg.style and seg.style.bgcolor == hl.bgcolor]
        assert "".join(styled).strip() == "beta"
        assert "▎" in alpha.text  # the current block is marked
        second = next(s for s in lines if "Second paragraph" in s.text)
        assert "●3" in second.text
        y = next(i for i, s in enumerate(lines) if "Alpha beta" in s.text)
        x = alpha.text.index("beta")
        assert article.position_at(x, y) == (0, 6)


async def test_outline_tree_is_a_tree_with_counts() -> None:
    doc = sectioned_doc(sections=3)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        outline = app.query_one(Outline)
        assert isinstance(outline, Tree)
        await pilot.pause()
        first = doc.flat_sections()[0]
        outline.set_counts({first.id: 7})
        await pilot.pause()
        labels = [str(node.label) for node in outline.root.children]
        assert labels[0].startswith("Section 1") and labels[0].rstrip().endswith("7")
        assert labels[1].rstrip().endswith("2")


async def test_theme_choice_is_remembered(tmp_path: Path) -> None:
    data = tmp_path / "state"
    app = ReaderApp(sectioned_doc(), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("q")
    again = ReaderApp(sectioned_doc(), data_dir=data)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_tables_code_and_lists_fit_the_measure() -> None:
    wide = tuple(tuple(f"cell {r}.{c} with some words" for c in range(6)) for r in range(4))
    doc = make_doc(
        [
            BlockSpec(BlockKind.TABLE, "\n".join("\t".join(r) for r in wide), rows=wide),
            BlockSpec(BlockKind.CODE, "x = 1  " + "y" * 150, lang="python"),
            BlockSpec(BlockKind.LIST_ITEM, "first item " * 12, level=1, marker="•"),
            BlockSpec(BlockKind.QUOTE, "quoted words " * 10, level=1),
            BlockSpec(BlockKind.FIGURE, "A caption for the figure.", src="plot.png", alt="A plot"),
            BlockSpec(BlockKind.RULE, ""),
        ]
    )
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        lines = [line.rstrip() for line in article_lines(app)]
        text = "\n".join(lines)
        assert "cell 0.0" in text and "│" in text and "┼" in text
        assert "x = 1  yyyy" in text and "↪" in text
        code = "".join(line.split("↪")[-1].strip() for line in lines if "x = 1" in line or "↪" in line)
        assert code.count("y") == 150  # soft-wrapped, nothing lost
        assert "• first item" in text
        assert "▌ quoted words" in text
        await pilot.press("G")
        bottom = [line.rstrip() for line in article_lines(app)]
        assert "▣ Figure: A plot" in "\n".join(bottom)
        assert "A caption for the figure." in "\n".join(bottom)
        assert "·  ·  ·" in "\n".join(bottom)
        width = article.scrollable_content_region.width
        assert all(len(line) <= width for line in lines + bottom)


async def test_a_new_theme_redraws_the_text_in_its_colours() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        article = app.query_one(Article)
        await pilot.pause()
        for theme in ("textual-light", "nord"):
            app.theme = theme
            await pilot.pause()
            first = next(iter(article.render_line(5)))
            assert first.style is not None
            assert first.style.bgcolor == article.rich_style.bgcolor


async def test_closing_before_the_deferred_start_up_work_runs_is_clean() -> None:
    """Quit at once (keys typed ahead): the work deferred past the first screen must not fail."""

    class QuickExit(ReaderApp):
        def on_mount(self) -> None:
            self.call_after_refresh(self.exit, 0)  # queued before the app's own deferred work
            super().on_mount()

    app = QuickExit(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 0
