"""Bounds for hostile HTML: internal DOCTYPE subsets and nesting deeper than we can walk.

libxml2's HTML parser does not read an internal DOCTYPE subset (``<!DOCTYPE x [ ... ]>``): the
``]>`` that ends it shows up as text and its entities stay unexpanded. It also stops at depth 256
and drops the rest of the page. The converter walks the tree recursively. So:

* an internal subset is removed before parsing; its entities are expanded, each expansion cut
  at :data:`ENTITY_CAP` characters and all of them together at :data:`EXPANSION_BUDGET`
  (a "billion laughs" page costs kilobytes, not gigabytes); external entities are never read;
* a page the parser finds too deep is parsed again with the tags past :data:`PARSE_DEPTH`
  taken out (their text stays, a block tag becomes a line break);
* in the tree, what lies deeper than :data:`TREE_DEPTH` becomes plain paragraphs of its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import lxml.html
from lxml import etree

ENTITY_CAP = 1000
EXPANSION_BUDGET = 1 << 20
PARSE_DEPTH = 200
TREE_DEPTH = 96

_DOCTYPE = re.compile(r"<!doctype\s+([^\s\[>]*)[^\[>]*\[", re.I)
_ENTITY = re.compile(r"<!ENTITY\s+(%\s+)?([^\s\"']+)\s+(?:\"([^\"]*)\"|'([^']*)'|(\S))", re.S)
_REF = re.compile(r"&([A-Za-z_:][\w.:-]*);")


def _subset_end(text: str, i: int) -> tuple[int, list[str]]:
    """Where the internal subset that starts at ``text[i]`` ends (after ``]>``), and its declarations.

    Quoted strings and comments are skipped, so a ``]>`` inside an entity value does not end
    it. Returns (-1, []) for a subset that never ends.
    """
    n = len(text)
    decls: list[str] = []
    while i < n:
        c = text[i]
        if c == "]":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] == ">":
                return j + 1, decls
            i = j
        elif text.startswith("<!--", i):
            k = text.find("-->", i + 4)
            i = n if k < 0 else k + 3
        elif c == "<":
            j = i + 1
            while j < n and text[j] != ">":
                if text[j] in "\"'":
                    k = text.find(text[j], j + 1)
                    j = n if k < 0 else k
                j += 1
            decls.append(text[i : j + 1])
            i = j + 1
        else:
            i += 1
    return -1, []


def _entities(decls: list[str]) -> dict[str, str]:
    """General entities declared in a subset, expanded within the caps (external ones are empty)."""
    raw: dict[str, str | None] = {}
    for d in decls:
        m = _ENTITY.match(d)
        if m and not m.group(1):
            value = m.group(3) if m.group(3) is not None else m.group(4)
            raw.setdefault(m.group(2), value)  # None: SYSTEM/PUBLIC, never fetched
    done: dict[str, str] = {}

    def expand(name: str, stack: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        value = raw[name]
        if value is None or name in stack or len(stack) > 16:
            return ""
        out: list[str] = []
        size = 0
        pos = 0
        for m in _REF.finditer(value):
            piece = value[pos : m.start()]
            ref = m.group(1)
            piece += expand(ref, (*stack, name)) if ref in raw else m.group(0)
            out.append(piece)
            size += len(piece)
            pos = m.end()
            if size > ENTITY_CAP:
                break
        else:
            out.append(value[pos:])
        text = "".join(out)
        if len(text) > ENTITY_CAP:
            text = text[:ENTITY_CAP] + "…"
        done[name] = text
        return text

    return {name: expand(name, ()) for name in raw}


def strip_internal_subset(text: str) -> str:
    """The page without its internal DOCTYPE subset, the subset's entities expanded (bounded)."""
    m = _DOCTYPE.search(text, 0, 65536)
    if m is None or "<" in text[: m.start()].replace("<?", "").replace("<!--", ""):
        return text
    end, decls = _subset_end(text, m.end())
    if end < 0:
        return text
    entities = _entities(decls)
    rest = text[end:]
    if entities:
        budget = [EXPANSION_BUDGET]

        def sub(r: re.Match[str]) -> str:
            value = entities.get(r.group(1))
            if value is None:
                return r.group(0)
            if budget[0] < len(value):
                return "…"
            budget[0] -= len(value)
            return value

        rest = _REF.sub(sub, rest)
    return f"{text[: m.start()]}<!DOCTYPE {m.group(1) or 'html'}>{rest}"


# --------------------------------------------------------------------------- depth

