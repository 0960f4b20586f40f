"""Searching the library ranks a document's blocks exactly as in-document search does."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.model.library import Library
from tui.model.load import load_path
from tui.model.search import SearchIndex

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"

QUERIES = [
    "resilient relationship",
    "resilent relatoinship",  # typos
    "trade secu",  # the last word still being typed
    '"united states" trade',
    "economic !security",
    "'china cooperation",
    "^the",
]


@pytest.mark.parametrize("query", QUERIES)
def test_library_of_one_document_ranks_like_in_document_search(
    tmp_path: Path, article_path: Path, query: str
) -> None:
    doc_file = tmp_path / "docs" / "article.txt"
    doc_file.parent.mkdir()
    shutil.copy(article_path, doc_file)
    expected = SearchIndex.build(load_path(doc_file)).search(query, limit=30).hits
    assert expected, query
    with Library.open(tmp_path / "data") as lib:
        lib.add([str(doc_file.parent)])
        got = lib.search(query, limit=30).hits
    assert [(h.block_id, h.score, h.section, h.spans) for h in got] == [
        (h.block_id, h.score, h.section, h.spans) for h in expected
    ]
    assert {h.path for h in got} == {str(doc_file.resolve())}


def test_hits_of_one_document_keep_their_order_among_other_documents(
    tmp_path: Path, article_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(article_path, docs / "article.txt")
    for name in ("news-article.txt", "blog-post.txt", "gnu-news.txt"):
        shutil.copy(FIXTURES / name, docs / name)
    query = "china relationship"
    with Library.open(tmp_path / "data") as lib:
        lib.add([str(docs)])
        got = [h for h in lib.search(query, limit=200).hits if h.path.endswith("article.txt")]
    alone = SearchIndex.build(load_path(docs / "article.txt")).search(query, limit=200).hits
    assert len(got) > 5
    # The library weighs words by all documents, so scores differ, but a document's best block
    # is still its best block, and every block of the document that matches is found.
    assert got[0].block_id == alone[0].block_id
    assert {h.block_id for h in got} == {h.block_id for h in alone}
