"""The notes store: one TOML file per document, saved atomically and merged between processes.

File format (``schema = 1``)::

    schema = 1

    [document]
    title = "A title"
    source = "/home/me/article.txt"     # "" for the bundled article, "-" for stdin
    fingerprint = "0f3c9a51d2e4b687"     # Document.fingerprint at the last save
    updated = 2025-01-05 10:11:12.345678+01:00

    [[notes]]
    id = "3f2a9c0d1e7b"
    created = 2025-01-05 10:11:12.345678+01:00
    updated = 2025-01-05 10:11:12.345678+01:00
    tags = []
    body = \"\"\"
    multi-line text
    \"\"\"

    [notes.anchor]
    block = "p1a2b3c4d5e"
    index = 12
    offset = 0
    quote = "the quoted text"
    prefix = "text before it"
    suffix = "text after it"

    [deleted]            # ids of deleted notes and when, so a merge never resurrects them
    9b8c7d6e5f4a = 2025-01-05 10:12:00+01:00

**Which file belongs to a document.** The file name is ``<slug of title>-<8 hex>.toml``
(:func:`tui.model.paths.document_key`), the hash being of the document's fingerprint when its
first note was saved, so two different documents never share a file. A document is matched
to an existing file, in order, by: the same fingerprint in a file with the same title slug
(unchanged, possibly moved); the same source path (edited in place); at least half of the
file's quotes found in the document (moved *and* edited); and, when the title changed, any
file recording the same source path or fingerprint. Otherwise a new file is made.

**Safety.** Saving writes a temporary file in the same folder, fsyncs it, ``os.replace``-s
it over the old one and fsyncs the folder. While saving, an exclusive ``flock`` on the
sidecar ``<name>.toml.lock`` is held, the file is re-read and merged by note id (the newer
``updated`` wins; a deletion wins over older versions), so concurrent processes lose
nothing. A file that does not parse or has a newer schema is never written: the store opens
read-only with :attr:`NotesStore.problem` set, and new notes go to the sibling file
``<name>.recovered.toml``; once the original is fixed, the recovered notes are merged back
into it on the next save and the sibling is removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from tui.model.document import Document
from tui.model.notes import (
    Anchor,
    Note,
    Placed,
    check_text,
    clean_tags,
    in_document_order,
    new_note_id,
    now,
    reanchor,
    scrub,
)
from tui.model.paths import document_key, notes_dir, slug

try:  # POSIX; elsewhere saving is still atomic, only not locked between processes
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

SCHEMA = 1
RECOVERED_SUFFIX = ".recovered.toml"
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class StoreError(Exception):
    """Notes could not be saved; the message is one line, fit for a user. Notes stay in memory."""


class FileProblem(Exception):
    """A notes file cannot be used (does not parse, newer schema, invalid content)."""


# --------------------------------------------------------------------------- TOML <-> notes


@dataclass
class Contents:
    """What a notes file holds: the document table, notes by id and deletions by id."""

    document: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    deleted: dict[str, datetime] = field(default_factory=dict)


def _aware(value: Any, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise FileProblem(f"{what} must be a date-time, not {value!r}")
    return value if value.tzinfo else value.astimezone()


def _str(d: dict[str, Any], key: str, what: str, default: str | None = None) -> str:
    v = d.get(key, default)
    if not isinstance(v, str):
        raise FileProblem(f"{what}: '{key}' must be a string")
    return v


def _int(d: dict[str, Any], key: str, what: str) -> int:
    v = d.get(key, 0)
    if not isinstance(v, int) or isinstance(v, bool) or v < 0:
        raise FileProblem(f"{what}: '{key}' must be a non-negative integer")
    return v


def note_from_toml(d: Any, n: int) -> Note:
    """One ``[[notes]]`` table as a Note; raises FileProblem naming the note."""
    what = f"note {n}"
    if not isinstance(d, dict):
        raise FileProblem(f"{what} is not a table")
    nid = d.get("id")
    if not isinstance(nid, str) or not _ID.match(nid):
        raise FileProblem(f"{what}: 'id' must be letters, digits, '-' or '_'")
    what = f"note {n} (id {nid})"
    a = d.get("anchor", {})
    if not isinstance(a, dict):
        raise FileProblem(f"{what}: 'anchor' must be a table")
    tags = d.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise FileProblem(f"{what}: 'tags' must be a list of strings")
    return Note(
        id=nid,
        anchor=Anchor(
            block_id=_str(a, "block", what, ""),
            quote=_str(a, "quote", what, ""),
            prefix=_str(a, "prefix", what, ""),
            suffix=_str(a, "suffix", what, ""),
            offset=_int(a, "offset", what),
            block_index=_int(a, "index", what),
            part=_str(a, "part", what, ""),
        ),
        body=_str(d, "body", what, ""),
        created=_aware(d.get("created"), f"{what}: 'created'"),
        updated=_aware(d.get("updated", d.get("created")), f"{what}: 'updated'"),
        tags=tuple(tags),
    )


def parse_contents(data: bytes) -> Contents:
    """Parse a notes file; raises FileProblem with the reason (and line/column from tomllib)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(f"not valid TOML: {exc}") from None
    schema = raw.get("schema", SCHEMA)
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise FileProblem(f"'schema' must be an integer, not {schema!r}")
    if schema > SCHEMA:
        raise FileProblem(
            f"written by a newer Marginalia (schema {schema}; this version reads up to {SCHEMA})"
        )
    doc = raw.get("document", {})
    if not isinstance(doc, dict):
        raise FileProblem("'document' must be a table")
    notes_raw = raw.get("notes", [])
    if not isinstance(notes_raw, list):
        raise FileProblem("'notes' must be an array of tables ([[notes]])")
    out = Contents(document=doc)
    for n, d in enumerate(notes_raw, 1):
        note = note_from_toml(d, n)
        old = out.notes.get(note.id)
        out.notes[note.id] = note if old is None else _newer(old, note)
    deleted = raw.get("deleted", {})
    if not isinstance(deleted, dict):
        raise FileProblem("'deleted' must be a table of note ids and times")
    for nid, when in deleted.items():
        out.deleted[nid] = _aware(when, f"deleted note {nid}")
    return out


