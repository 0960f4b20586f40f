"""Where Marginalia keeps user data: notes and reading state.

The location is, in order: an explicit ``--data-dir``, the ``MARGINALIA_DATA_DIR``
environment variable, or the platform's user data directory.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "MARGINALIA_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory (not created here)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("marginalia", appauthor=False))


def notes_dir(base: Path) -> Path:
    """Folder of the per-document notes files."""
    return base / "notes"


def state_file(base: Path) -> Path:
    """The TOML file that remembers reading positions."""
    return base / "state.toml"


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(title: str, limit: int = 48) -> str:
    """A file-name-safe slug of a title: ASCII letters, digits and '-', never empty or '..'."""
    s = _UNSAFE.sub("-", title.casefold()).strip("-")[:limit].strip("-")
    return s or "untitled"


def document_key(title: str, identity: str) -> str:
    """A readable, unique, path-safe file stem for a document: ``slug-hash``."""
    digest = hashlib.blake2b(identity.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()
    return f"{slug(title)}-{digest}"
