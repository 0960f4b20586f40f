"""Fuzzy search over a document's blocks: query -> ranked hits with match spans.

Build a :class:`SearchIndex` once per document (it takes well under a second for ten thousand
paragraphs; do it in a worker for books), then call :meth:`SearchIndex.search` on every
keystroke. Each :class:`Hit` carries the block id and index, its section path, a score from 0
to 100, the block's full text with the character spans that matched (for highlighting in the
reading pane) and a short snippet windowed around the best match with its own spans (for a
result list).

Matching is case-, accent- and width-insensitive ("menard" finds "Ménard", "ＡＢＣ" finds
"abc"). Plain words are typo-tolerant and may come in any order; the last word of the query
also matches as a prefix, so results are useful while the reader types. Query syntax, in the
fzf tradition, is given by :data:`SYNTAX_HELP`.

Using it from a UI: build the index in a worker when the document opens; run ``search`` in an
exclusive worker on every keystroke (a search takes a few milliseconds at ten thousand
paragraphs); show ``result.message`` when there are no hits; highlight ``hit.spans`` in the
reading pane and ``hit.snippet_spans`` in the result list; use
:meth:`SearchResult.in_document_order` for next / previous hit. Scores go from 0 to 100: a
block holding every word outranks one holding some, exact words outrank prefixes and typos,
and words next to each other in query order (a phrase) outrank scattered ones.

How it works: every block's text is normalised and cut into words (runs of Chinese, Japanese
or Korean script into overlapping character pairs). Each distinct word gets one code point,
so a block becomes a short "token string" and phrase or position questions are answered by
C-speed string searches. A query word is first matched against the vocabulary (exact, prefix,
then edit distance through rapidfuzz with a length-dependent limit), the matching blocks come
from postings lists, and only the best candidates are scored in detail (word proximity, phrase
and order, term frequency, position, length). Vocabulary matches are cached, so typing one more
letter only redoes the work for the last word.

The package, one job per module: ``query`` (the syntax and its parser), ``fold`` (text
folding and cutting into words), ``terms`` (vocabulary, postings, matching a query part),
``rank`` (scoring), ``snippet`` (match spans in the original text, snippets), ``results`` (what
a search returns) and ``index`` (:class:`SearchIndex`, which ties them together).
"""

from __future__ import annotations

from tui.model.search.fold import normalize, normalize_with_offsets
from tui.model.search.index import SearchIndex
from tui.model.search.query import SYNTAX_HELP, is_searchable
from tui.model.search.results import Hit, SearchResult
from tui.model.search.snippet import SNIPPET_WIDTH
from tui.model.search.terms import CorpusStats

__all__ = [
    "SNIPPET_WIDTH",
    "SYNTAX_HELP",
    "CorpusStats",
    "Hit",
    "SearchIndex",
    "SearchResult",
    "is_searchable",
    "normalize",
    "normalize_with_offsets",
]