def _dump_note(note: Note) -> str:
    fields = {
        "id": note.id,
        "created": note.created,
        "updated": note.updated,
        "tags": list(note.tags),
        "body": note.body,
    }
    a = note.anchor
    anchor = {
        "block": a.block_id,
        "index": a.block_index,
        "offset": a.offset,
        "quote": a.quote,
        "prefix": a.prefix,
        "suffix": a.suffix,
    }
    if a.part:
        anchor["part"] = a.part
    # tomli_w folds CRLF into LF in multi-line strings; a body holding a CR is written as an
    # escaped one-line string instead, so every body round-trips exactly. Anchor strings are
    # short context and always one-line.
    return (
        "[[notes]]\n"
        + tomli_w.dumps(fields, multiline_strings="\r" not in note.body)
        + "\n"
        + tomli_w.dumps({"notes": {"anchor": anchor}})
    )


def dump_contents(c: Contents) -> bytes:
    """The TOML text of a notes file (notes in creation order), UTF-8 encoded."""
    title = c.document.get("title", "")
    parts = [
        f"# Marginalia notes{' for ' + _comment(title) if title else ''}. Plain TOML: edit with care.\n",
        tomli_w.dumps({"schema": SCHEMA}),
        "\n",
        tomli_w.dumps({"document": c.document}),
    ]
    for note in sorted(c.notes.values(), key=lambda n: (n.created, n.id)):
        parts.append("\n")
        parts.append(_dump_note(note))
    if c.deleted:
        parts.append("\n")
        parts.append(tomli_w.dumps({"deleted": dict(sorted(c.deleted.items()))}))
    return "".join(parts).encode("utf-8")


def _comment(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text)[:80]


# --------------------------------------------------------------------------- merging


