"""EPUB 2 and 3 books: the ZIP container, package document, spine, nav/NCX and XHTML content.

``load_epub(path)`` reads a whole book into one :class:`~tui.model.document.Document`;
``open_book(path)`` opens it for reading in steps (the package and TOC at once, spine
documents on demand) so that a reader can show the first chapter before the rest is parsed.
Both raise :class:`EpubError` with a one-line message when the file is not a readable book.
"""

from __future__ import annotations

from collections.abc import Callable
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


FIRST_BLOCKS = 150  # blocks parsed before the first screen: a few screens of text


def load_progressively(
    path: str | Path | BinaryIO, name: str = "", min_blocks: int = FIRST_BLOCKS
) -> tuple[Document, Callable[[], Document] | None]:
    """The first spine documents of a book (at least ``min_blocks`` blocks, or all), and a
    function that parses the rest and returns the whole book (None when nothing is left).

    The first part is a prefix of the whole book: its blocks have the same ids and indexes
    there, so a reading position in it stays valid. The function may run in a worker thread
    (it is the only user of the archive from then on) and closes the archive when done.
    """
    book = open_book(path, name)
    try:
        items = []
        total = 0
        while len(items) < len(book.spine) and total < min_blocks:
            items.append(book.item(len(items)))
            total += len(items[-1].specs)
        first = book.document(items)
    except BaseException:
        book.close()
        raise
    if len(items) == len(book.spine):
        book.close()
        return first, None

    def finish() -> Document:
        try:
            return book.document(items + [book.item(i) for i in range(len(items), len(book.spine))])
        finally:
            book.close()

    return first, finish


__all__ = ["Book", "EpubError", "is_zip", "load_epub", "load_progressively", "open_book"]
