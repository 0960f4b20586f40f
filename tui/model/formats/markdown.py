"""Markdown (CommonMark + GFM tables, strikethrough, footnotes, front matter) as document blocks.

markdown-it-py does the parsing, so headings are fence-aware by construction; this module walks
its token stream into block specs: headings (ATX, setext and raw HTML ones), paragraphs with
inline styles, list items with their markers, quotes, code with its language, tables, figures,
rules, readable text from raw HTML blocks (``<details>``), and footnotes at the end.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

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
from tui.model.formats.html import drop_title_heading, fragment_specs
from tui.model.text import parse_date

_ALIGN = re.compile(r"text-align:\s*(left|right|center)")


def _cell_alignment(tok: Token) -> str:
    """A GFM table column's alignment (``:--:`` and friends become a text-align style)."""
    m = _ALIGN.search(str(tok.attrGet("style") or ""))
    return m.group(1) if m else ""


_STYLE_OPEN = {
    "em_open": InlineStyle.EMPHASIS,
    "strong_open": InlineStyle.STRONG,
    "s_open": InlineStyle.STRIKE,
}
_STYLE_CLOSE = frozenset({"em_close", "strong_close", "s_close", "link_close"})
_BR = re.compile(r"^<br\s*/?>$", re.I)
_IMG_TAG = re.compile(r"<img\b[^>]*?\balt\s*=\s*[\"']([^\"']*)[\"']", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_ALL_TAGS = re.compile(r"^(?:\s*</?[A-Za-z][^>]*>\s*)*$")


# Containers (quotes, lists and their items) nested deeper than this are read as plain
# paragraphs: their text stays, their nesting does not. markdown-it itself drops everything
# past its nesting limit, so that limit is set above this one.
MAX_DEPTH = 24
_LIST_MARK = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _strip_container_marks(line: str) -> tuple[str, bool]:
    """A line without the quote and list markers in front of its text; True if a list marker was one."""
    item = False
    while True:
        line = line.lstrip(" \t>")
        m = _LIST_MARK.match(line)
        if not m:
            return line.rstrip(), item
        line = line[m.end() :]
        item = True


def _flatten_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule: past MAX_DEPTH, the rest of the container becomes paragraphs of its text.

    A blank line or a list item's line starts a new paragraph; the container ends where
    markdown-it would end it, at a line indented less than its content.
    """
    if silent or state.level < MAX_DEPTH:
        return False
    paragraph: list[str] = []

    def push() -> None:
        state.push("paragraph_open", "p", 1)
        tok = state.push("inline", "", 0)
        tok.content = "\n".join(paragraph)
        tok.children = []
        state.push("paragraph_close", "p", -1)
        paragraph.clear()

    for i in range(start, end):
        if 0 <= state.sCount[i] < state.blkIndent and not state.isEmpty(i):
            end = i  # the container ends here (a line indented less than its content)
            break
        text, item = _strip_container_marks(state.src[state.bMarks[i] + state.tShift[i] : state.eMarks[i]])
        if paragraph and (item or not text):
            push()
        if text:
            paragraph.append(text)
    if paragraph:
        push()
    state.line = end
    return True


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_DEPTH + 16})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(footnote_plugin)
    )
    md.block.ruler.before("table", "flatten_deep", _flatten_deep)
    return md


def render_inline(children: list[Token]) -> tuple[str, tuple[Inline, ...]]:
    """The plain text of an inline token's children and its styled spans."""
    parts: list[str] = []
    size = 0
    spans: list[Inline] = []
    stack: list[tuple[int, InlineStyle, str]] = []
    for t in children:
        typ = t.type
        piece = ""
        if typ == "text":
            piece = t.content
        elif typ == "softbreak":
            piece = " "
        elif typ == "hardbreak":
            piece = "\n"
        elif typ == "code_inline":
            if t.content:
                parts.append(t.content)
                spans.append(Inline(size, size + len(t.content), InlineStyle.CODE))
                size += len(t.content)
            continue
        elif typ in _STYLE_OPEN:
            stack.append((size, _STYLE_OPEN[typ], ""))
            continue
        elif typ == "link_open":
            stack.append((size, InlineStyle.LINK, str(t.attrs.get("href", ""))))
            continue
        elif typ in _STYLE_CLOSE:
            if stack:
                start, style, href = stack.pop()
                if size > start:
                    spans.append(Inline(start, size, style, href))
            continue
        elif typ == "image":
            piece = t.content  # the alt text
        elif typ == "html_inline":
            if _BR.match(t.content.strip()):
                piece = "\n"
            else:
                m = _IMG_TAG.search(t.content)
                piece = m.group(1) if m else ""
        elif typ == "footnote_ref":
            piece = f"[{int(t.meta.get('id', 0)) + 1}]"
        else:
            piece = t.content
        if piece:
            parts.append(piece)
            size += len(piece)
    text = "".join(parts)
    stripped = text.strip()
    if stripped != text:
        spans = list(shift_inlines(spans, len(text.lstrip()) - len(text), len(stripped)))
        text = stripped
    spans.sort(key=lambda s: (s.start, -s.end))
    return text, tuple(spans)


def _lone_image(children: list[Token]) -> Token | None:
    """The image that is all a paragraph holds (a linked image counts), else None."""
    image = None
    for t in children:
        if t.type == "image":
            if image is not None:
                return None
            image = t
        elif t.type in ("link_open", "link_close", "softbreak") or (
            t.type == "text" and not t.content.strip()
        ):
            continue
        else:
            return None
    return image


@dataclass
class _Item:
    """An open list item: its marker, nesting level and the index of its block once written."""

    marker: str
    level: int
    block: int = -1


@dataclass
class _Quote:
    """An open block quote and the lines collected for it so far."""

    level: int
    lines: list[tuple[str, tuple[Inline, ...]]] = field(default_factory=list)


class _Walker:
    """Walks markdown-it's token stream and collects block specs."""

    def __init__(self) -> None:
        self.specs: list[BlockSpec] = []
        self.footnotes: list[BlockSpec] = []
        self.containers: list[_Item | _Quote] = []
        self.lists: list[list] = []  # [ordered, next number] per open list
        self.pending: tuple[str, int] = ("paragraph", 0)
        self.row: list[str] | None = None
        self.rows: list[tuple[str, ...]] = []
        self.align: list[str] = []  # per column of the table being read, from its header row
        self.footnote: str | None = None  # label of the footnote being read
        self.front_matter = ""

    # ------------------------------------------------------------------ helpers

    @property
    def out(self) -> list[BlockSpec]:
        return self.footnotes if self.footnote is not None else self.specs

    def quote(self) -> _Quote | None:
        for c in reversed(self.containers):
            if isinstance(c, _Quote):
                return c
        return None

    def item(self) -> _Item | None:
        c = self.containers[-1] if self.containers else None
        return c if isinstance(c, _Item) else None

    def flush_quote(self, q: _Quote) -> None:
        if not q.lines:
            return
        parts: list[str] = []
        spans: list[Inline] = []
        size = 0
        for text, inl in q.lines:
            if parts:
                parts.append("\n")
                size += 1
            parts.append(text)
            spans.extend(shift_inlines(inl, size))
            size += len(text)
        self.out.append(BlockSpec(BlockKind.QUOTE, "".join(parts), level=q.level, inlines=tuple(spans)))
        q.lines = []

    def add_block(self, spec: BlockSpec) -> None:
        """Add a non-text block (code, table, figure ...): it ends any quote text before it."""
        q = self.quote()
        if q is not None:
            self.flush_quote(q)
        else:
            self.open_item()
        self.out.append(spec)

    def open_item(self) -> None:
        """Write the marker of the innermost list item if its first content is not text."""
        item = self.item()
        if item is not None and item.block == -1 and self.quote() is None:
            item.block = len(self.out)
            self.out.append(BlockSpec(BlockKind.LIST_ITEM, "", level=item.level, marker=item.marker))

    # ------------------------------------------------------------------ text

    def text_block(self, text: str, inlines: tuple[Inline, ...]) -> None:
        """A paragraph's text, placed by its container: a list item, a quote, a footnote."""
        if not text:
            return
        if (
            self.footnote is not None
            and (not self.footnotes or self.footnotes[-1].marker != self.footnote)
            and not any(isinstance(c, _Item) for c in self.containers)
        ):
            prefix = f"[{self.footnote}] "
            text = prefix + text
            inlines = shift_inlines(inlines, len(prefix))
            self.footnotes.append(BlockSpec(BlockKind.PARAGRAPH, text, marker=self.footnote, inlines=inlines))
            return
        q = self.quote()
        item = self.item()
        if q is not None:
            if item is not None and item.block == -1:
                prefix = f"{item.marker} "
                text = prefix + text
                inlines = shift_inlines(inlines, len(prefix))
                item.block = 0
            q.lines.append((text, inlines))
            return
        out = self.out
        if item is not None:
            if item.block == -1:
                item.block = len(out)
                out.append(
                    BlockSpec(
                        BlockKind.LIST_ITEM, text, level=item.level, marker=item.marker, inlines=inlines
                    )
                )
                return
            if item.block == len(out) - 1:  # a further paragraph of the same item
                prev = out[-1]
                shift = len(prev.text) + 1
                prev.text = f"{prev.text}\n{text}"
                prev.inlines = prev.inlines + shift_inlines(inlines, shift)
                return
            out.append(BlockSpec(BlockKind.PARAGRAPH, text, level=item.level, inlines=inlines))
            return
        out.append(BlockSpec(BlockKind.PARAGRAPH, text, inlines=inlines))

    def inline(self, tok: Token) -> None:
        children = tok.children or []
        kind, level = self.pending
        if kind == "cell":
            text, _ = render_inline(children)
            if self.row is not None:
                self.row.append(text)
            return
        if kind == "heading":
            text, inlines = render_inline(children)
            if text:
                self.add_block(BlockSpec(BlockKind.HEADING, text, level=level, inlines=inlines))
            return
        image = _lone_image(children)
        if image is not None and self.quote() is None:
            src = str(image.attrs.get("src", ""))
            alt = image.content
            title = str(image.attrs.get("title", "") or "")
            self.add_block(BlockSpec(BlockKind.FIGURE, title or alt, src=src, alt=alt))
            return
        text, inlines = render_inline(children)
        self.text_block(text, inlines)

    def html_block(self, content: str) -> None:
        content = _COMMENT.sub("", content)
        if not content.strip() or (_ALL_TAGS.match(content) and "<img" not in content.lower()):
            return  # comments and layout-only tags (<div align=center>, </details>, <br>)
        for spec in fragment_specs(content):
            if spec.kind is BlockKind.PARAGRAPH and self.quote() is None:
                self.text_block(spec.text, spec.inlines)
            elif spec.kind is BlockKind.PARAGRAPH:
                self.quote().lines.append((spec.text, spec.inlines))  # type: ignore[union-attr]
            else:
                self.add_block(spec)

    # ------------------------------------------------------------------ the walk

    def run(self, tokens: list[Token]) -> None:
        for tok in tokens:
            typ = tok.type
            if typ == "inline":
                self.inline(tok)
            elif typ == "paragraph_open":
                self.pending = ("paragraph", 0)
            elif typ == "heading_open":
                self.pending = ("heading", int(tok.tag[1:]))
            elif typ in ("fence", "code_block"):
                lang = tok.info.strip().split(maxsplit=1)[0].strip("{}.").lower() if tok.info.strip() else ""
                code = tok.content.rstrip("\n")
                if code.strip():
                    self.add_block(BlockSpec(BlockKind.CODE, code, lang=lang))
            elif typ in ("bullet_list_open", "ordered_list_open"):
                start = tok.attrs.get("start", 1)
                self.lists.append([typ == "ordered_list_open", int(start) if start is not None else 1])
            elif typ in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif typ == "list_item_open":
                ordered, number = self.lists[-1] if self.lists else (False, 1)
                if ordered:
                    num = tok.info or str(number)
                    marker = f"{num}{tok.markup or '.'}"
                    self.lists[-1][1] = (int(num) if num.isdigit() else number) + 1
                else:
                    marker = "•"
                self.open_item()  # a list nested first thing in its parent item
                self.containers.append(_Item(marker, len(self.lists)))
            elif typ == "list_item_close":
                self.open_item()  # an empty item keeps its marker
                self.containers.pop()
            elif typ == "blockquote_open":
                outer = self.quote()
                if outer is not None:
                    self.flush_quote(outer)
                self.containers.append(_Quote(level=(outer.level + 1) if outer else 1))
            elif typ == "blockquote_close":
                q = self.containers.pop()
                if isinstance(q, _Quote):
                    self.flush_quote(q)
            elif typ == "table_open":
                self.rows = []
                self.align = []
            elif typ == "tr_open":
                self.row = []
            elif typ in ("th_open", "td_open"):
                self.pending = ("cell", 0)
                if typ == "th_open" and not self.rows:
                    self.align.append(_cell_alignment(tok))
            elif typ == "tr_close":
                if self.row is not None:
                    self.rows.append(tuple(self.row))
                self.row = None
            elif typ == "table_close":
                self.table()
            elif typ == "hr":
                self.add_block(BlockSpec(BlockKind.RULE, ""))
            elif typ == "html_block":
                self.html_block(tok.content)
            elif typ == "front_matter":
                self.front_matter = tok.content
            elif typ == "footnote_open":
                self.footnote = str(int(tok.meta.get("id", 0)) + 1)
            elif typ == "footnote_close":
                self.footnote = None

    def table(self) -> None:
        rows = self.rows
        self.rows = []
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + ("",) * (width - len(r)) for r in rows]
        text = "\n".join("\t".join(r) for r in rows)
        align = tuple(self.align) + ("",) * (width - len(self.align))
        self.add_block(BlockSpec(BlockKind.TABLE, text, rows=tuple(rows), align=align))


