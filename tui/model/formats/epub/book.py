"""A book opened for reading: its package and TOC at once, spine documents parsed on demand.

:meth:`Book.document` assembles any run of parsed spine documents into one
:class:`Document`: blocks in spine order, link targets (``file#id`` → block), the files it
is made of, and the book's own table of contents as the section tree.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from tui.model.document import BlockSpec, Document, Metadata, Section, build_document
from tui.model.formats.epub.archive import Archive, EpubError, MemberError
from tui.model.formats.epub.package import Package, read_package
from tui.model.formats.epub.toc import TocEntry, read_toc
from tui.model.formats.epub.xhtml import ItemBlocks, convert_item

ITEM_LIMIT = 32 * 1024 * 1024  # one spine document, inflated


class Book:
    """An EPUB file with its package read; spine documents are parsed by :meth:`item`."""

    def __init__(self, path: str | Path | BinaryIO, name: str = "") -> None:
        self.path = name or (str(path) if isinstance(path, str | Path) else "")
        self.archive = Archive(path)
        try:
            self.package: Package = read_package(self.archive)
            self.toc, self.toc_source = read_toc(self.archive, self.package.nav_path, self.package.ncx_path)
        except BaseException:
            self.archive.close()
            raise
        self.spine = [item.path for item in self.package.spine]

    def close(self) -> None:
        """Close the archive."""
        self.archive.close()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def item(self, index: int) -> ItemBlocks:
        """Spine document ``index`` as blocks (empty, with ``problem`` set, when unreadable)."""
        path = self.spine[index]
        try:
            data = self.archive.read(path, ITEM_LIMIT)
        except MemberError as exc:
            return ItemBlocks(path, problem=str(exc))
        return convert_item(data, path)

    def items(self) -> list[ItemBlocks]:
        """Every spine document, in reading order."""
        return [self.item(i) for i in range(len(self.spine))]

    def start_index(self, part: str = "") -> int:
        """The spine index of the file ``part`` (a saved position), else of the first with text."""
        if part in self.spine:
            return self.spine.index(part)
        return 0

    def metadata(self) -> Metadata:
        """Title, authors, language and date from the package document."""
        p = self.package
        return Metadata(
            title=p.title,
            author=", ".join(p.authors),
            date=p.date,
            source=self.path,
            format="epub",
            language=p.language,
            warnings=tuple(p.skipped),
        )

    def document(self, items: list[ItemBlocks]) -> Document:
        """One Document of these spine documents (in the order given), with the book's outline."""
        specs: list[BlockSpec] = []
        targets: dict[str, int] = {}
        parts: list[tuple[str, int]] = []
        problems: list[str] = []
        for it in items:
            start = len(specs)
            parts.append((it.path, start))
            if it.problem:
                problems.append(it.problem)
            targets.setdefault(it.path, start)
            for ident, i in it.ids.items():
                targets.setdefault(f"{it.path}#{ident}", start + i)
            specs.extend(it.specs)
        meta = self.metadata()
        if problems:
            meta = replace(meta, warnings=(*meta.warnings, *problems))
        doc = build_document(specs, meta)
        total = len(doc.blocks)
        clamped = {k: min(v, total - 1) for k, v in targets.items()} if total else {}
        doc = replace(doc, targets=tuple(clamped.items()), parts=tuple(parts))
        if not meta.title:
            first = next((b.text for b in doc.blocks if b.kind.value == "heading"), "")
            doc = replace(doc, meta=replace(meta, title=first or Path(self.path or "book").stem))
        sections = toc_sections(self.toc, clamped, total)
        if sections:
            doc = replace(doc, sections=sections)
        return doc

    def load(self) -> Document:
        """The whole book, parsed synchronously."""
        return self.document(self.items())


def _resolve(entry: TocEntry, targets: dict[str, int]) -> int | None:
    if not entry.target:
        return None
    found = targets.get(entry.target)
    if found is None and "#" in entry.target:
        found = targets.get(entry.target.split("#", 1)[0])
    return found


def toc_sections(toc: list[TocEntry], targets: dict[str, int], total: int) -> tuple[Section, ...]:
    """The TOC as a section tree over the blocks; entries whose target is not in the book go.

    A label without a link starts where its first linked entry does. A section ends where the
    next entry at its level or above starts (or at its parent's end).
    """
    if not total:
        return ()
    ordinal = [0]  # ids follow the TOC's own order, so they do not depend on the parsed text

    def build(entries: tuple[TocEntry, ...] | list[TocEntry], depth: int, end: int) -> list[Section]:
        resolved: list[tuple[TocEntry, int, str]] = []
        for e in entries:
            ordinal[0] += 1
            ident = f"toc{ordinal[0]}"
            start = _resolve(e, targets)
            if start is None:
                start = _first_start(e.children, targets)
            if start is not None:
                resolved.append((e, start, ident))
            else:
                ordinal[0] += _count(e.children)
        out: list[Section] = []
        for k, (e, start, ident) in enumerate(resolved):
            later = [s for _, s, _ in resolved[k + 1 :] if s > start]
            stop = max(min(later[0] if later else end, end), start + 1)
            kids = build(e.children, depth + 1, stop)
            out.append(Section(ident, e.label or "(untitled)", depth, start, stop, "", tuple(kids)))
        return out

    return tuple(build(toc, 1, total))


def _first_start(entries: tuple[TocEntry, ...], targets: dict[str, int]) -> int | None:
    for e in entries:
        found = _resolve(e, targets)
        if found is None:
            found = _first_start(e.children, targets)
        if found is not None:
            return found
    return None


def _count(entries: tuple[TocEntry, ...]) -> int:
    return sum(1 + _count(e.children) for e in entries)


def open_book(path: str | Path | BinaryIO, name: str = "") -> Book:
    """Open an EPUB file (a path or a binary file object; ``name`` is its source name).

    Raises EpubError with a one-line reason when it is not a readable book.
    """
    return Book(path, name)


__all__ = ["Book", "EpubError", "open_book", "toc_sections"]
