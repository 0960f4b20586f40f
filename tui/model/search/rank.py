"""Ranking: a cheap score from postings for every candidate, then a detailed one for the best.

Stage 1 adds up, per block, the weighted quality of the query parts it holds (plus bonuses for
holding every significant word, and for holding them as a phrase) and keeps the best few.
Stage 2 looks at word positions in each of those for proximity, phrase and order, term
frequency, position and length, giving a score from 0 to 100.
"""

from __future__ import annotations

import re
from heapq import nlargest

from tui.model.search.terms import Match

__all__ = ["candidates", "score_block"]


def candidates(
    tokens: list[str],
    matches: list[Match],
    weights: list[float],
    significant: list[int],
    allowed: dict[int, float],
    short: list[float],
    limit: int,
) -> list[int]:
    """The blocks of ``allowed`` (block -> stage-1 score) worth scoring in detail, best first."""
    acc = allowed
    all_sets = sorted((matches[i].blocks for i in significant), key=len)
    have_all = set(all_sets[0]).intersection(*all_sets[1:]) if all_sets else set()
    bonus = dict.fromkeys(have_all.intersection(acc), 0.15)
    if len(matches) > 1 and all(m.pattern is not None for m in matches):
        # Blocks holding the words as a phrase must reach stage 2 even among many ties.
        phrase = re.compile("".join(m.pattern.pattern for m in matches))  # type: ignore[union-attr]
        for b in bonus:
            if phrase.search(tokens[b]):
                bonus[b] = 0.33
    get_bonus = bonus.get
    return nlargest(max(limit + 25, 40), acc, key=lambda b: acc[b] + get_bonus(b, 0.0) + 0.03 * short[b])


def stage_one(weights: list[float], matches: list[Match]) -> dict[int, float]:
    """A cheap score per block from the postings alone."""
    acc: dict[int, float] = {}
    for w, m in zip(weights, matches, strict=True):
        get = acc.get
        for b, q in m.blocks.items():
            acc[b] = get(b, 0.0) + w * (0.40 * q + 0.15)
    return acc


def score_block(
    ts: str, short: float, matches: list[Match], weights: list[float], significant: list[int], b: int
) -> tuple[float, tuple[int, int]]:
    """Detailed score of block ``b`` (token string ``ts``), 0-100, and the token range of its best match."""
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
        + 0.03 * short
    )
    return min(100.0, round(score, 2)), best


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
