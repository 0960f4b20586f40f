"""The library's database: one SQLite file in the data dir, its schema and its connections.

Layout (all of it a cache, rebuilt from the documents themselves by ``library rebuild``):

* ``docs``: one row per document (path, title, format, words, size, mtime, content hash...).
* ``blocks``: the text of every block; a block's rowid is ``doc_id * 2**20 + index``, so a
  document's blocks are one rowid range and need no second index.
* ``fts``: a contentless FTS5 table with the blocks' normalised words (the project's own
  tokenizer, written space-separated and read back by FTS5's ``ascii`` tokenizer, so FTS5
  words are exactly search's words); ``detail=none`` keeps it small: phrases and positions
  are scored by the in-document scorer, not by FTS5.
* ``terms``: every word ever indexed (the vocabulary typo expansion runs over).
* ``meta``: schema version and the tokenizer version the index was built with.

Connections use WAL (readers never wait for a writer) and a busy timeout, so two processes
adding at once take turns; every change is one transaction, so a killed process leaves the
last committed state.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

SCHEMA = 1
# Bump when tui.model.search's folding or word cutting changes: the index is then rebuilt.
TOKENIZER = "search-fold-1"
BLOCK_BITS = 20
MAX_BLOCKS = 1 << BLOCK_BITS  # blocks per document that fit in its rowid range
BUSY_MS = 60_000
FILE_NAME = "library.sqlite3"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs(
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    words INTEGER NOT NULL,
    blocks INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    sections TEXT NOT NULL,
    indexed REAL NOT NULL,
    opened REAL
);
CREATE TABLE IF NOT EXISTS blocks(
    id INTEGER PRIMARY KEY,
    bid TEXT NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    alt TEXT
);
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    t, content='', detail='none', columnsize=0, tokenize='ascii'
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_terms USING fts5vocab(fts, 'row');
"""


class LibraryError(Exception):
    """The library's database cannot be used; the message is one line, fit for a user."""


def library_file(data_dir: Path) -> Path:
    """Where the index lives inside the data dir."""
    return Path(data_dir) / FILE_NAME


def first_rowid(doc_id: int) -> int:
    """The rowid of block 0 of a document."""
    return doc_id << BLOCK_BITS


def split_rowid(rowid: int) -> tuple[int, int]:
    """(document id, block index) of a block's rowid."""
    return rowid >> BLOCK_BITS, rowid & (MAX_BLOCKS - 1)


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open the library database (creating its tables); raises LibraryError."""
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.exists():
            raise LibraryError(f"{path}: no library yet (add documents with 'marginalia library add')")
        con = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        if create:
            with transaction(con):
                for statement in _TABLES.split(";\n"):
                    if statement.strip():
                        con.execute(statement)
                _check_versions(con)
        return con
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"{path}: the library index cannot be opened ({exc}); "
            "'marginalia library rebuild' makes a new one"
        ) from None
    except OSError as exc:
        raise LibraryError(f"{path}: cannot open the library ({exc.strerror or exc})") from None


class transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error (a write lock from the start)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            self.con.execute("COMMIT")
        else:
            with contextlib.suppress(sqlite3.Error):
                self.con.execute("ROLLBACK")


def _check_versions(con: sqlite3.Connection) -> None:
    """Record the schema and tokenizer; an index built by another tokenizer is emptied."""
    have = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if have.get("tokenizer", TOKENIZER) != TOKENIZER or int(have.get("schema", SCHEMA)) != SCHEMA:
        reset(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES('schema', ?)", (str(SCHEMA),))
    con.execute("INSERT OR REPLACE INTO meta VALUES('tokenizer', ?)", (TOKENIZER,))


def reset(con: sqlite3.Connection) -> None:
    """Drop every block and word but keep the list of documents, marked as never indexed.

    Inside the caller's transaction; the next add or rebuild indexes them afresh.
    """
    con.execute("UPDATE docs SET hash = '', blocks = 0, words = 0")
    con.execute("DELETE FROM blocks")
    con.execute("DELETE FROM terms")
    con.execute("INSERT INTO fts(fts) VALUES('delete-all')")
