"""EPUB 2 and 3 books: the ZIP container, package document, spine, nav/NCX and XHTML content.

``load_epub(path)`` reads a whole book into one :class:`~tui.model.document.Document`;
``open_book(path)`` opens it for reading in steps (the package and TOC at once, spine
documents on demand) so that a reader can show the first chapter before the rest is parsed.
Both raise :class:`EpubError` with a one-line message when the file is not a readable book.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from tui.model.document import Document
from tui.model.formats.epub.archive import EpubError, is_zip
from tui.model.formats.epub.book import Book, open_book


def load_epub(path: str | Path | BinaryIO, name: str = "") -> Document:
    """The whole book at ``path`` (or in a binary file) as one Document, in spine order,
    with the book's own outline; ``name`` is the source shown for a file object."""
    with open_book(path, name) as book:
        return book.load()


__all__ = ["Book", "EpubError", "is_zip", "load_epub", "open_book"]
