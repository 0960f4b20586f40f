"""Notes and anchors: making anchors on blocks, spans and quotes; note values."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tui.model.document import Block, BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.notes import (
    CONTEXT_CHARS,
    Note,
    anchor_for_block,
    anchor_for_quote,
    anchor_for_span,
    check_text,
    clean_tags,
    find_quote,
    new_note_id,
    now,
)


def make_doc(*paras: str, title: str = "T") -> Document:
    specs = [BlockSpec(BlockKind.HEADING, "Heading", level=1)]
    specs += [BlockSpec(BlockKind.PARAGRAPH, p) for p in paras]
    return build_document(specs, Metadata(title=title))


DOC = make_doc(
    "The first paragraph talks about rivers and the sea.",
    "A second paragraph,\nwrapped over  two lines, about mountains.",
    "Short.",
)


def test_block_anchor_quotes_the_whole_block_with_context_from_neighbours() -> None:
    a = anchor_for_block(DOC, 1)
    assert a.block_id == DOC.blocks[1].id
    assert a.quote == DOC.blocks[1].text
    assert a.offset == 0 and a.block_index == 1
    assert a.prefix.endswith("Heading\n")
    assert a.suffix.startswith("\nA second paragraph")
    assert len(a.prefix) <= CONTEXT_CHARS and len(a.suffix) <= CONTEXT_CHARS


def test_span_anchor_keeps_offset_and_context_inside_the_block() -> None:
    text = DOC.blocks[1].text
    start = text.index("rivers")
    a = anchor_for_span(DOC, 1, start, start + len("rivers"))
    assert a.quote == "rivers"
    assert a.offset == start and a.end == start + 6
    assert a.prefix == text[:start][-CONTEXT_CHARS:]
    # the suffix runs on into the next block (joined by a newline) when the block ends first
    assert a.suffix == (text[a.end :] + "\n" + DOC.blocks[2].text)[:CONTEXT_CHARS]


@pytest.mark.parametrize(("index", "start", "end"), [(1, 3, 3), (1, 5, 999), (1, -1, 2)])
def test_span_anchor_rejects_empty_or_out_of_range_spans(index: int, start: int, end: int) -> None:
    with pytest.raises(ValueError):
        anchor_for_span(DOC, index, start, end)


def test_block_anchor_rejects_a_missing_block() -> None:
    with pytest.raises(IndexError):
        anchor_for_block(DOC, 99)


def test_quote_anchor_finds_exact_text() -> None:
    a = anchor_for_quote(DOC, "about rivers")
    assert a is not None and a.block_index == 1
    assert DOC.blocks[1].text[a.offset : a.end] == "about rivers"


def test_quote_anchor_ignores_differences_in_whitespace() -> None:
    a = anchor_for_quote(DOC, "paragraph, wrapped over two lines")
    assert a is not None and a.block_index == 2
    assert DOC.blocks[2].text[a.offset : a.end] == "paragraph,\nwrapped over  two lines"


def test_quote_equal_to_a_block_is_a_block_anchor() -> None:
    a = anchor_for_quote(DOC, "Short.")
    assert a == anchor_for_block(DOC, 3)


def test_missing_or_empty_quote_gives_none() -> None:
    assert anchor_for_quote(DOC, "not in this document") is None
    assert anchor_for_quote(DOC, "   ") is None
    assert find_quote(DOC, "rivers and the ocean") is None


def test_note_ids_are_short_and_unique() -> None:
    ids = {new_note_id() for _ in range(2000)}
    assert len(ids) == 2000
    assert all(len(i) == 12 and i.isalnum() for i in ids)


def test_editing_a_note_moves_updated_forward_and_keeps_created() -> None:
    t = now()
    n = Note(id="a", anchor=anchor_for_block(DOC, 1), body="x", created=t, updated=t)
    e = n.edited(body="y", tags=["b", " a ", "b", ""], when=t - timedelta(hours=1))
    assert e.body == "y" and e.tags == ("b", "a")
    assert e.created == t and e.updated > t
    assert e.updated.tzinfo is not None


def test_lone_surrogates_are_refused_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="surrogate U\\+D800"):
        check_text("ok \ud800 not ok")
    with pytest.raises(ValueError):
        clean_tags(["fine", "\udfff"])
    assert check_text('quotes """ \\ \x00 \r\n') == 'quotes """ \\ \x00 \r\n'


def test_anchor_text_from_a_document_with_surrogates_is_made_storable() -> None:
    doc = Document(blocks=(Block(id="p1", kind=BlockKind.PARAGRAPH, text="bad \udc80 byte here"),))
    a = anchor_for_block(doc, 0)
    assert "\udc80" not in a.quote and "\ufffd" in a.quote
