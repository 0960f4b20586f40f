"""Chrome: Info navigation, site navigation and a scraped page's tail are not the text."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


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
