"""Adding documents to the index, re-indexing changed ones, dropping gone ones, rebuilding.

Files are read and parsed in worker processes (all cores) while this process writes; each
batch of documents is one transaction, so a killed build keeps every batch it committed and
the next run carries on from there (unchanged files are recognised by size, mtime and hash).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tui.model.library.db import first_rowid, transaction
from tui.model.library.parse import Parsed, Skipped, Stamp, Unchanged, block_words, read_document, row_text
from tui.model.library.scan import REASONS, Scan, absolute, scan

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, path)`` after each file."""

_BATCH_ROWS = 20_000  # blocks per transaction
_IN_FLIGHT = 8  # files parsed ahead of the writer (bounds memory)
_PARALLEL_FROM = 8  # fewer files than this are parsed in this process


@dataclass
class AddReport:
    """What an add or rebuild did; :meth:`summary` is the one line a user reads."""

    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    blocks: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    error: str = ""  # set when the build stopped early (disk full, database error)

    def summary(self) -> str:
        parts = [f"indexed {self.indexed}"]
        if self.unchanged:
            parts.append(f"unchanged {self.unchanged}")
        if self.removed:
            parts.append(f"removed {self.removed}")
        n = sum(self.skipped.values())
        line = ", ".join(parts) + f", skipped {n}"
        if n:
            line += ": " + ", ".join(f"{self.skipped[r]} {r}" for r in REASONS if self.skipped[r])
        return line


def add(
    con: sqlite3.Connection,
    paths: list[str],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    force: bool = False,
) -> AddReport:
    """Index the files and folders in ``paths``; drop indexed files under them that are gone."""
    found = scan(paths)
    report = AddReport(skipped=Counter(found.skipped), problems=list(found.problems))
    known = _known(con)
    files = [str(f) for f in found.files]
    try:
        _index(con, files, {} if force else known, report, progress, workers)
        _drop_gone(con, found, set(files), known, report)
    except sqlite3.Error as exc:
        report.error = _db_problem(exc)
    return report


def rebuild(
    con: sqlite3.Connection, *, progress: Progress | None = None, workers: int | None = None
) -> AddReport:
    """Re-index every document in the library from its file (the index is only a cache)."""
    from tui.model.library.db import reset

    paths = [p for (p,) in con.execute("SELECT path FROM docs ORDER BY path")]
    try:
        with transaction(con):
            reset(con)
    except sqlite3.Error as exc:
        return AddReport(error=_db_problem(exc))
    report = add(con, paths, progress=progress, workers=workers, force=True)
    return report


def remove(con: sqlite3.Connection, paths: list[str]) -> list[str]:
    """Remove documents (a folder removes everything under it); returns the paths removed."""
    gone: list[str] = []
    rows = con.execute("SELECT id, path FROM docs").fetchall()
    for raw in paths:
        target = str(absolute(raw))
        prefix = target.rstrip(os.sep) + os.sep
        with transaction(con):
            for doc_id, path in rows:
                if path == target or path.startswith(prefix):
                    _delete_doc(con, doc_id)
                    gone.append(path)
    return gone


# --------------------------------------------------------------------------- internals


def _db_problem(exc: sqlite3.Error) -> str:
    msg = str(exc)
    if "full" in msg:
        return "the disk is full: the index keeps every document completed before; free space and add again"
    return f"the library index failed ({msg}); documents completed before are kept"


def _known(con: sqlite3.Connection) -> dict[str, Stamp]:
    return {
        path: Stamp(size, mtime, h)
        for path, size, mtime, h in con.execute("SELECT path, size, mtime_ns, hash FROM docs")
    }


def _results(
    files: list[str], known: dict[str, Stamp], workers: int | None
) -> Iterator[Parsed | Unchanged | Skipped]:
    """Read every file, in order, in worker processes when there are many."""
    n = workers if workers is not None else min(4, os.cpu_count() or 1)
    if len(files) < _PARALLEL_FROM or n <= 1:
        for f in files:
            yield read_document(f, known.get(f))
        return
    with ProcessPoolExecutor(max_workers=n) as pool:
        pending: list[Future[Parsed | Unchanged | Skipped]] = []
        todo = iter(files)
        for f in todo:
            pending.append(pool.submit(read_document, f, known.get(f)))
            if len(pending) >= _IN_FLIGHT:
                break
        while pending:
            result = pending.pop(0).result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.submit(read_document, nxt, known.get(nxt)))
            yield result


def _index(
    con: sqlite3.Connection,
    files: list[str],
    known: dict[str, Stamp],
    report: AddReport,
    progress: Progress | None,
    workers: int | None,
) -> None:
    terms = {t for (t,) in con.execute("SELECT term FROM terms")}
    batch: list[Parsed | Unchanged] = []
    rows = 0
    for done, result in enumerate(_results(files, known, workers), 1):
        if isinstance(result, Skipped):
            report.skipped[result.reason] += 1
            report.problems.append(f"{result.path}: {result.reason} ({result.message})")
        else:
            batch.append(result)
            rows += len(result.rows) if isinstance(result, Parsed) else 0
            if rows >= _BATCH_ROWS:
                _write(con, batch, terms, report)
                batch, rows = [], 0
        if progress is not None:
            progress(done, len(files), result.path)
    if batch:
        _write(con, batch, terms, report)


