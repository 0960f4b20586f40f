"""File furniture: a boxed notice is unboxed and parsed like the rest."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


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
