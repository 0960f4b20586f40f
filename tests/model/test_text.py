"""Shared text helpers: one date parser, one word count, one reading-time label, CJK ranges."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tui.model.document import Block, BlockKind, Document
from tui.model.formats.html import parse_html
from tui.model.formats.markdown import parse_markdown
from tui.model.formats.plaintext import parse_text, reflow
from tui.model.text import (
    CJK_RANGES,
    WORDS_PER_MINUTE,
    count_cjk,
    count_words,
    is_cjk,
    parse_date,
    reading_rate,
    time_left_label,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12 March 2024", date(2024, 3, 12)),
        ("March 12, 2024", date(2024, 3, 12)),
        ("12th of March, 2024", date(2024, 3, 12)),
        ("12. März 2024", date(2024, 3, 12)),
        ("12 de marzo de 2024", date(2024, 3, 12)),
        ("2024-03-12", date(2024, 3, 12)),
        ("2024-03-12T10:00:00Z", date(2024, 3, 12)),
        ("2024/03/12", date(2024, 3, 12)),
        ("2024年3月12日", date(2024, 3, 12)),
        ("12.03.2024", date(2024, 3, 12)),
        ("Posted on Tue, 5 Apr 2023 at 10:00", date(2023, 4, 5)),
    ],
)
def test_parse_date_reads_common_written_forms(written: str, expected: date) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize("text", ["", "no date here", "31 February 2024", "version 3.2.1"])
def test_parse_date_finds_nothing_where_there_is_no_date(text: str) -> None:
    assert parse_date(text) is None


def test_markdown_front_matter_date_written_in_words() -> None:
    doc = parse_markdown("---\ntitle: Notes\ndate: 12 March 2024\n---\n\nBody text.\n")
    assert doc.meta.date == date(2024, 3, 12)


def test_html_and_plain_text_use_the_same_dates() -> None:
    html = parse_html(
        '<html><head><meta name="date" content="12 March 2024"></head><body><p>x</p></body></html>'
    )
    text = parse_text("From: A Writer <a@example.org>\nDate: 12 March 2024\nSubject: Hi\n\nBody.\n")
    assert html.meta.date == text.meta.date == date(2024, 3, 12)


def test_count_words_counts_cjk_characters_one_by_one() -> None:
    assert count_words("two words") == 2
    assert count_words("日本語") == 3
    assert count_words("Debian 新メンテナーガイド") == 1 + 9
    # Punctuation separates words and is not a word itself.
    assert count_words("これは本です。それも本です。") == 12
    assert count_words("中文、English，混合") == 2 + 1 + 2
    # Korean is written with spaces between words.
    assert count_words("안녕하세요 세계") == 2


def test_document_word_count_is_the_shared_count() -> None:
    blocks = (Block("p1", BlockKind.PARAGRAPH, "日本語の本"), Block("p2", BlockKind.PARAGRAPH, "and two"))
    assert Document(blocks=blocks).word_count() == count_words("日本語の本") + 2 == 7


def test_count_cjk() -> None:
    assert count_cjk("plain") == 0
    assert count_cjk("Debian 新メンテナーガイド。") == 9


def test_cjk_ranges_cover_kana_ideographs_and_full_width_punctuation() -> None:
    rx = re.compile(f"[{CJK_RANGES}]")
    assert all(rx.match(c) for c in "あア漢。、（）ー한")
    assert not any(rx.match(c) for c in "aé1 -")
    assert is_cjk("漢") and not is_cjk("a")


def test_reflow_joins_cjk_lines_without_a_space() -> None:
    assert (
        reflow(["これはパッケ", "ージです。", "English line", "follows"])
        == "これはパッケージです。 English line follows"
    )


@pytest.mark.parametrize(
    ("words", "label"),
    [
        (0, "end"),
        (50, "< 1 min left"),
        (WORDS_PER_MINUTE * 12, "12 min left"),
        (WORDS_PER_MINUTE * 120, "2 h left"),
        (WORDS_PER_MINUTE * 190, "3 h 10 min left"),
    ],
)
def test_time_left_label_switches_to_hours(words: int, label: str) -> None:
    assert time_left_label(words) == label


def test_reading_rate_reads_cjk_faster_than_english_words() -> None:
    assert reading_rate(1000) == WORDS_PER_MINUTE
    japanese = reading_rate(1000, cjk=1000)
    assert japanese > 2 * WORDS_PER_MINUTE
    assert WORDS_PER_MINUTE < reading_rate(1000, cjk=500) < japanese
