"""The book's own table of contents: the EPUB 3 navigation document, else the EPUB 2 NCX.

Each entry keeps its label, its target as an archive path with an optional ``#fragment``
(``OEBPS/ch02.xhtml#sec3``) and its nested entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from tui.model.formats.epub.archive import Archive, MemberError, resolve
from tui.model.formats.epub.xmlsafe import parse_xml, text_of

TOC_LIMIT = 16 * 1024 * 1024
MAX_ENTRIES = 50_000


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of the table of contents; ``target`` is "" for a label without a link."""

    label: str
    target: str
    children: tuple[TocEntry, ...] = ()


def target_key(base: str, href: str) -> str:
    """The archive path (and ``#fragment``) that ``href`` in the member ``base`` points to, or ""."""
    href = href.strip()
    if not href:
        return ""
    if href.startswith("#"):
        return f"{base}{href}" if len(href) > 1 else base
    path = resolve(base, href)
    if path is None:
        return ""
    _, _, frag = href.partition("#")
    if frag:
        return f"{path}#{unquote(frag)}"
    return path


def read_toc(archive: Archive, nav_path: str, ncx_path: str) -> tuple[list[TocEntry], str]:
    """The TOC entries and where they came from (``"nav"``, ``"ncx"`` or "" when there is none)."""
    if nav_path:
        entries = _nav(archive, nav_path)
        if entries:
            return entries, "nav"
    if ncx_path:
        entries = _ncx(archive, ncx_path)
        if entries:
            return entries, "ncx"
    return [], ""


def _load(archive: Archive, path: str) -> etree._Element | None:
    try:
        return parse_xml(archive.read(path, TOC_LIMIT))
    except MemberError:
        return None


def _types(el: etree._Element) -> set[str]:
    return set((el.get("epub-type") or "").split()) | set((el.get("role") or "").replace("doc-", "").split())


def toc_nav(root: etree._Element) -> etree._Element | None:
    """The ``<nav epub:type="toc">`` element of a navigation document (else its first nav)."""
    navs = list(root.iter("nav"))
    for nav in navs:
        if "toc" in _types(nav):
            return nav
    return navs[0] if navs else None


def _nav(archive: Archive, path: str) -> list[TocEntry]:
    root = _load(archive, path)
    if root is None:
        return []
    nav = toc_nav(root)
    if nav is None:
        return []
    top = next((c for c in nav.iter("ol", "ul")), None)
    return _nav_list(top, path, [0]) if top is not None else []


def _nav_list(ol: etree._Element, base: str, count: list[int]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for li in ol:
        if li.tag != "li" or count[0] >= MAX_ENTRIES:
            continue
        count[0] += 1
        label_el = next((c for c in li if c.tag in ("a", "span")), None)
        label = text_of(label_el) if label_el is not None else ""
        if not label and label_el is not None:
            label = (label_el.get("title") or "").strip()
        href = label_el.get("href") or "" if label_el is not None and label_el.tag == "a" else ""
        sub = next((c for c in li if c.tag in ("ol", "ul")), None)
        kids = _nav_list(sub, base, count) if sub is not None else []
        if not label and not kids:
            continue
        out.append(TocEntry(label, target_key(base, href), tuple(kids)))
    return out


def _ncx(archive: Archive, path: str) -> list[TocEntry]:
    root = _load(archive, path)
    if root is None:
        return []
    nav_map = next(root.iter("navMap"), None)
    return _ncx_points(nav_map, path, [0]) if nav_map is not None else []


def _ncx_points(parent: etree._Element, base: str, count: list[int]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for point in parent:
        if point.tag != "navPoint" or count[0] >= MAX_ENTRIES:
            continue
        count[0] += 1
        label = text_of(next((c for c in point if c.tag == "navLabel"), None))
        content = next((c for c in point if c.tag == "content"), None)
        href = content.get("src") or "" if content is not None else ""
        kids = _ncx_points(point, base, count)
        if not label and not kids:
            continue
        out.append(TocEntry(label, target_key(base, href), tuple(kids)))
    return out
