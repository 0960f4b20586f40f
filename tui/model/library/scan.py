"""Finding the documents under the paths given to ``library add``, and why others were skipped."""

from __future__ import annotations

import errno
import os
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Reasons a file is not indexed, in the order a report lists them.
BINARY = "binary"
UNREADABLE = "unreadable"
TOO_LARGE = "too large"
LOOP = "symlink loop"
NOT_A_DOCUMENT = "not a document"
REASONS = (BINARY, UNREADABLE, TOO_LARGE, LOOP, NOT_A_DOCUMENT)

# Folders never worth walking into (version control, caches, environments).
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv", "venv", ".tox", ".cache"}


@dataclass
class Scan:
    """Files found under the given paths, the folders walked, and what was skipped (and why)."""

    files: list[Path] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)  # named paths that do not exist (any more)

    def skip(self, path: Path | str, reason: str) -> None:
        self.skipped[reason] += 1
        self.problems.append(f"{path}: {reason}")


def absolute(path: str | os.PathLike[str]) -> Path:
    """The absolute, symlink-resolved form of a path (as the library records it)."""
    p = Path(path).expanduser()
    try:
        return p.resolve(strict=False)
    except (OSError, RuntimeError):
        return Path(os.path.abspath(p))


def scan(paths: list[str]) -> Scan:
    """Walk files and folders (recursively, following symlinks once, hidden entries skipped)."""
    out = Scan()
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw).expanduser()
        try:
            st = p.stat()
        except FileNotFoundError:
            out.skip(p, UNREADABLE)
            out.missing.append(absolute(p))
            continue
        except OSError as exc:
            out.skip(p, LOOP if exc.errno == errno.ELOOP else UNREADABLE)
            continue
        if stat.S_ISDIR(st.st_mode):
            root = absolute(p)
            out.roots.append(root)
            for f in _walk(root, out):
                if f not in seen:
                    seen.add(f)
                    out.files.append(f)
        elif stat.S_ISREG(st.st_mode):
            f = absolute(p)
            if f not in seen:
                seen.add(f)
                out.files.append(f)
        else:
            out.skip(p, UNREADABLE)
    return out


def _walk(root: Path, out: Scan) -> Iterator[Path]:
    """Regular files under ``root`` in name order; a folder reached twice is a loop."""
    visited: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError:
            out.skip(folder, UNREADABLE)
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            out.skip(folder, LOOP)
            continue
        visited.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            out.skip(folder, UNREADABLE)
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                is_dir = e.is_dir()
                is_file = not is_dir and e.is_file()
            except OSError as exc:
                out.skip(e.path, LOOP if exc.errno == errno.ELOOP else UNREADABLE)
                continue
            if is_dir:
                if e.name not in _SKIP_DIRS:
                    subdirs.append(Path(e.path))
            elif is_file:
                yield absolute(e.path)
            elif e.is_symlink():
                out.skip(e.path, _broken_link_reason(Path(e.path)))
        stack.extend(reversed(subdirs))


def _broken_link_reason(p: Path) -> str:
    try:
        p.stat()
    except OSError as exc:
        return LOOP if exc.errno == errno.ELOOP else UNREADABLE
    return UNREADABLE