_TAG = re.compile(r"<!--|<(/?)([A-Za-z][^\s/>]*)([^>]*)>")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "noscript", "iframe"})
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track"}
    | {"wbr"}
)
_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option"})
# Elements whose start or end is a paragraph break when their structure is flattened.
_BREAKS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "li", "dl",
        "dt", "dd", "pre", "blockquote", "table", "tr", "figure", "figcaption", "hr", "br", "details",
        "summary", "address", "center", "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})


def bound_depth(text: str, limit: int = PARSE_DEPTH) -> str:
    """HTML source with the tags nested deeper than ``limit`` taken out, their text kept.

    A tag taken out becomes a space, so its text does not run into its neighbour's. Nesting is
    tracked approximately (implied ends of ``p``/``li`` and friends, void tags): enough to keep
    the parser under its limit.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    n = len(text)
    while True:
        m = _TAG.search(text, pos)
        if m is None:
            break
        if m.group(0) == "<!--":
            k = text.find("-->", m.end())
            pos = n if k < 0 else k + 3
            continue
        name = m.group(2).lower()
        closing = m.group(1) == "/"
        out.append(text[pos : m.start()])
        pos = m.end()
        keep = True
        if closing:
            at = next((len(stack) - b for b in range(1, min(len(stack), 64) + 1) if stack[-b] == name), -1)
            if at >= 0:
                keep = at < limit or name in _RAW_TEXT
                del stack[at:]
            else:  # a stray end tag
                keep = len(stack) <= limit
        elif name not in _VOID and not m.group(3).rstrip().endswith("/"):
            if name in _SELF_CLOSING and stack and stack[-1] == name:
                stack.pop()
            stack.append(name)
            keep = len(stack) <= limit or name in _RAW_TEXT
        out.append(m.group(0) if keep else " ")
        if name in _RAW_TEXT and not closing:
            end = re.compile(f"</{name}", re.I).search(text, pos)
            k = n if end is None else end.start()
            out.append(text[pos:k])
            pos = k
    out.append(text[pos:])
    return "".join(out)


def flatten_deep(root: etree._Element, limit: int = TREE_DEPTH) -> bool:
    """Turn everything nested deeper than ``limit`` below ``root`` into paragraphs of its text.

    Returns True if there was anything that deep.
    """
    deep = root.xpath("/".join(["*"] * limit)) if limit > 0 else [root]
    for _ in range(4):  # a table's rows are read by the table: flatten inside the cells instead
        deep = [c for el in deep for c in (el if _tag(el) in ("thead", "tbody", "tfoot", "tr") else (el,))]
    for el in deep:
        _flatten(el)
    return bool(deep)


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


def _flatten(el: etree._Element) -> None:
    paragraphs: list[str] = []
    parts: list[str] = [el.text or ""]

    def paragraph_break() -> None:
        text = " ".join("".join(parts).split())
        if text:
            paragraphs.append(text)
        parts.clear()

    walk = etree.iterwalk(el, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        if node is el:
            continue
        if event in ("comment", "pi"):
            parts.append(node.tail or "")
            continue
        tag = _tag(node)
        if tag in _BREAKS:
            paragraph_break()
        if event == "start":
            if tag in _NEVER_TEXT:
                walk.skip_subtree()
            else:
                parts.append(node.text or "")
        else:
            parts.append(node.tail or "")
    paragraph_break()
    for child in list(el):
        el.remove(child)
    el.text = None
    if _tag(el) in ("table", "figure"):
        el.tag = "div"
    for text in paragraphs:
        p = etree.SubElement(el, "p")
        p.text = text
        p.tail = "\n"  # read as one text (a table cell), the paragraphs stay apart


def _bounded(parse: Callable[..., etree._Element], text: str) -> tuple[etree._Element, bool]:
    parser = lxml.html.HTMLParser()
    root = parse(text, parser=parser)
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    if too_deep:
        root = parse(bound_depth(text), parser=lxml.html.HTMLParser())
    return root, flatten_deep(root) or too_deep


def parse_page(text: str) -> tuple[etree._Element, bool]:
    """Parse a whole page within the bounds above (raises what lxml raises).

    The flag is True when the page was nested too deep and has been flattened: its structure
    then says nothing about where its content is.
    """
    return _bounded(lxml.html.document_fromstring, strip_internal_subset(text))


def parse_fragment(text: str) -> etree._Element:
    """Parse a fragment of HTML inside a ``<div>``, within the bounds above."""

    def fragment(t: str, parser: lxml.html.HTMLParser) -> etree._Element:
        return lxml.html.fragment_fromstring(t, create_parent="div", parser=parser)

    return _bounded(fragment, text)[0]
