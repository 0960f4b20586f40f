"""HTML: the main content of a saved web page or documentation page as document blocks.

The page's main container is chosen first from its own markup (``<main>``, ``[role=main]``,
a single ``<article>``, the usual documentation-theme bodies); when a page has none, the
readability-lxml extractor finds the content. Either way the *structure* of the content is
converted (headings, paragraphs, lists, code, tables, figures, definition lists), never a flat
string. Navigation, sidebars, forms, scripts, styles and permalink marks (``¶``) are dropped.
Nothing is fetched: images keep their ``src`` as written.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace

import lxml.html
from lxml import etree

from tui.model.document import (
    BlockKind,
    BlockSpec,
    Document,
    Inline,
    InlineStyle,
    Metadata,
    build_document,
    shift_inlines,
)
from tui.model.formats.html_limits import parse_fragment, parse_page
from tui.model.text import parse_date

# Never content, wherever they are.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "iframe",
        "svg",
        "canvas",
        "object",
        "embed",
        "head",
        "title",
        "meta",
        "link",
        "nav",
    }
)
# Page chrome: dropped when the content is taken from the whole body.
_CHROME_TAGS = frozenset({"header", "footer", "aside", "nav"})
_CHROME_CLASS = re.compile(
    r"\b(?:sidebar|sphinxsidebar|related|navbar|nav|navigation|menu|breadcrumbs?|footer|header|"
    r"toc|skip-link|share|social|cookie|banner|advert|ads)\b",
    re.I,
)
_PERMALINK_CLASS = re.compile(r"\b(?:headerlink|anchor|anchorjs-link|permalink|header-anchor)\b", re.I)

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that break the flow of inline text (everything else is inline).
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "body",
        "html",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "pre",
        "blockquote",
        "table",
        "figure",
        "figcaption",
        "hr",
        "details",
        "summary",
        "address",
        "center",
        "fieldset",
        "caption",
        *(_HEADINGS),
    }
)
_INLINE_STYLES = {
    "em": InlineStyle.EMPHASIS,
    "i": InlineStyle.EMPHASIS,
    "cite": InlineStyle.EMPHASIS,
    "var": InlineStyle.EMPHASIS,
    "strong": InlineStyle.STRONG,
    "b": InlineStyle.STRONG,
    "code": InlineStyle.CODE,
    "kbd": InlineStyle.CODE,
    "samp": InlineStyle.CODE,
    "tt": InlineStyle.CODE,
    "s": InlineStyle.STRIKE,
    "del": InlineStyle.STRIKE,
    "strike": InlineStyle.STRIKE,
}
_LANG_CLASS = re.compile(r"\b(?:language|lang|highlight|sourceCode|brush:?)-?\s*([A-Za-z0-9_+#.-]+)")
_NO_LANG = {"default", "none", "text", "plain", "plaintext", "nohighlight", "notranslate", "sourcecode"}
_WS = re.compile(r"\s+")
_NOTE_LABEL = re.compile(r"^\[?(?:\d{1,3}|[*†‡])\]?$")
_NUMBERED = re.compile(r"^((?:\d+|[A-Z])(?:\.\d+)*)\.?\s+\S")


def _collapse(text: str) -> str:
    """``text`` with each whitespace run as one space (str.split is much faster than a regex)."""
    if not text[0].isspace() and not text[-1].isspace():
        return text if text.isprintable() and "  " not in text else " ".join(text.split())
    inner = " ".join(text.split())
    if not inner:
        return " "
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


def _classes(el: etree._Element) -> str:
    return el.get("class") or ""


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def code_lang(el: etree._Element) -> str:
    """The highlighting language of a ``<pre>`` from its own, its child's or its parents' classes."""
    candidates: list[etree._Element] = [el]
    code = next((c for c in el if _tag(c) == "code"), None)
    if code is not None:
        candidates.insert(0, code)
    parent = el.getparent()
    for _ in range(2):
        if parent is None:
            break
        candidates.append(parent)
        parent = parent.getparent()
    for c in candidates:
        lang = c.get("data-lang") or ""
        if not lang:
            m = _LANG_CLASS.search(_classes(c))
            lang = m.group(1) if m else ""
        if lang and lang.lower() not in _NO_LANG:
            return lang.lower()
    return ""


class _Flow:
    """Inline text being collected for one block, with whitespace collapsed as HTML does."""

    __slots__ = ("inlines", "open", "parts", "size", "space")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.space = True  # the text ends in whitespace (or is empty): drop leading spaces
        self.inlines: list[Inline] = []
        self.open: list[tuple[int, InlineStyle, str]] = []

    def add(self, text: str) -> None:
        if not text:
            return
        text = _collapse(text)
        if self.space and text.startswith(" "):
            text = text[1:]
        if not text:
            return
        self.parts.append(text)
        self.size += len(text)
        self.space = text.endswith(" ")

    def newline(self) -> None:
        if not self.parts:
            return
        if self.space and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.size -= 1
        if self.parts and self.parts[-1].endswith("\n"):
            return
        self.parts.append("\n")
        self.size += 1
        self.space = True

    def push(self, style: InlineStyle, href: str = "") -> None:
        self.open.append((self.size, style, href))

    def pop(self) -> None:
        start, style, href = self.open.pop()
        if self.size > start:
            self.inlines.append(Inline(start, self.size, style, href))

    def take(self) -> tuple[str, tuple[Inline, ...]]:
        """The collected text (stripped) and its spans; the flow is emptied."""
        raw = "".join(self.parts)
        text = raw.rstrip()
        lead = len(raw) - len(raw.lstrip())
        text = text[lead:] if lead else text
        spans = sorted(shift_inlines(self.inlines, -lead, len(text)), key=lambda sp: (sp.start, -sp.end))
        # Styles still open continue into the next block.
        self.parts, self.size, self.space, self.inlines = [], 0, True, []
        self.open = [(0, style, href) for _, style, href in self.open]
        return text, tuple(spans)


class HtmlConverter:
    """Turns an HTML element tree into block specs (see :func:`html_to_specs`)."""

    def __init__(self, refs: dict[str, int] | None = None) -> None:
        self.refs = refs or {}  # how often the page links to each #fragment
        self.specs: list[BlockSpec] = []
        self.flow = _Flow()
        # The kind of block the flowing text becomes: (kind, level, marker); the marker is
        # used by the first block of a list item only.
        self.context: list[list] = [[BlockKind.PARAGRAPH, 0, ""]]
        self.list_depth = 0
        self.quote_depth = 0
        self.prefix = ""  # text put before the next block written (a footnote's label)

    # ------------------------------------------------------------------ output

    def flush(self) -> None:
        """End the current block of flowing text, if it has any."""
        text, spans = self.flow.take()
        if text.endswith("¶"):
            text = text.rstrip("¶").rstrip()
            spans = shift_inlines(spans, 0, len(text))
        if not text:
            return
        if self.prefix:
            spans = shift_inlines(spans, len(self.prefix))
            text = self.prefix + text
            self.prefix = ""
        kind, level, marker = self.context[-1]
        if kind is BlockKind.HEADING:
            m = _NUMBERED.match(text)
            self.specs.append(
                BlockSpec(
                    BlockKind.HEADING,
                    text,
                    level=level,
                    number=m.group(1) if m else "",
                    anchor=marker,
                    inlines=spans,
                )
            )
            return
        self.specs.append(BlockSpec(kind, text, level=level, marker=marker, inlines=spans))
        if kind is BlockKind.LIST_ITEM:
            self.context[-1][2] = ""

    # ------------------------------------------------------------------ walking

    def convert(self, root: etree._Element) -> list[BlockSpec]:
        """Convert ``root`` (and its children) to block specs."""
        self.block(root)
        self.flush()
        return self.specs

    def children(self, el: etree._Element) -> None:
        self.flow.add(el.text or "")
        for child in el:
            self.node(child)
            self.flow.add(child.tail or "")

    def node(self, el: etree._Element) -> None:
        tag = _tag(el)
        if not tag or tag in _DROP_TAGS:
            return  # comments, processing instructions, scripts, forms ...
        if tag in _BLOCKS:
            self.block(el)
        else:
            self.inline(el, tag)

    def inline(self, el: etree._Element, tag: str) -> None:
        if tag == "br":
            self.flow.newline()
            return
        if tag == "img":
            alt = (el.get("alt") or "").strip()
            if alt:
                self.flow.add(alt)
            return
        if tag == "a":
            if _PERMALINK_CLASS.search(_classes(el)):
                return
            href = el.get("href") or ""
            txt = el.text_content().strip()
            if txt in ("¶", "#", "§", "🔗") and href.startswith("#"):
                return
            if href.startswith("#") and _NOTE_LABEL.match(txt):
                # A footnote reference: "[1]" reads better than a bare number glued to a word.
                self.flow.push(InlineStyle.LINK, href)
                self.flow.add(f"[{txt.strip('[]')}]")
                self.flow.pop()
                return
            if href:
                self.flow.push(InlineStyle.LINK, href)
                self.children(el)
                self.flow.pop()
                return
        style = _INLINE_STYLES.get(tag)
        if style is None:
            self.children(el)
            return
        self.flow.push(style)
        self.children(el)
        self.flow.pop()

    def block(self, el: etree._Element) -> None:
        tag = _tag(el)
        if tag in _HEADINGS:
            self.flush()
            # For headings the third field is the anchor, not a marker.
            self.context.append([BlockKind.HEADING, _HEADINGS[tag], self.heading_anchor(el)])
            self.children(el)
            self.flush()
            self.context.pop()
        elif tag in ("ul", "ol"):
            self.list_block(el, ordered=tag == "ol")
        elif tag == "li":  # a stray item outside a list
            self.list_item(el, "•", max(self.list_depth, 1))
        elif tag == "pre":
            self.flush()
            self.pre(el)
        elif tag == "blockquote":
            self.flush()
            self.quote_depth += 1
            self.context.append([BlockKind.QUOTE, self.quote_depth, ""])
            self.children(el)
            self.flush()
            self.context.pop()
            self.quote_depth -= 1
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag == "figure":
            self.flush()
            self.figure(el)
        elif tag == "hr":
            self.flush()
            self.specs.append(BlockSpec(BlockKind.RULE, ""))
        elif tag == "dl":
            self.flush()
            self.definition_list(el)
        elif tag in ("p", "summary", "figcaption", "caption", "dt", "dd") and (
            (img := self._only_image(el)) is not None
        ):
            self.flush()
            self.image_figure(img)
        else:
            # p, div, section ...: a boundary; inside a list item or a quote the text of
            # several paragraphs stays in one block, a line apart.
            kind = self.context[-1][0]
            joined = kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE)
            if joined:
                self.flow.newline()
            else:
                self.flush()
            self.children(el)
            if joined:
                self.flow.newline()
            else:
                self.flush()

    def heading_anchor(self, el: etree._Element) -> str:
        """The id that in-page links use for this heading (its own, a mark before it, its section's)."""
        candidates = []
        if el.get("id"):
            candidates.append(el.get("id"))
        prev = el.getprevious()
        while prev is not None and not _WS.sub("", prev.text_content() if _tag(prev) else ""):
            if prev.get("id"):
                candidates.append(prev.get("id"))
            prev = prev.getprevious()
        parent = el.getparent()
        if (
            prev is None
            and parent is not None
            and parent.get("id")
            and (_tag(parent) == "section" or "section" in _classes(parent).split())
        ):
            candidates.append(parent.get("id"))
        if not candidates:
            return ""
        return max(candidates, key=lambda c: (self.refs.get(c, 0), -candidates.index(c)))

    # ------------------------------------------------------------------ block kinds

    def list_block(self, el: etree._Element, ordered: bool) -> None:
        self.flush()
        self.list_depth += 1
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        for child in el:
            if _tag(child) == "li":
                if ordered:
                    value = child.get("value") or ""
                    number = int(value) if value.isdigit() else number
                marker = f"{number}." if ordered else "•"
                number += 1
                self.list_item(child, marker, self.list_depth)
            else:
                self.node(child)
        self.list_depth -= 1

    def list_item(self, el: etree._Element, marker: str, level: int) -> None:
        self.flush()
        self.context.append([BlockKind.LIST_ITEM, level, marker])
        self.children(el)
        self.flush()
        self.context.pop()

    def pre(self, el: etree._Element) -> None:
        text = el.text_content()
        if text.startswith("\n"):
            text = text[1:]
        text = text.rstrip()
        if text:
            self.specs.append(BlockSpec(BlockKind.CODE, text, lang=code_lang(el)))

    def table(self, el: etree._Element) -> None:
        rows: list[tuple[str, ...]] = []
        caption = ""
        for node in el.iter():
            tag = _tag(node)
            if tag == "caption":
                caption = _WS.sub(" ", node.text_content()).strip()
            elif tag == "tr":
                # Only this table's own cells, not those of a table nested in a cell.
                owner = next((a for a in node.iterancestors() if _tag(a) == "table"), None)
                if owner is not el:
                    continue
                cells = [_WS.sub(" ", c.text_content()).strip() for c in node if _tag(c) in ("td", "th")]
                if any(cells):
                    rows.append(tuple(cells))
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        text = "\n".join("\t".join(r) for r in rows)
        if caption:
            self.specs.append(BlockSpec(BlockKind.PARAGRAPH, caption))
        self.specs.append(BlockSpec(BlockKind.TABLE, text, rows=tuple(rows)))

    @staticmethod
    def _only_image(el: etree._Element) -> etree._Element | None:
        """The one image that is all this element holds (possibly inside a link), else None."""
        if (el.text or "").strip():
            return None
        kids = list(el)
        if len(kids) != 1 or (kids[0].tail or "").strip():
            return None
        kid = kids[0]
        if _tag(kid) == "img":
            return kid
        if _tag(kid) == "a" and not (kid.text or "").strip():
            inner = list(kid)
            if len(inner) == 1 and _tag(inner[0]) == "img" and not (inner[0].tail or "").strip():
                return inner[0]
        return None

    def image_figure(self, img: etree._Element, caption: str = "") -> None:
        alt = _WS.sub(" ", img.get("alt") or "").strip()
        src = img.get("src") or img.get("data-src") or ""
        self.specs.append(BlockSpec(BlockKind.FIGURE, caption or alt, src=src, alt=alt))

    def figure(self, el: etree._Element) -> None:
        img = next((n for n in el.iter("img")), None)
        cap = next((n for n in el.iter("figcaption")), None)
        if img is None:
            self.children(el)
            self.flush()
            return
        caption = _WS.sub(" ", cap.text_content()).strip() if cap is not None else ""
        self.image_figure(img, caption)

    def definition_list(self, el: etree._Element) -> None:
        label = ""  # a footnote number given as the term: it prefixes the definition
        for child in el:
            tag = _tag(child)
            if tag == "dt":
                self.flush()
                term = _WS.sub(" ", child.text_content()).strip()
                if _NOTE_LABEL.match(term):
                    label = term.strip("[]")
                    continue
                label = ""
                self.flow.push(InlineStyle.STRONG)
                self.children(child)
                self.flow.pop()
                self.flush()
            elif tag == "dd":
                self.flush()
                self.context.append([BlockKind.PARAGRAPH, 0 if label else 1, ""])
                if label:
                    self.prefix = f"[{label}] "
                    label = ""
                self.children(child)
                self.flush()
                self.prefix = ""
                self.context.pop()
            else:
                self.node(child)
        self.flush()


def html_to_specs(root: etree._Element, refs: dict[str, int] | None = None) -> list[BlockSpec]:
    """Block specs for an element tree that holds only content (chrome already removed).

    ``refs`` counts the page's links to each ``#fragment``; a heading's anchor is the id that
    those links use.
    """
    return HtmlConverter(refs).convert(root)


def fragment_specs(html: str) -> list[BlockSpec]:
    """Block specs for a fragment of HTML (e.g. a raw HTML block inside Markdown)."""
    if not html.strip():
        return []
    try:
        root = parse_fragment(html)
    except (etree.ParserError, ValueError):
        return []
    return html_to_specs(root)


# --------------------------------------------------------------------------- page level


def _is_chrome(el: etree._Element) -> bool:
    tag = _tag(el)
    if tag in _CHROME_TAGS:
        return True
    role = (el.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "search", "complementary"):
        return True
    if tag in ("div", "ul", "section", "table") and _CHROME_CLASS.search(
        f"{_classes(el)} {el.get('id') or ''}"
    ):
        return True
    return el.get("hidden") is not None or el.get("aria-hidden") == "true"


def _strip(root: etree._Element, chrome: bool) -> None:
    """Remove never-content elements (and page chrome when ``chrome``) in place."""
    doomed = []
    for el in root.iter():
        tag = _tag(el)
        if not tag:
            if isinstance(el, etree._Comment | etree._ProcessingInstruction):
                doomed.append(el)
            continue
        if tag in _DROP_TAGS or (chrome and el is not root and _is_chrome(el)):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the text that follows the removed element.
        tail = el.tail
        prev = el.getprevious()
        parent.remove(el)
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _text_len(el: etree._Element) -> int:
    return len(_WS.sub("", el.text_content()))


def main_container(body: etree._Element) -> etree._Element | None:
    """The element that the page itself marks as its main content, if any and substantial."""
    total = _text_len(body)
    queries = (
        "//main",
        "//*[@role='main']",
        "//article",
        "//*[@itemprop='articleBody']",
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' body ')]",
        "//div[contains(concat(' ', normalize-space(@class), ' '), ' document ')]",
        "//*[@id='content' or @id='main-content' or @id='main' or @class='content']",
    )
    for q in queries:
        found = body.xpath(q)
        if not found:
            continue
        if q == "//article" and len(found) > 1:
            continue  # a listing of several articles: let the extractor decide
        el = found[0]
        size = _text_len(el)
        if size >= 40 and size >= 0.25 * total:
            return el
    return None


