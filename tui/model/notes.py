"""Notes and their anchors, and re-anchoring notes on a changed document.

A note is attached to text by an :class:`Anchor` in the spirit of the W3C Web Annotation
model: the quoted text, a little context before and after it (TextQuoteSelector) and its
position (block id, block index and character offset, a TextPositionSelector). When the
document changes, :func:`reanchor` finds each note again and reports whether it is where it
was (``ok``), somewhere else (``moved``) or nowhere (``orphan``).

Offsets are character offsets into :attr:`Block.text`.
"""

from __future__ import annotations

import re
import uuid
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property

from rapidfuzz import fuzz, process

from tui.model.document import Document

CONTEXT_CHARS = 32  # length of the prefix / suffix kept around a quote
FUZZY_CUTOFF = 80.0  # minimal rapidfuzz partial_ratio (0-100) for a fuzzy re-anchoring
FUZZY_MIN_QUOTE = 8  # quotes shorter than this are matched exactly or not at all
FUZZY_WINDOW = 25  # blocks on each side of the old position tried first
FUZZY_CANDIDATES = 24  # blocks sharing the most words with the quote tried next

_TICK = timedelta(microseconds=1)
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD = re.compile(r"\w{3,}")


class Status(StrEnum):
    """Where a note was found on the current document."""

    OK = "ok"  # in its block, with its quote
    MOVED = "moved"  # its quote (or text close to it) is elsewhere
    ORPHAN = "orphan"  # nothing close enough was found


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note is attached: a quote with context and its last known position.

    ``quote`` is the whole block text or a span of it; ``prefix`` / ``suffix`` are up to
    :data:`CONTEXT_CHARS` characters before / after it (crossing into the neighbouring block,
    joined by a newline); ``offset`` is the quote's character offset in the block's text and
    ``block_index`` the block's index when the anchor was made (a hint for re-anchoring).
    ``part`` is the file of a book (an EPUB spine document) the block comes from: a book
    re-exported with other block numbers is searched there first.
    """

    block_id: str
    quote: str
    prefix: str = ""
    suffix: str = ""
    offset: int = 0
    block_index: int = 0
    part: str = ""

    @property
    def end(self) -> int:
        """Offset one past the quote in its block."""
        return self.offset + len(self.quote)


def new_note_id() -> str:
    """A short random note id (12 hex digits)."""
    return uuid.uuid4().hex[:12]


def now() -> datetime:
    """The current time, timezone-aware in the local zone."""
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class Note:
    """A user's note: a body (multi-line text), tags and the anchor it is attached to.

    ``created`` and ``updated`` are timezone-aware. Notes are immutable; the store replaces
    them (see :meth:`edited`).
    """

    id: str
    anchor: Anchor
    body: str
    created: datetime
    updated: datetime
    tags: tuple[str, ...] = ()

    def edited(
        self,
        *,
        body: str | None = None,
        tags: Iterable[str] | None = None,
        anchor: Anchor | None = None,
        when: datetime | None = None,
    ) -> Note:
        """A copy with the given fields changed and ``updated`` set to ``when`` (default: now)."""
        stamp = when or now()
        if stamp <= self.updated:  # keep `updated` strictly increasing for merges
            stamp = self.updated + _TICK
        return Note(
            id=self.id,
            anchor=anchor if anchor is not None else self.anchor,
            body=check_text(body, "note text") if body is not None else self.body,
            created=self.created,
            updated=stamp,
            tags=clean_tags(tags) if tags is not None else self.tags,
        )


def check_text(text: str, what: str = "text") -> str:
    """Return ``text`` if it can be stored; raise ValueError for a lone surrogate.

    Lone surrogates (U+D800-U+DFFF) cannot be written in UTF-8 nor in TOML, so a note
    containing one is refused rather than silently altered.
    """
    if not isinstance(text, str):
        raise TypeError(f"{what} must be a string, not {type(text).__name__}")
    m = _SURROGATE.search(text)
    if m:
        raise ValueError(
            f"{what} contains a lone surrogate U+{ord(m.group()):04X} at position {m.start()}, "
            "which cannot be saved"
        )
    return text


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags stripped, empty ones dropped, duplicates removed (first occurrence kept)."""
    out: list[str] = []
    for t in tags:
        t = check_text(t, "tag").strip()
        if t and t not in out:
            out.append(t)
    return tuple(out)