def _write(
    con: sqlite3.Connection, batch: Iterable[Parsed | Unchanged], terms: set[str], report: AddReport
) -> None:
    """One transaction: every document of the batch, replacing what was indexed before."""
    now = time.time()
    counts = Counter()
    with transaction(con):
        for item in batch:
            row = con.execute("SELECT id, hash FROM docs WHERE path = ?", (item.path,)).fetchone()
            if isinstance(item, Unchanged):
                if row is not None and row[1] == item.stamp.hash:
                    con.execute(
                        "UPDATE docs SET size = ?, mtime_ns = ? WHERE id = ?",
                        (item.stamp.size, item.stamp.mtime_ns, row[0]),
                    )
                counts["unchanged"] += 1
                continue
            if row is not None and row[1] == item.stamp.hash:
                counts["unchanged"] += 1  # another process indexed this very content meanwhile
                continue
            if row is not None:
                doc_id = row[0]
                _delete_blocks(con, doc_id)
                con.execute(
                    "UPDATE docs SET title=?, format=?, words=?, blocks=?, size=?, mtime_ns=?, hash=?, "
                    "fingerprint=?, sections=?, indexed=? WHERE id=?",
                    (*_doc_values(item, now), doc_id),
                )
            else:
                cur = con.execute(
                    "INSERT INTO docs(path, title, format, words, blocks, size, mtime_ns, hash, fingerprint, "
                    "sections, indexed) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                    (item.path, *_doc_values(item, now)),
                )
                doc_id = int(cur.lastrowid or 0)
            base = first_rowid(doc_id)
            con.executemany(
                "INSERT INTO blocks(id, bid, kind, text, alt) VALUES(?,?,?,?,?)",
                [(base + i, bid, kind, text, alt) for i, bid, kind, text, alt, _ in item.rows],
            )
            con.executemany("INSERT INTO fts(rowid, t) VALUES(?,?)", [(base + r[0], r[5]) for r in item.rows])
            new = {w for r in item.rows for w in r[5].split(" ")} - terms
            if new:
                con.executemany("INSERT OR IGNORE INTO terms VALUES(?)", [(w,) for w in new])
            counts["indexed"] += 1
            counts["blocks"] += len(item.rows)
    # Only a committed batch counts (a failed one raised above).
    for item in batch:
        if isinstance(item, Parsed):
            terms.update(w for r in item.rows for w in r[5].split(" "))
    report.indexed += counts["indexed"]
    report.unchanged += counts["unchanged"]
    report.blocks += counts["blocks"]


def _doc_values(item: Parsed, now: float) -> tuple[object, ...]:
    s = item.stamp
    return (
        item.title,
        item.format,
        item.words,
        item.n_blocks,
        s.size,
        s.mtime_ns,
        s.hash,
        item.fingerprint,
        item.sections,
        now,
    )


def _delete_blocks(con: sqlite3.Connection, doc_id: int) -> None:
    """Remove a document's blocks from both tables (the words are recomputed from the text)."""
    lo, hi = first_rowid(doc_id), first_rowid(doc_id + 1)
    old = con.execute("SELECT id, text, alt FROM blocks WHERE id >= ? AND id < ?", (lo, hi)).fetchall()
    con.executemany(
        "INSERT INTO fts(fts, rowid, t) VALUES('delete', ?, ?)",
        [(rowid, block_words(row_text(text, alt))) for rowid, text, alt in old],
    )
    con.execute("DELETE FROM blocks WHERE id >= ? AND id < ?", (lo, hi))


def _delete_doc(con: sqlite3.Connection, doc_id: int) -> None:
    _delete_blocks(con, doc_id)
    con.execute("DELETE FROM docs WHERE id = ?", (doc_id,))


def _drop_gone(
    con: sqlite3.Connection, found: Scan, seen: set[str], known: dict[str, Stamp], report: AddReport
) -> None:
    """Indexed files under the walked folders that no longer exist are removed."""
    prefixes = tuple(str(r).rstrip(os.sep) + os.sep for r in found.roots)
    gone = [p for p in known if p not in seen and prefixes and p.startswith(prefixes)]
    gone += [str(p) for p in found.missing if str(p) in known]
    gone = [p for p in dict.fromkeys(gone) if not Path(p).exists()]
    if not gone:
        return
    with transaction(con):
        for p in gone:
            row = con.execute("SELECT id FROM docs WHERE path = ?", (p,)).fetchone()
            if row is not None:
                _delete_doc(con, row[0])
                report.removed += 1


__all__ = ["AddReport", "Progress", "add", "rebuild", "remove"]
