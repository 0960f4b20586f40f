"""Building small EPUB files for tests: a valid book by default, each part replaceable."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)


def xhtml(body: str, title: str = "t") -> str:
    """A spine document with this body markup (the EPUB namespace declared)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    )


def opf(
    items: list[tuple[str, str, str]],
    spine: list[str],
    *,
    title: str = "A Test Book",
    extra_meta: str = "",
    spine_attrs: str = "",
    linear_no: tuple[str, ...] = (),
) -> str:
    """A package document: items are (id, href, media type plus properties), spine lists ids."""
    manifest = "".join(
        f'<item id="{i}" href="{h}" media-type="{m.split()[0]}"'
        + (f' properties="{" ".join(m.split()[1:])}"' if len(m.split()) > 1 else "")
        + "/>"
        for i, h, m in items
    )
    refs = "".join(f'<itemref idref="{s}"' + (' linear="no"' if s in linear_no else "") + "/>" for s in spine)
    return (
        '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" '
        'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:identifier id="id">test</dc:identifier><dc:title>{title}</dc:title>{extra_meta}</metadata>'
        f"<manifest>{manifest}</manifest><spine{spine_attrs}>{refs}</spine></package>"
    )


def nav(entries: str) -> str:
    """A navigation document whose toc nav holds this ``<ol>`` content."""
    return xhtml(f'<nav epub:type="toc"><ol>{entries}</ol></nav>', "Contents")


def write_zip(path: Path, files: dict[str, str | bytes], *, mimetype: bool = True) -> Path:
    """A ZIP with a stored ``mimetype`` first (when asked), then ``files`` deflated."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if mimetype:
            z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        for name, data in files.items():
            z.writestr(name, data)
    return path


def book(path: Path, chapters: dict[str, str], *, toc: str | None = None, **opf_args: object) -> Path:
    """A valid EPUB 3 of these chapters (file name → body markup), in this order, with a nav."""
    names = list(chapters)
    if toc is None:
        toc = "".join(f'<li><a href="{n}">{n}</a></li>' for n in names)
    items = [("nav", "nav.xhtml", "application/xhtml+xml nav")]
    items += [(f"c{k}", n, "application/xhtml+xml") for k, n in enumerate(names)]
    files: dict[str, str | bytes] = {
        "META-INF/container.xml": CONTAINER,
        "OEBPS/content.opf": opf(items, [f"c{k}" for k in range(len(names))], **opf_args),  # type: ignore[arg-type]
        "OEBPS/nav.xhtml": nav(toc),
    }
    for n, body in chapters.items():
        files[f"OEBPS/{n}"] = xhtml(body)
    return write_zip(path, files)