def extract_content(page: etree._Element, guess: bool = True) -> etree._Element:
    """The main content of a parsed page, chrome removed.

    Without ``guess`` a page that does not mark its main content gives its whole body (the
    extractor's guess is for pages with a structure to judge by).
    """
    body = page.find(".//body")
    if body is None:
        body = page
    _strip(body, chrome=False)
    main = main_container(body)
    if main is not None:
        _strip(main, chrome=True)
        return main
    if not guess:
        _strip(body, chrome=True)
        return body
    total = _text_len(body)
    try:
        from readability import Document as Readable

        # Its failures are handled below; its log lines must not reach the terminal.
        quiet = logging.getLogger("readability")
        if not quiet.handlers:
            quiet.addHandler(logging.NullHandler())
            quiet.propagate = False
        summary = Readable(etree.tostring(body, encoding="unicode")).summary(html_partial=True)
        extracted = lxml.html.fromstring(summary)
    except Exception:  # the extractor gives up on odd pages: fall back to the whole body
        extracted = None
    if extracted is not None and _text_len(extracted) >= min(0.2 * total, 200):
        _strip(extracted, chrome=True)
        return extracted
    _strip(body, chrome=True)
    return body


# --------------------------------------------------------------------------- metadata

_TITLE_SEP = re.compile(r"\s+(?:[|—–·»:]|-{1,2})\s+")


