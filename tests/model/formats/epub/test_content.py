"""What a reader sees of a book: text faithful to the XHTML, the book's outline and its links."""

from __future__ import annotations

from pathlib import Path

from tests.model.formats.epub.helpers import book
from tui.commands.cat import document_text
from tui.model.document import BlockKind
from tui.model.load import load_path

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "epub"


def _texts(path: Path) -> list[str]:
    return [b.text for b in load_path(path).blocks]


def test_metadata_comes_from_the_package(tmp_path: Path) -> None:
    meta = (
        "<dc:creator>Ann Author</dc:creator><dc:creator>Bo Second</dc:creator>"
        "<dc:language>fr</dc:language><dc:date>2011-10-11T00:00:00Z</dc:date>"
    )
    doc = load_path(book(tmp_path / "b.epub", {"a.xhtml": "<h1>Not the title</h1>"}, extra_meta=meta))
    assert (doc.meta.title, doc.meta.author, doc.meta.language) == (
        "A Test Book",
        "Ann Author, Bo Second",
        "fr",
    )
    assert doc.meta.date is not None and doc.meta.date.isoformat() == "2011-10-11"
    assert doc.meta.format == "epub"


def test_footnotes_are_collected_at_the_end_of_their_chapter_and_linked(tmp_path: Path) -> None:
    body = (
        '<p>Text<a epub:type="noteref" href="#n1">1</a> goes on.</p>'
        '<aside epub:type="footnote" id="n1"><p>The note.</p></aside>'
        "<p>After the note.</p>"
    )
    doc = load_path(book(tmp_path / "b.epub", {"a.xhtml": body, "b.xhtml": "<p>Next chapter.</p>"}))
    assert [b.text for b in doc.blocks] == [
        "Text[1] goes on.",
        "After the note.",
        "The note.",
        "Next chapter.",
    ]
    link = doc.blocks[0].inlines[0]
    assert doc.blocks[0].text[link.start : link.end] == "[1]"
    assert doc.target(link.href.lstrip("#")) == 2


def test_links_between_chapters_lead_to_the_block_of_the_target_id(tmp_path: Path) -> None:
    chapters = {
        "one.xhtml": '<p>See <a href="two.xhtml#deep">there</a> or <a href="two.xhtml">the start</a>.</p>',
        "two.xhtml": '<h2>Two</h2><p>Filler.</p><p>Deep <span id="deep">inside</span>.</p>',
    }
    doc = load_path(book(tmp_path / "b.epub", chapters))
    hrefs = [i.href for i in doc.blocks[0].inlines]
    assert [doc.blocks[doc.target(h.lstrip("#"))].text for h in hrefs] == ["Deep inside.", "Two"]


def test_ruby_keeps_the_base_text_with_the_reading_in_brackets(tmp_path: Path) -> None:
    body = (
        "<p><ruby>山路<rp>(</rp><rt>やまみち</rt><rp>)</rp></ruby>を登る。"
        "<ruby>kanji<rt>reading</rt></ruby></p>"
    )
    assert _texts(book(tmp_path / "b.epub", {"a.xhtml": body})) == ["山路（やまみち）を登る。kanji (reading)"]


def test_images_read_as_their_alt_text(tmp_path: Path) -> None:
    body = '<p><img src="a.png" alt="A  map"/></p><p>Inline <img src="b.png"/> image.</p>'
    assert _texts(book(tmp_path / "b.epub", {"a.xhtml": body})) == ["[image: A map]", "Inline [image] image."]


def test_verse_lines_stay_lines_and_structure_is_kept(tmp_path: Path) -> None:
    body = (
        "<h1>Poems</h1><p>One line,<br/>two line,<br/>three.</p><blockquote><p>Quoted.</p></blockquote>"
        "<ul><li>item</li></ul><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>"
    )
    blocks = load_path(book(tmp_path / "b.epub", {"a.xhtml": body})).blocks
    assert [b.kind for b in blocks] == [
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.QUOTE,
        BlockKind.LIST_ITEM,
        BlockKind.TABLE,
    ]
    assert blocks[1].text == "One line,\ntwo line,\nthree."