def _newer(a: Note, b: Note) -> Note:
    if a.updated != b.updated:
        return a if a.updated > b.updated else b
    # same time, different content: any fixed choice keeps merges order-independent
    return max(a, b, key=lambda n: (n.body, n.tags, repr(n.anchor)))


def merge(a: Contents, b: Contents) -> Contents:
    """Merge two versions of a notes file by note id.

    The newer ``updated`` wins; a deletion wins over versions not newer than it (a note
    restored after its deletion has a newer ``updated``). The merge is commutative and
    idempotent, so it can be applied in any order. The document table comes from ``a``.
    """
    notes: dict[str, Note] = {}
    deleted: dict[str, datetime] = {}
    for nid in a.notes.keys() | b.notes.keys() | a.deleted.keys() | b.deleted.keys():
        x, y = a.notes.get(nid), b.notes.get(nid)
        note = x if y is None else y if x is None else _newer(x, y)
        da, db = a.deleted.get(nid), b.deleted.get(nid)
        gone = da if db is None else db if da is None else max(da, db)
        if gone is not None and (note is None or gone >= note.updated):
            deleted[nid] = gone
        elif note is not None:
            notes[nid] = note
    return Contents(document=dict(a.document or b.document), notes=notes, deleted=deleted)


# --------------------------------------------------------------------------- files


def source_of(doc: Document) -> str:
    """The document's source as recorded in the notes file: an absolute path, "" or "-"."""
    src = doc.meta.source
    if src in ("", "-"):
        return src
    try:
        return scrub(str(Path(src).resolve()))
    except OSError:
        return scrub(src)


def read_file(path: Path) -> Contents | None:
    """The contents of a notes file, None if it does not exist; raises FileProblem."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise FileProblem(f"cannot read ({exc.strerror or exc})") from None
    return parse_contents(data)


def read_header(path: Path) -> dict[str, Any] | None:
    """The ``[document]`` table of a notes file (parsing only the head when possible)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    cut = data.find(b"\n[[notes]]")
    for chunk in (data[:cut], data) if cut >= 0 else (data,):
        try:
            doc = tomllib.loads(chunk.decode("utf-8")).get("document")
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if isinstance(doc, dict) and doc:
            return doc
    return None


def _quotes_found(path: Path, doc: Document) -> float:
    try:
        c = read_file(path)
    except FileProblem:
        return 0.0
    if c is None or not c.notes:
        return 0.0
    text = "\n".join(b.text for b in doc.blocks)
    found = sum(1 for n in c.notes.values() if n.anchor.quote and n.anchor.quote in text)
    return found / len(c.notes)


def _is_notes_file(p: Path) -> bool:
    return p.suffix == ".toml" and not p.name.endswith(RECOVERED_SUFFIX) and not p.name.startswith(".")


def locate(folder: Path, doc: Document) -> Path:
    """The notes file for ``doc`` in ``folder``: an existing one that matches, or a new name.

    See the module docstring for the matching rules.
    """
    title = doc.meta.title
    fp = doc.fingerprint
    src = source_of(doc)
    has_path = src not in ("", "-")
    pattern = re.compile(rf"^{re.escape(slug(title))}-[0-9a-f]{{8}}(?:-\d+)?\.toml$")
    try:
        names = sorted(p for p in folder.iterdir() if _is_notes_file(p))
    except OSError:
        names = []
    same_title = [p for p in names if pattern.match(p.name)]
    headers = {p: read_header(p) for p in same_title}
    for p, h in headers.items():
        if h and h.get("fingerprint") == fp:
            return p
    if has_path:
        for p, h in headers.items():
            if h and h.get("source") == src:
                return p
    fresh = folder / f"{document_key(title, fp)}.toml"
    if fresh in headers:  # an unreadable file under the very name this document would get
        return fresh
    scored = [(s, p) for p in same_title if (s := _quotes_found(p, doc)) >= 0.5]
    if scored:
        return max(scored)[1]
    if has_path or fp:
        for p in names:
            if p in headers:
                continue
            h = read_header(p)
            if h and (h.get("fingerprint") == fp or (has_path and h.get("source") == src)):
                return p
    n = 2
    while fresh.exists():  # a hash collision with another document: never share its file
        fresh = folder / f"{document_key(title, fp)}-{n}.toml"
        n += 1
    return fresh


