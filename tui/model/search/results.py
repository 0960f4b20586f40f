"""What a search returns: hits with their match spans and snippets, and the result of a query."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Hit", "SearchResult"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching block.

    ``spans`` are ``(start, end)`` character offsets into ``text`` (the block's full text);
    ``snippet`` is a one-line window of the text around the best match, with ``snippet_spans``
    into it. ``section`` holds the titles of the enclosing sections, outermost first.
    """

    block_id: str
    block_index: int
    section: tuple[str, ...]
    score: float
    text: str
    spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: hits best first, how many blocks matched in all, and a message.

    ``message`` is empty when there are hits; otherwise it says calmly why there are none
    (empty query, only exclusions, nothing found), fit to show as is.
    """

    query: str
    hits: tuple[Hit, ...]
    total: int
    message: str = ""

    def in_document_order(self) -> tuple[Hit, ...]:
        """The hits sorted by their position in the document (for next / previous hit)."""
        return tuple(sorted(self.hits, key=lambda h: h.block_index))
