"""Scoring a subset of a document's blocks with the whole document's word statistics."""

from __future__ import annotations

from collections import Counter

from tui.model.document import Document
from tui.model.load import load_path
from tui.model.search import CorpusStats, SearchIndex, normalize
from tui.model.search.fold import tokenize


def _stats(doc: Document) -> CorpusStats:
    df: Counter[str] = Counter()
    for b in doc.blocks:
        df.update(set(tokenize(normalize(b.text))))
    return CorpusStats(blocks=len(doc.blocks), df=dict(df))


def _subset(doc: Document, keep: list[int]) -> Document:
    return Document(blocks=tuple(doc.blocks[i] for i in keep), meta=doc.meta)


def test_candidate_blocks_score_as_in_the_whole_document() -> None:
    doc = load_path(None)
    stats = _stats(doc)
    full = SearchIndex.build(doc)
    for query in ("resilient relationship", "chinna trade", "security policy", '"the united"'):
        hits = full.search(query, limit=200).hits
        assert len(hits) >= 3, query
        keep = sorted({h.block_index for h in hits})
        sub = SearchIndex.build(_subset(doc, keep), stats).search(query, limit=200).hits
        got = [(doc.blocks[keep[h.block_index]].id, h.score) for h in sub]
        assert got == [(h.block_id, h.score) for h in hits], query


def test_without_the_collection_statistics_weights_differ() -> None:
    doc = load_path(None)
    full = SearchIndex.build(doc).search("resilient relationship", limit=200).hits
    keep = sorted({h.block_index for h in full})
    sub = SearchIndex.build(_subset(doc, keep)).search("resilient relationship", limit=200).hits
    assert [h.score for h in sub] != [h.score for h in full]
