"""The document model: blocks with stable ids, a section tree and metadata.

Everything here is plain Python (no UI imports) and immutable, so a parsed
document can be shared between the reader, the search index, the notes store
and the command line.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property

from tui.model.text import count_words


class BlockKind(StrEnum):
    """What a block is; the reader styles each kind differently."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FIGURE = "figure"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CODE = "code"
    RULE = "rule"
    TABLE = "table"


class InlineStyle(StrEnum):
    """Inline emphasis carried by a span of a block's text (from Markdown / HTML)."""

    EMPHASIS = "em"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"
    STRIKE = "strike"


@dataclass(frozen=True, slots=True)
class Inline:
    """A styled span ``text[start:end]`` of a block; ``href`` is set for links."""

    start: int
    end: int
    style: InlineStyle
    href: str = ""


def shift_inlines(
    spans: tuple[Inline, ...] | list[Inline], offset: int, end: int | None = None
) -> tuple[Inline, ...]:
    """Spans moved by ``offset`` characters and clipped to ``[0, end)``; spans left empty are dropped."""
    out = []
    for s in spans:
        start = max(s.start + offset, 0)
        stop = s.end + offset if end is None else min(s.end + offset, end)
        if stop > start:
            out.append(Inline(start, stop, s.style, s.href))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of reading: a heading, paragraph, figure, list item, quote, code, rule or table.

    ``text`` is the literal text a reader sees and search matches (for a figure: its caption;
    for code: the lines joined by newlines; for a table: cells joined by tabs and rows by
    newlines). ``level`` is the heading level, or the nesting depth of a list item or quote.
    """

    id: str
    kind: BlockKind
    text: str
    index: int = 0
    level: int = 0
    marker: str = ""  # list marker ("•", "3.", "-")
    src: str = ""  # figure: image file or URL
    alt: str = ""  # figure: alternative text
    lang: str = ""  # code: language name for highlighting
    anchor: str = ""  # heading: slug used by in-document links (#anchor)
    rows: tuple[tuple[str, ...], ...] = ()  # table: cells; the first row is the header
    inlines: tuple[Inline, ...] = ()
    align: tuple[str, ...] = ()  # table: "left", "right", "center" or "" (not given) per column


@dataclass(frozen=True, slots=True)
class Section:
    """A node of the outline: a heading and the blocks up to the next heading of its level.

    ``start`` is the index of the heading block, ``end`` the index one past the last block
    that belongs to the section (subsections included).
    """

    id: str
    title: str
    level: int
    start: int
    end: int
    number: str = ""  # "3.2.1" when the heading carries one
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document besides its text."""

    title: str = ""
    author: str = ""
    date: date | None = None
    affiliation: str = ""
    category: str = ""
    source: str = ""  # path or "-" for stdin, "" for the bundled article
    format: str = "text"  # text | markdown | html | epub
    encoding: str = "utf-8"
    extra: tuple[tuple[str, str], ...] = ()  # other header fields, e.g. ("Subject", "...")
    language: str = ""  # e.g. "en", "ja" (from a book's package metadata)
    warnings: tuple[str, ...] = ()  # what could not be read (skipped parts of a book)


