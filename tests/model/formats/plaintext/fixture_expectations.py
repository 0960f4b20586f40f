"""Fixture documents with a sidecar ``expected.toml``: loading them and checking a parse against
what a reader expects (shared by the plain-text fixture tests).

Keys of a document's table (a key left out is not checked):

- title, author, date (YYYY-MM-DD), affiliation, category: the document's metadata.
- headings: every heading of the body, in order (runs of white space count as one space).
- nested: [parent, child] pairs of headings: the child is a subsection of the parent.
- chrome: strings that are page furniture or boilerplate and must appear in no block.
- reflowed: strings that span a line break in the source and must appear in one paragraph.
- kept_lines: strings holding a line break ("\\n") that must appear in one block as written.
- apart: pairs of strings that must never be joined onto one line of a block.
- code: strings that must appear in a code block (preformatted).
- list_items: texts of list items (exact).
- blocks: exact texts of blocks that must exist on their own (a term, a label).
- paragraphs: exact texts of paragraphs (or quotes) standing on their own, not headings.
- figures: [image file, caption] pairs, in order: every figure of the document (the caption is
  "" when the image has none).
- first_paragraph: how the first paragraph of the body begins.
- body: exact texts of body blocks that must be kept as written: each (and each of
  "paragraphs") stands as a block of its own that is not a heading.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from tui.model.document import BlockKind, Document
from tui.model.load import load_bytes

FLOWING = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.FIGURE)
METADATA_KEYS = ("title", "author", "affiliation", "category")


def squeeze(text: str) -> str:
    """Runs of white space as one space."""
    return " ".join(text.split())


def spaces(text: str) -> str:
    """Runs of spaces and tabs as one space; line breaks kept."""
    return re.sub(r"[ \t]+", " ", text)


def headings(doc: Document) -> list[str]:
    """The texts of the document's headings, white space squeezed."""
    return [squeeze(b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


class Fixtures:
    """The documents of one fixture folder and their expectations, parsed once each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.expected: dict[str, dict[str, Any]] = tomllib.loads(
            (folder / "expected.toml").read_text(encoding="utf-8")
        )
        self.names = sorted(self.expected)
        self._cache: dict[str, Document] = {}

    def raw(self, name: str) -> bytes:
        """The bytes of the document ``name``."""
        return (self.folder / self.expected[name]["file"]).read_bytes()

    def load(self, name: str) -> Document:
        """The parsed document ``name``, as the reader opens it (decoding and detection included)."""
        if name not in self._cache:
            self._cache[name] = load_bytes(self.raw(name), self.expected[name]["file"])
        return self._cache[name]

    def exp(self, name: str, key: str) -> list[Any]:
        """The list under ``key`` for ``name`` (empty when not given)."""
        return list(self.expected[name].get(key, []))

    def having(self, *keys: str) -> list[str]:
        """The names of the documents whose expectations give any of ``keys``."""
        return [n for n in self.names if any(k in self.expected[n] for k in keys)]

    # ------------------------------------------------------------ checks

    def check_metadata(self, name: str) -> None:
        """Title, author, affiliation, category and date as expected."""
        meta = self.load(name).meta
        want = self.expected[name]
        got = {k: getattr(meta, k) for k in METADATA_KEYS if k in want}
        assert got == {k: want[k] for k in METADATA_KEYS if k in want}
        if "date" in want:
            assert meta.date == dt.date.fromisoformat(want["date"])

    def check_headings(self, name: str) -> None:
        """Exactly the expected headings, in order."""
        assert headings(self.load(name)) == [squeeze(h) for h in self.exp(name, "headings")]

    def check_nested(self, name: str) -> None:
        """Each expected child heading is a subsection of its parent."""
        doc = self.load(name)
        for parent, child in self.exp(name, "nested"):
            found = False
            for s in doc.flat_sections():
                if squeeze(s.title) == squeeze(parent):
                    found = found or any(squeeze(c.title) == squeeze(child) for c in s.children)
            assert found, (parent, child)

    def check_chrome(self, name: str) -> None:
        """No block holds page furniture or boilerplate."""
        doc = self.load(name)
        for junk in self.exp(name, "chrome"):
            hits = [b.text[:80] for b in doc.blocks if junk in b.text]
            assert not hits, (junk, hits)

    def check_reflowed(self, name: str) -> None:
        """Hard-wrapped prose is one paragraph."""
        texts = [spaces(b.text) for b in self.load(name).blocks if b.kind in FLOWING]
        for want in self.exp(name, "reflowed"):
            assert any(spaces(want) in t for t in texts), want

    def check_kept_lines(self, name: str) -> None:
        """Line breaks that matter are kept; lines that must stay apart are not joined."""
        doc = self.load(name)
        texts = [spaces(b.text) for b in doc.blocks if b.kind is not BlockKind.HEADING]
        for want in self.exp(name, "kept_lines"):
            want = "\n".join(spaces(x).strip() for x in want.split("\n"))
            assert any(want in "\n".join(x.strip() for x in t.split("\n")) for t in texts), want
        for a, b in self.exp(name, "apart"):
            for block in doc.blocks:
                for line in block.text.split("\n"):
                    assert not (a in line and b in line), (a, b, line)

    def check_code(self, name: str) -> None:
        """Preformatted text is code."""
        code = [b.text for b in self.load(name).blocks if b.kind is BlockKind.CODE]
        for want in self.exp(name, "code"):
            assert any(want in t for t in code), want

    def check_list_items(self, name: str) -> None:
        """The expected list items exist."""
        items = [squeeze(b.text) for b in self.load(name).blocks if b.kind is BlockKind.LIST_ITEM]
        for want in self.exp(name, "list_items"):
            assert squeeze(want) in items, want

    def check_blocks(self, name: str) -> None:
        """The expected texts stand as blocks of their own."""
        texts = [squeeze(b.text) for b in self.load(name).blocks]
        for want in self.exp(name, "blocks"):
            assert want in texts, want

    def check_paragraphs(self, name: str) -> None:
        """The expected texts are paragraphs (or quotes) of their own, not headings."""
        kinds = (BlockKind.PARAGRAPH, BlockKind.QUOTE)
        texts = [squeeze(b.text) for b in self.load(name).blocks if b.kind in kinds]
        for want in self.exp(name, "paragraphs"):
            assert squeeze(want) in texts, want

    def check_figures(self, name: str) -> None:
        """Every figure, in order: its image file and its caption ("" for none)."""
        figs = [b for b in self.load(name).blocks if b.kind is BlockKind.FIGURE]
        got = [[f.src, "" if f.text == f.alt else squeeze(f.text)] for f in figs]
        assert got == [[src, squeeze(cap)] for src, cap in self.exp(name, "figures")]

    def check_first_paragraph(self, name: str) -> None:
        """The body opens with the expected paragraph."""
        doc = self.load(name)
        first = next(b for b in doc.blocks if b.kind is BlockKind.PARAGRAPH)
        assert squeeze(first.text).startswith(squeeze(self.expected[name]["first_paragraph"]))

    def check_body(self, name: str) -> None:
        """No body text is lost: every expected body paragraph is a block of its own, as written."""
        texts = {squeeze(b.text) for b in self.load(name).blocks if b.kind is not BlockKind.HEADING}
        for want in self.exp(name, "body") + self.exp(name, "paragraphs"):
            assert squeeze(want) in texts, want
