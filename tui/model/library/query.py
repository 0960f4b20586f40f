"""Searching every document of the library: one typo-tolerant query, hits to the paragraph.

How a query runs:

1. Each query word is expanded against the library's vocabulary the way in-document search
   expands it against a document's: the word itself, words it begins (the last word, while it
   is being typed) and words within its typo budget (rapidfuzz, edit distance).
2. FTS5 finds the candidate blocks: those holding some form of every word, then of every word
   but one, then of the rarest words alone, until there are enough (a bounded number).
3. The candidates are ranked by the in-document scorer (:class:`tui.model.search.SearchIndex`)
   with the whole library's word statistics, so a block scores as it would in a search of the
   whole library: for a library of one document, exactly as in-document search scores it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from heapq import nsmallest
from itertools import combinations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.model.document import Block, Document
from tui.model.library.db import split_rowid
from tui.model.library.parse import CODE_KINDS
from tui.model.search import CorpusStats, SearchIndex, SearchResult
from tui.model.search.fold import is_cjk
from tui.model.search.query import Part, parse_query, typo_budget

CANDIDATES = 600  # blocks re-ranked per query
_PREFIX_CAP = 150


@dataclass(frozen=True, slots=True)
class LibraryHit:
    """One matching block of one document (``section`` is the path of section titles)."""

    path: str
    title: str
    section: tuple[str, ...]
    block_id: str
    block_index: int
    score: float
    text: str
    spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class LibraryResult:
    """Hits best first; ``message`` says why there are none (empty when there are hits)."""

    query: str
    hits: tuple[LibraryHit, ...]
    total: int
    message: str = ""


class Cancelled(Exception):
    """The caller's ``cancelled()`` turned true: a newer query replaced this one."""


