"""The plain-text parser on kinds of text the development corpus lacks.

Each document under ``tests/fixtures/text/`` is written to look like a real file of its genre
(a Project Gutenberg book, an RFC, a rendered man page, scraped news and blog pages, a README,
a GNU NEWS file, CRLF minutes with tabs, a French article, verse). ``expected.toml`` beside them
says what a reader expects: title and metadata, the exact list of headings, the chrome that must
be gone, and which text must be reflowed or kept line by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.formats.plaintext.fixture_expectations import Fixtures
from tui.model.document import BlockKind

FIX = Fixtures(Path(__file__).resolve().parents[3] / "fixtures" / "text")
GENRES = FIX.names
load = FIX.load


def test_every_fixture_is_a_realistic_length_and_read_as_plain_text() -> None:
    assert len(GENRES) >= 10
    for genre in GENRES:
        assert FIX.raw(genre).count(b"\n") >= 60, genre
        assert load(genre).meta.format == "text", genre


@pytest.mark.parametrize("genre", GENRES)
def test_title_and_metadata(genre: str) -> None:
    FIX.check_metadata(genre)


@pytest.mark.parametrize("genre", GENRES)
def test_exact_headings(genre: str) -> None:
    FIX.check_headings(genre)


@pytest.mark.parametrize("genre", FIX.having("nested"))
def test_subsections_sit_under_their_parent(genre: str) -> None:
    FIX.check_nested(genre)


@pytest.mark.parametrize("genre", GENRES)
def test_chrome_and_boilerplate_are_in_no_block(genre: str) -> None:
    FIX.check_chrome(genre)


@pytest.mark.parametrize("genre", FIX.having("reflowed"))
def test_prose_is_reflowed(genre: str) -> None:
    FIX.check_reflowed(genre)


@pytest.mark.parametrize("genre", FIX.having("kept_lines", "apart"))
def test_line_breaks_that_matter_are_kept(genre: str) -> None:
    FIX.check_kept_lines(genre)


@pytest.mark.parametrize("genre", FIX.having("code"))
def test_preformatted_text_is_code(genre: str) -> None:
    FIX.check_code(genre)


@pytest.mark.parametrize("genre", FIX.having("list_items"))
def test_list_items(genre: str) -> None:
    FIX.check_list_items(genre)


@pytest.mark.parametrize("genre", FIX.having("blocks"))
def test_terms_stand_alone(genre: str) -> None:
    FIX.check_blocks(genre)


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