# --------------------------------------------------------------------------- metadata

_FM_LINE = re.compile(r"^([A-Za-z_][\w .-]*?)\s*:\s*(.*)$")
_FM_ITEM = re.compile(r"^\s+-\s+(.*)$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
    return value


def front_matter_fields(yaml_text: str) -> dict[str, str]:
    """Top-level ``key: value`` pairs of a YAML front matter block (lists joined by commas)."""
    out: dict[str, str] = {}
    key = ""
    for line in yaml_text.splitlines():
        m = _FM_LINE.match(line)
        if m and not line[:1].isspace():
            key = m.group(1).strip().lower()
            out[key] = _unquote(m.group(2))
            continue
        m = _FM_ITEM.match(line)
        if m and key:
            item = _unquote(m.group(1))
            if item.lower().startswith("name:"):
                item = _unquote(item[5:])
            out[key] = f"{out[key]}, {item}" if out.get(key) else item
    return out


def _metadata(front_matter: str) -> Metadata:
    fields = front_matter_fields(front_matter) if front_matter else {}
    title = fields.pop("title", "")
    author = ""
    for key in ("author", "authors", "creator"):
        if fields.get(key):
            author = fields.pop(key)
            break
    when = None
    for key in ("date", "published", "pubdate", "created"):
        if fields.get(key):
            when = parse_date(fields[key])
            if when:
                fields.pop(key)
                break
    category = ""
    for key in ("category", "categories", "tags"):
        if fields.get(key):
            category = fields.pop(key)
            break
    extra = tuple((k, v) for k, v in fields.items() if v)
    return Metadata(title=title, author=author, date=when, category=category, format="markdown", extra=extra)


def _title_heading(specs: list[BlockSpec]) -> str:
    """The document's title heading: its first heading when that is its one level-1 heading."""
    headings = [s for s in specs if s.kind is BlockKind.HEADING]
    if not headings or headings[0].level != 1:
        return ""
    if sum(1 for s in headings if s.level == 1) > 1:
        return ""  # several top-level sections, none of them the title
    return headings[0].text


def parse_markdown(text: str) -> Document:
    """Parse Markdown text into a Document; front matter becomes metadata, not text."""
    walker = _Walker()
    # Parsing makes many small objects that all stay alive: cyclic GC passes only cost time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        walker.run(_parser().parse(text))
    finally:
        if enabled:
            gc.enable()
    specs = walker.specs + walker.footnotes
    for spec in walker.footnotes:
        spec.marker = ""
    meta = _metadata(walker.front_matter)
    if not meta.title:
        meta = replace(meta, title=_title_heading(specs))
    return build_document(drop_title_heading(specs, meta.title), meta)
