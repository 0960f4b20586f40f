"""Notes in the reader, driven with real keys and mouse events through Textual's Pilot."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from textual.widgets import TextArea

from tests.ui.helpers import article_lines, make_doc, sectioned_doc
from tui.app import ReaderApp
from tui.model.document import BlockKind, BlockSpec, Document
from tui.model.load import load_path
from tui.model.notes import anchor_for_block, anchor_for_span
from tui.model.store import NotesStore
from tui.screens.help import HelpScreen
from tui.screens.note_editor import ConfirmDialog, NoteEditor
from tui.widgets.article import Article
from tui.widgets.notes_panel import ORPHANS_HEADING, NotesPanel
from tui.widgets.outline import Outline

SIZE = (140, 40)


def record_notifications(app: ReaderApp) -> list[str]:
    """Collect the messages the app shows as notifications from now on."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: object) -> None:
        seen.append(message)
        original(message, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def settle(app: ReaderApp, pilot: object) -> None:
    """Let the notes load / save threads finish and the screen catch up."""
    await pilot.pause()  # type: ignore[attr-defined]
    for _ in range(200):  # a change is saved a moment later
        if not app.notes_save_pending:
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


def panel_text(app: ReaderApp) -> str:
    """Everything listed in the notes panel, as plain text."""
    return "\n".join(entry.plain for entry in app.query_one(NotesPanel).entries)


def file_notes(path: Path) -> list[dict[str, object]]:
    """The ``[[notes]]`` tables of a notes file."""
    return tomllib.loads(path.read_text(encoding="utf-8")).get("notes", [])


def app_data_dir() -> str:
    """The private data dir the test fixture set for this test."""
    return os.environ["MARGINALIA_DATA_DIR"]


def first_paragraph_after(doc: Document, index: int) -> int:
    """The index of the first paragraph at or after block ``index``."""
    return next(b.index for b in doc.blocks[index:] if b.kind is BlockKind.PARAGRAPH)


async def test_a_adds_a_note_to_the_marked_paragraph_and_it_survives_a_restart(tmp_path: Path) -> None:
    source = str(tmp_path / "book.txt")
    doc = sectioned_doc(source=source)
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "j", "j", "j")
        article = app.query_one(Article)
        target = article.current_block
        assert doc.blocks[target].kind is BlockKind.PARAGRAPH
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"A thought", "enter", *"on two lines")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        # margin marker on the paragraph, count in the outline, listed in the panel
        assert article.marked_blocks == {target: 1}
        article.scroll_to_block(target)
        await pilot.pause()
        marked = next(line for line in article_lines(app) if "▎" in line)
        assert marked.rstrip().endswith("✎")
        section = doc.section_at(target)
        assert section is not None and section.title == "Section 2"
        outline = app.query_one(Outline)
        label = next(str(n.label) for n in outline.root.children if n.data == section.id)
        assert label.rstrip().endswith("1")
        await pilot.press("m")
        await pilot.pause()
        panel = app.query_one(NotesPanel)
        assert panel.display and panel.has_focus
        assert "A thought on two lines" in panel_text(app)
        assert "Section 2" in panel_text(app)
        # on disk, as TOML
        path = app.notes.path
        [saved] = file_notes(path)
        assert saved["body"] == "A thought\non two lines"
        assert saved["anchor"]["quote"] == doc.blocks[target].text
        await pilot.press("q")

    again = ReaderApp(sectioned_doc(source=source))
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert again.query_one(Article).marked_blocks == {target: 1}
        await pilot.press("m")
        await pilot.pause()
        assert "A thought on two lines" in panel_text(again)
        [placed] = again.notes.placed(again.document)
        assert placed.block_index == target and placed.status == "ok"