def _signature(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever a file is replaced or rewritten: inode, size, modification time."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def recovered_path(path: Path) -> Path:
    """The sibling file that receives new notes while ``path`` is broken."""
    return path.with_name(path.name[: -len(".toml")] + RECOVERED_SUFFIX)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, replace."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the sidecar ``<path>.lock`` (blocks until available)."""
    lock = path.with_name(path.name + ".lock")
    with open(lock, "a+b") as f:
        if fcntl is not None:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


# --------------------------------------------------------------------------- the store


class NotesStore:
    """The notes of one document, backed by one TOML file.

    Create with :meth:`open`. Changes (:meth:`add`, :meth:`update`, :meth:`delete`,
    :meth:`restore`, :meth:`reattach`) are made in memory and marked :attr:`dirty`;
    :meth:`save` writes them (safe to call from a worker thread). All methods are
    thread-safe.

    ``path`` is the document's notes file. ``problem`` is a one-line message when that file
    cannot be used (it does not parse, has a newer schema, or cannot be read); the store is
    then ``read_only`` with respect to it: it is never written, its notes are not shown, and
    saving writes to :attr:`write_path` (``<name>.recovered.toml``) instead.
    """

    def __init__(
        self,
        path: Path,
        contents: Contents,
        *,
        problem: str | None = None,
        pending_recovered: Path | None = None,
        disk_sig: tuple[int, int, int] | None = None,
    ) -> None:
        self.path = path
        self.problem = problem
        self.read_only = problem is not None
        self.write_path = recovered_path(path) if self.read_only else path
        self._contents = contents
        self._lock = threading.RLock()
        self._save_lock = threading.Lock()
        self._version = 0
        self._saved_version = 0
        self._pending_recovered = pending_recovered
        # (inode, size, mtime) of write_path when its contents were last merged into memory
        self._disk_sig = disk_sig
        if pending_recovered is not None:
            self._version = 1  # recovered notes still need writing into the main file

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, data_dir: Path, doc: Document) -> NotesStore:
        """Open (never create) the notes file for ``doc`` under ``data_dir/notes``."""
        folder = notes_dir(Path(data_dir))
        path = locate(folder, doc)
        header = {
            "title": scrub(doc.meta.title),
            "source": source_of(doc),
            "fingerprint": doc.fingerprint,
        }
        sig = _signature(path)
        try:
            main = read_file(path)
        except FileProblem as exc:
            rec = recovered_path(path)
            problem = (
                f"{path}: {exc}. The file is left untouched and its notes are not shown; "
                f"new notes are saved in {rec.name} until it is fixed."
            )
            sig = _signature(rec)
            try:
                contents = read_file(rec) or Contents()
            except FileProblem as exc2:
                contents = Contents()
                problem += f" {rec.name} cannot be used either ({exc2}); notes will not be saved."
                sig = None
            contents.document = header
            return cls(path, contents, problem=problem, disk_sig=sig)
        contents = main or Contents()
        contents.document = {**contents.document, **header}
        rec = recovered_path(path)
        pending = None
        if rec.exists():
            try:
                extra = read_file(rec)
            except FileProblem:
                extra = None
            if extra is not None:
                contents = merge(contents, extra)
                pending = rec
        return cls(path, contents, pending_recovered=pending, disk_sig=sig)

    # ---------------------------------------------------------------- reading

    @property
    def notes(self) -> tuple[Note, ...]:
        """All notes, oldest first."""
        with self._lock:
            return tuple(sorted(self._contents.notes.values(), key=lambda n: (n.created, n.id)))

    def get(self, note_id: str) -> Note | None:
        """The note with this id, or None."""
        with self._lock:
            return self._contents.notes.get(note_id)

    def __len__(self) -> int:
        with self._lock:
            return len(self._contents.notes)

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet saved."""
        with self._lock:
            return self._version != self._saved_version

    def placed(self, doc: Document) -> list[Placed]:
        """Every note found on ``doc``, in document order (orphans last)."""
        return in_document_order(reanchor(self.notes, doc))

    # ---------------------------------------------------------------- changing

    def _put(self, note: Note) -> Note:
        with self._lock:
            self._contents.notes[note.id] = note
            self._contents.deleted.pop(note.id, None)
            self._version += 1
        return note

    def _existing(self, note_id: str) -> Note:
        note = self._contents.notes.get(note_id)
        if note is None:
            raise KeyError(f"no note with id {note_id!r}")
        return note

    def add(self, anchor: Anchor, body: str, tags: Iterable[str] = ()) -> Note:
        """Add a note; raises ValueError for text that cannot be saved (a lone surrogate)."""
        check_text(anchor.quote, "quote")
        stamp = now()
        note = Note(
            id=new_note_id(),
            anchor=anchor,
            body=check_text(body, "note text"),
            created=stamp,
            updated=stamp,
            tags=clean_tags(tags),
        )
        return self._put(note)

    def update(self, note_id: str, body: str | None = None, tags: Iterable[str] | None = None) -> Note:
        """Change a note's body and/or tags; raises KeyError for an unknown id."""
        with self._lock:
            return self._put(self._existing(note_id).edited(body=body, tags=tags))

    def reattach(self, note_id: str, anchor: Anchor) -> Note:
        """Attach a note (typically an orphan) to a new place."""
        check_text(anchor.quote, "quote")
        with self._lock:
            return self._put(self._existing(note_id).edited(anchor=anchor))

    def delete(self, note_id: str) -> Note:
        """Delete a note and return it (keep it to :meth:`restore` it: undo)."""
        with self._lock:
            note = self._existing(note_id)
            stamp = max(now(), note.updated)
            del self._contents.notes[note_id]
            self._contents.deleted[note_id] = stamp
            self._version += 1
            return note

    def restore(self, note: Note) -> Note:
        """Bring back a deleted note (undo); it gets a new ``updated`` time so merges keep it."""
        with self._lock:
            gone = self._contents.deleted.get(note.id)
            stamp = max(now(), (gone or note.updated) + timedelta(microseconds=1))
            return self._put(note.edited(when=stamp))

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        """Write the notes (merged with the file's current contents) atomically.

        Does nothing when there is nothing to save. Raises :class:`StoreError` when the
        folder or file cannot be written or the file on disk cannot be merged with (broken
        or newer meanwhile); the notes are kept in memory and :attr:`dirty` stays True.
        """
        with self._save_lock:
            with self._lock:
                if self._version == self._saved_version:
                    return
                version = self._version
                snapshot = Contents(
                    document={**self._contents.document, "updated": now()},
                    notes=dict(self._contents.notes),
                    deleted=dict(self._contents.deleted),
                )
            target = self.write_path
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                with file_lock(target):
                    disk = None
                    if _signature(target) != self._disk_sig:  # changed since we last read or wrote it
                        try:
                            disk = read_file(target)
                        except FileProblem as exc:
                            raise StoreError(
                                f"{target}: {exc}; not overwritten, notes kept in memory"
                            ) from None
                    merged = merge(snapshot, disk) if disk is not None else snapshot
                    atomic_write(target, dump_contents(merged))
                    self._disk_sig = _signature(target)
            except OSError as exc:
                raise StoreError(
                    f"cannot save notes to {target.parent}: {exc.strerror or exc}; they are kept in memory"
                ) from None
            with self._lock:
                self._contents = merge(self._contents, merged)
                self._saved_version = version
            if self._pending_recovered is not None and target == self.path:
                with contextlib.suppress(OSError):
                    self._pending_recovered.unlink()
                self._pending_recovered = None