@dataclass(frozen=True)
class Document:
    """A parsed document: ordered blocks, the section tree (roots) and metadata."""

    blocks: tuple[Block, ...]
    sections: tuple[Section, ...] = ()
    meta: Metadata = field(default_factory=Metadata)
    # Link targets besides heading anchors: (name, block index), e.g. ("OEBPS/ch2.xhtml#n1", 40).
    targets: tuple[tuple[str, int], ...] = ()
    # The files a book is made of, in reading order: (name, index of the file's first block).
    parts: tuple[tuple[str, int], ...] = ()

    @cached_property
    def _targets(self) -> dict[str, int]:
        return dict(self.targets)

    def target(self, name: str) -> int | None:
        """The index of the block a link target (``file.xhtml#id`` of a book) names, or None."""
        return self._targets.get(name)

    def part_at(self, index: int) -> str:
        """The name of the file (of a book) that block ``index`` comes from ("" when not a book)."""
        starts = [start for _, start in self.parts]
        i = bisect_right(starts, index) - 1
        return self.parts[i][0] if i >= 0 else ""

    @cached_property
    def _by_id(self) -> dict[str, Block]:
        return {b.id: b for b in self.blocks}

    @cached_property
    def _flat_sections(self) -> tuple[Section, ...]:
        return tuple(s for root in self.sections for s in root.walk())

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self._flat_sections]

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the document's text, to tell versions of a document apart."""
        h = hashlib.blake2b(digest_size=8)
        for b in self.blocks:
            h.update(b.text.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or None."""
        return self._by_id.get(block_id)

    def flat_sections(self) -> tuple[Section, ...]:
        """All sections in document order (pre-order walk of the tree)."""
        return self._flat_sections

    def section_at(self, index: int) -> Section | None:
        """The innermost section containing block ``index`` (None before the first heading)."""
        flat = self._flat_sections
        i = bisect_right(self._section_starts, index) - 1
        while i >= 0:
            s = flat[i]
            if s.start <= index < s.end:
                return s
            i -= 1
        return None

    def section_path(self, index: int) -> tuple[Section, ...]:
        """The chain of sections from the outermost to the innermost containing block ``index``."""
        path: list[Section] = []
        nodes = self.sections
        while True:
            for s in nodes:
                if s.start <= index < s.end:
                    path.append(s)
                    nodes = s.children
                    break
            else:
                return tuple(path)

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or None."""
        for s in self._flat_sections:
            if s.id == section_id:
                return s
        return None

    @property
    def is_empty(self) -> bool:
        """True when the document has no readable blocks."""
        return not self.blocks

    def word_count(self) -> int:
        """Number of words (each CJK character counts as a word; see :func:`tui.model.text.count_words`)."""
        return sum(count_words(b.text) for b in self.blocks)


# --------------------------------------------------------------------------- building


# Per kind: the bytes that start its hashed text, and the id's first letter.
_KIND_KEYS = {kind: (f"{kind.value}\x00".encode(), kind.value[0]) for kind in BlockKind}


def block_id(kind: BlockKind, text: str, seen: dict[str, int]) -> str:
    """A stable id for a block: a hash of its kind and text, plus an occurrence number.

    The id depends only on the block's own content and on how many identical blocks come
    before it, so editing one paragraph changes that paragraph's id and no other.
    """
    # Whitespace runs count as one space. Printable text has no whitespace but " ", so without
    # a leading or trailing space it only needs its runs of spaces squeezed.
    if text.isprintable() and text[:1] != " " and text[-1:] != " ":
        norm = text
        while "  " in norm:
            norm = norm.replace("  ", " ")
    else:
        norm = " ".join(text.split())
    key = _KIND_KEYS[kind]
    digest = hashlib.blake2b(key[0] + norm.encode(), digest_size=5).hexdigest()
    base = key[1] + digest
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n + 1}"


@dataclass(slots=True)
class BlockSpec:
    """A block before ids and indexes are assigned (what parsers produce)."""

    kind: BlockKind
    text: str
    level: int = 0
    marker: str = ""
    src: str = ""
    alt: str = ""
    lang: str = ""
    anchor: str = ""
    number: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    inlines: tuple[Inline, ...] = ()
    align: tuple[str, ...] = ()


def slugify(title: str) -> str:
    """A GitHub-style anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    out = []
    for ch in title.strip().lower():
        if ch.isalnum() or ch in "-_":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
    return "".join(out)


# Quotes and list items nested deeper than this are shown at this depth: each level indents
# the text, and past it the text would have no room left.
MAX_LEVEL = 12


def build_document(specs: list[BlockSpec], meta: Metadata) -> Document:
    """Assign ids and indexes to parsed blocks and derive the section tree from the headings.

    Heading levels that skip (1 → 4) or invert (3 then 1) still nest sensibly: a heading
    becomes a child of the nearest preceding heading with a smaller level. Other blocks'
    levels stop at :data:`MAX_LEVEL`.
    """
    seen: dict[str, int] = {}
    anchors: dict[str, int] = {}
    blocks: list[Block] = []
    numbers: dict[int, str] = {}
    for i, s in enumerate(specs):
        anchor = s.anchor
        if s.kind is BlockKind.HEADING:
            base = anchor or slugify(s.text)
            n = anchors.get(base, 0)
            anchors[base] = n + 1
            anchor = base if n == 0 else f"{base}-{n}"
            if s.number:
                numbers[i] = s.number
        # Positional arguments, in Block's field order (id, kind, text, index, level, marker,
        # src, alt, lang, anchor, rows, inlines, align): noticeably faster for large documents.
        blocks.append(
            Block(
                block_id(s.kind, s.text, seen),
                s.kind,
                s.text,
                i,
                s.level if s.level <= MAX_LEVEL or s.kind is BlockKind.HEADING else MAX_LEVEL,
                s.marker,
                s.src,
                s.alt,
                s.lang,
                anchor,
                s.rows,
                s.inlines,
                s.align,
            )
        )
    return Document(blocks=tuple(blocks), sections=_build_sections(blocks, numbers), meta=meta)


def _build_sections(blocks: list[Block], numbers: dict[int, str]) -> tuple[Section, ...]:
    # Each open entry: [heading block, children list]; closed when a heading of <= level comes.
    total = len(blocks)
    roots: list[Section] = []
    stack: list[tuple[Block, list[Section]]] = []

    def close(until_level: int, end: int) -> None:
        while stack and stack[-1][0].level >= until_level:
            head, kids = stack.pop()
            sec = Section(
                id=head.id,
                title=head.text,
                level=head.level,
                start=head.index,
                end=end,
                number=numbers.get(head.index, ""),
                children=tuple(kids),
            )
            (stack[-1][1] if stack else roots).append(sec)

    for b in blocks:
        if b.kind is BlockKind.HEADING:
            close(b.level, b.index)
            stack.append((b, []))
    close(-(10**9), total)
    return tuple(roots)
