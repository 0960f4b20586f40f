"""Re-anchoring: notes follow their text when paragraphs are inserted, deleted, edited or moved."""

from __future__ import annotations

from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.notes import (
    Anchor,
    Note,
    Placed,
    Status,
    anchor_for_block,
    anchor_for_span,
    in_document_order,
    now,
    reanchor,
)

PARAS = [
    "Trade between the two countries grew quickly after the agreement, with trade policy at its heart.",
    "Climate talks stalled twice; with details about climate policy and history, negotiators met again.",
    "Security questions dominated the summit, and few expected a breakthrough on the border dispute.",
    "Energy markets reacted calmly. Prices for gas fell, while energy policy stayed unchanged all year.",
    "Hospitals reported shortages of nurses; health policy became an election issue in most provinces.",
    "Universities opened new campuses abroad, and education policy favoured exchanges of students.",
    "Banks tightened lending in the spring as regulators asked for larger capital buffers everywhere.",
    "Tourists returned in record numbers once the visa rules were relaxed for short summer visits.",
]


def make_doc(paras: list[str]) -> Document:
    specs = [BlockSpec(BlockKind.HEADING, "Title", level=1)]
    specs += [BlockSpec(BlockKind.PARAGRAPH, p) for p in paras]
    return build_document(specs, Metadata(title="Doc"))


def note(anchor: Anchor, nid: str = "n") -> Note:
    t = now()
    return Note(id=nid, anchor=anchor, body="my note", created=t, updated=t)


def span(doc: Document, index: int, words: str) -> Anchor:
    s = doc.blocks[index].text.index(words)
    return anchor_for_span(doc, index, s, s + len(words))


def quoted(doc: Document, p: Placed) -> str:
    assert p.block_index is not None
    return doc.blocks[p.block_index].text[p.start : p.end]


def test_unchanged_document_everything_ok_in_place() -> None:
    doc = make_doc(PARAS)
    notes = [note(anchor_for_block(doc, 3), "a"), note(span(doc, 5, "health policy"), "b")]
    placed = reanchor(notes, doc)
    assert [p.status for p in placed] == [Status.OK, Status.OK]
    assert placed[0].block_index == 3 and quoted(doc, placed[0]) == PARAS[2]
    assert quoted(doc, placed[1]) == "health policy"


def test_inserted_paragraphs_shift_notes_which_stay_ok() -> None:
    old = make_doc(PARAS)
    notes = [note(anchor_for_block(old, 4), "a"), note(span(old, 6, "education policy"), "b")]
    new = make_doc(["A new opening paragraph.", "And another one.", *PARAS])
    placed = reanchor(notes, new)
    assert [p.status for p in placed] == [Status.OK, Status.OK]
    assert placed[0].block_index == 6 and quoted(new, placed[0]) == PARAS[3]
    assert placed[1].block_index == 8 and quoted(new, placed[1]) == "education policy"


def test_deleted_paragraph_makes_its_note_an_orphan_and_leaves_others() -> None:
    old = make_doc(PARAS)
    notes = [note(anchor_for_block(old, 2), "gone"), note(anchor_for_block(old, 5), "kept")]
    new = make_doc(PARAS[:1] + PARAS[2:])
    gone, kept = reanchor(notes, new)
    assert gone.status is Status.ORPHAN and gone.block_index is None
    assert kept.status is Status.OK and quoted(new, kept) == PARAS[4]


def test_edited_paragraph_whole_block_note_moves_to_the_edited_text() -> None:
    old = make_doc(PARAS)
    n = note(anchor_for_block(old, 3))
    edited = [*PARAS[:2], PARAS[2].replace("few expected", "nobody expected"), *PARAS[3:]]
    new = make_doc(edited)
    (p,) = reanchor([n], new)
    assert p.status is Status.MOVED
    assert p.block_index == 3
    assert quoted(new, p) == edited[2]


def test_span_untouched_by_an_edit_elsewhere_in_its_paragraph_keeps_its_exact_text() -> None:
    old = make_doc(PARAS)
    n = note(span(old, 4, "energy policy"))
    edited = [*PARAS[:3], "Newly: " + PARAS[3], *PARAS[4:]]
    new = make_doc(edited)
    (p,) = reanchor([n], new)
    assert p.status is Status.MOVED and p.block_index == 4
    assert quoted(new, p) == "energy policy"
    assert p.start == old.blocks[4].text.index("energy policy") + len("Newly: ")


def test_lightly_edited_span_is_found_fuzzily() -> None:
    old = make_doc(PARAS)
    n = note(span(old, 2, "with details about climate policy and history"))
    edited = [*PARAS[:1], PARAS[1].replace("details about", "detail on"), *PARAS[2:]]
    new = make_doc(edited)
    (p,) = reanchor([n], new)
    assert p.status is Status.MOVED and p.block_index == 2
    assert "climate policy" in quoted(new, p)


def test_rewritten_paragraph_orphans_its_note() -> None:
    old = make_doc(PARAS)
    n = note(anchor_for_block(old, 2))
    new = make_doc([*PARAS[:1], "Something completely different now stands here.", *PARAS[2:]])
    (p,) = reanchor([n], new)
    assert p.status is Status.ORPHAN


def test_duplicate_quote_is_disambiguated_by_its_context() -> None:
    paras = [
        "Alpha says: the same words appear here, then alpha ends.",
        "Beta says: the same words appear here, then beta ends.",
    ]
    old = make_doc(paras)
    n = note(span(old, 2, "the same words appear here"))
    # Both paragraphs change (so neither keeps its id) and swap places.
    new = make_doc(["Beta says: the same words appear here, then beta ends!", "Alpha!" + paras[0][5:]])
    (p,) = reanchor([n], new)
    assert p.status is Status.MOVED
    assert p.block_index == 1  # the beta paragraph, now first
    assert quoted(new, p) == "the same words appear here"


def test_paragraph_moved_far_and_edited_is_found() -> None:
    filler = [f"Filler paragraph number {i} about nothing in particular." for i in range(200)]
    target = "A distinctive paragraph about glaciers, fjords and northern lights over Tromsø."
    old = make_doc([target, *filler])
    n = note(anchor_for_block(old, 1))
    new = make_doc([*filler, target.replace("northern lights", "the northern lights")])
    (p,) = reanchor([n], new)
    assert p.status is Status.MOVED and p.block_index == 201


def test_document_order_puts_orphans_last() -> None:
    doc = make_doc(PARAS)
    a = note(anchor_for_block(doc, 5), "a")
    b = note(span(doc, 2, "climate"), "b")
    c = note(Anchor(block_id="zzz", quote="nowhere to be found at all"), "c")
    ordered = in_document_order(reanchor([c, a, b], doc))
    assert [p.note.id for p in ordered] == ["b", "a", "c"]
    assert ordered[-1].is_orphan
