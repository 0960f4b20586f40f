"""Helpers for reader UI tests: building documents and reading what is on screen."""

from __future__ import annotations

from datetime import date

from tui.app import ReaderApp
from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.widgets.article import Article
from tui.widgets.status import StatusLine


def make_doc(specs: list[BlockSpec], title: str = "A Test Document", source: str = "test.txt") -> Document:
    """A document from block specs, with a little metadata."""
    meta = Metadata(title=title, author="Ada Writer", date=date(2024, 1, 2), source=source)
    return build_document(specs, meta)


def sectioned_doc(sections: int = 4, paragraphs: int = 12, source: str = "sections.txt") -> Document:
    """Numbered sections, each with several long paragraphs."""
    specs: list[BlockSpec] = [BlockSpec(BlockKind.PARAGRAPH, "Opening words before any section.")]
    for s in range(1, sections + 1):
        specs.append(BlockSpec(BlockKind.HEADING, f"Section {s}", level=1))
        for p in range(1, paragraphs + 1):
            specs.append(
                BlockSpec(
                    BlockKind.PARAGRAPH,
                    f"Paragraph {s}.{p} says something worth reading. " * 4,
                )
            )
    return make_doc(specs, source=source)


def article_lines(app: ReaderApp) -> list[str]:
    """The text of every line of the reading pane as it is drawn now."""
    article = app.query_one(Article)
    height = article.scrollable_content_region.height
    return [article.render_line(y).text for y in range(height)]


def screen_text(app: ReaderApp) -> str:
    """Reading pane and status line text, joined by newlines."""
    status = app.query_one(StatusLine).render().plain
    return "\n".join([*article_lines(app), status])
