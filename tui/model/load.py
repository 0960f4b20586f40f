"""Reading a document: from a file, stdin or the bundled article to a :class:`Document`.

Decoding (BOMs, UTF-8, legacy 8-bit), format detection and dispatch to one parser per
format live here; the parsers themselves are in :mod:`tui.model.formats`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import BinaryIO

from tui.model.document import Document

BUNDLED_NAME = "toward-a-resilient-china-us-relationship.txt"
MAX_BYTES = 256 * 1024 * 1024

FORMATS = ("text", "markdown", "html", "epub")


class LoadError(Exception):
    """A document could not be opened; the message is one line, fit for a user."""


def bundled_path() -> Path:
    """Path of the bundled default article (inside the installed package or the source tree)."""
    installed = resources.files("tui").joinpath("content", BUNDLED_NAME)
    if installed.is_file():
        return Path(str(installed))
    return Path(__file__).resolve().parents[2] / "content" / BUNDLED_NAME


# --------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control bytes (BOM-less)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for c in sample if c < 32 and c not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Decode document bytes to text; returns ``(text, encoding)``.

    A BOM decides first; then strict UTF-8 over the *whole* file; then charset-normalizer
    for legacy 8-bit encodings. A file that is UTF-8 but for a stray bad byte keeps its
    UTF-8 text with U+FFFD for that byte, rather than turning into mojibake as a whole.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise LoadError(f"cannot decode as {enc} despite its byte-order mark: {exc}") from None
    if looks_binary(data):
        raise LoadError("this looks like a binary file, not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly valid UTF-8 with a few bad bytes: keep UTF-8, replace the bad bytes.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    multibyte = len(_UTF8_SEQ.findall(data))
    if multibyte and multibyte >= 2 * bad:
        return replaced, "utf-8"
    return _decode_legacy(data)


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]+")
_CP1252_HOLES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: Western 8-bit text, or a multi-byte legacy charset."""
    runs = _HIGH.findall(data)
    high = sum(map(len, runs))
    in_runs = sum(len(r) for r in runs if len(r) >= 2)
    if in_runs <= high // 2:
        # Isolated accented letters between ASCII: a Western single-byte charset.
        if _CP1252_HOLES.search(data):
            return data.decode("latin-1"), "latin-1"
        return data.decode("cp1252"), "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        enc = best.encoding
        if enc in ("latin_1", "iso8859_1") and not _CP1252_HOLES.search(data):
            enc = "cp1252"
        return data.decode(enc, errors="replace"), enc
    return data.decode("latin-1"), "latin-1"


# --------------------------------------------------------------------------- formats

_MD_EXT = {".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx"}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_TEXT_EXT = {".txt", ".text", ".info", ".log"}
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.I | re.S,
)
_HTML_FRAGMENT = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:p|div|article|section|main|h[1-6]|table|ul|ol|pre|blockquote|figure)\b",
    re.I | re.S,
)
_HTML_CLOSE = re.compile(r"</(?:p|div|h[1-6]|li|td|tr|table|section|article|pre|blockquote|a)>", re.I)
# Signs that only Markdown gives (each kind counted separately).
_MD_STRONG = (
    re.compile(r"^#{1,6}[ \t]+\S", re.M),  # ATX heading
    re.compile(r"^ {0,3}(?:```|~~~)", re.M),  # code fence
    re.compile(r"!?\[[^\]\n]+\]\((?:[^()\s]+|<[^>\n]+>)(?:\s+\"[^\"\n]*\")?\)"),  # [text](url)
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S", re.M),  # [ref]: url
    re.compile(r"^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|[ \t]*:?-{3,}", re.M),  # table delimiter row
    re.compile(r"^\s{0,3}[-*+][ \t]+\[[ xX]\][ \t]", re.M),  # task list item
    re.compile(r"\A---[ \t]*\n(?:[A-Za-z_][\w-]*:.*\n){1,40}?(?:---|\.\.\.)[ \t]*\n"),  # front matter
)
# Signs that plain text shares with Markdown: they only support the strong ones.
_MD_WEAK = re.compile(r"(?<![\w*])\*\*[^*\s][^*\n]*\*\*(?![\w*])|(?<![`\w])`[^`\n]+`(?![`\w])")


def markdown_score(text: str) -> tuple[int, int, int]:
    """(kinds of Markdown-only syntax seen, their total count, inline code/strong spans)."""
    sample = text[:50000]
    counts = [len(r.findall(sample)) for r in _MD_STRONG]
    return sum(1 for c in counts if c), sum(counts), len(_MD_WEAK.findall(sample))


def _looks_markdown(text: str, strict: bool) -> bool:
    kinds, total, weak = markdown_score(text)
    if strict:  # a .txt file: only when Markdown is unmistakable
        return kinds >= 3 and total >= 5
    return (kinds >= 2 and total >= 3) or (kinds >= 1 and total >= 3 and weak >= 3)


def _looks_html_fragment(text: str) -> bool:
    head = text[:20000]
    return bool(_HTML_FRAGMENT.match(head)) and len(_HTML_CLOSE.findall(head)) >= 3


