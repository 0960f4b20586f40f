"""The plain-text parser on articles scraped from think-tank and news sites.

Each document under ``tests/fixtures/articles/`` is laid out the way such a scraper writes a
page: a language picker, a category, the title, a date, bylines with indented affiliations, an
image file name and its caption, body paragraphs, section headings, and the page's tail (related
articles, share and print links, tags, copyright). The variations are those seen across sites and
across articles of one site: several authors, no image or no caption, other date forms, numbered
or question headings, short one-line paragraphs, pull quotes, lists, footnotes, Chinese articles.
``expected.toml`` beside them says what a reader expects.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.model.formats.plaintext.fixture_expectations import Fixtures
from tui.model.document import BlockKind
from tui.model.formats.plaintext import parse_text

FIX = Fixtures(Path(__file__).resolve().parents[3] / "fixtures" / "articles")
NAMES = FIX.names


def test_every_fixture_is_a_full_article_read_as_plain_text() -> None:
    assert len(NAMES) >= 24
    for name in NAMES:
        raw = FIX.raw(name).decode("utf-8")
        paragraphs = [p for p in raw.split("\n\n") if len(p.encode()) > 60]
        assert len(paragraphs) >= 8, name
        assert FIX.load(name).meta.format == "text", name


@pytest.mark.parametrize("name", NAMES)
def test_title_date_authors_affiliation_and_category(name: str) -> None:
    FIX.check_metadata(name)


@pytest.mark.parametrize("name", NAMES)
def test_exact_headings(name: str) -> None:
    FIX.check_headings(name)


@pytest.mark.parametrize("name", NAMES)
def test_figures_and_their_captions(name: str) -> None:
    FIX.check_figures(name)


@pytest.mark.parametrize("name", NAMES)
def test_body_opens_with_its_first_paragraph(name: str) -> None:
    FIX.check_first_paragraph(name)


@pytest.mark.parametrize("name", FIX.having("paragraphs"))
def test_short_lines_of_prose_stay_paragraphs(name: str) -> None:
    FIX.check_paragraphs(name)


@pytest.mark.parametrize("name", FIX.having("body", "paragraphs"))
def test_no_body_text_is_lost(name: str) -> None:
    FIX.check_body(name)


@pytest.mark.parametrize("name", NAMES)
def test_page_chrome_is_in_no_block(name: str) -> None:
    FIX.check_chrome(name)


@pytest.mark.parametrize("name", FIX.having("reflowed"))
def test_wrapped_prose_is_one_paragraph(name: str) -> None:
    FIX.check_reflowed(name)


@pytest.mark.parametrize("name", FIX.having("kept_lines", "apart"))
def test_line_breaks_that_matter_are_kept(name: str) -> None:
    FIX.check_kept_lines(name)


@pytest.mark.parametrize("name", FIX.having("list_items"))
def test_list_items(name: str) -> None:
    FIX.check_list_items(name)


def test_date_and_byline_on_one_line_and_a_breadcrumb_from_home() -> None:
    """ "By NAME | DATE" (or a date and a time set apart by a bar) is metadata, and a breadcrumb
    trail over the category is page chrome."""
    body = "\n\n".join(
        f"Paragraph {k} of the article goes on for a while about the talks and what they mean for trade."
        for k in range(4)
    )
    for top, author in (
        (
            "Home » Foreign Policy » Asia\nForeign Policy\n\nA Title Here\n\nBy Jane Doe | April 3, 2024\n",
            "Jane Doe",
        ),
        (
            "Language : English 简体\nForeign Policy\n\nA Title Here\n\n"
            "Apr 3, 2024 | 10:30 AM\n  • Ann Lee\n",
            "Ann Lee",
        ),
    ):
        doc = parse_text(f"{top}\n{body}\n")
        meta = doc.meta
        assert (meta.title, meta.date, meta.author, meta.category) == (
            "A Title Here",
            dt.date(2024, 4, 3),
            author,
            "Foreign Policy",
        )
        assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH] * 4
