"""The book's package: container.xml → package document (metadata, manifest, spine, TOC files).

Reading order is the spine. Items marked ``linear="no"`` (covers, pop-up notes, answer keys)
are read after the linear ones, in their spine order. A spine item that is missing from the
archive, is not (X)HTML, or is encrypted is skipped and named in :attr:`Package.skipped`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date

from tui.model.formats.epub.archive import Archive, EpubError, MemberError, resolve
from tui.model.formats.epub.xmlsafe import parse_xml, text_of

CONTAINER = "META-INF/container.xml"
ENCRYPTION = "META-INF/encryption.xml"
XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", "text/xml"})
# Font obfuscation is listed in encryption.xml too, but it is not DRM and hides no text.
_FONT_MANGLING = frozenset({"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"})
PACKAGE_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Item:
    """A manifest item: its id, archive path, media type and properties."""

    id: str
    path: str
    media_type: str
    properties: frozenset[str] = frozenset()


@dataclass(slots=True)
class Package:
    """What the package document says: metadata, reading order and where the TOC is."""

    opf_path: str
    title: str = ""
    authors: tuple[str, ...] = ()
    language: str = ""
    date: date | None = None
    spine: list[Item] = field(default_factory=list)
    nav_path: str = ""
    ncx_path: str = ""
    direction: str = ""  # page-progression-direction: "rtl", "ltr" or ""
    skipped: list[str] = field(default_factory=list)


def opf_path(archive: Archive) -> str:
    """The package document's path from container.xml (or the only .opf file); raises EpubError."""
    if archive.has(CONTAINER):
        try:
            root = parse_xml(archive.read(CONTAINER, PACKAGE_LIMIT))
        except MemberError as exc:
            raise EpubError(f"META-INF/container.xml cannot be read ({exc})") from None
        if root is not None:
            for rf in root.iter("rootfile"):
                media = (rf.get("media-type") or "application/oebps-package+xml").strip()
                path = resolve("", rf.get("full-path") or "")
                if path and media == "application/oebps-package+xml" and archive.has(path):
                    return path
    opfs = [n for n in archive.members if n.lower().endswith(".opf")]
    if len(opfs) == 1:
        return opfs[0]
    if not archive.has(CONTAINER) and not archive.has("mimetype"):
        raise EpubError("a ZIP archive, but not an EPUB book (it has no META-INF/container.xml)")
    raise EpubError("an EPUB without a readable package document (container.xml names none that exists)")


def encrypted_paths(archive: Archive) -> set[str]:
    """Archive paths whose content is encrypted (DRM), from META-INF/encryption.xml."""
    if not archive.has(ENCRYPTION):
        return set()
    try:
        root = parse_xml(archive.read(ENCRYPTION, PACKAGE_LIMIT))
    except MemberError:
        return set()
    out: set[str] = set()
    if root is None:
        return out
    for data in root.iter("EncryptedData"):
        method = next(data.iter("EncryptionMethod"), None)
        if method is not None and (method.get("Algorithm") or "") in _FONT_MANGLING:
            continue
        for ref in data.iter("CipherReference"):
            path = resolve("", ref.get("URI") or "")
            if path:
                out.add(path)
    return out


def read_package(archive: Archive) -> Package:
    """Read container.xml and the package document; raises EpubError when there is no book."""
    path = opf_path(archive)
    try:
        root = parse_xml(archive.read(path, PACKAGE_LIMIT))
    except MemberError as exc:
        raise EpubError(f"the package document cannot be read ({exc})") from None
    if root is None or root.tag != "package":
        raise EpubError(f"{path}: not a package document")
    pkg = Package(opf_path=path)
    _metadata(root, pkg)
    manifest: dict[str, Item] = {}
    for el in root.iter("item"):
        href = el.get("href") or ""
        item_path = resolve(path, href)
        if item_path is None:
            pkg.skipped.append(f"{href}: outside the archive")
            continue
        props = frozenset((el.get("properties") or "").split())
        item = Item(el.get("id") or item_path, item_path, (el.get("media-type") or "").strip().lower(), props)
        manifest.setdefault(item.id, item)
        if "nav" in props and not pkg.nav_path:
            pkg.nav_path = item_path
        if item.media_type == "application/x-dtbncx+xml" and not pkg.ncx_path:
            pkg.ncx_path = item_path
    spine_el = next(root.iter("spine"), None)
    if spine_el is None:
        raise EpubError(f"{path}: the package document has no spine (no reading order)")
    toc = spine_el.get("toc") or ""
    if toc in manifest:
        pkg.ncx_path = manifest[toc].path
    pkg.direction = (spine_el.get("page-progression-direction") or "").lower()
    _spine(archive, spine_el, manifest, pkg)
    return pkg


def _spine(archive: Archive, spine_el: object, manifest: dict[str, Item], pkg: Package) -> None:
    encrypted = encrypted_paths(archive)
    linear: list[Item] = []
    extra: list[Item] = []
    seen: set[str] = set()
    for ref in spine_el.iter("itemref"):  # type: ignore[attr-defined]
        idref = ref.get("idref") or ""
        item = manifest.get(idref)
        if item is None:
            pkg.skipped.append(f"spine item {idref!r}: not in the manifest")
            continue
        if item.path in seen:
            continue
        seen.add(item.path)
        if item.media_type not in XHTML_TYPES and not item.path.lower().endswith((".xhtml", ".html", ".htm")):
            pkg.skipped.append(f"{item.path}: not XHTML ({item.media_type or 'no media type'})")
            continue
        if not archive.has(item.path):
            pkg.skipped.append(f"{item.path}: missing from the archive")
            continue
        if item.path in encrypted:
            pkg.skipped.append(f"{item.path}: encrypted (DRM)")
            continue
        (extra if (ref.get("linear") or "yes").strip().lower() == "no" else linear).append(item)
    pkg.spine = linear + extra
    if not pkg.spine:
        if encrypted:
            raise EpubError("the book is DRM-protected (its text is encrypted) and cannot be read")
        reason = f" ({'; '.join(pkg.skipped[:3])})" if pkg.skipped else ""
        raise EpubError(f"the book has no readable spine documents{reason}")


def _metadata(root: object, pkg: Package) -> None:
    meta = next(root.iter("metadata"), None)  # type: ignore[attr-defined]
    if meta is None:
        return
    titles = list(meta.iter("title"))
    main = [t for t in titles if _refines(meta, t, "title-type") == "main"]
    pkg.title = text_of((main or titles or [None])[0])
    pkg.authors = tuple(a for a in (text_of(c) for c in meta.iter("creator")) if a)
    pkg.language = text_of(next(meta.iter("language"), None))
    pkg.date = parse_book_date(text_of(next(meta.iter("date"), None)))


def _refines(meta: object, el: object, prop: str) -> str:
    ident = el.get("id")  # type: ignore[attr-defined]
    if not ident:
        return ""
    for m in meta.iter("meta"):  # type: ignore[attr-defined]
        if m.get("refines") == f"#{ident}" and m.get("property") == prop:
            return text_of(m)
    return ""


def parse_book_date(value: str) -> date | None:
    """``2012-12-06``, ``2012-12`` or ``2012`` (with any time after it) as a date, else None."""
    parts = value.strip()[:10].split("-")
    try:
        nums = [int(p) for p in parts if p]
        if not nums or not 1 <= nums[0] <= 9999:
            return None
        return date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except ValueError:
        return None


def media_dir(pkg: Package) -> str:
    """The folder of the package document (paths in it are relative to this)."""
    return posixpath.dirname(pkg.opf_path)
