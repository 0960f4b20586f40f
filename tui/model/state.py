"""Reading state: where the reader left each document, and small UI settings (theme).

The state lives in one TOML file (``paths.state_file(data_dir)``)::

    schema = 1

    [settings]
    theme = "textual-dark"

    [documents."path:/home/me/book.txt"]
    block_id = "p3f2a91c0de"
    block_index = 120
    offset = 340
    fingerprint = "9c1e..."
    title = "A Book"
    updated = 2024-05-01T10:00:00Z

Documents are keyed by a stable identity (:func:`document_identity`): the resolved source
path, the bundled article's name, or the text fingerprint for stdin. When the key is not
found, an entry with the same fingerprint is used (a file that was moved or renamed).

A missing file is an empty state. A file that cannot be read or parsed is reported through
:attr:`StateStore.error` and never overwritten: before the next save it is moved aside to
``state.toml.broken`` (or ``state.toml.broken-N`` when that exists), and a fresh file is
written in its place. Saving is atomic (temporary file in the same folder, fsync, replace).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

SCHEMA = 1
MAX_DOCUMENTS = 500  # the oldest entries are dropped beyond this


@dataclass(frozen=True, slots=True)
class Position:
    """A reading position: a block (by id and index) and a character offset inside it."""

    block_id: str
    block_index: int
    offset: int = 0
    updated: datetime | None = None


def document_identity(source: str, fingerprint: str, bundled_name: str = "") -> str:
    """A stable key for a document.

    ``source`` is the document's path as given ("" for the bundled article, "-" for stdin).
    A path is resolved, so opening the same file from another folder finds its state; stdin
    has no name, so its text fingerprint identifies it.
    """
    if not source:
        return f"bundled:{bundled_name or 'article'}"
    if source == "-":
        return f"text:{fingerprint}"
    try:
        return f"path:{Path(source).expanduser().resolve()}"
    except (OSError, RuntimeError):
        return f"path:{source}"


class StateStore:
    """Reading positions and settings, loaded from and saved to one TOML file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.error: str | None = None
        """A one-line description of why the existing file could not be read, or None."""
        self._documents: dict[str, dict[str, Any]] = {}
        self._settings: dict[str, Any] = {}
        self._broken = False
        self.dirty = False

    # ------------------------------------------------------------------ reading

    def load(self) -> StateStore:
        """Read the file; a missing file is empty, a broken one sets :attr:`error`."""
        self._documents, self._settings = {}, {}
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return self
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            self._broken = True
            self.error = f"reading state {self.path} could not be read ({exc}); starting afresh"
            return self
        schema = data.get("schema", SCHEMA)
        if not isinstance(schema, int) or schema > SCHEMA:
            self._broken = True
            self.error = f"reading state {self.path} has an unknown schema {schema!r}; starting afresh"
            return self
        docs = data.get("documents", {})
        settings = data.get("settings", {})
        if isinstance(docs, dict):
            self._documents = {k: v for k, v in docs.items() if isinstance(v, dict)}
        if isinstance(settings, dict):
            self._settings = dict(settings)
        return self

    def position(self, identity: str, fingerprint: str = "") -> Position | None:
        """The saved position of a document, by identity, else by text fingerprint."""
        entry = self._documents.get(identity)
        if entry is None and fingerprint:
            for candidate in self._documents.values():
                if candidate.get("fingerprint") == fingerprint:
                    entry = candidate
                    break
        if entry is None:
            return None
        try:
            updated = entry.get("updated")
            return Position(
                block_id=str(entry.get("block_id", "")),
                block_index=max(0, int(entry.get("block_index", 0))),
                offset=max(0, int(entry.get("offset", 0))),
                updated=updated if isinstance(updated, datetime) else None,
            )
        except (TypeError, ValueError):
            return None

    def setting(self, name: str, default: Any = None) -> Any:
        """A saved setting (e.g. ``theme``), or ``default``."""
        return self._settings.get(name, default)

    # ------------------------------------------------------------------ changing

    def set_position(
        self, identity: str, position: Position, *, fingerprint: str = "", title: str = ""
    ) -> None:
        """Remember a document's reading position (saved by :meth:`save`)."""
        entry = {
            "block_id": position.block_id,
            "block_index": position.block_index,
            "offset": position.offset,
            "fingerprint": fingerprint,
            "title": title,
            "updated": position.updated or datetime.now(UTC).replace(microsecond=0),
        }
        if self._documents.get(identity, {}) | {"updated": entry["updated"]} == entry:
            return
        self._documents[identity] = entry
        self.dirty = True

    def set_setting(self, name: str, value: str | int | bool) -> None:
        """Remember a setting (saved by :meth:`save`)."""
        if self._settings.get(name) != value:
            self._settings[name] = value
            self.dirty = True

    def save(self) -> None:
        """Write the state atomically; a broken previous file is first moved aside."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self._broken and self.path.exists():
            aside = self.path.with_name(self.path.name + ".broken")
            n = 1
            while aside.exists():
                n += 1
                aside = self.path.with_name(f"{self.path.name}.broken-{n}")
            os.replace(self.path, aside)
        self._broken = False
        docs = self._documents
        if len(docs) > MAX_DOCUMENTS:
            newest = sorted(docs, key=lambda k: str(docs[k].get("updated", "")), reverse=True)
            docs = {k: docs[k] for k in newest[:MAX_DOCUMENTS]}
            self._documents = docs
        data = {"schema": SCHEMA, "settings": self._settings, "documents": docs}
        text = tomli_w.dumps(data)
        fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.dirty = False
