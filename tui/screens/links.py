"""Links in the document: where they lead, and a small picker to follow one from the keyboard."""

from __future__ import annotations

from typing import ClassVar, NamedTuple
from urllib.parse import unquote, urlsplit

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.model.document import Block, BlockKind, Document, InlineStyle, slugify
from tui.widgets.cells import sanitize

WEB_SCHEMES = frozenset({"http", "https", "mailto", "ftp", "ftps"})
_KIND_NOTES = {"anchor": "section of this document", "web": "opens in the browser", "file": "not followed"}


class Link(NamedTuple):
    """A link of a block: the words it covers and where it leads."""

    text: str
    href: str
    block: int


def block_links(block: Block) -> list[Link]:
    """The links of ``block`` in reading order (one entry per distinct target and text)."""
    seen: set[tuple[str, str]] = set()
    links: list[Link] = []
    for inline in block.inlines:
        if inline.style is not InlineStyle.LINK or not inline.href:
            continue
        text = " ".join(sanitize(block.text[inline.start : inline.end]).split())
        if (text, inline.href) not in seen:
            seen.add((text, inline.href))
            links.append(Link(text, inline.href, block.index))
    return links


def link_kind(href: str) -> str:
    """``"anchor"`` (a heading of this document), ``"web"`` (opened in the browser) or ``"file"``."""
    href = href.strip()
    if href.startswith("#"):
        return "anchor"
    scheme = urlsplit(href).scheme.lower()
    if scheme in WEB_SCHEMES:
        return "web"
    return "file"


def find_anchor(document: Document, href: str) -> Block | None:
    """The heading an in-document link (``#section``) points to, or None.

    Tries the anchor as written, then percent-decoded, then case-insensitively, then as
    the slug of the words (so ``#Second Section`` finds ``second-section``).
    """
    fragment = href.strip().lstrip("#")
    if not fragment:
        return None
    target = document.target(fragment)  # a book's link to a file or to an id inside one
    if target is not None:
        return document.blocks[target]
    candidates = [fragment, unquote(fragment)]
    headings = [b for b in document.blocks if b.anchor]
    for wanted in candidates:
        for block in headings:
            if block.anchor == wanted:
                return block
    for wanted in candidates:
        folded = wanted.casefold()
        for block in headings:
            if block.anchor.casefold() == folded:
                return block
    slug = slugify(unquote(fragment))
    for block in headings:
        if block.anchor == slug or (block.kind is BlockKind.HEADING and slugify(block.text) == slug):
            return block
    return None


class LinkPicker(ModalScreen[str | None]):
    """Pick one of a few links; dismisses with its href (or None on Esc)."""

    HELP_TITLE = "Links"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close without following", id="links.close"),
    ]

    DEFAULT_CSS = """
    LinkPicker {
        align: center middle;
    }
    LinkPicker > Vertical {
        width: 80;
        max-width: 95%;
        height: auto;
        max-height: 80%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    LinkPicker #links-title {
        text-style: bold;
        margin-bottom: 1;
    }
    LinkPicker OptionList, LinkPicker OptionList:focus {
        height: auto;
        max-height: 20;
        border: none;
        background: $surface;
    }
    """

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Follow a link (Enter), Esc to close", id="links-title")
            yield OptionList(*(Option(self._prompt(link)) for link in self.links), id="links-list")

    @staticmethod
    def _prompt(link: Link) -> Text:
        text = Text(link.text or link.href, style=Style(bold=True))
        target = sanitize(link.href).replace("\n", " ")
        kind = link_kind(link.href)
        note = _KIND_NOTES[kind]
        text.append("\n")
        text.append(target, style=Style(dim=True))
        text.append(f"  ({note})", style=Style(dim=True, italic=True))
        return text

    def on_mount(self) -> None:
        options = self.query_one("#links-list", OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#links-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index].href)

    def action_close(self) -> None:
        """Close without following a link."""
        self.dismiss(None)
