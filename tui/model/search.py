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
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from heapq import nlargest, nsmallest
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.model.document import Block, BlockKind, Document

__all__ = [
    "SYNTAX_HELP",
    "Hit",
    "SearchIndex",
    "SearchResult",
    "is_searchable",
    "normalize",
    "normalize_with_offsets",
]

SYNTAX_HELP = """\
Search syntax (plain words are fuzzy and may come in any order):
  word       fuzzy: typos are forgiven; the last word also matches as a prefix
  'word      exact word only
  !word      leave out blocks containing the word (or !"a phrase")
  "a phrase" these words next to each other, in this order
  ^word      blocks that start with the word
Case, accents and full/half width are ignored. Chinese, Japanese and Korean text
is matched by characters, so no spaces are needed."""

SNIPPET_WIDTH = 160
"""Target length of :attr:`Hit.snippet` in characters (before the ellipses)."""

# --------------------------------------------------------------------------- normalisation

# Scripts written without spaces (and Hangul, whose words carry particles): indexed by pairs.
_CJK = (
    "\u1100-\u11ff\u3005\u3006\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
_TOKEN_RE = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")
_CJK_RE = re.compile(f"[{_CJK}]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that do not decompose but readers expect to match their plain form.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae", "þ": "th"})

_char_cache: dict[str, str] = {}


def _norm_char(ch: str) -> str:
    out = _char_cache.get(ch)
    if out is None:
        d = _DIACRITICS.sub("", unicodedata.normalize("NFKD", ch))
        out = unicodedata.normalize("NFC", d.casefold().translate(_FOLD))
        if len(_char_cache) < 100_000:
            _char_cache[ch] = out
    return out


def normalize(text: str) -> str:
    """Text as search compares it: NFKC width folding, case folding, accents removed."""
    if text.isascii():
        return text.lower()
    return normalize_with_offsets(text)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Normalised text and, when lengths differ, the original offset of each normalised character.

    The offset list is None when every character maps to exactly one character (the common
    case), so normalised offsets are original offsets.
    """
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    offsets: list[int] | None = None
    pos = 0
    for m in _NON_ASCII_RE.finditer(text):
        a, b = m.span()
        if a > pos:
            parts.append(text[pos:a].lower())
            if offsets is not None:
                offsets.extend(range(pos, a))
        for i in range(a, b):
            out = _norm_char(text[i])
            if out and parts and parts[-1] and unicodedata.combining(out[0]):
                # A separate voicing mark (half-width kana) joins the character before it.
                joined = unicodedata.normalize("NFC", parts[-1][-1] + out)
                if len(joined) == 1:
                    parts[-1] = parts[-1][:-1] + joined
                    out = ""
            if len(out) != 1 and offsets is None:
                offsets = list(range(len("".join(parts))))
            parts.append(out)
            if offsets is not None:
                offsets.extend([i] * len(out))
        pos = b
    if pos < len(text):
        parts.append(text[pos:].lower())
        if offsets is not None:
            offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def _is_cjk(ch: str) -> bool:
    return _CJK_RE.match(ch) is not None


def _expand_cjk(run: str) -> list[str]:
    """A CJK run as overlapping character pairs (a single character stays itself)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(norm: str) -> list[str]:
    """The words of normalised text in order; CJK runs become overlapping character pairs."""
    words = _TOKEN_RE.findall(norm)
    if not _CJK_RE.search(norm):
        return words
    out: list[str] = []
    for w in words:
        if _is_cjk(w[0]):
            out.extend(_expand_cjk(w))
        else:
            out.append(w)
    return out


def _tokenize_spans(norm: str) -> list[tuple[int, int]]:
    """Start and end (in ``norm``) of each token that :func:`tokenize` returns, in the same order."""
    if not _CJK_RE.search(norm):
        return [m.span() for m in _TOKEN_RE.finditer(norm)]
    spans: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(norm):
        a, b = m.span()
        if b - a > 1 and _is_cjk(norm[a]):
            spans.extend((i, i + 2) for i in range(a, b - 1))
        else:
            spans.append((a, b))
    return spans


