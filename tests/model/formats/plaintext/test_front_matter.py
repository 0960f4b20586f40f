"""Front matter: mail headers, dates, title pages and the title taken from the first heading."""

from __future__ import annotations

import datetime as dt

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_date, parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


def test_first_heading_at_the_top_becomes_the_title() -> None:
    doc = parse_text("My Manual\n*********\n\nIntro.\n\nChapter\n=======\n\nText.\n")
    assert doc.meta.title == "My Manual"
    assert headings(doc) == [(2, "Chapter")]


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


def test_dates_in_french_german_and_spanish() -> None:
    assert parse_date("Publié le 12 mars 2024 à 14 h 05") == dt.date(2024, 3, 12)
    assert parse_date("Veröffentlicht am 12. März 2024, 14:05 Uhr") == dt.date(2024, 3, 12)
    assert parse_date("12 de marzo de 2024") == dt.date(2024, 3, 12)
    assert parse_date("1er août 2023") == dt.date(2023, 8, 1)


_TITLE_PAGE = """\
                              Sample Licence
                        Version 2.0, January 2031
                      https://licence.example.org/

   TERMS AND CONDITIONS FOR USE AND COPYING

   You may copy the work as long as this notice stays with every copy.
"""


def test_a_centred_title_block_drops_its_version_and_address() -> None:
    doc = parse_text(_TITLE_PAGE)
    assert doc.meta.title == "Sample Licence"
    assert ("Version", "2.0, January 2031") in doc.meta.extra
    assert ("URL", "https://licence.example.org/") in doc.meta.extra


def test_a_centred_title_keeps_no_underline() -> None:
    text = (
        "                     The Sample Guard 2\n"
        "                    ====================\n"
        "                         Version 2.2\n\n"
        "          Copyright 2031 The Sample Authors\n\n"
        "* INTRODUCTION\n\n  The Sample Guard keeps samples safe from harm and from loss.\n\n"
        "* BUILDING\n\n  Run the usual configure and make commands to build it.\n\n"
        "** Older systems\n\n  Some older systems need a newer compiler first.\n\n"
        "* MORE INFORMATION\n\n  The manual tells you all the rest of what there is to know.\n"
    )
    doc = parse_text(text)
    assert doc.meta.title == "The Sample Guard 2"
    # "* INTRODUCTION" is a section label, not a byline.
    assert doc.meta.author == ""
    assert [t for _, t in headings(doc)] == ["INTRODUCTION", "BUILDING", "Older systems", "MORE INFORMATION"]


def test_a_lettered_first_section_is_not_the_title() -> None:
    text = (
        "A. HISTORY OF THE PROGRAM\n=========================\n\n"
        "The program was written long ago by a few people in a small office.\n\n"
        "B. TERMS AND CONDITIONS\n=======================\n\n"
        "You may use the program as you like, as long as you keep this notice.\n"
    )
    doc = parse_text(text)
    assert doc.meta.title == ""
    assert [t for _, t in headings(doc)] == ["A. HISTORY OF THE PROGRAM", "B. TERMS AND CONDITIONS"]
