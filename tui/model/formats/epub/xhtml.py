"""One spine document (XHTML) as block specs, with the block each element id lands in.

The body goes through the HTML converter of :mod:`tui.model.formats.html` as a whole (a
spine document is all content: no readability extraction, no chrome removal). Before that
the tree is prepared for a book:

- footnotes (``epub:type="footnote"``, ``role="doc-footnote"``) are moved to the end of
  their chapter, where the reference ``[1]`` leads (``f`` follows it);
- ruby keeps its base text, with the reading after it in brackets: 漢字（かんじ）;
- an image becomes the text ``[image: alt text]``;
- links into the book (``ch02.xhtml#sec3``) become ``#`` + the archive path and fragment,
  which :attr:`Document.targets` resolves to a block;
- page-break markers lose their page-number text (their id stays a link target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from tui.model.document import BlockSpec
from tui.model.formats.epub.toc import target_key
from tui.model.formats.epub.xmlsafe import parse_xml
from tui.model.formats.html import HtmlConverter

_NOTE_TYPES = frozenset({"footnote", "note"})
_CJK_START = 0x2E80


@dataclass(slots=True)
class ItemBlocks:
    """The blocks of one spine document and, per element id, the index of its block."""

    path: str
    specs: list[BlockSpec] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    problem: str = ""  # why the document could not be read ("" when it was)


def _types(el: etree._Element) -> set[str]:
    types = set((el.get("epub-type") or "").split())
    role = el.get("role") or ""
    if role.startswith("doc-"):
        types.add(role[4:])
    return types


class _BookConverter(HtmlConverter):
    """The HTML converter, noting which block each element id falls into."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, int] = {}

    def node(self, el: etree._Element) -> None:
        ident = el.get("id") if isinstance(el.tag, str) else None
        if ident:
            self.ids.setdefault(ident, len(self.specs))
        super().node(el)

    def list_item(self, el: etree._Element, marker: str, level: int) -> None:
        ident = el.get("id")
        if ident:
            self.ids.setdefault(ident, len(self.specs))
        super().list_item(el, marker, level)