class Searcher:
    """Runs queries against one open library; load once, query many times (thread-safe)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self._lock = threading.Lock()
        self._vocab: list[str] | None = None
        self._by_len: dict[int, list[str]] = {}
        self._cjk: list[str] = []
        self._known: set[str] = set()
        self._heads_by_len: dict[int, list[str]] = {}

    def _load_vocab(self) -> list[str]:
        if self._vocab is None:
            terms = [t for (t,) in self.con.execute("SELECT term FROM terms")]
            self._known = set(terms)
            self._vocab = sorted(t for t in terms if not is_cjk(t[0]))
            self._cjk = [t for t in terms if is_cjk(t[0])]
            for t in self._vocab:
                self._by_len.setdefault(len(t), []).append(t)
        return self._vocab

    # ------------------------------------------------------------------ expansion

    def forms(self, word: str, prefix: bool, exact: bool = False) -> list[str]:
        """Vocabulary words a query word may stand for (itself, completions, near misses)."""
        self._load_vocab()
        out = [word] if word in self._known else []
        if exact:
            return out
        if is_cjk(word[0]):
            if len(word) == 1:
                out += [t for t in self._cjk if word in t and t != word]
            return out
        if prefix:
            out += [t for t in self._prefix(word, _PREFIX_CAP) if t != word]
        budget = typo_budget(word)
        if budget:
            choices: list[str] = []
            for n in range(len(word) - budget, len(word) + budget + 1):
                choices.extend(self._by_len.get(n, ()))
            near = process.extract(word, choices, scorer=OSA.distance, score_cutoff=budget, limit=None)
            out += [t for t, _, _ in near if t != word]
            if prefix:
                out += self._fuzzy_prefix(word, budget)
        return list(dict.fromkeys(out))

    def _prefix(self, head: str, cap: int) -> list[str]:
        vocab = self._load_vocab()
        lo = bisect_left(vocab, head)
        hi = bisect_left(vocab, head + "\U0010ffff", lo)
        found = vocab[lo:hi]
        return nsmallest(cap, found, key=len) if len(found) > cap else found

    def _heads(self, n: int) -> list[str]:
        heads = self._heads_by_len.get(n)
        if heads is None:
            heads = self._heads_by_len[n] = sorted({t[:n] for t in self._load_vocab() if len(t) >= n})
        return heads

    def _fuzzy_prefix(self, word: str, budget: int) -> list[str]:
        """Words whose beginning is within the typo budget of ``word`` (a typo while typing)."""
        found: dict[str, tuple[int, int]] = {}
        n = len(word)
        for k in range(max(1, n - budget), n + budget + 1):
            for head, dist, _ in process.extract(
                word, self._heads(k), scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                for t in self._prefix(head, 20):
                    if t not in found or found[t][0] > dist:
                        found[t] = (int(dist), len(t))
        if len(found) > _PREFIX_CAP:
            return nsmallest(_PREFIX_CAP, found, key=lambda t: found[t])
        return list(found)

    def _df(self, terms: list[str]) -> dict[str, int]:
        df: dict[str, int] = {}
        for t in terms:
            row = self.con.execute("SELECT doc FROM fts_terms WHERE term = ?", (t,)).fetchone()
            if row and row[0]:
                df[t] = int(row[0])
        return df

    # ------------------------------------------------------------------ searching

    def search(
        self, query: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> LibraryResult:
        """Rank the library's blocks for ``query``; raises :class:`Cancelled` when told to stop."""
        with self._lock:
            return self._search(query, max(1, limit), cancelled or (lambda: False))

    def _search(self, query: str, limit: int, cancelled: Callable[[], bool]) -> LibraryResult:
        parts = [p for p in parse_query(query) if not p.negated]
        if not parts:
            return LibraryResult(query, (), 0, SearchIndex(Document(blocks=())).search(query).message)
        factors = [f for p in parts for f in self._factors(p)]
        df = self._df([t for f in factors for t in f])
        factors = [[t for t in f if t in df] for f in factors]
        if not any(factors):
            return LibraryResult(query, (), 0, f"No matches for {query.strip()!r} in the library.")
        if cancelled():
            raise Cancelled
        rowids = self._candidates([f for f in factors if f], df, cancelled)
        if cancelled():
            raise Cancelled
        return self._rank(query, rowids, df, limit)

    def _factors(self, part: Part) -> list[list[str]]:
        """One list of alternative words per word the part needs."""
        if part.op == "word":
            return [self.forms(part.tokens[0], part.prefix)]
        if part.op == "exact":
            return [self.forms(part.tokens[0], False, exact=True)]
        toks = part.tokens
        out = [self.forms(t, False, exact=True) for t in toks[:-1]]
        out.append(
            self.forms(toks[-1], part.prefix, exact=not part.prefix)
            if part.prefix
            else self.forms(toks[-1], False, exact=True)
        )
        return out

    def _candidates(
        self, factors: list[list[str]], df: dict[str, int], cancelled: Callable[[], bool]
    ) -> list[int]:
        """Blocks worth ranking: all words, then all but one, then the rarest words alone."""
        weight = [sum(df[t] for t in f) for f in factors]
        order = sorted(range(len(factors)), key=lambda i: weight[i])
        groups: list[tuple[int, ...]] = [tuple(order)]
        if 1 < len(order) <= 6:
            groups += [c for c in combinations(order, len(order) - 1)]
        groups += [(i,) for i in order]
        seen: dict[int, None] = {}
        for g in groups:
            room = CANDIDATES - len(seen)
            if room <= 0:
                break
            expr = " AND ".join("(" + " OR ".join(f'"{t}"' for t in factors[i]) + ")" for i in g)
            for (rowid,) in self.con.execute(
                "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?", (expr, room + len(seen))
            ):
                if rowid not in seen:
                    seen[rowid] = None
                    if len(seen) >= CANDIDATES:
                        break
            if cancelled():
                raise Cancelled
        return sorted(seen)

    def _rank(self, query: str, rowids: list[int], df: dict[str, int], limit: int) -> LibraryResult:
        rows: list[tuple[int, str, str, str, str | None]] = []
        for i in range(0, len(rowids), 900):
            chunk = rowids[i : i + 900]
            marks = ",".join("?" * len(chunk))
            rows += self.con.execute(
                f"SELECT id, bid, kind, text, alt FROM blocks WHERE id IN ({marks}) ORDER BY id", chunk
            ).fetchall()
        rows.sort()
        blocks = tuple(
            Block(id=bid, kind=CODE_KINDS[kind], text=text, index=i, alt=alt or "")
            for i, (_, bid, kind, text, alt) in enumerate(rows)
        )
        (n_blocks,) = self.con.execute("SELECT coalesce(sum(blocks), 0) FROM docs").fetchone()
        stats = CorpusStats(blocks=max(int(n_blocks), len(blocks)), df=df)
        result: SearchResult = SearchIndex.build(Document(blocks=blocks), stats).search(query, limit=limit)
        if not result.hits:
            return LibraryResult(query, (), 0, f"No matches for {query.strip()!r} in the library.")
        docs = self._docs({split_rowid(rows[h.block_index][0])[0] for h in result.hits})
        hits = []
        for h in result.hits:
            doc_id, idx = split_rowid(rows[h.block_index][0])
            path, title, sections = docs[doc_id]
            hits.append(
                LibraryHit(
                    path,
                    title,
                    _section_path(sections, idx),
                    h.block_id,
                    idx,
                    h.score,
                    h.text,
                    h.spans,
                    h.snippet,
                    h.snippet_spans,
                )
            )
        return LibraryResult(query, tuple(hits), result.total)

    def _docs(self, ids: set[int]) -> dict[int, tuple[str, str, list[list]]]:
        marks = ",".join("?" * len(ids))
        return {
            doc_id: (path, title, json.loads(sections))
            for doc_id, path, title, sections in self.con.execute(
                f"SELECT id, path, title, sections FROM docs WHERE id IN ({marks})", list(ids)
            )
        }


def _section_path(sections: list[list], index: int) -> tuple[str, ...]:
    """Titles of the sections holding block ``index``, outermost first."""
    return tuple(str(title) for start, end, title in sections if start <= index < end)