def _meta(page: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in page.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = content
    return out


def _json_ld(page: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in page.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(s.text or "")
        except ValueError:
            continue
        items = (
            data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        )
        for item in items:
            if not isinstance(item, dict):
                continue
            for key in ("headline", "datePublished", "dateCreated"):
                if isinstance(item.get(key), str):
                    out.setdefault(key, item[key])
            author = item.get("author")
            if isinstance(author, list) and author:
                author = author[0]
            if isinstance(author, dict):
                author = author.get("name")
            if isinstance(author, str):
                out.setdefault("author", author)
    return out


def page_metadata(page: etree._Element) -> Metadata:
    """Title, author and date from a page's head (meta tags, JSON-LD, <title>, <time>)."""
    meta = _meta(page)
    ld = _json_ld(page)
    title = meta.get("og:title") or ld.get("headline") or ""
    author = ""
    for key in ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "byl"):
        value = meta.get(key, "")
        if value and not value.startswith(("http://", "https://")):
            author = value
            break
    author = author or ld.get("author", "")
    when = None
    for key in (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.date",
        "citation_publication_date",
        "pubdate",
        "publish-date",
    ):
        when = parse_date(meta.get(key, ""))
        if when:
            break
    if when is None:
        when = parse_date(ld.get("datePublished", "") or ld.get("dateCreated", ""))
    if when is None:
        t = next(iter(page.xpath("//time[@datetime]")), None)
        if t is not None:
            when = parse_date(t.get("datetime") or "")
    return Metadata(title=title, author=author, date=when, format="html")


def drop_title_heading(specs: list[BlockSpec], title: str) -> list[BlockSpec]:
    """Without the first block when it is a level-1 heading equal to the document title.

    The reader shows the metadata title in its own title block; keeping the same heading as
    the first block would show it twice.
    """
    first = specs[0] if specs else None
    if first is not None and first.kind is BlockKind.HEADING and first.level == 1 and first.text == title:
        return specs[1:]
    return specs


def parse_html(text: str) -> Document:
    """Parse an HTML page (or fragment) into a Document of its main content."""
    if not text.strip():
        return build_document([], Metadata(format="html"))
    try:
        page, flattened = parse_page(text)
    except (etree.ParserError, ValueError):
        return build_document([], Metadata(format="html"))
    meta = page_metadata(page)  # before extraction: it drops the scripts that hold JSON-LD
    content = extract_content(page, guess=not flattened)
    refs: dict[str, int] = {}  # links of the content to its own parts (permalinks aside)
    for a in content.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and len(href) > 1 and not _PERMALINK_CLASS.search(_classes(a)):
            refs[href[1:]] = refs.get(href[1:], 0) + 1
    specs = html_to_specs(content, refs)
    title = meta.title
    if specs and specs[0].kind is BlockKind.HEADING and specs[0].level == 1:
        title = specs[0].text
    elif not title:
        first_h1 = next((s.text for s in specs if s.kind is BlockKind.HEADING and s.level == 1), "")
        title = first_h1 or _head_title(page)
    specs = drop_title_heading(specs, title)
    return build_document(specs, replace(meta, title=title))


def _head_title(page: etree._Element) -> str:
    """The page's <title>, without a trailing " | Site name" part."""
    t = page.find(".//title")
    raw = _WS.sub(" ", t.text_content()).strip() if t is not None else ""
    parts = _TITLE_SEP.split(raw)
    return parts[0] if len(parts) > 1 and len(parts[0]) >= 8 else raw
