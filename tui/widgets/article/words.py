"""Reading time: how many words a block weighs, and how many are left from each block to the end."""

from __future__ import annotations

import re

from tui.model.document import Block

WORDS_PER_MINUTE = 230

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def fast_word_count(text: str) -> int:
    """Reading-time words in ``text``: words between spaces, and one per two CJK characters.

    Chinese and Japanese are read at roughly 400-600 characters a minute, so two characters
    weigh about as much as one English word at WORDS_PER_MINUTE.
    """
    if text.isascii():
        return len(text.split())
    spaced, cjk = _CJK.subn(" ", text)
    return len(spaced.split()) + (cjk + 1) // 2


def words_after(blocks: tuple[Block, ...]) -> list[int]:
    """Reading-time words from each block to the end (one more entry, 0, past the last block)."""
    after = [0] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        after[i] = after[i + 1] + fast_word_count(blocks[i].text)
    return after


class ReadingTime:
    """Words of a document from each block to the end; estimated from its length until counted.

    A small document is counted at once; a big one (over ``eager_chars`` characters) is
    counted later with ``count`` (in a thread) and ``counted``.
    """

    def __init__(self, blocks: tuple[Block, ...], eager_chars: int) -> None:
        self._blocks = blocks
        self.size = sum(len(b.text) for b in blocks)
        self._after: list[int] = words_after(blocks) if self.size <= eager_chars else []

    @property
    def is_counted(self) -> bool:
        """True once the words are counted (not estimated)."""
        return bool(self._after)

    @property
    def total(self) -> int:
        """Words in the whole document."""
        return self._after[0] if self._after else self.size // 6

    def left(self, index: int, fraction: float) -> int:
        """Words from block ``index`` to the end; ``fraction`` (0 to 1, or -1 if unknown) of
        the way through the document is used while the words are not counted."""
        if not self._after:
            return round(self.total * (1 - fraction if fraction >= 0 else 1))
        return self._after[min(index, len(self._blocks))]

    def count(self) -> list[int]:
        """Count the words (slow for a big document): pass the result to ``counted``."""
        return words_after(self._blocks)

    def counted(self, after: list[int]) -> None:
        """Use the counts made by ``count``."""
        self._after = after
