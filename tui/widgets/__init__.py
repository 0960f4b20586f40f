"""Widgets of the reader: the reading pane, the outline and the status line."""

from tui.widgets.article import Article
from tui.widgets.outline import Outline
from tui.widgets.status import StatusLine

__all__ = ["Article", "Outline", "StatusLine"]
