"""Match spans mapped back to the text the reader sees, and one-line snippets around a match."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

__all__ = ["SNIPPET_WIDTH", "merge_spans", "snippet", "to_original"]

SNIPPET_WIDTH = 160
"""Target length of :attr:`Hit.snippet` in characters (before the ellipses)."""


def to_original(
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


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
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


def snippet(
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
