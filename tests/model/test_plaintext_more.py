"""The plain-text parser on further shapes of real documents: licences, notes, help pages."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


# --------------------------------------------------------------------------- licence sections

_LICENCE = """\
                    THE SAMPLE PUBLIC LICENCE
                     Version 4, 1 April 2031

  Everyone may copy this licence, word for word, but may not change it.

                       TERMS AND CONDITIONS

  0. Definitions.

  "This Licence" means version 4 of the Sample Public Licence, as
published by the people who wrote it.

  "The Work" means any work released under this Licence by its owner.

  1. Source Files.

  The source files of a work are the files people prefer to change
when they make changes to the work.

  2. Basic Permissions.

  All rights under this Licence are granted for the term of copyright
on the Work, and cannot be taken back.

  3. Keeping Notices Intact.

  You may convey copies of the Work only with all its notices intact,
as they were when you received it.

                    END OF TERMS AND CONDITIONS

  To apply this Licence to your work, attach a short notice to the
start of each of its source files.
"""


def test_indented_numbered_licence_sections_are_headings() -> None:
    doc = parse_text(_LICENCE)
    titles = [t for _, t in headings(doc)]
    assert titles[1:5] == [
        "0. Definitions",
        "1. Source Files",
        "2. Basic Permissions",
        "3. Keeping Notices Intact",
    ]
    levels = dict((t, lv) for lv, t in headings(doc))
    # The sections sit under the heading just before them.
    assert levels["0. Definitions"] == levels["TERMS AND CONDITIONS"] + 1
    assert levels["END OF TERMS AND CONDITIONS"] == levels["TERMS AND CONDITIONS"]
    assert any(t.startswith('"This Licence" means version 4') for t in texts(doc, BlockKind.PARAGRAPH))


_RUN_IN = """\
   TERMS OF USE

   1. Definitions.

      "Licence" shall mean the terms for use and copying set out in
      this document.

   2. Grant of Copyright Licence. Subject to these terms, each author
      grants You a licence to copy the Work for ever, free of charge.

   3. Redistribution. You may give copies of the Work to others, in
      any medium, with or without changes, as long as you keep this
      notice with them.

   4. Disclaimer of Warranty. The Work comes "as is", without any
      promise that it works.
"""


def test_run_in_section_titles_are_split_from_their_bodies() -> None:
    doc = parse_text(_RUN_IN)
    assert [t for _, t in headings(doc)] == [
        "1. Definitions",
        "2. Grant of Copyright Licence",
        "3. Redistribution",
        "4. Disclaimer of Warranty",
    ]
    paras = texts(doc, BlockKind.PARAGRAPH)
    assert (
        "Subject to these terms, each author grants You a licence to copy the Work for ever, free of charge."
        in (paras)
    )
    assert any(p.startswith("You may give copies of the Work to others") for p in paras)


def test_numbered_steps_are_not_section_titles() -> None:
    # Steps of a procedure: sentences, not titles set in capitals.
    text = (
        "To fix the typos:\n\n"
        "1. Regenerate the template files.\n\n      make templates\n\n"
        "2. Make a copy of the template file.\n\n      cp a.pot a.pot.orig\n\n"
        "3. Change the template files to fix the typos.\n\n      editor a.templates\n\n"
        "4. Run the tests again.\n\n      make check\n"
    )
    assert headings(parse_text(text)) == []


def test_one_line_numbered_items_are_a_list_not_titles() -> None:
    text = "Steps:\n\n  1. Download.\n\n  2. Unpack.\n\n  3. Install.\n\n  4. Enjoy.\n"
    doc = parse_text(text)
    assert headings(doc) == []
    assert len(texts(doc, BlockKind.LIST_ITEM)) == 4


# --------------------------------------------------------------------------- signatures and links

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


# --------------------------------------------------------------------------- boxed passages

_BOXED = """\
1. Terms
--------

You may use the program for any purpose you like.

2. Duties
---------

You must keep this notice with every copy.

************************************************************
*                                                          *
*  3. No Warranty                                          *
*  --------------                                          *
*                                                          *
*  The program comes as it is, with no promise that it     *
*  works, and the authors owe you nothing if it fails.     *
*                                                          *
************************************************************

4. Changes
----------

The authors may publish new versions of these terms.
"""


def test_a_boxed_passage_is_unboxed_and_parsed_like_the_rest() -> None:
    doc = parse_text(_BOXED)
    assert [t for _, t in headings(doc)] == ["1. Terms", "2. Duties", "3. No Warranty", "4. Changes"]
    para = (
        "The program comes as it is, with no promise that it works, "
        "and the authors owe you nothing if it fails."
    )
    assert para in texts(doc, BlockKind.PARAGRAPH)
    assert not any("*" in b.text for b in doc.blocks)


# --------------------------------------------------------------------------- title pages

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


# --------------------------------------------------------------------------- help pages

_HELP = """\
Help on module sample:

NAME
    sample - Tools to keep samples.

DESCRIPTION
    The sample module keeps samples safe and sorted, and lets you find
    them again later.

    Keep a sample::

        >>> import sample
        >>> sample.keep("leaf")
        True

FUNCTIONS
    keep(thing)
        Keep a thing, and say whether it was kept.

    find(name)
        Find a kept thing by its name.

DATA
    __all__ = ['keep', 'find']

FILE
    /opt/sample/sample.py
"""


def test_a_help_page_has_its_capital_labels_as_sections_and_its_name_as_title() -> None:
    doc = parse_text(_HELP)
    assert doc.meta.title == "sample - Tools to keep samples."
    assert [t for _, t in headings(doc)] == ["NAME", "DESCRIPTION", "FUNCTIONS", "DATA", "FILE"]
    assert "The sample module keeps samples safe and sorted, and lets you find them again later." in texts(
        doc, BlockKind.PARAGRAPH
    )


def test_an_interactive_session_and_a_literal_block_after_double_colon_are_code() -> None:
    doc = parse_text(_HELP)
    code = texts(doc, BlockKind.CODE)
    assert '>>> import sample\n>>> sample.keep("leaf")\nTrue' in code
    text = "Run it like this::\n\nmake all\nmake install\n\nThen read the notes, which say more about it.\n"
    assert texts(parse_text(text), BlockKind.CODE) == ["make all\nmake install"]


def test_capital_terms_among_many_definitions_are_not_sections() -> None:
    # A reference list whose terms are mostly lower case: the few capital ones are terms too.
    entries = [
        ("alpha", "Sets the first value of the list."),
        ("beta", "Sets the second value of the list."),
        ("gamma", "Sets the third value of the list."),
        ("delta", "Sets the fourth value of the list."),
        ("TRAPONE", "Runs when the first signal comes."),
        ("TRAPTWO", "Runs when the second signal comes."),
        ("TRAPTHREE", "Runs when the third signal comes."),
    ]
    text = "".join(f"{term}\n     {body}\n     It has no other effect at all.\n\n" for term, body in entries)
    assert headings(parse_text(text)) == []
