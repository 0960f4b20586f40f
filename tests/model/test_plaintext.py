"""The plain-text parser: the bundled article and one small input per rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_date, parse_text, reflow


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


# --------------------------------------------------------------------------- the article


def article(article_path: Path) -> Document:
    return parse_text(article_path.read_text(encoding="utf-8"))


def test_article_metadata(article_path: Path) -> None:
    m = article(article_path).meta
    assert m.title == "Toward a Resilient China-U.S. Relationship"
    assert m.date == dt.date(2024, 4, 23)
    assert m.author == "Yuan Sha"
    assert m.affiliation == (
        "Associate Research Fellow, Department for American Studies, China Institute of International Studies"
    )
    assert m.category == "Foreign Policy"


def test_article_figure_takes_the_following_paragraph_as_caption(article_path: Path) -> None:
    doc = article(article_path)
    figs = [b for b in doc.blocks if b.kind is BlockKind.FIGURE]
    assert len(figs) == 1
    fig = figs[0]
    assert fig.src == "Blinken 2023 China trip.png"
    assert fig.alt == "Blinken 2023 China trip"
    assert fig.text.startswith("U.S. Secretary of State") and fig.text.endswith("(File photo)")
    assert not any(b.kind is BlockKind.PARAGRAPH and b.text.startswith("U.S. Secretary") for b in doc.blocks)


def test_article_sections_and_opening(article_path: Path) -> None:
    doc = article(article_path)
    assert [s.title for s in doc.sections] == ["Why resilience is needed", "How to build resilience"]
    assert all(s.level == 2 for s in doc.sections)
    first_heading = next(b.index for b in doc.blocks if b.kind is BlockKind.HEADING)
    opening = [b for b in doc.blocks[:first_heading] if b.kind is BlockKind.PARAGRAPH]
    assert len(opening) == 2 and opening[0].text.startswith("Since the San Francisco summit")
    assert doc.sections[-1].end == len(doc.blocks)


def test_article_has_no_chrome_and_no_repeated_title(article_path: Path) -> None:
    doc = article(article_path)
    text = "\n".join(b.text for b in doc.blocks) + repr(doc.meta)
    for chrome in ("Language :", "简体", "You might also like", "Back to Top"):
        assert chrome not in text
    assert all(b.text != doc.meta.title for b in doc.blocks)
    assert all(not b.text.startswith(("Apr 23", "•")) for b in doc.blocks)


# --------------------------------------------------------------------------- general rules


def test_empty_and_blank_input_give_an_empty_document() -> None:
    for text in ("", "\n\n", "   \n\u00a0\n"):
        doc = parse_text(text)
        assert doc.is_empty and doc.sections == ()


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


def test_first_heading_at_the_top_becomes_the_title() -> None:
    doc = parse_text("My Manual\n*********\n\nIntro.\n\nChapter\n=======\n\nText.\n")
    assert doc.meta.title == "My Manual"
    assert headings(doc) == [(2, "Chapter")]


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


def test_mail_header_becomes_metadata() -> None:
    doc = parse_text(
        "Date: Fri, 19 Dec 2008 00:45:19 -0800\nFrom: Ann Example <ann@example.org>\n"
        "Subject: Re: Odd merge\nAbstract: First line\n continued here.\n\nHello world.\n"
    )
    assert doc.meta.date == dt.date(2008, 12, 19)
    assert doc.meta.author == "Ann Example"
    assert ("Abstract", "First line continued here.") in doc.meta.extra
    assert doc.meta.title == "Re: Odd merge"
    assert kinds(doc) == [("paragraph", "Hello world.")]


def test_hard_wrapped_lines_are_reflowed() -> None:
    doc = parse_text("This is a paragraph\nthat was wrapped at\nnarrow width.\n\nSecond one.\n")
    assert kinds(doc) == [
        ("paragraph", "This is a paragraph that was wrapped at narrow width."),
        ("paragraph", "Second one."),
    ]


def test_cjk_lines_join_without_a_space() -> None:
    assert (
        reflow(["これはパッケ", "ージです。English", "words here"])
        == "これはパッケージです。English words here"
    )
    assert reflow(["Non-", "Maintainer Uploads"]) == "Non-Maintainer Uploads"


def test_ascii_art_and_indented_code_keep_every_space() -> None:
    art = " ---o---o---M---x\n               /\n       ---A---B"
    doc = parse_text(f"The history:\n\n{art}\n\nRun:\n\n    $ git revert -m 1 M\n    $ git log  --oneline\n")
    code = [b.text for b in doc.blocks if b.kind is BlockKind.CODE]
    assert code == [
        "---o---o---M---x\n              /\n      ---A---B",
        "$ git revert -m 1 M\n$ git log  --oneline",
    ]


def test_indented_prose_is_a_quote() -> None:
    doc = parse_text(
        "Alan wrote to the list about the problem and\nthen he said this:\n\n"
        "    I have a master branch.  We have a branch off of that that some\n"
        "    developers are doing work on.  They claim it is ready to merge.\n\nEnd.\n"
    )
    assert doc.blocks[1].kind is BlockKind.QUOTE
    assert doc.blocks[1].text.startswith("I have a master branch.")


def test_column_table_after_a_paragraph_keeps_its_spaces() -> None:
    doc = parse_text(
        "The following directories are required:\nDirectory Description\nbin       Essential binaries\n"
        "boot      Static files of the boot loader\ndev       Device files\n"
    )
    assert kinds(doc)[0] == ("paragraph", "The following directories are required:")
    assert doc.blocks[1].kind is BlockKind.TABLE
    assert "bin       Essential binaries" in doc.blocks[1].text


def test_box_drawing_is_preformatted() -> None:
    doc = parse_text("Output:\n\n╒══════╤═════╕\n│ a    │ b   │\n╘══════╧═════╛\n")
    assert doc.blocks[1].kind is BlockKind.CODE and "│ a    │ b   │" in doc.blocks[1].text


def test_list_items_with_markers_and_nesting() -> None:
    doc = parse_text(
        "Intro:\n\n* first item\n  continues here\n* second\n    - nested one\n\n"
        "• bullet\n\n1) numbered\n2) next\n"
    )
    items = [(b.level, b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        (1, "*", "first item continues here"),
        (1, "*", "second"),
        (2, "-", "nested one"),
        (1, "•", "bullet"),
        (1, "1)", "numbered"),
        (1, "2)", "next"),
    ]


def test_info_navigation_and_menus_are_chrome() -> None:
    doc = parse_text(
        "File: x.info,  Node: Top,  Next: Intro,  Up: (dir)\n\nThe Manual\n**********\n\nHello.\n\n"
        "* Menu:\n\n* Intro::\n* Usage::\n\nIntro\n\n* Sub::\n\n"
        "File: x.info,  Node: Intro,  Next: Usage,  Prev: Top,  Up: Top\n\n1 Intro\n*******\n\nText.\n"
    )
    text = "\n".join(b.text for b in doc.blocks)
    assert "Node:" not in text and "Menu" not in text and "Sub::" not in text
    assert doc.meta.title == "The Manual"
    assert headings(doc) == [(1, "1 Intro")]


def test_site_navigation_before_a_scraped_article_is_dropped() -> None:
    doc = parse_text(
        "Navigation\n\n  • Docs »\n  • Guide »\n\nQuick search\n\n[          ] [Go]\n\n"
        "The Article¶\n\nIt starts here with a real sentence of prose.\n\nPart¶\n\nMore.\n\nOther¶\n\nx.\n"
    )
    assert doc.meta.title == "The Article"
    assert headings(doc) == [(2, "Part"), (2, "Other")]
    assert "Quick search" not in "\n".join(b.text for b in doc.blocks)


def test_dates_in_common_formats() -> None:
    for text in (
        "Apr 23, 2024",
        "April 23rd, 2024",
        "23 April 2024",
        "2024-04-23",
        "2024/04/23",
        "2024年4月23日",
    ):
        assert parse_date(text) == dt.date(2024, 4, 23), text


def test_stable_ids_editing_one_paragraph_changes_only_its_id() -> None:
    base = "Title line\n==========\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    a = parse_text(base)
    b = parse_text(base.replace("Second paragraph.", "Second paragraph, edited."))
    assert len(a.blocks) == len(b.blocks) == 3
    changed = [x.id != y.id for x, y in zip(a.blocks, b.blocks, strict=True)]
    assert changed == [False, True, False]
    assert parse_text(base).blocks == a.blocks


# --------------------------------------------------------------------------- other genres


def test_dates_in_french_german_and_spanish() -> None:
    assert parse_date("Publié le 12 mars 2024 à 14 h 05") == dt.date(2024, 3, 12)
    assert parse_date("Veröffentlicht am 12. März 2024, 14:05 Uhr") == dt.date(2024, 3, 12)
    assert parse_date("12 de marzo de 2024") == dt.date(2024, 3, 12)
    assert parse_date("1er août 2023") == dt.date(2023, 8, 1)


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


STANZA = (
    "The rain is on the roof,\nThe wind is at the door;\nI hear them both, and sleep\nAs I have slept before."
)


def test_a_stanza_keeps_its_lines_and_prose_is_reflowed() -> None:
    doc = parse_text(
        "The prose before the poem runs on and on, well past the middle of the line, and\n"
        "it wraps where the width runs out, not where the writer chose to end a phrase.\n\n" + STANZA + "\n"
    )
    texts = [b.text for b in doc.blocks]
    assert texts[0].startswith(
        "The prose before the poem runs on and on, well past the middle of the line, and it"
    )
    assert texts[1] == STANZA


def test_a_real_closing_section_named_like_page_chrome_is_kept() -> None:
    body = "A sentence of ordinary prose that fills most of a line of the document, as prose does.\n"
    doc = parse_text(
        "Configuration\n=============\n\n"
        + body * 3
        + "\nComments\n\n"
        + body * 4
        + "\nThe last words stay too.\n"
    )
    assert [b.text for b in doc.blocks if b.kind is BlockKind.HEADING] == ["Comments"]
    assert doc.blocks[-1].text == "The last words stay too."


def test_comment_section_of_a_scraped_post_is_cut() -> None:
    post = (
        "My Garden Diary\n\nPosted on 2 May 2023 by Ann Lee\n\n"
        + "I planted the beans today in the long bed by the fence, where they get the sun.\n" * 3
        + "\nLeave a comment\n\n2 comments\n\n"
        + "Bob says: what a lovely post, I will try the same thing in my own garden this year.\n" * 3
    )
    doc = parse_text(post)
    assert doc.meta.title == "My Garden Diary" and doc.meta.author == "Ann Lee"
    assert not any("comment" in b.text or "Bob says" in b.text for b in doc.blocks)
