"""The reading pane: layout (``layout``, ``wrap``), painting (``paint``) and the widget (``widget``)."""

from tui.widgets.article.layout import display_text, layout_block
from tui.widgets.article.widget import Article
from tui.widgets.article.words import WORDS_PER_MINUTE

__all__ = ["WORDS_PER_MINUTE", "Article", "display_text", "layout_block"]
