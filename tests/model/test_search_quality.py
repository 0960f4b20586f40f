"""Search quality on labelled queries: top-1 >= 0.9 and top-3 >= 0.97 (see tests/search_quality/)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

import pytest

from tui.model.document import Document
from tui.model.load import load_path
from tui.model.search import SearchIndex

DATA = Path(__file__).resolve().parents[1] / "search_quality"
ARTICLE = "article"
MUST_BE_FIRST = ("thucidides trap", "resilliance", "san fransisco summit", "de-risking creating risks")


def labelled() -> list[dict[str, str]]:
    """Every labelled query, with its document name filled in."""
    out = []
    for f in sorted(DATA.glob("*.toml")):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for q in data["query"]:
            out.append({"document": q.get("document", data.get("document", "")), "file": f.name, **q})
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@cache
def _index(path: str) -> tuple[Document, SearchIndex]:
    doc = load_path(None if path == ARTICLE else path)
    return doc, SearchIndex.build(doc)


def open_index(name: str, corpus_root: Path | None) -> tuple[Document, SearchIndex]:
    if name == ARTICLE:
        return _index(ARTICLE)
    assert corpus_root is not None
    return _index(str(corpus_root / name))


def rank_of(doc: Document, index: SearchIndex, query: str, expect: str) -> int | None:
    """1-based rank of the block containing ``expect`` among the hits, or None."""
    want = squash(expect)
    owners = [b.index for b in doc.blocks if want in squash(b.text)]
    assert len(owners) == 1, f"label {expect!r} is in {len(owners)} blocks; make it distinctive"
    for rank, hit in enumerate(index.search(query, limit=10).hits, 1):
        if hit.block_index == owners[0]:
            return rank
    return None


def evaluate(queries: list[dict[str, str]], corpus_root: Path | None) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for q in queries:
        doc, index = open_index(q["document"], corpus_root)
        rank = rank_of(doc, index, q["q"], q["expect"])
        top1 += rank == 1
        top3 += rank is not None and rank <= 3
        if rank != 1:
            misses.append(f"{q['document']}: {q['q']!r} -> rank {rank}")
    n = len(queries)
    return top1 / n, top3 / n, misses


def test_quality_set_is_big_and_varied() -> None:
    qs = labelled()
    assert len(qs) >= 60
    docs = {q["document"] for q in qs}
    assert ARTICLE in docs and len(docs) >= 6
    kinds = {q["kind"] for q in qs}
    assert {"typo", "reordered", "phrase", "partial", "cjk", "operator"} <= kinds


@pytest.mark.parametrize("query", MUST_BE_FIRST)
def test_article_queries_land_first(query: str) -> None:
    (q,) = [x for x in labelled() if x["document"] == ARTICLE and x["q"] == query]
    doc, index = open_index(ARTICLE, None)
    assert rank_of(doc, index, q["q"], q["expect"]) == 1


def test_article_quality() -> None:
    qs = [q for q in labelled() if q["document"] == ARTICLE]
    top1, top3, misses = evaluate(qs, None)
    assert top1 >= 0.9 and top3 >= 0.97, misses


def test_whole_quality_set(corpus: Path) -> None:
    top1, top3, misses = evaluate(labelled(), corpus)
    print(f"\nsearch quality: top-1 {top1:.3f}  top-3 {top3:.3f}  misses: {misses}")
    assert top1 >= 0.9, misses
    assert top3 >= 0.97, misses