def detect_format(name: str, text: str) -> str:
    """Choose ``text``, ``markdown`` or ``html`` from the content and the file name.

    A whole HTML document is HTML whatever its name; otherwise a Markdown or HTML extension
    decides. A text extension (``.txt``) stays text unless the content is unmistakably
    Markdown or HTML; with no extension (or stdin, ``-``) the content decides.
    """
    if _HTML_START.match(text[:4096]):
        return "html"
    ext = Path(name).suffix.lower() if name and name != "-" else ""
    if ext in _HTML_EXT:
        return "html"
    if ext in _MD_EXT:
        return "markdown"
    strict = ext in _TEXT_EXT
    if _looks_markdown(text, strict):
        return "markdown"
    if _looks_html_fragment(text):
        return "html"
    return "text"


def parse(text: str, fmt: str, source: str = "", encoding: str = "utf-8") -> Document:
    """Parse decoded text in the given format into a Document."""
    if fmt == "markdown":
        from tui.model.formats.markdown import parse_markdown as parser
    elif fmt == "html":
        from tui.model.formats.html import parse_html as parser
    elif fmt == "text":
        from tui.model.formats.plaintext import parse_text as parser
    else:
        raise LoadError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    doc = parser(text)
    meta = replace(doc.meta, source=source, format=fmt, encoding=encoding)
    return replace(doc, meta=meta)


def load_bytes(data: bytes, name: str = "", fmt: str | None = None) -> Document:
    """Decode and parse a document's bytes; ``name`` helps choose the format."""
    if fmt == "epub" or (fmt is None and data[:4] in (b"PK\x03\x04", b"PK\x05\x06")):
        import io

        return load_book(io.BytesIO(data), name)
    text, encoding = decode(data)
    if "\r" in text:  # one quick scan instead of two replace passes on "\n"-only text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse(text, fmt or detect_format(name, text), source=name, encoding=encoding)


def load_book(source: str | Path | BinaryIO, name: str = "") -> Document:
    """A whole EPUB book (a ZIP archive, read by path); raises LoadError."""
    from tui.model.formats.epub import EpubError, load_epub

    try:
        return load_epub(source, name or str(source))
    except EpubError as exc:
        raise LoadError(str(exc)) from None
    except OSError as exc:
        raise LoadError(f"cannot read ({exc.strerror or exc})") from None


def is_book(path: str | Path, fmt: str | None = None) -> bool:
    """True when the file is read as an EPUB book: a ZIP archive, or ``--format epub``, or a
    ``.epub`` name (so a damaged one gets a book's error message, not a text one)."""
    if fmt is not None:
        return fmt == "epub"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return False
    return head in (b"PK\x03\x04", b"PK\x05\x06") or Path(path).suffix.lower() == ".epub"


def load_progressively(
    path: str | Path | None, fmt: str | None = None
) -> tuple[Document, Callable[[], Document] | None]:
    """A document to show at once, and a function that returns the whole of it, or None.

    Only a book is read in steps (its first chapters first, see
    :func:`tui.model.formats.epub.load_progressively`); any other document is loaded whole.
    """
    if path is None or path == "-" or not is_book(path, fmt) or Path(path).is_dir():
        return load_path(path, fmt), None
    from tui.model.formats.epub import EpubError
    from tui.model.formats.epub import load_progressively as load_book_progressively

    try:
        first, rest = load_book_progressively(path, str(path))
    except EpubError as exc:
        raise LoadError(f"{path}: {exc}") from None
    except OSError as exc:
        raise LoadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if rest is None:
        return first, None

    def finish() -> Document:
        try:
            return rest()
        except EpubError as exc:
            raise LoadError(f"{path}: {exc}") from None

    return first, finish


def read_source(path: str | Path) -> bytes:
    """Read a document file, turning every OS problem into a one-line LoadError."""
    p = Path(path)
    try:
        if p.is_dir():
            raise LoadError(f"{p}: is a directory, not a document")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise LoadError(f"{p}: too large ({size // (1024 * 1024)} MB; the limit is 256 MB)")
        return p.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"{p}: no such file") from None
    except PermissionError:
        raise LoadError(f"{p}: permission denied") from None
    except OSError as exc:
        raise LoadError(f"{p}: cannot read ({exc.strerror or exc})") from None


def load_path(path: str | Path | None = None, fmt: str | None = None) -> Document:
    """Load a document from a path; None opens the bundled article."""
    if path is None:
        doc = load_bytes(bundled_path().read_bytes(), BUNDLED_NAME, fmt)
        return replace(doc, meta=replace(doc.meta, source=""))
    if is_book(path, fmt) and not Path(path).is_dir():
        try:
            return load_book(path)
        except LoadError as exc:
            raise LoadError(f"{path}: {exc}") from None
    data = read_source(path)
    try:
        return load_bytes(data, str(path), fmt)
    except LoadError as exc:
        raise LoadError(f"{path}: {exc}") from None