def _detach(el: etree._Element) -> None:
    """Remove ``el`` from its parent, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    el.tail = None
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _replace_with_text(el: etree._Element, text: str) -> None:
    """Put ``text`` where ``el`` was (``el`` itself goes)."""
    el.tail = text + (el.tail or "")
    _detach(el)


def _ruby(el: etree._Element) -> None:
    readings = []
    for rt in list(el.iter("rt", "rp")):
        if rt.tag == "rt":
            readings.append("".join(rt.itertext()).strip())
        _detach(rt)
    reading = "".join(r for r in readings if r)
    if not reading:
        return
    base = "".join(el.itertext())
    wide = any(ord(c) >= _CJK_START for c in base)
    mark = f"（{reading}）" if wide else f" ({reading})"
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + mark
    else:
        el.text = (el.text or "") + mark


_MATRIX_Y = re.compile(r"matrix\(\s*(?:[-\d.eE]+[\s,]+){5}([-\d.eE]+)\s*\)")


def _number(value: str | None) -> float:
    try:
        return float((value or "0").split(",")[0].split()[0])
    except (ValueError, IndexError):
        return 0.0


def _svg_pieces(text_el: etree._Element) -> list[tuple[float, str]]:
    """The pieces of an SVG ``<text>`` with the baseline each is set on."""
    m = _MATRIX_Y.search(text_el.get("transform") or "")
    base = float(m.group(1)) if m else 0.0
    base += _number(text_el.get("y"))
    spans = [t for t in text_el.iter("tspan") if t.text]
    if not spans:
        return [(base, "".join(text_el.itertext()))]
    return [(base + _number(t.get("y")), t.text or "") for t in spans]


def _svg(el: etree._Element) -> None:
    """An SVG picture as its text (fixed-layout pages set their words in SVG) and its images.

    Pieces set on the same baseline make one line; a line that ends in a space runs on into
    the next (a hyphen between letters is dropped), one that does not ends a paragraph.
    """
    lines: list[list] = []  # [baseline, text]
    images = 0
    for node in el.iter("text", "image"):
        if node.tag == "image":
            images += 1
            continue
        for y, piece in _svg_pieces(node):
            if lines and abs(lines[-1][0] - y) < 0.5:
                lines[-1][1] += piece
            else:
                lines.append([y, piece])
    paragraphs: list[str] = []
    current = ""
    for _, line in lines:
        if current.endswith("-") and current[-2:-1].isalpha():
            if line[:1].islower():
                current = current[:-1]
        elif current and not current.endswith(" "):
            paragraphs.append(current)
            current = ""
        current += line
    if current.strip():
        paragraphs.append(current)
    parent = el.getparent()
    if parent is None:
        return
    div = etree.SubElement(parent, "div")
    el.addnext(div)
    for text in ["[image]"] * images + paragraphs:
        if text.strip():
            etree.SubElement(div, "p").text = text
    _detach(el)


def _alternative(el: etree._Element) -> bool:
    """An ``epub:case`` of a switch (its ``epub:default`` is read) or a MathML annotation."""
    parent = el.getparent()
    return el.tag != "case" or (parent is not None and parent.tag == "switch")


def prepare(body: etree._Element, path: str) -> None:
    """Make the tree of a spine document ready for the HTML converter (see the module doc)."""
    notes: list[etree._Element] = []
    rubies: list[etree._Element] = []
    images: list[etree._Element] = []
    breaks: list[etree._Element] = []
    for el in [e for e in body.iter("case", "annotation", "annotation-xml") if _alternative(e)]:
        _detach(el)
    svgs = [el for el in body.iter("svg") if not any(a.tag == "svg" for a in el.iterancestors())]
    for el in svgs:
        _svg(el)
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "a":
            href = el.get("href")
            if href and ":" not in href.split("/", 1)[0]:
                key = target_key(path, href)
                if key:
                    el.set("href", "#" + key)
        elif tag == "nav":  # a contents page inside the text is text (the HTML converter drops nav)
            el.tag = "div"
        elif tag == "ruby":
            rubies.append(el)
        elif tag == "img":
            images.append(el)
        types = _types(el)
        if types:
            if types & _NOTE_TYPES and el is not body:
                notes.append(el)
            elif "pagebreak" in types:
                breaks.append(el)
    for el in breaks:
        el.text = None
        for child in list(el):
            _detach(child)
    for el in rubies:
        _ruby(el)
    for img in images:
        alt = " ".join((img.get("alt") or "").split())
        _replace_with_text(img, f"[image: {alt}]" if alt else "[image]")
    outer = [n for n in notes if not any(a in notes for a in n.iterancestors())]
    for note in outer:
        _detach(note)
        note.tag = "div"
        body.append(note)


def convert_item(data: bytes, path: str) -> ItemBlocks:
    """The blocks of the spine document ``path`` whose bytes are ``data``."""
    out = ItemBlocks(path)
    root = parse_xml(data, xhtml=True)
    if root is None:
        out.problem = f"{path}: not well-formed XHTML"
        return out
    body = next(root.iter("body"), None)
    if body is None:
        body = root
    prepare(body, path)
    conv = _BookConverter()
    out.specs = conv.convert(body)
    out.ids = conv.ids
    n = len(out.specs)
    # Ids the converter did not pass by (inside tables, code, dropped elements) belong to the
    # block of the nearest id before them.
    last = 0
    for el in body.iter():
        ident = el.get("id") if isinstance(el.tag, str) else None
        if not ident:
            continue
        if ident in out.ids:
            last = out.ids[ident]
        else:
            out.ids[ident] = last
    for ident, i in out.ids.items():
        if i >= n:
            out.ids[ident] = max(n - 1, 0)
    return out