def test_the_outline_is_the_nav_with_nesting_and_fragment_targets(tmp_path: Path) -> None:
    toc = (
        '<li><a href="a.xhtml">Part One</a><ol><li><a href="a.xhtml#s2">Second scene</a></li></ol></li>'
        '<li><span>Unlinked group</span><ol><li><a href="b.xhtml">Part Two</a></li></ol></li>'
        '<li><a href="missing.xhtml">Gone</a></li>'
    )
    chapters = {"a.xhtml": '<p>Scene one.</p><p id="s2">Scene two.</p>', "b.xhtml": "<p>Two.</p>"}
    doc = load_path(book(tmp_path / "b.epub", chapters, toc=toc))
    outline = [(s.title, s.level, doc.blocks[s.start].text) for s in doc.flat_sections()]
    assert outline == [
        ("Part One", 1, "Scene one."),
        ("Second scene", 2, "Scene two."),
        ("Unlinked group", 1, "Two."),
        ("Part Two", 2, "Two."),
    ]
    assert doc.section_path(1)[-1].title == "Second scene"


def test_without_a_toc_the_headings_make_the_outline(tmp_path: Path) -> None:
    chapters = {"a.xhtml": "<h1>First</h1><p>x</p>", "b.xhtml": "<h1>Second</h1><h2>Inner</h2><p>y</p>"}
    doc = load_path(book(tmp_path / "b.epub", chapters, toc=""))
    assert [s.title for s in doc.flat_sections()] == ["First", "Second", "Inner"]


def test_linear_no_items_come_after_the_rest(tmp_path: Path) -> None:
    chapters = {"cover.xhtml": "<p>Cover.</p>", "a.xhtml": "<p>Body.</p>"}
    doc = load_path(book(tmp_path / "b.epub", chapters, linear_no=("c0",)))
    assert [b.text for b in doc.blocks] == ["Body.", "Cover."]
    assert [name.rsplit("/", 1)[-1] for name, _ in doc.parts] == ["a.xhtml", "cover.xhtml"]


def test_rtl_text_stays_in_logical_order(tmp_path: Path) -> None:
    doc = load_path(
        book(
            tmp_path / "b.epub",
            {"a.xhtml": '<p dir="rtl">שלום עולם</p>'},
            spine_attrs=' page-progression-direction="rtl"',
        )
    )
    assert doc.blocks[0].text == "שלום עולם"


def test_epub2_ncx_only_book_made_by_pandoc() -> None:
    doc = load_path(FIXTURES / "features-epub2.epub")
    assert doc.meta.title == "A Small Book of Features"
    assert [(s.title, s.level) for s in doc.flat_sections()] == [
        ("A Small Book of Features", 1),  # pandoc's NCX lists the title page first
        ("The First Chapter", 1),
        ("A Table", 2),
        ("The Second Chapter", 1),
        ("日本語の節", 2),
    ]
    text = document_text(doc)
    assert "Roses are red,\nviolets are blue," in text
    assert "吾輩は猫である。名前はまだ無い。" in text
    note_ref = next(i for b in doc.blocks for i in b.inlines if b.text[i.start : i.end] == "[1]")
    assert "The footnote’s own text." in doc.blocks[doc.target(note_ref.href.lstrip("#"))].text
    back = next(i for b in doc.blocks for i in b.inlines if b.text[i.start : i.end] == "the first chapter")
    assert doc.blocks[doc.target(back.href.lstrip("#"))].text == "The First Chapter"


def test_epub2_of_a_long_readme_keeps_its_headings_and_code() -> None:
    doc = load_path(FIXTURES / "tabulate-readme-epub2.epub")
    titles = [s.title for s in doc.flat_sections()]
    assert "Installation" in titles and "Library usage" in titles
    assert sum(1 for b in doc.blocks if b.kind is BlockKind.CODE) >= 40


def test_a_book_on_stdin_reads_the_same(tmp_path: Path) -> None:
    from tui.model.load import load_bytes

    path = book(tmp_path / "b.epub", {"a.xhtml": "<p>From a pipe.</p>"})
    assert [b.text for b in load_bytes(path.read_bytes(), "-").blocks] == ["From a pipe."]
