"""The library: an on-disk index of many documents and one search across all of them.

The index is a SQLite database in the data dir (see :mod:`tui.model.library.db`); it is a
cache of the documents' text, rebuilt from the files at any time (:meth:`Library.rebuild`).
Notes stay in their TOML files and reading positions in ``state.toml``: the library reads
them (progress, notes count) and never writes them.

    lib = Library.open(data_dir)
    report = lib.add(["~/books"])        # incremental: only changed files are read again
    print(report.summary())               # "indexed 342, skipped 3: 2 binary, 1 unreadable"
    for hit in lib.search("resilent relatoinship").hits: ...
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from tui.model.library import build, db
from tui.model.library.build import AddReport, Progress
from tui.model.library.db import LibraryError, library_file
from tui.model.library.info import LibraryDocument, documents
from tui.model.library.query import Cancelled, LibraryHit, LibraryResult, Searcher
from tui.model.library.scan import absolute

__all__ = [
    "AddReport",
    "Cancelled",
    "Library",
    "LibraryDocument",
    "LibraryError",
    "LibraryHit",
    "LibraryResult",
    "library_file",
]


class Library:
    """One open library (one database connection); raises :class:`LibraryError` on open."""

    def __init__(self, data_dir: Path, con: sqlite3.Connection) -> None:
        self.data_dir = Path(data_dir)
        self.con = con
        self._searcher: Searcher | None = None

    @classmethod
    def open(cls, data_dir: Path, *, create: bool = True) -> Library:
        """Open (and with ``create``, make) the library of ``data_dir``."""
        return cls(data_dir, db.connect(library_file(Path(data_dir)), create=create))

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ changing

    def add(
        self, paths: list[str], progress: Progress | None = None, workers: int | None = None
    ) -> AddReport:
        """Index files and folders; only new or changed files are read (see :func:`build.add`)."""
        self._searcher = None
        return build.add(self.con, paths, progress=progress, workers=workers)

    def rebuild(self, progress: Progress | None = None, workers: int | None = None) -> AddReport:
        """Throw the index away and index every listed document again from its file."""
        self._searcher = None
        return build.rebuild(self.con, progress=progress, workers=workers)

    def remove(self, paths: list[str]) -> list[str]:
        """Forget documents (a folder: everything under it); their files are not touched."""
        self._searcher = None
        return build.remove(self.con, paths)

    def opened(self, path: str) -> AddReport:
        """A document was opened in the reader: index it if needed and note when."""
        report = self.add([path])
        with db.transaction(self.con):
            self.con.execute("UPDATE docs SET opened = ? WHERE path = ?", (time.time(), str(absolute(path))))
        return report

    # ------------------------------------------------------------------ reading

    def documents(self) -> list[LibraryDocument]:
        """Every document with its reading progress and notes count, recently opened first."""
        return documents(self.con, self.data_dir)

    def __len__(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM docs").fetchone()[0])

    def search(
        self, query: str, limit: int = 20, cancelled: Callable[[], bool] | None = None
    ) -> LibraryResult:
        """Search every document (see :mod:`tui.model.library.query`); may raise :class:`Cancelled`."""
        if self._searcher is None:
            self._searcher = Searcher(self.con)
        return self._searcher.search(query, limit, cancelled)
