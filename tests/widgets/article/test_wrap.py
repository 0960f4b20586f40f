"""Line wrapping on terminal cells: every character kept, no line too wide."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.widgets.article.wrap import cut_cells, wrap
from tui.widgets.cells import sanitize, text_width


def lines_of(text: str, width: int) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width)]


def test_words_wrap_at_spaces_within_the_width() -> None:
    text = "the quick brown fox jumps over the lazy dog " * 5
    lines = lines_of(text.strip(), 20)
    assert all(text_width(line) <= 20 for line in lines)
    assert " ".join(lines).split() == text.split()
    assert lines[0] == "the quick brown fox"


def test_a_word_longer_than_the_width_is_cut() -> None:
    assert lines_of("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_cjk_takes_two_cells_and_breaks_between_characters_not_before_closing_marks() -> None:
    text = "日本語の文章は空白なしで続きます。句読点は行頭に来ません。" * 3
    lines = lines_of(text, 20)
    assert all(text_width(line) <= 20 for line in lines)
    assert "".join(lines) == text
    assert not any(line.startswith(("。", "、")) for line in lines)


def test_code_cut_keeps_every_space() -> None:
    line = "    if x:   return  [a,  b]   # spaced out"
    pieces = [line[s:e] for s, e in cut_cells(line, 10)]
    assert "".join(pieces) == line
    assert all(text_width(p) <= 10 for p in pieces)


def test_control_characters_become_visible_one_for_one() -> None:
    raw = "a\x1b[31mb\x07c\x9bd\x7f"
    shown = sanitize(raw)
    assert len(shown) == len(raw)
    assert shown == "a␛[31mb␇c\ufffdd␡"


@given(st.text(alphabet=st.sampled_from("ab cd 日本 。x"), max_size=200), st.integers(2, 40))
def test_wrapping_never_loses_text_or_overflows(text: str, width: int) -> None:
    spans = wrap(text, width)
    for s, e in spans:
        assert text_width(text[s:e]) <= width
    kept = "".join(text[s:e] for s, e in spans)
    assert kept.replace(" ", "") == text.replace(" ", "")
