"""Links in the reading pane: a click or the f picker follows them; nothing is fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from tui.app import ReaderApp
from tui.model.document import Document
from tui.model.load import load_path
from tui.screens.links import LinkPicker, find_anchor, link_kind
from tui.widgets.article import Article

SIZE = (100, 30)

FILLER = "\n\n".join(f"Filler paragraph {i} keeps the next section off the first screen." for i in range(40))

MARKDOWN = f"""\
# Links

## First section

See [go](#second-section) for more, the [web page](https://example.com/page) or [the notes](notes/other.md).

{FILLER}

## Second section

The second section starts here.

{FILLER}
"""


@pytest.fixture
def links_doc(tmp_path: Path) -> Document:
    path = tmp_path / "links.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return load_path(path)


def heading_index(doc: Document, title: str) -> int:
    return next(b.index for b in doc.blocks if b.text == title)


def link_offset(article: Article, href: str) -> tuple[int, int]:
    """A widget offset that lies on the link to ``href`` as laid out now."""
    height = article.scrollable_content_region.height
    width = article.scrollable_content_region.width
    for y in range(height):
        for x in range(width):
            pos = article.position_at(x, y)
            if pos is not None and article.link_at(*pos) == href:
                return x, y
    raise AssertionError(f"link to {href} not on screen")


class Recorder:
    """Stands in for opening a browser."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: str, *, new_tab: bool = True) -> None:
        self.urls.append(url)


def record_notifications(app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the app shows as notifications from now on (they are still shown)."""
    messages: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs: object) -> None:
        messages.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", recording)
    return messages


async def start(pilot: Pilot[int]) -> Article:
    await pilot.pause()
    article = pilot.app.query_one(Article)
    assert article.scroll_y == 0
    return article


async def test_clicking_an_in_document_link_jumps_to_its_heading(links_doc: Document) -> None:
    target = heading_index(links_doc, "Second section")
    assert find_anchor(links_doc, "#second-section") is links_doc.blocks[target]
    app = ReaderApp(links_doc, show_outline=False)
    async with app.run_test(size=SIZE) as pilot:
        article = await start(pilot)
        assert target not in list(article.iter_visible_blocks())
        x, y = link_offset(article, "#second-section")
        assert await pilot.click(Article, offset=(x, y))
        await pilot.pause()
        assert article.current_block == target
        assert article.scroll_y > 0
        assert next(iter(article.iter_visible_blocks())) == target  # the heading is at the top


async def test_clicking_beside_a_link_does_nothing(links_doc: Document) -> None:
    app = ReaderApp(links_doc, show_outline=False)
    async with app.run_test(size=SIZE) as pilot:
        article = await start(pilot)
        x, y = link_offset(article, "#second-section")
        assert await pilot.click(Article, offset=(x - 5, y))  # on "See"
        await pilot.pause()
        assert article.scroll_y == 0


async def test_f_picks_a_link_of_the_current_paragraph(links_doc: Document) -> None:
    target = heading_index(links_doc, "Second section")
    app = ReaderApp(links_doc, show_outline=False)
    async with app.run_test(size=SIZE) as pilot:
        article = await start(pilot)
        paragraph = next(b.index for b in links_doc.blocks if b.inlines)
        article.scroll_to_block(paragraph)
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        assert [link.href for link in app.screen.links] == [
            "#second-section",
            "https://example.com/page",
            "notes/other.md",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert article.current_block == target


async def test_web_links_open_in_the_browser_and_file_links_are_not_followed(
    links_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = ReaderApp(links_doc, show_outline=False)
    opened = Recorder()
    monkeypatch.setattr(app, "open_url", opened)
    notes = record_notifications(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        article = await start(pilot)
        assert await pilot.click(Article, offset=link_offset(article, "https://example.com/page"))
        await pilot.pause()
        assert opened.urls == ["https://example.com/page"]
        assert any("https://example.com/page" in n for n in notes)
        assert await pilot.click(Article, offset=link_offset(article, "notes/other.md"))
        await pilot.pause()
        assert opened.urls == ["https://example.com/page"]
        assert any("not followed" in n for n in notes)
        assert article.scroll_y == 0
        # Through the picker: Esc closes it without following anything.
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert opened.urls == ["https://example.com/page"]


async def test_f_without_links_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = ReaderApp(load_path(None))
    notes = record_notifications(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert any("No links" in n for n in notes)


def test_link_kinds() -> None:
    assert link_kind("#intro") == "anchor"
    assert link_kind("https://example.com") == "web"
    assert link_kind("mailto:someone@example.com") == "web"
    assert link_kind("../README.md") == "file"
    assert link_kind("file:///etc/passwd") == "file"
    assert link_kind("javascript:alert(1)") == "file"


def terminal_mouse(kind: type[events.MouseEvent], article: Article, x: int, y: int) -> events.MouseEvent:
    """A mouse event as the terminal driver sends it (screen coordinates, left button)."""
    sx, sy = article.region.x + x, article.region.y + y
    return kind(None, sx, sy, 0, 0, 1, False, False, False, screen_x=sx, screen_y=sy)


async def test_the_end_of_a_drag_over_a_link_does_not_follow_it(links_doc: Document) -> None:
    app = ReaderApp(links_doc, show_outline=False)
    async with app.run_test(size=SIZE) as pilot:
        article = await start(pilot)
        x, y = link_offset(article, "#second-section")
        # Through the app, as from a terminal: a release over the pane where the press
        # happened makes Textual send a Click as well.
        for kind, at in ((events.MouseDown, x - 4), (events.MouseMove, x + 1), (events.MouseUp, x + 1)):
            await app.on_event(terminal_mouse(kind, article, at, y))
            await pilot.pause()
        assert article.selection is not None  # text was selected ...
        assert article.scroll_y == 0  # ... and the link under the pointer was not followed
        # The same press and release without moving is a click on the link.
        for kind in (events.MouseDown, events.MouseUp):
            await app.on_event(terminal_mouse(kind, article, x, y))
            await pilot.pause()
        assert article.scroll_y > 0
