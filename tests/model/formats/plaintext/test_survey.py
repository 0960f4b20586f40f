"""Document-wide findings: a licence's numbered section titles, a help page's labels."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


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
