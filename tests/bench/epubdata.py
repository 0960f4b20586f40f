"""A synthetic epic-length EPUB 3 for the benchmarks (generated, never committed).

``make_epic(path)`` writes an ~11 MB book of ~2,000 XHTML chapters in 18 parts, with an
EPUB 3 nav (two levels), an NCX, footnotes and internal links. The words are invented by a
seeded generator, so the text compresses about as well as prose and is the same every run.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
XHTML = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en">
<head><title>{title}</title></head>
<body><section id="top"><h2>{title}</h2>
{body}
</section></body></html>"""


def _words(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "ra", "na", "sha", "dhi", "vi", "pu", "tra", "ma", "ya", "lo", "ghu", "sa", "te"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(n)]
    return vocab + ["the", "and", "of", "to", "in", "he", "was", "that", "his", "with"] * 40


def _paragraph(rng: random.Random, vocab: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 7)):
        words = rng.choices(vocab, k=rng.randint(6, 24))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def make_epic(path: Path, chapters: int = 2000, target_mb: float = 11.0, seed: int = 7) -> Path:
    """Write the synthetic epic to ``path`` (about ``target_mb`` MB, ``chapters`` XHTML files)."""
    rng = random.Random(seed)
    vocab = _words(rng, 6000)
    parts = 18
    per_chapter = int(target_mb * 1024 * 1024 * 2.6 / chapters)  # XHTML bytes (text deflates ~2.6x)
    names = [f"text/part{1 + i * parts // chapters:02d}/ch{i + 1:04d}.xhtml" for i in range(chapters)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", CONTAINER)
        for i, name in enumerate(names):
            paras, size, n = [], 0, 0
            while size < per_chapter:
                p = _paragraph(rng, vocab)
                n += 1
                if n % 25 == 0:
                    p += f' <a epub:type="noteref" href="#fn{n}">{n}</a>'
                    paras.append(f"<p>{p}</p>")
                    note = _paragraph(rng, vocab)
                    paras.append(f'<aside epub:type="footnote" id="fn{n}"><p>Note {n}: {note}</p></aside>')
                elif n % 40 == 0 and i:
                    paras.append(
                        f'<p>{p} See <a href="../part01/ch0001.xhtml#top">the first chapter</a>.</p>'
                    )
                else:
                    paras.append(f"<p>{p}</p>")
                size += len(paras[-1])
            z.writestr(f"OEBPS/{name}", XHTML.format(title=f"Chapter {i + 1}", body="\n".join(paras)))
        manifest = "\n".join(
            f'<item id="c{i}" href="{n}" media-type="application/xhtml+xml"/>' for i, n in enumerate(names)
        )
        spine = "\n".join(f'<itemref idref="c{i}"/>' for i in range(chapters))
        z.writestr(
            "OEBPS/content.opf",
            f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">synthetic-epic</dc:identifier>
<dc:title>A Synthetic Epic</dc:title><dc:creator>Nobody</dc:creator><dc:language>en</dc:language></metadata>
<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
{manifest}</manifest><spine toc="ncx">{spine}</spine></package>""",
        )
        groups: dict[str, list[str]] = {}
        for i, n in enumerate(names):
            groups.setdefault(n.split("/")[1], []).append(f'<li><a href="{n}">Chapter {i + 1}</a></li>')
        nav = "".join(
            f'<li><a href="{items[0].split(chr(34))[1]}">Part {k + 1}</a><ol>{"".join(items)}</ol></li>'
            for k, items in enumerate(groups.values())
        )
        z.writestr(
            "OEBPS/nav.xhtml",
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
            'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head><body>'
            f'<nav epub:type="toc"><ol>{nav}</ol></nav></body></html>',
        )
        z.writestr("OEBPS/toc.ncx", '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap/></ncx>')
    return path


if __name__ == "__main__":
    import sys

    out = make_epic(Path(sys.argv[1] if len(sys.argv) > 1 else "epic.epub"))
    print(out, out.stat().st_size)
