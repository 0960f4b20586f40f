"""SearchIndex: one document's blocks indexed once, queried on every keystroke."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from tui.model.document import Block, BlockKind, Document
from tui.model.search.fold import normalize_with_offsets, tokenize_spans
from tui.model.search.query import Part, parse_query
from tui.model.search.rank import candidates, score_block, stage_one
from tui.model.search.results import Hit, SearchResult
from tui.model.search.snippet import merge_spans, snippet, to_original
from tui.model.search.terms import CorpusStats, Match, Terms

__all__ = ["SearchIndex"]

_K = TypeVar("_K")
_V = TypeVar("_V")


class _LRU(OrderedDict[_K, _V]):
    """A dict that keeps only its ``size`` most recently used entries."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: _K, make: Callable[[], _V]) -> _V:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


def search_text(block: Block) -> str:
    """The text of ``block`` that search indexes (none for a rule; a figure adds its alt text)."""
    if block.kind is BlockKind.RULE:
        return ""
    if block.kind is BlockKind.FIGURE and block.alt and block.alt != block.text:
        return f"{block.text}\n{block.alt}"
    return block.text


class SearchIndex:
    """A search index over one document's blocks (headings, text, code, tables, figures).

    Build it with :meth:`build`; query it with :meth:`search`. The index is immutable apart
    from internal caches and safe to query from a worker thread.
    """

    def __init__(self, doc: Document, stats: CorpusStats | None = None) -> None:
        """Index ``doc``; prefer :meth:`build`."""
        self.doc = doc
        self._terms = Terms((search_text(b) for b in doc.blocks), stats)
        self._short = [1.0 / (1.0 + len(ts) / 150.0) for ts in self._terms.tokens]
        self._lock = threading.Lock()
        self._parts: _LRU[tuple[str, tuple[str, ...], bool], Match] = _LRU(64)
        self._spans: _LRU[int, tuple[list[tuple[int, int]], list[int] | None, int]] = _LRU(256)

    @classmethod
    def build(cls, doc: Document, stats: CorpusStats | None = None) -> SearchIndex:
        """Index every block of ``doc`` except rules (figures by caption and alt text).

        ``stats`` makes word weights those of a larger collection (see :class:`CorpusStats`).
        """
        return cls(doc, stats)

    @property
    def vocabulary_size(self) -> int:
        """Number of distinct words (and CJK character pairs) in the document."""
        return len(self._terms.terms)

    def clear_cache(self) -> None:
        """Forget cached query-word matches (for measuring; never needed for correctness)."""
        with self._lock:
            self._parts.clear()
            self._spans.clear()

    def _match(self, part: Part) -> Match:
        key = (part.op, part.tokens, part.prefix)
        return self._parts.get_or(key, lambda: self._terms.match(part))

    # ----------------------------------------------------------------- searching

    def search(self, query: str, limit: int = 50) -> SearchResult:
        """Rank the blocks matching ``query``; never raises for any query text."""
        with self._lock:
            return self._search(query, max(1, limit))

    def _search(self, query: str, limit: int) -> SearchResult:
        parts = parse_query(query)
        positive = [p for p in parts if not p.negated]
        if not query.strip():
            return SearchResult(query, (), 0, "Type a word to search.")
        if not positive:
            msg = (
                "Exclusions alone match nothing: add a word to search for."
                if parts
                else "Type a word to search (the query holds only operators)."
            )
            return SearchResult(query, (), 0, msg)
        matches = [self._match(p) for p in positive]
        excluded: set[int] = set()
        for p in parts:
            if p.negated:
                excluded.update(self._match(p).blocks)
        required = [m.blocks for p, m in zip(positive, matches, strict=True) if p.op != "word"]

        total_w = sum(m.weight for m in matches) or 1.0
        weights = [m.weight / total_w for m in matches]
        tokens = self._terms.tokens
        n_blocks = self._terms.n_texts
        # Words found in most blocks ("the") do not decide whether a block has "all" the words.
        significant = [i for i, m in enumerate(matches) if len(m.blocks) <= 0.5 * n_blocks] or list(
            range(len(matches))
        )

        acc = stage_one(weights, matches)
        if required:
            for r in sorted(required, key=len):
                acc = {b: s for b, s in acc.items() if b in r}
        if excluded:
            acc = {b: s for b, s in acc.items() if b not in excluded}
        total = len(acc)
        if not total:
            return SearchResult(query, (), 0, f"No matches for {query.strip()!r}.")
        short = self._short
        cand = candidates(tokens, matches, weights, significant, acc, short, limit)

        scored = []
        for b in cand:
            detail = score_block(tokens[b], short[b], matches, weights, significant, b)
            scored.append((detail[0], -b, b, detail))
        scored.sort(reverse=True)
        hits = tuple(self._hit(b, detail, matches) for _, _, b, detail in scored[:limit])
        return SearchResult(query, hits, total, "")

    # ----------------------------------------------------------------- hits, spans, snippets

    def _token_spans(self, b: int) -> tuple[list[tuple[int, int]], list[int] | None, int]:
        """Character spans of block ``b``'s tokens in normalised text, the offset map, text length."""

        def make() -> tuple[list[tuple[int, int]], list[int] | None, int]:
            text = self.doc.blocks[b].text
            norm, offsets = normalize_with_offsets(text)
            return tokenize_spans(norm), offsets, len(text)

        return self._spans.get_or(b, make)

    def _hit(self, b: int, detail: tuple[float, tuple[int, int]], matches: list[Match]) -> Hit:
        block = self.doc.blocks[b]
        score, (lo, hi) = detail
        tok_spans, offsets, text_len = self._token_spans(b)
        ts = self._terms.tokens[b]
        n_text_tokens = len(tok_spans)  # tokens past this come from a figure's alt text
        if n_text_tokens < len(ts):
            ts = ts[:n_text_tokens]
        raw: list[tuple[int, int]] = []
        for m in matches:
            if m.pattern is None or b not in m.blocks:
                continue
            hl_of = m.highlight.get
            for mt in m.pattern.finditer(ts):
                s, e = mt.span()
                if e - s == 1:
                    a, z = tok_spans[s]
                    hl = hl_of(ts[s], 0)
                    if hl and a + hl < z:
                        z = a + hl
                    raw.append((a, z))
                else:
                    raw.append((tok_spans[s][0], tok_spans[e - 1][1]))
        spans = merge_spans(to_original(raw, offsets, text_len) if offsets is not None else raw)
        if tok_spans and lo < n_text_tokens:
            c0 = to_original(
                [(tok_spans[lo][0], tok_spans[min(hi, n_text_tokens) - 1][1])], offsets, text_len
            )
            focus = c0[0] if c0 else (0, 0)
        else:
            focus = spans[0] if spans else (0, 0)
        text, text_spans = snippet(block.text, spans, focus)
        return Hit(
            block_id=block.id,
            block_index=b,
            section=tuple(s.title for s in self.doc.section_path(b)),
            score=score,
            text=block.text,
            spans=tuple(spans),
            snippet=text,
            snippet_spans=text_spans,
        )
