"""The word index of a list of texts, and matching query parts against its vocabulary.

Every text is cut into words (:func:`~tui.model.search.fold.tokenize`); each distinct word
gets one code point, so a text becomes a short "token string" and phrase or position questions
are answered by C-speed string searches. A query word is matched against the vocabulary
(exact, prefix, then edit distance through rapidfuzz with a length-dependent limit) and the
matching texts come from postings lists.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from heapq import nsmallest

from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.model.search.fold import is_cjk, normalize, tokenize
from tui.model.search.query import Part, typo_budget

__all__ = ["CorpusStats", "Match", "Terms"]


@dataclass(slots=True)
class Match:
    """Which texts a query part matches, with a quality in (0, 1] per text."""

    blocks: dict[int, float]
    weight: float  # inverse document frequency of the best-matching form
    pattern: re.Pattern[str] | None  # finds the part in a text's token string
    width: int  # tokens the part spans (a phrase spans several)
    highlight: dict[str, int]  # token char -> highlighted length in characters (0 = whole word)


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """Word statistics of a larger collection the indexed texts were drawn from.

    A cross-document search indexes only its candidate blocks; with these statistics their
    scores are the ones the blocks get in the whole collection (the same as in-document search
    when the collection is one document). ``df`` maps a normalised word to the number of blocks
    holding it; words it lacks count as in the indexed texts.
    """

    blocks: int
    df: dict[str, int]


def _code(n: int) -> str:
    """The code point that stands for vocabulary entry ``n`` in token strings (no surrogates)."""
    n += 1
    return chr(n if n < 0xD800 else n + 0x800)


class Terms:
    """Vocabulary, postings and token strings of a list of texts (text ``i`` is block ``i``)."""

    def __init__(self, texts: Iterable[str], stats: CorpusStats | None = None) -> None:
        self.stats = stats
        vocab: dict[str, str] = {}
        terms: list[str] = []
        postings: dict[str, list[int]] = {}
        token_strings: list[str] = []
        for i, text in enumerate(texts):
            chars = []
            for w in tokenize(normalize(text)):
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
        self.vocab = vocab
        self.terms = terms
        self.postings = postings
        self.tokens = token_strings
        self._sorted_terms = sorted(t for t in terms if not is_cjk(t[0]))
        by_len: dict[int, list[str]] = {}
        for t in self._sorted_terms:
            by_len.setdefault(len(t), []).append(t)
        self._by_len = by_len
        self._heads: dict[int, list[str]] = {}  # length -> distinct word beginnings of that length
        self._cjk_terms = [t for t in terms if is_cjk(t[0])]
        first: dict[str, list[int]] = {}
        for i, ts in enumerate(token_strings):
            if ts:
                first.setdefault(ts[0], []).append(i)
        self._first = first

    @property
    def n_texts(self) -> int:
        """How many texts the weights count (the collection's blocks when statistics were given)."""
        return self.stats.blocks if self.stats else len(self.tokens)

    def df(self, term: str) -> int:
        """Texts holding ``term`` (in the collection when statistics were given)."""
        local = len(self.postings[self.vocab[term]])
        return self.stats.df.get(term, local) if self.stats else local

    def idf(self, df: int) -> float:
        """Inverse document frequency of a word found in ``df`` texts."""
        return math.log(1.0 + self.n_texts / (1.0 + df))

    def match(self, part: Part) -> Match:
        """The texts holding ``part`` (a plain word, an exact word, a phrase or a ^start)."""
        if part.op == "word":
            return self._match_word(part.tokens[0], part.prefix, exact=False)
        if part.op == "exact":
            return self._match_word(part.tokens[0], False, exact=True)
        return self._match_sequence(part)

    # ----------------------------------------------------------------- vocabulary matching

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
        if word in self.vocab:
            forms[word] = (1.0, 0)
        if is_cjk(word[0]):
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
        budget = typo_budget(word)
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

    def _match_word(self, word: str, prefix: bool, exact: bool) -> Match:
        forms = (
            self._word_forms(word, prefix) if not exact else [(word, 1.0, 0)] if word in self.vocab else []
        )
        blocks: dict[int, float] = {}
        best_q = 0.0
        best_df = 0
        for t, q, _ in sorted(forms, key=lambda f: f[1]):
            blocks.update(dict.fromkeys(self.postings[self.vocab[t]], q))
            df = self.df(t)
            if q > best_q:
                best_q, best_df = q, df
            elif q == best_q:
                best_df = max(best_df, df)
        chars = [self.vocab[t] for t, _, _ in forms]
        pattern = re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else None
        highlight = {self.vocab[t]: h for t, _, h in forms}
        return Match(blocks, self.idf(best_df), pattern, 1, highlight)

    def _match_sequence(self, part: Part) -> Match:
        """Texts containing the part's words next to each other (anchored at the start for ^)."""
        toks = part.tokens
        fixed = toks[:-1] if part.prefix else toks
        chars: list[str] = []
        for t in fixed:
            c = self.vocab.get(t)
            if c is None:
                return Match({}, 0.0, None, len(toks), {})
            chars.append(c)
        last: list[str] = []
        if part.prefix:
            last_forms = self._prefix_terms(toks[-1], 200)
            last = [self.vocab[t] for t in last_forms]
            if not last:
                return Match({}, 0.0, None, len(toks), {})
        # Candidate texts: those holding every fixed word (and some form of the last one);
        # for ^, only texts whose first word fits.
        sets = [self.postings[c] for c in chars]
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
                lastset.update(self.postings[c])
            cand = lastset if cand is None else cand & lastset
        src = ("\\A" if part.op == "start" else "") + "".join(re.escape(c) for c in chars)
        if last:
            src += "[" + "".join(re.escape(c) for c in last) + "]"
        pattern = re.compile(src)
        tokens = self.tokens
        blocks = {b: 1.0 for b in (cand or ()) if pattern.search(tokens[b])}
        df = len(blocks)
        weight = sum(self.idf(self.df(t)) for t in fixed) if len(chars) > 1 else self.idf(df)
        if last:
            weight += self.idf(df)
        highlight = dict.fromkeys(chars + last, 0)
        if part.prefix and part.op == "start" and len(toks) == 1:
            highlight = dict.fromkeys(last, len(toks[0]))
        return Match(blocks, weight, pattern, len(toks), highlight)
