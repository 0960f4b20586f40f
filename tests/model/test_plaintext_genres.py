"""The plain-text parser on kinds of text the development corpus lacks.

Each document under ``tests/fixtures/text/`` is written to look like a real file of its genre
(a Project Gutenberg book, an RFC, a rendered man page, scraped news and blog pages, a README,
a GNU NEWS file, CRLF minutes with tabs, a French article, verse). ``expected.toml`` beside them
says what a reader expects: title and metadata, the exact list of headings, the chrome that must
be gone, and which text must be reflowed or kept line by line.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tui.model.document import BlockKind, Document
from tui.model.load import load_bytes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads((FIXTURES / "expected.toml").read_text(encoding="utf-8"))
GENRES = sorted(EXPECTED)
FLOWING = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE, BlockKind.FIGURE)

_cache: dict[str, Document] = {}


def load(genre: str) -> Document:
    """The parsed fixture of ``genre``, as the reader opens it (decoding and detection included)."""
    if genre not in _cache:
        name = EXPECTED[genre]["file"]
        _cache[genre] = load_bytes((FIXTURES / name).read_bytes(), name)
    return _cache[genre]


def squeeze(text: str) -> str:
    """Runs of white space as one space."""
    return " ".join(text.split())


def spaces(text: str) -> str:
    """Runs of spaces and tabs as one space; line breaks kept."""
    return re.sub(r"[ \t]+", " ", text)


def headings(doc: Document) -> list[str]:
    return [squeeze(b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def exp(genre: str, key: str) -> list[Any]:
    return list(EXPECTED[genre].get(key, []))


def test_every_fixture_is_a_realistic_length_and_read_as_plain_text() -> None:
    assert len(GENRES) >= 10
    for genre in GENRES:
        raw = (FIXTURES / EXPECTED[genre]["file"]).read_bytes()
        assert raw.count(b"\n") >= 60, genre
        assert load(genre).meta.format == "text", genre


@pytest.mark.parametrize("genre", GENRES)
def test_title_and_metadata(genre: str) -> None:
    meta = load(genre).meta
    want = EXPECTED[genre]
    assert meta.title == want["title"]
    if "author" in want:
        assert meta.author == want["author"]
    if "date" in want:
        assert meta.date == dt.date.fromisoformat(want["date"])
    if "category" in want:
        assert meta.category == want["category"]


@pytest.mark.parametrize("genre", GENRES)
def test_exact_headings(genre: str) -> None:
    assert headings(load(genre)) == [squeeze(h) for h in exp(genre, "headings")]


@pytest.mark.parametrize("genre", [g for g in GENRES if "nested" in EXPECTED[g]])
def test_subsections_sit_under_their_parent(genre: str) -> None:
    doc = load(genre)
    for parent, child in exp(genre, "nested"):
        found = False
        for s in doc.flat_sections():
            if squeeze(s.title) == squeeze(parent):
                found = found or any(squeeze(c.title) == squeeze(child) for c in s.children)
        assert found, (parent, child)


@pytest.mark.parametrize("genre", GENRES)
def test_chrome_and_boilerplate_are_in_no_block(genre: str) -> None:
    doc = load(genre)
    for junk in exp(genre, "chrome"):
        hits = [b.text[:80] for b in doc.blocks if junk in b.text]
        assert not hits, (junk, hits)


@pytest.mark.parametrize("genre", [g for g in GENRES if "reflowed" in EXPECTED[g]])
def test_prose_is_reflowed(genre: str) -> None:
    texts = [spaces(b.text) for b in load(genre).blocks if b.kind in FLOWING]
    for want in exp(genre, "reflowed"):
        assert any(spaces(want) in t for t in texts), want


@pytest.mark.parametrize(
    "genre", [g for g in GENRES if "kept_lines" in EXPECTED[g] or "apart" in EXPECTED[g]]
)
def test_line_breaks_that_matter_are_kept(genre: str) -> None:
    doc = load(genre)
    texts = [spaces(b.text) for b in doc.blocks if b.kind is not BlockKind.HEADING]
    for want in exp(genre, "kept_lines"):
        want = "\n".join(spaces(x).strip() for x in want.split("\n"))
        assert any(want in "\n".join(x.strip() for x in t.split("\n")) for t in texts), want
    for a, b in exp(genre, "apart"):
        for block in doc.blocks:
            for line in block.text.split("\n"):
                assert not (a in line and b in line), (a, b, line)


@pytest.mark.parametrize("genre", [g for g in GENRES if "code" in EXPECTED[g]])
def test_preformatted_text_is_code(genre: str) -> None:
    code = [b.text for b in load(genre).blocks if b.kind is BlockKind.CODE]
    for want in exp(genre, "code"):
        assert any(want in t for t in code), want


@pytest.mark.parametrize("genre", [g for g in GENRES if "list_items" in EXPECTED[g]])
def test_list_items(genre: str) -> None:
    items = [squeeze(b.text) for b in load(genre).blocks if b.kind is BlockKind.LIST_ITEM]
    for want in exp(genre, "list_items"):
        assert squeeze(want) in items, want


@pytest.mark.parametrize("genre", [g for g in GENRES if "blocks" in EXPECTED[g]])
def test_terms_stand_alone(genre: str) -> None:
    texts = [squeeze(b.text) for b in load(genre).blocks]
    for want in exp(genre, "blocks"):
        assert want in texts, want


def test_verse_lines_are_shown_line_by_line() -> None:
    """A stanza keeps its line breaks, and the reading pane breaks its lines at each of them."""
    from tui.widgets.article import display_text, layout_block

    doc = load("poems")
    stanza = next(b for b in doc.blocks if b.text.startswith("The lamp is lit"))
    assert stanza.kind is not BlockKind.CODE
    text = display_text(stanza)
    rows = [text[spec.start : spec.end] for spec in layout_block(stanza, 100, text)]
    assert rows == [
        "The lamp is lit, the street is still,",
        "The frost has silvered every sill;",
        "No cart goes by, no neighbour calls,",
        "The clock keeps counting on the walls.",
    ]
