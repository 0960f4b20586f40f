"""The EPUB container as a ZIP archive, read safely: bounded members, names resolved inside it.

Nothing here touches the file system beyond the archive itself: members are looked up by name
in the ZIP directory (never extracted), every read is capped (a member that inflates past
:data:`MAX_MEMBER_BYTES`, or a book past :data:`MAX_TOTAL_BYTES`, is refused), and a path
that climbs out of the archive (``..`` past the root, an absolute path) resolves to nothing.
"""

from __future__ import annotations

import contextlib
import posixpath
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

MAX_MEMBERS = 100_000  # a ZIP directory larger than this is not a book
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one inflated member
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # everything read from one book
EPUB_MIMETYPE = b"application/epub+zip"


class EpubError(Exception):
    """The file cannot be read as a book; the message is one line, fit for a user."""


class MemberError(Exception):
    """One member cannot be read (missing, too large, corrupt); the book may still be."""


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def resolve(base: str, href: str) -> str | None:
    """The archive path that ``href`` (a URL relative to the member ``base``) names, or None.

    The fragment and query are dropped, percent-escapes decoded. An absolute URL (with a
    scheme or a leading ``/``) or a path that climbs above the archive root gives None.
    """
    href = href.strip().split("#", 1)[0].split("?", 1)[0]
    if not href or ":" in href.split("/", 1)[0] or href.startswith(("/", "\\")):
        return None
    path = unquote(href).replace("\\", "/")
    joined = posixpath.join(posixpath.dirname(base), path)
    norm = posixpath.normpath(joined)
    if norm.startswith(("../", "/")) or norm in ("..", "."):
        return None
    return norm


class Archive:
    """An open EPUB's ZIP file: member lookup by (tolerant) name and bounded reads."""

    def __init__(self, path: str | Path | BinaryIO) -> None:
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise EpubError("not a readable ZIP archive (an EPUB book is one), or a damaged one") from None
        except (OSError, ValueError, EOFError) as exc:
            raise EpubError(f"cannot open the archive ({exc})") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise EpubError(f"the archive holds {len(infos):,} files, more than a book ({MAX_MEMBERS:,})")
        self.members: dict[str, zipfile.ZipInfo] = {}
        self._folded: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            for name in _names(info):
                norm = posixpath.normpath(name.replace("\\", "/").lstrip("/"))
                self.members.setdefault(norm, info)
                self._folded.setdefault(_fold(norm), info)
        self.read_total = 0

    def close(self) -> None:
        """Close the ZIP file."""
        self.zip.close()

    def find(self, name: str) -> zipfile.ZipInfo | None:
        """The member called ``name``: exactly, else after Unicode normalisation and case folding."""
        info = self.members.get(name)
        if info is None:
            info = self._folded.get(_fold(name))
        return info

    def has(self, name: str) -> bool:
        """True when the archive holds a member called ``name``."""
        return self.find(name) is not None

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """The inflated bytes of a member, read at most ``limit`` bytes; raises MemberError."""
        info = self.find(name)
        if info is None:
            raise MemberError(f"{name}: not in the archive")
        if info.flag_bits & 0x1:
            raise MemberError(f"{name}: encrypted in the ZIP")
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError) as exc:
            raise MemberError(f"{name}: cannot be read ({exc})") from None
        except RuntimeError as exc:  # e.g. a password-protected member
            raise MemberError(f"{name}: cannot be read ({exc})") from None
        if len(data) > limit:
            raise MemberError(f"{name}: inflates past {limit // (1024 * 1024)} MB")
        self.read_total += len(data)
        if self.read_total > MAX_TOTAL_BYTES:
            raise EpubError(f"the book inflates past {MAX_TOTAL_BYTES // (1024 * 1024)} MB")
        return data


def _names(info: zipfile.ZipInfo) -> list[str]:
    """The member's name, plus its UTF-8 reading when the ZIP stored UTF-8 without saying so."""
    names = [info.filename]
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            names.append(info.filename.encode("cp437").decode("utf-8"))
    return names


def is_zip(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) starts a ZIP archive."""
    return head.startswith((b"PK\x03\x04", b"PK\x05\x06"))
