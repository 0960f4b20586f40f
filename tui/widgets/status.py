"""The status line: current section, position in the document and reading time left."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.widgets.cells import sanitize, text_width


def minutes_label(words: int, wpm: int) -> str:
    """``"12 min left"``, ``"< 1 min left"`` or ``"end"`` for a word count."""
    if words <= 0:
        return "end"
    minutes = round(words / wpm)
    return "< 1 min left" if minutes < 1 else f"{minutes} min left"


class StatusLine(Widget):
    """One line at the bottom of the reader; the app sets its reactives."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    section: reactive[str] = reactive("")
    fraction: reactive[float] = reactive(0.0)
    time_left: reactive[str] = reactive("")
    hint: reactive[str] = reactive("? help")
    search_hit: reactive[str] = reactive("")  # "hit 3/17" after a search

    def render(self) -> Text:
        width = self.size.width
        right = f"{round(self.fraction * 100)}%"
        if self.search_hit:
            right = f"{self.search_hit} · {right}"
        if self.time_left:
            right += f" · {self.time_left}"
        right += f"  {self.hint} "
        section = " ".join(sanitize(self.section).split())
        room = max(0, width - text_width(right) - 2)
        left = Text(" ")
        label = Text(section, style="bold")
        label.truncate(room, overflow="ellipsis")
        left.append_text(label)
        gap = max(1, width - left.cell_len - text_width(right))
        return left + Text(" " * gap) + Text(right)