def _typo_budget(word: str) -> int:
    """How many edits a query word may be off by: none for short words, more for long ones."""
    n = len(word)
    if n < 4 or any(c.isdigit() for c in word) or _is_cjk(word[0]):
        return 0
    return 1 if n < 8 else 2


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching block.

    ``spans`` are ``(start, end)`` character offsets into ``text`` (the block's full text);
    ``snippet`` is a one-line window of the text around the best match, with ``snippet_spans``
    into it. ``section`` holds the titles of the enclosing sections, outermost first.
    """

    block_id: str
    block_index: int
    section: tuple[str, ...]
    score: float
    text: str
    spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: hits best first, how many blocks matched in all, and a message.

    ``message`` is empty when there are hits; otherwise it says calmly why there are none
    (empty query, only exclusions, nothing found), fit to show as is.
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    message: str = ""

    def in_document_order(self) -> tuple[Hit, ...]:
        """The hits sorted by their position in the document (for next / previous hit)."""
        return tuple(sorted(self.hits, key=lambda h: h.block_index))


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True, slots=True)
class _Part:
    """One piece of a parsed query."""

    op: str  # "word" | "exact" | "phrase" | "start"
    tokens: tuple[str, ...]
    negated: bool = False
    prefix: bool = False  # the last token may be incomplete (still being typed)


_PART_RE = re.compile(r'([!^\']*)"([^"]*)("?)|(\S+)')


def parse_query(query: str) -> list[_Part]:
    """Split a query into plain words and operator parts (see :data:`SYNTAX_HELP`)."""
    parts: list[_Part] = []
    typing = bool(query) and not query[-1].isspace()
    matches = list(_PART_RE.finditer(query))
    for n, m in enumerate(matches):
        last = typing and n == len(matches) - 1
        if m.group(4) is None:
            ops, body, closed = m.group(1), m.group(2), m.group(3)
            toks = tuple(tokenize(normalize(body)))
            if toks:
                parts.append(
                    _Part(
                        "start" if "^" in ops else "phrase",
                        toks,
                        negated="!" in ops,
                        prefix=last and not closed and not body[-1:].isspace(),
                    )
                )
            continue
        raw = m.group(4)
        ops = raw[: len(raw) - len(raw.lstrip("!^'"))]
        toks = tuple(tokenize(normalize(raw[len(ops) :])))
        if not toks:
            continue
        negated = "!" in ops
        if "^" in ops:
            parts.append(_Part("start", toks, negated=negated, prefix=last and not negated))
        elif negated or "'" in ops:
            parts.append(_Part("exact" if len(toks) == 1 else "phrase", toks, negated=negated))
        elif len(toks) > 1 and _is_cjk(toks[0][0]) and all(_is_cjk(t[0]) for t in toks):
            # A CJK run: each character pair is a word; they rank like a phrase when adjacent.
            parts.extend(_Part("word", (t,)) for t in toks)
        else:
            for i, t in enumerate(toks):
                parts.append(_Part("word", (t,), prefix=last and i == len(toks) - 1))
    return parts


def is_searchable(query: str) -> bool:
    """True when the query holds at least one word to look for (not only exclusions or operators)."""
    return any(not p.negated for p in parse_query(query))


# --------------------------------------------------------------------------- the index


@dataclass(slots=True)
class _Match:
    """Which blocks a query part matches, with a quality in (0, 1] per block."""

    blocks: dict[int, float]
    weight: float  # inverse document frequency of the best-matching form
    pattern: re.Pattern[str] | None  # finds the part in a block's token string
    width: int  # tokens the part spans (a phrase spans several)
    highlight: dict[str, int]  # token char -> highlighted length in characters (0 = whole word)


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


def _code(n: int) -> str:
    """The code point that stands for vocabulary entry ``n`` in token strings (no surrogates)."""
    n += 1
    return chr(n if n < 0xD800 else n + 0x800)


class SearchIndex:
    """A search index over one document's blocks (headings, text, code, tables, figures).

    Build it with :meth:`build`; query it with :meth:`search`. The index is immutable apart
    from internal caches and safe to query from a worker thread.
    """

    def __init__(self, doc: Document) -> None:
        """Index ``doc``; prefer :meth:`build`."""
        self.doc = doc
        vocab: dict[str, str] = {}
        terms: list[str] = []
        postings: dict[str, list[int]] = {}
        token_strings: list[str] = []
        for i, block in enumerate(doc.blocks):
            words = tokenize(normalize(_search_text(block)))
            chars = []
            for w in words:
                c = vocab.get(w)
                if c is None:
                    c = vocab[w] = _code(len(terms))
                    terms.append(w)
                chars.append(c)
            ts = "".join(chars)
            token_strings.append(ts)
            for c in set(ts):
                p = postings.get(c)
                if p is None:
                    postings[c] = [i]
                else:
                    p.append(i)
        self._vocab = vocab
        self._terms = terms
        self._postings = postings
        self._tokens = token_strings
        self._sorted_terms = sorted(t for t in terms if not _is_cjk(t[0]))
        by_len: dict[int, list[str]] = {}
        for t in self._sorted_terms:
            by_len.setdefault(len(t), []).append(t)
        self._by_len = by_len
        self._heads: dict[int, list[str]] = {}  # length -> distinct word beginnings of that length
        self._cjk_terms = [t for t in terms if _is_cjk(t[0])]
        self._short = [1.0 / (1.0 + len(ts) / 150.0) for ts in token_strings]
        first: dict[str, list[int]] = {}
        for i, ts in enumerate(token_strings):
            if ts:
                first.setdefault(ts[0], []).append(i)
        self._first = first
        self._lock = threading.Lock()
        self._parts: _LRU[tuple[str, tuple[str, ...], bool], _Match] = _LRU(64)
        self._spans: _LRU[int, tuple[list[tuple[int, int]], list[int] | None, int]] = _LRU(256)

    @classmethod
    def build(cls, doc: Document) -> SearchIndex:
        """Index every block of ``doc`` except rules (figures by caption and alt text)."""
        return cls(doc)

    @property
    def vocabulary_size(self) -> int:
        """Number of distinct words (and CJK character pairs) in the document."""
        return len(self._terms)

    def clear_cache(self) -> None:
        """Forget cached query-word matches (for measuring; never needed for correctness)."""
        with self._lock:
            self._parts.clear()
            self._spans.clear()

    # ----------------------------------------------------------------- vocabulary matching

    def _idf(self, df: int) -> float:
        return math.log(1.0 + len(self._tokens) / (1.0 + df))

    def _prefix_terms(self, word: str, cap: int) -> list[str]:
        """Vocabulary words that start with ``word`` (shortest first, at most ``cap``)."""
        terms = self._sorted_terms
        lo = bisect_left(terms, word)
        hi = bisect_left(terms, word + "\U0010ffff", lo)
        found = terms[lo:hi]
        if len(found) > cap:
            found = nsmallest(cap, found, key=len)
        return found

    def _word_heads(self, n: int) -> list[str]:
        """The distinct beginnings of length ``n`` of the (non-CJK) vocabulary words, sorted."""
        heads = self._heads.get(n)
        if heads is None:
            heads = self._heads[n] = sorted({t[:n] for t in self._sorted_terms if len(t) >= n})
        return heads

    def _fuzzy_prefix_terms(self, word: str, budget: int, cap: int) -> list[tuple[str, int, int]]:
        """Vocabulary words whose beginning is within ``budget`` edits of ``word``.

        Returns (term, edits, length of the matching beginning), closest beginnings first, then
        shortest words; at most ``cap``.
        """
        found: dict[str, tuple[int, int]] = {}
        n = len(word)
        for k in range(max(1, n - budget), n + budget + 1):
            for head, dist, _ in process.extract(
                word, self._word_heads(k), scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                for t in self._prefix_terms(head, 20):
                    if t not in found or found[t][0] > dist:
                        found[t] = (int(dist), k)
        out = [(t, d, k) for t, (d, k) in found.items()]
        if len(out) > cap:
            return nsmallest(cap, out, key=lambda f: (f[1], len(f[0])))
        return out

    def _word_forms(self, word: str, prefix: bool) -> list[tuple[str, float, int]]:
        """Vocabulary forms a query word matches: (term, quality, highlighted length or 0)."""
        forms: dict[str, tuple[float, int]] = {}
        if word in self._vocab:
            forms[word] = (1.0, 0)
        if _is_cjk(word[0]):
            if len(word) == 1:
                for t in self._cjk_terms:
                    if word in t and t not in forms:
                        forms[t] = (0.9, 0)
            return [(t, q, h) for t, (q, h) in forms.items()]
        if prefix:
            cap = 12 if len(word) == 1 else 40 if len(word) == 2 else 150
            for t in self._prefix_terms(word, cap):
                if t not in forms:
                    forms[t] = (0.8 + 0.15 * len(word) / len(t), len(word))
        budget = _typo_budget(word)
        if budget:
            choices: list[str] = []
            for n in range(len(word) - budget, len(word) + budget + 1):
                choices.extend(self._by_len.get(n, ()))
            for t, dist, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=budget, limit=None
            ):
                if t not in forms:
                    forms[t] = (0.78 * (1.0 - dist / (len(word) + 1)), 0)
            if prefix:
                # A typo inside the word being typed: match words whose beginning is close to it.
                for t, dist, k in self._fuzzy_prefix_terms(word, budget, 150):
                    if t not in forms:
                        q = 0.6 * (1.0 - dist / (len(word) + 1)) + 0.1 * len(word) / len(t)
                        forms[t] = (q, k if k < len(t) else 0)
        return [(t, q, h) for t, (q, h) in forms.items()]

    def _match_word(self, word: str, prefix: bool, exact: bool) -> _Match:
        forms = (
            self._word_forms(word, prefix) if not exact else [(word, 1.0, 0)] if word in self._vocab else []
        )
        blocks: dict[int, float] = {}
        best_q = 0.0
        best_df = 0
        for t, q, _ in sorted(forms, key=lambda f: f[1]):
            post = self._postings[self._vocab[t]]
            blocks.update(dict.fromkeys(post, q))
            if q > best_q:
                best_q, best_df = q, len(post)
            elif q == best_q:
                best_df = max(best_df, len(post))
        chars = [self._vocab[t] for t, _, _ in forms]
        pattern = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
        highlight = {self._vocab[t]: h for t, _, h in forms}
        return _Match(blocks, self._idf(best_df), pattern, 1, highlight)

    def _match_sequence(self, part: _Part) -> _Match:
        """Blocks containing the part's words next to each other (anchored at the start for ^)."""
        toks = part.tokens
        fixed = toks[:-1] if part.prefix else toks
        chars: list[str] = []
        for t in fixed:
            c = self._vocab.get(t)
            if c is None:
                return _Match({}, 0.0, None, len(toks), {})
            chars.append(c)
        last: list[str] = []
        if part.prefix:
            last_forms = self._prefix_terms(toks[-1], 200)
            last = [self._vocab[t] for t in last_forms]
            if not last:
                return _Match({}, 0.0, None, len(toks), {})
        # Candidate blocks: those holding every fixed word (and some form of the last one);
        # for ^, only blocks whose first word fits.
        sets = [self._postings[c] for c in chars]
        cand: set[int] | None = None
        if part.op == "start":
            first = self._first
            cand = set(first.get(chars[0], ())) if chars else set()
            if not chars:
                for c in last:
                    cand.update(first.get(c, ()))
                last = [c for c in last if c in first]
            sets = []
        for p in sorted(sets, key=len):
            cand = set(p) if cand is None else cand.intersection(p)
        if last and part.op != "start":
            lastset: set[int] = set()
            for c in last:
                lastset.update(self._postings[c])
            cand = lastset if cand is None else cand & lastset
        src = ("\\A" if part.op == "start" else "") + "".join(re.escape(c) for c in chars)
        if last:
            src += "[" + "".join(re.escape(c) for c in last) + "]"
        pattern = re.compile(src)
        tokens = self._tokens
        blocks = {b: 1.0 for b in (cand or ()) if pattern.search(tokens[b])}
        df = len(blocks)
        weight = sum(self._idf(len(self._postings[c])) for c in chars) if len(chars) > 1 else self._idf(df)
        if last:
            weight += self._idf(df)
        highlight = dict.fromkeys(chars + last, 0)
        if part.prefix and part.op == "start" and len(toks) == 1:
            highlight = dict.fromkeys(last, len(toks[0]))
        return _Match(blocks, weight, pattern, len(toks), highlight)

    def _match(self, part: _Part) -> _Match:
        def make() -> _Match:
            if part.op == "word":
                return self._match_word(part.tokens[0], part.prefix, exact=False)
            if part.op == "exact":
                return self._match_word(part.tokens[0], False, exact=True)
            return self._match_sequence(part)

        key = (part.op, part.tokens, part.prefix)
        return self._parts.get_or(key, make)

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
        n_blocks = len(self._tokens)
        # Words found in most blocks ("the") do not decide whether a block has "all" the words.
        significant = [i for i, m in enumerate(matches) if len(m.blocks) <= 0.5 * n_blocks] or list(
            range(len(matches))
        )

        # Stage 1: a cheap score from the postings alone, for every candidate block.
        acc: dict[int, float] = {}
        for w, m in zip(weights, matches, strict=True):
            get = acc.get
            for b, q in m.blocks.items():
                acc[b] = get(b, 0.0) + w * (0.40 * q + 0.15)
        if required:
            for r in sorted(required, key=len):
                acc = {b: s for b, s in acc.items() if b in r}
        if excluded:
            acc = {b: s for b, s in acc.items() if b not in excluded}
        total = len(acc)
        if not total:
            return SearchResult(query, (), 0, f"No matches for {query.strip()!r}.")
        all_sets = sorted((matches[i].blocks for i in significant), key=len)
        have_all = set(all_sets[0]).intersection(*all_sets[1:]) if all_sets else set()
        bonus = dict.fromkeys(have_all.intersection(acc), 0.15)
        if len(matches) > 1 and all(m.pattern is not None for m in matches):
            # Blocks holding the words as a phrase must reach stage 2 even among many ties.
            phrase = re.compile("".join(m.pattern.pattern for m in matches))  # type: ignore[union-attr]
            tokens = self._tokens
            for b in bonus:
                if phrase.search(tokens[b]):
                    bonus[b] = 0.33
        short = self._short
        get_bonus = bonus.get
        cand = nlargest(max(limit + 25, 40), acc, key=lambda b: acc[b] + get_bonus(b, 0.0) + 0.03 * short[b])

        # Stage 2: positions of the words in each candidate for proximity, phrase and order.
        scored = []
        for b in cand:
            detail = self._score_block(b, matches, weights, significant)
            scored.append((detail[0], -b, b, detail))
        scored.sort(reverse=True)
        hits = tuple(self._hit(b, detail, matches) for _, _, b, detail in scored[:limit])
        return SearchResult(query, hits, total, "")

    def _score_block(
        self, b: int, matches: list[_Match], weights: list[float], significant: list[int]
    ) -> tuple[float, tuple[int, int]]:
        """Detailed score of block ``b`` (0-100) and the token range of its best match."""
        ts = self._tokens[b]
        qual = cover = tf = 0.0
        present: list[tuple[int, list[int]]] = []
        for i, (w, m) in enumerate(zip(weights, matches, strict=True)):
            q = m.blocks.get(b, 0.0)
            if not q or m.pattern is None:
                continue
            pos = []
            for mt in m.pattern.finditer(ts):
                pos.append(mt.start())
                if len(pos) >= 200:
                    break
            if not pos:
                continue
            qual += w * q
            cover += w
            tf += w * len(pos) / (len(pos) + 1.0)
            present.append((i, pos))
        all_present = all(any(i == j for j, _ in present) for i in significant)
        k = len(matches)
        first = min((p[0] for _, p in present), default=0)
        best = (first, first + 1)
        if k == 1:
            prox = phrase = order = 1.0
            if present:
                p0 = present[0][1][0]
                best = (p0, p0 + matches[0].width)
        elif len(present) >= 2:
            span, lo, hi = _min_window(present)
            prox = (len(present) - 1) / max(1, span)
            best = (lo, hi + 1)
            phrase, order, chain = _chain(present, [m.width for m in matches])
            if chain is not None:
                best = chain
            if len(present) < k:
                phrase = 0.0
        else:
            prox = phrase = order = 0.0
        early = 1.0 / (1.0 + first / 10.0)
        tf = tf / cover if cover else 0.0
        score = 100.0 * (
            0.40 * qual
            + 0.15 * cover
            + 0.15 * (1.0 if all_present else 0.0)
            + 0.10 * prox
            + 0.08 * phrase
            + 0.02 * order
            + 0.04 * tf
            + 0.03 * early
            + 0.03 * self._short[b]
        )
        return min(100.0, round(score, 2)), best

    # ----------------------------------------------------------------- hits, spans, snippets

    def _token_spans(self, b: int) -> tuple[list[tuple[int, int]], list[int] | None, int]:
        """Character spans of block ``b``'s tokens in normalised text, the offset map, text length."""

        def make() -> tuple[list[tuple[int, int]], list[int] | None, int]:
            text = self.doc.blocks[b].text
            norm, offsets = normalize_with_offsets(text)
            return _tokenize_spans(norm), offsets, len(text)

        return self._spans.get_or(b, make)

    def _hit(self, b: int, detail: tuple[float, tuple[int, int]], matches: list[_Match]) -> Hit:
        block = self.doc.blocks[b]
        score, (lo, hi) = detail
        tok_spans, offsets, text_len = self._token_spans(b)
        ts = self._tokens[b]
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
        spans = _merge(_to_original(raw, offsets, text_len) if offsets is not None else raw)
        if tok_spans and lo < n_text_tokens:
            c0 = _to_original(
                [(tok_spans[lo][0], tok_spans[min(hi, n_text_tokens) - 1][1])], offsets, text_len
            )
            focus = c0[0] if c0 else (0, 0)
        else:
            focus = spans[0] if spans else (0, 0)
        snippet, snippet_spans = _snippet(block.text, spans, focus)
        return Hit(
            block_id=block.id,
            block_index=b,
            section=tuple(s.title for s in self.doc.section_path(b)),
            score=score,
            text=block.text,
            spans=tuple(spans),
            snippet=snippet,
            snippet_spans=snippet_spans,
        )


# --------------------------------------------------------------------------- helpers


def _search_text(block: Block) -> str:
    if block.kind is BlockKind.RULE:
        return ""
    if block.kind is BlockKind.FIGURE and block.alt and block.alt != block.text:
        return f"{block.text}\n{block.alt}"
    return block.text


def _min_window(present: list[tuple[int, list[int]]]) -> tuple[int, int, int]:
    """Smallest token window holding one position of every present part: (span, lo, hi)."""
    events = sorted((p, j) for j, (_, pos) in enumerate(present) for p in pos)
    need = len(present)
    counts = [0] * need
    have = 0
    best = (1 << 30, 0, 0)
    left = 0
    for p, j in events:
        if counts[j] == 0:
            have += 1
        counts[j] += 1
        while have == need:
            lp, lj = events[left]
            if p - lp < best[0]:
                best = (p - lp, lp, p)
            counts[lj] -= 1
            if counts[lj] == 0:
                have -= 1
            left += 1
    return best


def _chain(
    present: list[tuple[int, list[int]]], widths: list[int]
) -> tuple[float, float, tuple[int, int] | None]:
    """Whether the present parts occur as an exact phrase, or at least in query order, nearby.

    Returns (phrase, order, token range of the phrase or None).
    """
    sets = [set(pos) for _, pos in present]
    first_pos = present[0][1]
    for p in first_pos:
        q = p
        ok = True
        for j in range(1, len(present)):
            q += widths[present[j - 1][0]]
            if q not in sets[j]:
                ok = False
                break
        if ok:
            return 1.0, 1.0, (p, q + widths[present[-1][0]])
    # In order (not necessarily adjacent) within a short distance.
    limit = 4 * len(present) + 4
    for p in first_pos[:50]:
        q = p
        ok = True
        for j in range(1, len(present)):
            nxt = [x for x in present[j][1] if q < x <= q + limit]
            if not nxt:
                ok = False
                break
            q = nxt[0]
        if ok:
            return 0.0, 1.0, None
    return 0.0, 0.0, None


def _to_original(
    spans: Iterable[tuple[int, int]], offsets: list[int] | None, text_len: int
) -> list[tuple[int, int]]:
    """Map spans in normalised text back to the original text."""
    out = []
    for a, z in spans:
        if offsets is not None:
            if a >= len(offsets) or z <= a:
                continue
            # The end reaches up to the next kept character, so marks removed after it stay inside.
            z = max(offsets[z - 1] + 1, offsets[z]) if z < len(offsets) else text_len
            a = offsets[a]
        a, z = min(a, text_len), min(z, text_len)
        if z > a:
            out.append((a, z))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, z in sorted(spans):
        if out and a < out[-1][1]:
            if z > out[-1][1]:
                out[-1] = (out[-1][0], z)
        else:
            out.append((a, z))
    return out


_WS_RE = re.compile(r"\s+")
_LONG_WS_RE = re.compile(r"\s{2,}")
_ODD_WS_RE = re.compile(r"\s\s|[^\S ]")


def _identity(i: int) -> int:
    return i


def _collapse(window: str) -> tuple[str, Callable[[int], int]]:
    """``window`` with whitespace runs made single spaces, and a map from old to new offsets."""
    if _ODD_WS_RE.search(window) is None:
        return window, _identity
    body = _WS_RE.sub(" ", window)
    starts: list[int] = []
    ends: list[int] = []
    removed: list[int] = []  # characters dropped up to the end of each run
    total = 0
    for m in _LONG_WS_RE.finditer(window):
        a, z = m.span()
        total += z - a - 1
        starts.append(a)
        ends.append(z)
        removed.append(total)
    if not starts:
        return body, _identity

    def to_new(i: int) -> int:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return i
        if i >= ends[k]:
            return i - removed[k]
        return starts[k] - (removed[k - 1] if k else 0) + min(i - starts[k], 1)

    return body, to_new


def _snippet(
    text: str, spans: list[tuple[int, int]], focus: tuple[int, int], width: int = SNIPPET_WIDTH
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line window of ``text`` around ``focus`` with whitespace collapsed, and its spans."""
    fa, fz = focus
    if len(text) <= width:
        start, end = 0, len(text)
    else:
        room = width - (fz - fa)
        start = max(0, fa - 10) if room < 20 else max(0, fa - room // 3)
        end = min(len(text), start + width)
        start = max(0, min(start, end - width))
        # Move the edges to word boundaries when one is close.
        if start > 0:
            sp = text.rfind(" ", start - 15, start + 1)
            if sp != -1 and sp < fa:
                start = sp + 1
        if end < len(text):
            sp = text.find(" ", end - 15, end)
            if sp != -1 and sp > fz:
                end = sp
    body, to_new = _collapse(text[start:end])
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - lead
    out: list[tuple[int, int]] = []
    for a, z in spans:
        if z <= start or a >= end:
            continue
        sa = max(to_new(max(a, start) - start) + shift, len(prefix))
        sz = min(to_new(min(z, end) - start) + shift, len(prefix) + len(body))
        if sz > sa:
            out.append((sa, sz))
    return prefix + body + suffix, tuple(out)
