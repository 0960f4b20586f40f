"""Reading time: the words a block weighs."""

from __future__ import annotations

from tui.widgets.article.words import fast_word_count


def test_reading_time_weighs_two_cjk_characters_as_one_word() -> None:
    assert fast_word_count("one two three") == 3
    assert fast_word_count("日本語の文章です") == 4  # 8 characters
    assert fast_word_count("Debian パッケージ") == 1 + 3  # 1 word + 5 kana (rounded up)