def scrub(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD (for document text put in anchors)."""
    return _SURROGATE.sub("\ufffd", text)


# --------------------------------------------------------------------------- making anchors


def _context_before(doc: Document, index: int, start: int) -> str:
    text = doc.blocks[index].text[:start]
    if len(text) < CONTEXT_CHARS and index > 0:
        text = doc.blocks[index - 1].text[-CONTEXT_CHARS:] + "\n" + text
    return text[-CONTEXT_CHARS:]


def _context_after(doc: Document, index: int, end: int) -> str:
    text = doc.blocks[index].text[end:]
    if len(text) < CONTEXT_CHARS and index + 1 < len(doc.blocks):
        text = text + "\n" + doc.blocks[index + 1].text[:CONTEXT_CHARS]
    return text[:CONTEXT_CHARS]


def anchor_for_span(doc: Document, block_index: int, start: int, end: int) -> Anchor:
    """An anchor on ``doc.blocks[block_index].text[start:end]``; raises IndexError/ValueError."""
    if not 0 <= block_index < len(doc.blocks):
        raise IndexError(f"block index {block_index} out of range (0-{len(doc.blocks) - 1})")
    b = doc.blocks[block_index]
    if not 0 <= start < end <= len(b.text):
        raise ValueError(f"span {start}:{end} is empty or outside the block (length {len(b.text)})")
    return Anchor(
        block_id=b.id,
        quote=scrub(b.text[start:end]),
        prefix=scrub(_context_before(doc, block_index, start)),
        suffix=scrub(_context_after(doc, block_index, end)),
        offset=start,
        block_index=block_index,
        part=doc.part_at(block_index),
    )


def anchor_for_block(doc: Document, block_index: int) -> Anchor:
    """An anchor on the whole block ``doc.blocks[block_index]`` (its whole text is the quote)."""
    if not 0 <= block_index < len(doc.blocks):
        raise IndexError(f"block index {block_index} out of range (0-{len(doc.blocks) - 1})")
    b = doc.blocks[block_index]
    return Anchor(
        block_id=b.id,
        quote=scrub(b.text),
        prefix=scrub(_context_before(doc, block_index, 0)),
        suffix=scrub(_context_after(doc, block_index, len(b.text))),
        offset=0,
        block_index=block_index,
        part=doc.part_at(block_index),
    )


def find_quote(doc: Document, quote: str) -> tuple[int, int, int] | None:
    """The first place of ``quote`` in the document as ``(block_index, start, end)``.

    An exact match is preferred; otherwise differences in whitespace (line breaks, runs of
    spaces) are ignored. Quotes never span two blocks.
    """
    quote = quote.strip()
    if not quote:
        return None
    for b in doc.blocks:
        i = b.text.find(quote)
        if i >= 0:
            return b.index, i, i + len(quote)
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for b in doc.blocks:
        m = pattern.search(b.text)
        if m:
            return b.index, m.start(), m.end()
    return None


def anchor_for_quote(doc: Document, quote: str) -> Anchor | None:
    """An anchor on the first occurrence of ``quote`` (see :func:`find_quote`), or None."""
    found = find_quote(doc, quote)
    if found is None:
        return None
    index, start, end = found
    b = doc.blocks[index]
    if start == 0 and end == len(b.text):
        return anchor_for_block(doc, index)
    return anchor_for_span(doc, index, start, end)


# --------------------------------------------------------------------------- re-anchoring


@dataclass(frozen=True, slots=True)
class Placed:
    """A note with where it was found on the current document.

    ``block_index`` is None for an orphan; ``start`` / ``end`` are offsets in that block's
    text (0, 0 for an orphan).
    """

    note: Note
    status: Status
    block_index: int | None
    start: int = 0
    end: int = 0

    @property
    def is_orphan(self) -> bool:
        """True when the note's text was not found."""
        return self.status is Status.ORPHAN


@dataclass
class _Finder:
    """Lazily built indexes over one document, shared by all notes being re-anchored."""

    doc: Document

    @cached_property
    def texts(self) -> list[str]:
        return [b.text for b in self.doc.blocks]

    @cached_property
    def full(self) -> tuple[str, list[int]]:
        """All block texts joined by a newline, and the start offset of each block."""
        starts: list[int] = []
        pos = 0
        for t in self.texts:
            starts.append(pos)
            pos += len(t) + 1
        return "\n".join(self.texts), starts

    @cached_property
    def by_text(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, t in enumerate(self.texts):
            out.setdefault(t, []).append(i)
        return out

    @cached_property
    def words(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, t in enumerate(self.texts):
            for w in set(_WORD.findall(t.casefold())):
                out.setdefault(w, []).append(i)
        return out

    def context_score(self, index: int, start: int, end: int, a: Anchor) -> int:
        """How many characters of the anchor's prefix and suffix match around a candidate."""
        score = 0
        if a.prefix:
            before = _context_before(self.doc, index, start)
            score += _common_suffix(before, a.prefix)
        if a.suffix:
            after = _context_after(self.doc, index, end)
            score += _common_prefix(after, a.suffix)
        return score

    def window(self, a: Anchor) -> tuple[int, int]:
        """The range of block indexes near the anchor's old position (or its book file), tried first."""
        n = len(self.texts)
        if a.part:
            parts = self.doc.parts
            for k, (name, start) in enumerate(parts):
                if name == a.part:
                    return start, parts[k + 1][1] if k + 1 < len(parts) else n
        return max(0, a.block_index - FUZZY_WINDOW), min(n, a.block_index + FUZZY_WINDOW + 1)

    def exact(self, a: Anchor) -> tuple[int, int, int] | None:
        """The best exact occurrence of the quote: nearby blocks first, then the whole document."""
        q = a.quote
        if not q:
            return None
        cands: list[tuple[int, int, int]] = []
        whole = self.by_text.get(q)
        if whole:
            cands = [(i, 0, len(q)) for i in whole]
        else:
            lo, hi = self.window(a)
            for i in range(lo, hi):
                pos = self.texts[i].find(q)
                while pos >= 0:
                    cands.append((i, pos, pos + len(q)))
                    pos = self.texts[i].find(q, pos + 1)
            if not cands:
                full, starts = self.full
                pos = full.find(q)
                while pos >= 0 and len(cands) < 200:
                    bi = bisect_right(starts, pos) - 1
                    s = pos - starts[bi]
                    if s + len(q) <= len(self.texts[bi]):
                        cands.append((bi, s, s + len(q)))
                    pos = full.find(q, pos + 1)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        return max(
            cands,
            key=lambda c: (self.context_score(c[0], c[1], c[2], a), -abs(c[0] - a.block_index)),
        )

    def fuzzy(self, a: Anchor) -> tuple[int, int, int] | None:
        """The best approximate place of the quote: nearby blocks first, then blocks sharing
        the quote's rarer words."""
        q = a.quote
        if len(q.strip()) < FUZZY_MIN_QUOTE:
            return None
        lo, hi = self.window(a)
        best = self._best(a, range(lo, hi))
        if best is not None:
            return best
        index = self.words
        common = max(50, len(self.texts) // 20)  # words in more blocks than this say little
        rare = sorted(
            (w for w in set(_WORD.findall(q.casefold())) if 0 < len(index.get(w, ())) <= common),
            key=lambda w: len(index[w]),
        )[:16]
        if not rare:
            return None
        counts: dict[int, int] = {}
        for w in rare:
            for i in index[w]:
                if not lo <= i < hi:
                    counts[i] = counts.get(i, 0) + 1
        need = max(1, len(rare) // 2)
        ranked = sorted((i for i, c in counts.items() if c >= need), key=lambda i: -counts[i])
        return self._best(a, ranked[:FUZZY_CANDIDATES])

    def _best(self, a: Anchor, indexes: Iterable[int]) -> tuple[int, int, int] | None:
        """Score candidate blocks: whole-block quotes by ``ratio``, spans by ``partial_ratio``."""
        q = a.quote
        whole = _is_whole_block(a)
        idx = [i for i in indexes if self.texts[i]]
        if not idx:
            return None
        hits = process.extract(
            q,
            [self.texts[i] for i in idx],
            scorer=fuzz.ratio if whole else fuzz.partial_ratio,
            score_cutoff=FUZZY_CUTOFF,
            limit=8,
        )
        best: tuple[float, int, int] | None = None  # score, context, -distance
        top: tuple[int, int, int] | None = None
        for _, score, k in hits:
            i = idx[k]
            t = self.texts[i]
            if whole or len(q) > len(t):
                # a block much shorter than a span quote is not the same passage
                if not whole and len(t) < 0.6 * len(q):
                    continue
                start, end = 0, len(t)
            else:
                al = fuzz.partial_ratio_alignment(q, t)
                start, end = al.dest_start, al.dest_end
            key = (round(score, 1), self.context_score(i, start, end, a), -abs(i - a.block_index))
            if best is None or key > best:
                best, top = key, (i, start, end)
        return top


def _is_whole_block(a: Anchor) -> bool:
    """True for an anchor made on a whole block (its context comes from the neighbours)."""
    return (
        a.offset == 0
        and (not a.prefix or a.prefix.endswith("\n"))
        and (not a.suffix or a.suffix.startswith("\n"))
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def place(note: Note, doc: Document, finder: _Finder | None = None) -> Placed:
    """Find one note on ``doc`` (see :func:`reanchor`)."""
    a = note.anchor
    b = doc.block(a.block_id)
    if b is not None:
        t = b.text
        if t[a.offset : a.offset + len(a.quote)] == a.quote:
            return Placed(note, Status.OK, b.index, a.offset, a.offset + len(a.quote))
        if a.quote and a.quote in t:
            # same block, quote at another offset: take the occurrence nearest the old one
            starts = [m.start() for m in re.finditer(re.escape(a.quote), t)]
            s = min(starts, key=lambda x: abs(x - a.offset))
            return Placed(note, Status.OK, b.index, s, s + len(a.quote))
    f = finder or _Finder(doc)
    hit = f.exact(a) or f.fuzzy(a)
    if hit is None:
        return Placed(note, Status.ORPHAN, None, 0, 0)
    i, s, e = hit
    return Placed(note, Status.MOVED, i, s, e)


def reanchor(notes: Iterable[Note], doc: Document) -> list[Placed]:
    """Find every note on ``doc``, in the order given.

    A note whose block (same id) still holds its quote is ``ok`` (one dict lookup);
    otherwise the exact quote elsewhere (ties broken by matching prefix/suffix, then by
    nearness to the old block index) or, failing that, a fuzzy match of the quote (rapidfuzz
    ``partial_ratio`` ≥ :data:`FUZZY_CUTOFF`, tried on nearby blocks and on the blocks
    sharing the most words with the quote) makes it ``moved``; else it is an ``orphan``.
    """
    finder = _Finder(doc)
    return [place(n, doc, finder) for n in notes]


def order_key(placed: Placed) -> tuple[int, int, int, int, datetime]:
    """Where a note is listed: by position in the document; orphans last, oldest first."""
    if placed.block_index is None:
        return (1, 0, 0, 0, placed.note.created)
    return (0, placed.block_index, placed.start, -placed.end, placed.note.created)


def in_document_order(placed: Sequence[Placed]) -> list[Placed]:
    """Placed notes sorted by :func:`order_key`: by position, orphans last, oldest first."""
    return sorted(placed, key=order_key)


def current_quote(placed: Placed, doc: Document) -> str:
    """The words a note is attached to as they read now (its stored quote for an orphan)."""
    index = placed.block_index
    if index is not None and 0 <= index < len(doc.blocks) and placed.start < placed.end:
        return doc.blocks[index].text[placed.start : placed.end]
    return placed.note.anchor.quote
