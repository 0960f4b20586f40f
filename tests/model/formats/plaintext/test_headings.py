"""Heading rules: underlines, numbers, chapters, capitals, short lines; what is not a heading."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


def test_setext_levels_follow_order_of_first_use() -> None:
    doc = parse_text(
        "Intro text here.\n\nPart one\n========\n\nBody.\n\nDetail\n------\n\nMore.\n\n"
        "Fine point\n~~~~~~~~~~\n\nEven more.\n\nPart two\n========\n\nEnd.\n"
    )
    assert headings(doc) == [(1, "Part one"), (2, "Detail"), (3, "Fine point"), (1, "Part two")]
    assert [s.title for s in doc.sections] == ["Part one", "Part two"]
    assert doc.sections[0].children[0].children[0].title == "Fine point"


def test_underline_must_match_the_title_length() -> None:
    doc = parse_text("Some prose first.\n\nbitwise OR\n**\n     body of the entry\n")
    assert headings(doc) == []


def test_numbered_headings_take_their_level_from_the_number() -> None:
    doc = parse_text(
        "Preface text that is a sentence.\n\nChapter 3. The Root Filesystem\n\n"
        "3.1. Purpose\n\n   Body text.\n\n3.7.4.1. Purpose\n\n   More text.\n\n"
        "16.1 Specifying Options\n\nx.\n"
    )
    assert headings(doc) == [
        (1, "Chapter 3. The Root Filesystem"),
        (2, "3.1. Purpose"),
        (4, "3.7.4.1. Purpose"),
        (2, "16.1 Specifying Options"),
    ]
    assert doc.flat_sections()[1].number == "3.1"


def test_cjk_chapter_headings() -> None:
    doc = parse_text(
        "前書きの文です。\n\n第1章まずは始めよう\n\n本文です。\n\n"
        "1.1. 節の題\n\n本文。\n\n第2章 次の章\n\n本文。\n"
    )
    assert headings(doc) == [(1, "第1章まずは始めよう"), (2, "1.1. 節の題"), (1, "第2章 次の章")]


def test_numbered_sentences_are_not_headings() -> None:
    doc = parse_text("Steps:\n\n1. Regenerate the POT and PO files.\n\n2. Clean up the tree.\n")
    assert headings(doc) == []
    assert [b.kind for b in doc.blocks[1:]] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_toc_copy_does_not_duplicate_the_outline() -> None:
    doc = parse_text(
        "Contents\n\n   1. Introduction\n\n        1.1. Purpose\n\nChapter 1. Introduction\n\n"
        "1.1. Purpose\n\n   This is the body.\n"
    )
    assert headings(doc) == [(1, "Chapter 1. Introduction"), (2, "1.1. Purpose")]


def test_bare_capitals_line_is_a_heading() -> None:
    doc = parse_text("Some text that runs\nover two lines.\n\nADDENDUM\n\nMore text follows here.\n")
    assert headings(doc) == [(2, "ADDENDUM")]


def test_short_lines_between_blank_lines_are_headings_but_sentences_are_not() -> None:
    doc = parse_text(
        "Opening paragraph of the piece.\n\nWhy it matters\u00a0\n\nBody text here.\n\n"
        "This short line is a sentence.\n\nEnd.\n"
    )
    assert headings(doc) == [(2, "Why it matters")]


def test_recurring_heading_shape_with_a_subtitle_line() -> None:
    parts = [
        f"Version {n}.0\nreleased {n}/01/05\n\n1) Fixed things.\n2) Added stuff.\n" for n in range(9, 3, -1)
    ]
    doc = parse_text("A change log for a small program.\n\n" + "\n".join(parts))
    assert [t for _, t in headings(doc)] == [f"Version {n}.0" for n in range(9, 3, -1)]


def test_underlined_lead_in_ending_with_a_colon_is_not_a_heading() -> None:
    doc = parse_text(
        "Version 2.0\n\n1) Fixed a bug in the loop example.\n\n"
        'In "Loops" section:\n-------------------\n2) Added an example of nested loops.\n'
    )
    assert all(not b.text.startswith("In ") for b in doc.blocks if b.kind is BlockKind.HEADING)
    assert any(b.kind is BlockKind.PARAGRAPH and b.text == 'In "Loops" section:' for b in doc.blocks)


def test_underlined_title_inside_an_example_is_code() -> None:
    doc = parse_text(
        "Some text before the example, in a paragraph of its own.\n\n"
        "This is what the tool writes by default:\n\n"
        "    mypkg for Debian\n    ----------------\n    <notes about this package>\n\n"
        "Delete the file when there is nothing to say.\n"
    )
    assert headings(doc) == []
    code = [b.text for b in doc.blocks if b.kind is BlockKind.CODE]
    assert code and code[0].startswith("mypkg for Debian\n----")


def test_chapter_label_takes_the_title_from_the_next_line() -> None:
    doc = parse_text(
        "A preface that is long enough to be a paragraph of prose, and ends here.\n\n"
        "CHAPTER ONE\nThe Beginning\n\nIt began.\n\nChapter 2.\n\nThe Middle\n\nIt went on.\n"
    )
    assert headings(doc) == [(1, "CHAPTER ONE The Beginning"), (1, "Chapter 2. The Middle")]


_NOTE = """\
Questions about the sample package
==================================

Why does the package own /var/example?

Because the standard says that it should, and other packages expect
to find it there when they are installed for the first time.

Where is the mail spool?

It moved to /var/mail some years ago, and the old place is a link.


Jane Q. Writer <jane@example.org>
"""


def test_a_signature_closing_a_note_is_not_a_heading() -> None:
    doc = parse_text(_NOTE)
    assert doc.meta.title == "Questions about the sample package"
    assert all("jane@example.org" not in t for _, t in headings(doc))
    assert doc.blocks[-1].kind is BlockKind.PARAGRAPH
    assert doc.blocks[-1].text == "Jane Q. Writer <jane@example.org>"


def test_lines_with_an_address_are_not_headings() -> None:
    text = (
        "Read this first.\n\n"
        "2024-01-05  Jim Example  <jim@example.org>\n\n"
        "\tFix the loop in the parser so that it stops at the end.\n\n"
        "More at www.example.org\n\n"
        "The project's pages say more about the release and its history.\n\n"
        "Closing words\n\n"
        "That is all for now; thanks for reading these notes.\n"
    )
    doc = parse_text(text)
    assert headings(doc) == [(2, "Closing words")]
    # A ChangeLog's first entry line is no title either.
    log = "2024-01-05  Jim Example  <jim@example.org>\n\n\t* main.c: Fix the loop so that it ends.\n"
    assert parse_text(log).meta.title == ""
