"""Reading one file for the index: bytes, hash, the parsed document cut into index rows.

This runs in worker processes during a build, so it returns plain data (no open files, no
database) and never raises: a file that cannot be indexed comes back as a :class:`Skipped`.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from tui.model.document import BlockKind, Document, count_words
from tui.model.library.db import MAX_BLOCKS
from tui.model.library.scan import BINARY, NOT_A_DOCUMENT, TOO_LARGE, UNREADABLE
from tui.model.load import MAX_BYTES, LoadError, load_bytes
from tui.model.search import normalize
from tui.model.search.fold import has_cjk, tokenize
from tui.model.search.index import search_text

# One letter per block kind in the index (a block's kind only matters to the scorer for figures).
KIND_CODES = {kind: kind.value[0] if kind is not BlockKind.LIST_ITEM else "l" for kind in BlockKind}
CODE_KINDS = {code: kind for kind, code in KIND_CODES.items()}


@dataclass(frozen=True, slots=True)
class Stamp:
    """What tells whether a file changed: size, modification time and content hash."""

    size: int
    mtime_ns: int
    hash: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not indexed, and why (one of :data:`tui.model.library.scan.REASONS`)."""

    path: str
    reason: str
    message: str


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A file whose size and mtime (or, failing those, content hash) match the index."""

    path: str
    stamp: Stamp


@dataclass(frozen=True, slots=True)
class Parsed:
    """A document ready to be written: its metadata and one row per searchable block."""

    path: str
    stamp: Stamp
    title: str
    format: str
    words: int
    n_blocks: int  # all the document's blocks (rules and empty ones too)
    fingerprint: str
    sections: str  # JSON: [[start, end, title], ...] in document order
    rows: list[tuple[int, str, str, str, str | None, str]]  # index, id, kind, text, alt, words


def file_hash(data: bytes) -> str:
    """The content hash the index records."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def block_words(text: str) -> str:
    """A block's searchable words, space-separated, as the full-text table stores them."""
    return " ".join(tokenize(normalize(text)))


def read_document(path: str, known: Stamp | None = None) -> Parsed | Unchanged | Skipped:
    """Read and parse ``path`` unless ``known`` says it has not changed."""
    try:
        st = os.stat(path)
        if st.st_size > MAX_BYTES:
            return Skipped(
                path,
                TOO_LARGE,
                f"{st.st_size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB",
            )
        if known is not None and (known.size, known.mtime_ns) == (st.st_size, st.st_mtime_ns):
            return Unchanged(path, known)
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
        after = os.stat(path)
    except OSError as exc:
        return Skipped(path, UNREADABLE, exc.strerror or str(exc))
    if len(data) > MAX_BYTES:
        return Skipped(path, TOO_LARGE, "grew past the size limit while being read")
    # A file that changed while it was read is indexed as read and checked again next time.
    mtime = st.st_mtime_ns if (st.st_size, st.st_mtime_ns) == (after.st_size, after.st_mtime_ns) else -1
    stamp = Stamp(len(data), mtime, file_hash(data))
    if known is not None and known.hash == stamp.hash:
        return Unchanged(path, stamp)
    try:
        doc = load_bytes(data, path)
    except LoadError as exc:
        msg = str(exc)
        return Skipped(path, BINARY if "binary" in msg else NOT_A_DOCUMENT, msg)
    except (RecursionError, MemoryError, ValueError) as exc:
        return Skipped(path, NOT_A_DOCUMENT, f"cannot be parsed ({type(exc).__name__})")
    if len(doc.blocks) > MAX_BLOCKS:
        return Skipped(path, TOO_LARGE, f"{len(doc.blocks)} blocks; the limit is {MAX_BLOCKS}")
    return _parsed(path, stamp, doc)


def _parsed(path: str, stamp: Stamp, doc: Document) -> Parsed:
    rows = []
    words = 0
    for b in doc.blocks:
        text = search_text(b)
        if not text:
            continue
        toks = block_words(text)  # == block_words(row_text(b.text, alt)) below
        if not toks:
            continue
        words += count_words(b.text) if has_cjk(b.text) else len(b.text.split())
        alt = b.alt if b.kind is BlockKind.FIGURE and b.alt and b.alt != b.text else None
        rows.append((b.index, b.id, KIND_CODES[b.kind], b.text, alt, toks))
    sections = json.dumps(
        [[s.start, s.end, s.title] for s in doc.flat_sections()], ensure_ascii=False, separators=(",", ":")
    )
    title = doc.meta.title or Path(path).stem
    return Parsed(
        path, stamp, title, doc.meta.format, words, len(doc.blocks), doc.fingerprint, sections, rows
    )


def row_text(text: str, alt: str | None) -> str:
    """The text a stored block was indexed by (a figure's caption and alt text)."""
    return text if alt is None else f"{text}\n{alt}"
