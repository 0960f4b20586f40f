"""The line map: which block and line of the layout is at each row of the reading pane.

``LineMap`` finds the block and line behind any row with one bisection, so drawing a
screen costs the same in a book as in a short article; it also answers the questions of
the reading position (which block is current, where a block or an offset is).
"""

from __future__ import annotations

from bisect import bisect_right

from tui.model.document import Block
from tui.widgets.article.layout import BLANK, TEXT_KINDS, LineSpec, layout_blocks


class LineMap:
    """The visual lines of a document's first ``laid_out`` blocks, below ``header`` header lines.

    Row ``y`` of the whole layout (0 is the top of the header) maps to a block and one of
    its lines; a big document is laid out in two steps, so ``laid_out`` may be less than
    the number of blocks until the rest is done (``extended``).
    """

    def __init__(
        self, header: int, lines: list[list[LineSpec]] | None = None, starts: list[int] | None = None
    ) -> None:
        self.header = header
        self._lines: list[list[LineSpec]] = lines or []
        self._starts: list[int] = starts or []
        last = len(self._lines) - 1
        self.total = header if last < 0 else self._starts[last] + len(self._lines[last])

    @classmethod
    def build(cls, blocks: tuple[Block, ...], measure: int, header: int, stop: int) -> LineMap:
        """The layout of ``blocks[:stop]`` at ``measure`` cells, below ``header`` lines."""
        lines, starts, _ = layout_blocks(blocks, measure, header, stop)
        return cls(header, lines, starts)

    def extended(self, blocks: tuple[Block, ...], measure: int, stop: int) -> LineMap:
        """A new map with the blocks after the laid-out ones up to ``stop`` added."""
        lines, starts, _ = layout_blocks(blocks, measure, self.total, stop, self.laid_out)
        return LineMap(self.header, self._lines + lines, self._starts + starts)

    @property
    def laid_out(self) -> int:
        """How many blocks (from the first) are laid out."""
        return len(self._lines)

    def lines_of(self, index: int) -> list[LineSpec]:
        """The lines of block ``index``, blank spacing included."""
        return self._lines[index]

    def block_start(self, index: int) -> int:
        """The row of block ``index``'s first line (blank spacing included)."""
        return self._starts[index]

    def content_start(self, index: int) -> int:
        """The row of block ``index``'s first line that is not blank spacing."""
        start = self._starts[index]
        for i, spec in enumerate(self._lines[index]):
            if spec.kind != BLANK:
                return start + i
        return start

    def line_of_offset(self, index: int, offset: int) -> int:
        """The row of the line of block ``index`` holding character ``offset``."""
        start = self._starts[index]
        best = self.content_start(index)
        for i, spec in enumerate(self._lines[index]):
            if spec.kind in TEXT_KINDS and spec.start <= offset:
                best = start + i
        return best

    def line_at(self, y: int) -> tuple[int, LineSpec] | None:
        """The block index and line at row ``y``; None in the header or past the end."""
        if y < self.header or y >= self.total or not self._starts:
            return None
        b = bisect_right(self._starts, y) - 1
        return b, self._lines[b][y - self._starts[b]]

    def offset_at_row(self, index: int, y: int) -> int:
        """The offset of the first text line of block ``index`` at or below row ``y`` (0 above it)."""
        start = self._starts[index]
        if y <= start:
            return 0
        lines = self._lines[index]
        rel = y - start
        while rel < len(lines) and lines[rel].kind not in TEXT_KINDS:
            rel += 1
        return lines[rel].start if rel < len(lines) else 0

    def current_block(self, top: int, height: int, blocks: int) -> int:
        """The current block of a view of ``height`` rows from row ``top``.

        It is the first block with a line that is not blank spacing in the top quarter of
        the view, else the block at the top (the first block above all of them, the last
        one past the end).
        """
        if not blocks:
            return 0
        for y in range(top, min(top + max(1, height // 4), self.total)):
            found = self.line_at(y)
            if found is not None and found[1].kind != BLANK:
                return found[0]
        found = self.line_at(top)
        if found is None:
            return 0 if top < self.header else blocks - 1
        return found[0]

    def row_to_show(self, index: int, span_start: int | None, height: int) -> int:
        """The top row that shows block ``index``: its start, or the line of ``span_start``
        in the top quarter of a view of ``height`` rows when that line is further down."""
        y = self.content_start(index)
        if span_start is not None:
            line_y = self.line_of_offset(index, span_start)
            if line_y - y >= height // 2:
                y = max(y, line_y - height // 4)
        return y

    def blocks_in(self, top: int, height: int) -> list[int]:
        """Indexes of blocks with at least one line in rows ``top`` to ``top + height``."""
        seen: list[int] = []
        for y in range(top, min(top + height, self.total)):
            found = self.line_at(y)
            if found is not None and (not seen or seen[-1] != found[0]):
                seen.append(found[0])
        return seen
