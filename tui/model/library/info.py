"""What the library lists about each document: the index's facts plus reading state and notes.

Reading progress comes from the reading state (``state.toml``) and the notes count from the
notes files; both are only read here, never written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui.model.paths import notes_dir, state_file
from tui.model.state import StateStore, document_identity
from tui.model.store import RECOVERED_SUFFIX, FileProblem, read_file


@dataclass(frozen=True, slots=True)
class LibraryDocument:
    """One document of the library, as ``library list`` shows it."""

    path: str
    title: str
    format: str
    words: int
    blocks: int
    progress: float  # 0.0 to 1.0: how far the reader got
    notes: int
    last_opened: datetime | None
    indexed: datetime
    fingerprint: str

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "format": self.format,
            "words": self.words,
            "progress": round(self.progress, 4),
            "notes": self.notes,
            "last_opened": self.last_opened.isoformat() if self.last_opened else None,
            "indexed": self.indexed.isoformat(),
        }


def note_counts(data_dir: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Notes per document source path and per text fingerprint, from the notes files."""
    by_source: dict[str, int] = {}
    by_fp: dict[str, int] = {}
    try:
        files = [
            p
            for p in notes_dir(data_dir).iterdir()
            if p.suffix == ".toml" and not p.name.startswith(".") and not p.name.endswith(RECOVERED_SUFFIX)
        ]
    except OSError:
        return by_source, by_fp
    for p in files:
        try:
            contents = read_file(p)
        except (FileProblem, ValueError):
            continue
        if contents is None:
            continue
        n = len(contents.notes)
        src = str(contents.document.get("source", ""))
        fp = str(contents.document.get("fingerprint", ""))
        if src:
            by_source[src] = by_source.get(src, 0) + n
        if fp:
            by_fp[fp] = by_fp.get(fp, 0) + n
    return by_source, by_fp


def _stamp(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC).replace(microsecond=0) if ts else None


def documents(con: sqlite3.Connection, data_dir: Path) -> list[LibraryDocument]:
    """Every document of the library, most recently opened first, then by title."""
    state = StateStore(state_file(data_dir)).load()
    by_source, by_fp = note_counts(data_dir)
    out = []
    for path, title, fmt, words, blocks, fp, indexed, opened in con.execute(
        "SELECT path, title, format, words, blocks, fingerprint, indexed, opened FROM docs"
    ):
        pos = state.position(document_identity(path, fp), fp)
        progress = min(1.0, (pos.block_index + 1) / blocks) if pos and blocks else 0.0
        last = _stamp(opened)
        if pos and pos.updated and (last is None or pos.updated > last):
            last = pos.updated
        notes = by_source.get(path, by_fp.get(fp, 0) if fp else 0)
        out.append(
            LibraryDocument(
                path,
                title,
                fmt,
                words,
                blocks,
                progress,
                notes,
                last,
                _stamp(indexed) or datetime.now(UTC),
                fp,
            )
        )
    out.sort(key=lambda d: (-d.last_opened.timestamp() if d.last_opened else 0.0, d.title.casefold()))
    return out