async def test_e_edits_d_deletes_and_u_brings_the_note_back(tmp_path: Path) -> None:
    doc = sectioned_doc(source=str(tmp_path / "book.txt"))
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("a", *"first words", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("m", "e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "first words"
        await pilot.press(*" and more", "ctrl+s")
        await settle(app, pilot)
        [note] = app.notes.notes
        assert note.body == "first words and more"
        assert "first words and more" in panel_text(app)
        assert file_notes(app.notes.path)[0]["body"] == "first words and more"

        await pilot.press("d")
        await settle(app, pilot)
        assert not app.notes.notes
        assert "first words" not in panel_text(app)
        assert app.query_one(Article).marked_blocks == {}
        assert file_notes(app.notes.path) == []
        assert any("u to undo" in m for m in seen)

        await pilot.press("u")
        await settle(app, pilot)
        assert [n.id for n in app.notes.notes] == [note.id]
        assert "first words and more" in panel_text(app)
        assert app.query_one(Article).marked_blocks == {note.anchor.block_index: 1}
        assert [n["id"] for n in file_notes(app.notes.path)] == [note.id]


async def test_enter_in_the_panel_jumps_to_the_note_and_lights_its_quote(tmp_path: Path) -> None:
    doc = sectioned_doc(source=str(tmp_path / "book.txt"))
    near = first_paragraph_after(doc, 3)
    far = first_paragraph_after(doc, len(doc.blocks) - 3)
    store = NotesStore.open(Path(app_data_dir()), doc)
    store.add(anchor_for_block(doc, near), "near the start")
    store.add(anchor_for_span(doc, far, 10, 24), "a span far down")
    store.save()

    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        article = app.query_one(Article)
        assert article.note_spans == {far: [(10, 24)]}
        assert far not in set(article.iter_visible_blocks())
        await pilot.press("m", "down", "enter")
        await pilot.pause()
        assert article.current_block == far
        assert article.note_focus == (far, 10, 24)
        assert far in set(article.iter_visible_blocks())
        await pilot.press("up", "enter")
        await pilot.pause()
        assert article.current_block == near


async def test_escape_asks_before_discarding_typed_text() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", "escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)

        await pilot.press("a", *"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Discard this note?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert not isinstance(app.screen, (NoteEditor, ConfirmDialog))
        assert app.notes.notes == ()


async def test_a_corrupt_notes_file_is_reported_and_left_byte_identical(tmp_path: Path) -> None:
    doc = sectioned_doc(source=str(tmp_path / "book.txt"))
    store = NotesStore.open(Path(app_data_dir()), doc)
    store.add(anchor_for_block(doc, 2), "an old note")
    store.save()
    garbage = b'schema = 1\n[[notes]\nid = "broken\x00\xff'
    store.path.write_bytes(garbage)

    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await settle(app, pilot)
        assert app.notes.problem
        told = [m for m in seen if store.path.name in m]
        assert told and "recovered" in told[0]
        await pilot.press("m")
        await pilot.pause()
        assert store.path.name in panel_text(app)
        await pilot.press("a", *"written while broken", "ctrl+s")
        await settle(app, pilot)
        await pilot.press("q")
    assert store.path.read_bytes() == garbage
    recovered = store.path.with_name(store.path.name.replace(".toml", ".recovered.toml"))
    assert [n["body"] for n in file_notes(recovered)] == ["written while broken"]


async def test_a_folder_that_cannot_be_written_keeps_notes_in_memory(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes").write_text("a file where the notes folder should be", encoding="utf-8")
    app = ReaderApp(sectioned_doc(), data_dir=data)
    async with app.run_test(size=SIZE) as pilot:
        seen = record_notifications(app)
        await settle(app, pilot)
        await pilot.press("a", *"kept in memory", "ctrl+s")
        await settle(app, pilot)
        assert any("cannot save notes" in m for m in seen)
        assert [n.body for n in app.notes.notes] == ["kept in memory"]
        await pilot.press("m")
        await pilot.pause()
        assert "kept in memory" in panel_text(app)
        await pilot.press("q")  # asks before losing the notes
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)


async def test_notes_follow_an_edited_document_and_orphans_can_be_reattached(
    tmp_path: Path, article_path: Path
) -> None:
    copy = tmp_path / "article.txt"
    copy.write_bytes(article_path.read_bytes())
    doc = load_path(copy)
    paragraphs = [b.index for b in doc.blocks if b.kind is BlockKind.PARAGRAPH and len(b.text) > 200]
    edited, removed = doc.blocks[paragraphs[2]], doc.blocks[paragraphs[4]]
    store = NotesStore.open(Path(app_data_dir()), doc)
    moved_note = store.add(anchor_for_block(doc, edited.index), "on a paragraph that gets edited")
    orphan_note = store.add(anchor_for_block(doc, removed.index), "on a paragraph that goes away")
    store.save()

    # Between runs: one word of one paragraph changes, another paragraph is replaced.
    text = copy.read_text(encoding="utf-8")
    first_word = edited.text.split()[3]
    assert edited.text in text and removed.text in text
    text = text.replace(edited.text, edited.text.replace(first_word, first_word.upper() + "X", 1))
    text = text.replace(removed.text, "Completely different words now stand in this place.")
    copy.write_text(text, encoding="utf-8")
    changed = load_path(copy)

    app = ReaderApp(changed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        shown = panel_text(app)
        assert "[moved]" in shown and "[orphan]" in shown
        assert shown.index(ORPHANS_HEADING) < shown.index("goes away")
        assert shown.index("gets edited") < shown.index(ORPHANS_HEADING)
        article = app.query_one(Article)
        assert article.marked_blocks == {app._placed[moved_note.id].block_index: 1}

        panel = app.query_one(NotesPanel)
        assert panel.note_ids == [moved_note.id, orphan_note.id]
        article.scroll_to_block(3)
        await pilot.pause()
        await pilot.press("end", "r")  # the orphan is the last entry
        await settle(app, pilot)
        placed = app._placed[orphan_note.id]
        assert placed.status == "ok" and placed.block_index == 3
        assert ORPHANS_HEADING not in panel_text(app)
        assert article.marked_blocks[3] == 1
        saved = {n["id"]: n for n in file_notes(app.notes.path)}
        assert saved[orphan_note.id]["anchor"]["quote"] == changed.blocks[3].text


async def test_mouse_selection_then_a_attaches_the_note_to_the_selected_words(tmp_path: Path) -> None:
    doc = sectioned_doc(source=str(tmp_path / "book.txt"))
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        article = app.query_one(Article)
        lines = article_lines(app)
        y = next(i for i, line in enumerate(lines) if "Paragraph 1.1 says" in line)
        x = lines[y].index("says")
        start = article.position_at(x, y)
        assert start is not None
        block, offset = start
        await pilot.mouse_down(Article, offset=(x, y))
        await pilot.hover(Article, offset=(x + len("says something"), y))
        await pilot.mouse_up(Article, offset=(x + len("says something"), y))
        await pilot.pause()
        assert article.selection == (block, offset, offset + len("says something"))

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.quote == "says something"
        await pilot.press(*"about the words", "ctrl+s")
        await settle(app, pilot)
        [note] = app.notes.notes
        assert note.anchor.quote == "says something"
        assert note.anchor.block_id == doc.blocks[block].id
        assert article.selection is None
        assert article.note_spans == {block: [(offset, offset + len("says something"))]}

        # A plain click clears a selection, and so does Esc.
        await pilot.mouse_down(Article, offset=(x, y))
        await pilot.hover(Article, offset=(x + 4, y))
        await pilot.mouse_up(Article, offset=(x + 4, y))
        assert article.selection is not None
        await pilot.click(Article, offset=(x, y + 1))
        await pilot.pause()
        assert article.selection is None
        await pilot.mouse_down(Article, offset=(x, y))
        await pilot.hover(Article, offset=(x + 4, y))
        await pilot.mouse_up(Article, offset=(x + 4, y))
        await pilot.press("escape")
        assert article.selection is None


async def test_help_lists_the_note_keys() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        groups = {title: dict((desc, keys) for keys, desc in rows) for title, rows in app.screen.groups}
        panel = groups["Notes panel"]
        assert panel["Edit the note"] == "e"
        assert panel["Delete the note (u undoes)"] == "d"
        assert "r" in panel["Re-attach the note to the current paragraph"]
        everywhere = groups["Everywhere"]
        assert "a" in everywhere["Add a note to the selection or the marked paragraph"]
        assert "m" in everywhere["Show or hide the notes panel"]
        assert "u" in everywhere["Undo the last note deletion"]


async def test_on_a_narrow_screen_the_outline_makes_room_for_the_notes_panel() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        outline, panel = app.query_one(Outline), app.query_one(NotesPanel)
        assert outline.display and not panel.display
        await pilot.press("m")
        await pilot.pause()
        assert panel.display and not outline.display
        assert app.query_one(Article).size.width >= 55
        await pilot.press("m")
        await pilot.pause()
        assert outline.display and not panel.display
        assert app.query_one(Article).has_focus


async def test_on_a_narrow_screen_an_outline_the_user_hid_stays_hidden_when_the_panel_closes() -> None:
    app = ReaderApp(sectioned_doc())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        outline, panel = app.query_one(Outline), app.query_one(NotesPanel)
        await pilot.press("m")
        await pilot.pause()
        assert panel.display and not outline.display
        await pilot.press("o")  # shown again by hand...
        await pilot.pause()
        assert outline.display
        await pilot.press("o")  # ...and hidden by hand
        await pilot.pause()
        assert not outline.display
        await pilot.press("m")
        await pilot.pause()
        assert not panel.display
        assert not outline.display


def panel_lines(app: ReaderApp) -> list[str]:
    """The lines of the notes panel as they are drawn now."""
    panel = app.query_one(NotesPanel)
    return [panel.render_line(y).text for y in range(panel.scrollable_content_region.height)]


async def test_a_moved_note_shows_the_words_it_is_attached_to_now(tmp_path: Path) -> None:
    source = str(tmp_path / "story.txt")
    before = "The lazy dog sleeps by the river bank all day long."
    after = "The sleepy dog sleeps by the river bank all day long."
    others = [
        BlockSpec(BlockKind.PARAGRAPH, f"Unrelated paragraph number {i} with its own words.")
        for i in range(3)
    ]
    doc = make_doc([*others, BlockSpec(BlockKind.PARAGRAPH, before)], source=source)
    store = NotesStore.open(Path(app_data_dir()), doc)
    note = store.add(anchor_for_block(doc, 3), "about the dog")
    store.save()

    changed = make_doc([*others, BlockSpec(BlockKind.PARAGRAPH, after)], source=source)
    app = ReaderApp(changed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        placed = app._placed[note.id]
        assert placed.status == "moved" and placed.block_index == 3
        assert "sleepy dog" in panel_text(app) and "lazy dog" not in panel_text(app)
        drawn = "\n".join(panel_lines(app))
        assert "sleepy dog" in drawn and "lazy dog" not in drawn
        assert "about the dog" in drawn


async def test_an_ordinary_store_is_saved_at_every_change_without_delay(tmp_path: Path) -> None:
    """A note is on disk as soon as its save thread ends: no timer holds it back."""
    app = ReaderApp(sectioned_doc(source=str(tmp_path / "book.txt")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Saved at once", "ctrl+s")
        await pilot.pause()
        assert app._save_timer is None  # no debounce for a small store
        await app.workers.wait_for_complete()
        assert [n["body"] for n in file_notes(app.notes.path)] == ["Saved at once"]


async def test_a_after_a_search_quotes_the_matched_words() -> None:
    app = ReaderApp(load_path(None))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"thucidides trap")
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"Allison's phrase", "ctrl+s")
        await settle(app, pilot)
        [saved] = file_notes(app.notes.path)
        assert saved["anchor"]["quote"] == "Thucydides trap"
        assert "so-called Thucydides trap and foster" in app.document.blocks[saved["anchor"]["index"]].text


async def test_ctrl_s_typed_right_after_the_text_saves_all_of_it(tmp_path: Path) -> None:
    """Keys queued at once (fast typing, a paste): ctrl+s must not overtake the letters."""
    from textual import events

    app = ReaderApp(sectioned_doc(source=str(tmp_path / "book.txt")))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        for ch in "quick note":
            app.post_message(events.Key("space" if ch == " " else ch, ch))
        app.post_message(events.Key("ctrl+s", None))
        await settle(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert [n["body"] for n in file_notes(app.notes.path)] == ["quick note"]
