"""The state the plain-text rules share: the text, its lines and blocks, what was found so far.

Every rule in :mod:`.pipeline` is a function of one :class:`State`. A rule reads what earlier rules
left (the lines, the blocks, the document-wide findings) and writes its own results: lines it
blanks, blocks it drops, block specs it emits, metadata fields it fills in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.model.document import BlockSpec


@dataclass(slots=True)
class Chunk:
    """A run of non-blank lines of the source (a block before it is classified)."""

    lines: list[str]
    start: int
    blank_before: int = 1
    blank_after: int = 1
    indents: list[int] = field(default_factory=list)
    joined: str | None = None  # the lines joined by newlines, filled in on first use
    head_known: bool = False  # ``head`` holds the first pass's heading test of this block
    head: Head | None = None

    @property
    def indent(self) -> int:
        return self.indents[0]

    @property
    def text(self) -> str:
        """The block's lines joined by newlines."""
        t = self.joined
        if t is None:
            t = self.joined = "\n".join(self.lines)
        return t


@dataclass(slots=True)
class Head:
    """A heading candidate found in a block."""

    text: str
    kind: str  # setext | numbered | chapter | pilcrow | bare | caps | centred | seq
    level: int = 0
    number: str = ""
    char: str = ""
    indent: int = 0
    rest: str = ""  # seq: the body run in after the title on the heading's line


@dataclass(slots=True)
class State:
    """What the rules share while one text is parsed."""

    text: str  # the decoded text (its scraped page tail cut off by the first rule)
    lines: list[str] = field(default_factory=list)  # right-stripped; page chrome blanked to ""
    blocks: list[Chunk] = field(default_factory=list)  # runs of non-blank lines, front matter taken out
    specs: list[BlockSpec] = field(default_factory=list)  # the output blocks, in order
    heads: list[tuple[int, Head]] = field(default_factory=list)  # (index in specs, heading found)
    meta: dict[str, object] = field(default_factory=dict)  # title, author, date, affiliation, category
    extra: list[tuple[str, str]] = field(default_factory=list)  # other header fields, in order
    # What the text is like, found by the rules before the blocks are emitted.
    marked: frozenset[str] = frozenset()  # lines a scraper closed with a no-break space
    crumb: str = ""  # the last step of a breadcrumb trail
    web: bool = False  # a scraped web page (chrome was found)
    man_page: bool = False
    pilcrow_mode: bool = False  # headings end in "¶" (a dumped Sphinx page)
    outline_mode: bool = False  # Emacs outline headings ("* Release" / "** Fixes")
    base: int = 0  # the indent of body text
    label_bodies: bool = False  # labels in capitals at the margin over indented bodies
    first_indent: int = 0  # paragraphs indent only their first line by this much
    labels: set[str] = field(default_factory=set)  # section labels outside an indented body
    seq: dict[int, Head] = field(default_factory=dict)  # a licence's numbered section titles
    underlined_numbers: bool = False
    has_chapters: bool = False
    bare_ok: bool = False  # few explicit headings: short lines standing alone may be headings
    signatures: set[tuple[str, int]] = field(default_factory=set)  # recurring heading shapes
    # Computed on first use.
    wrap: int | None = None
    verse_doc: bool | None = None
    tc_heads: int | None = None
