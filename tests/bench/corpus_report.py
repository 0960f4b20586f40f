"""How the parsers do on the development corpus: headings expected vs found, blocks, parse time.

Run as a plain script: ``python tests/bench/corpus_report.py`` (the corpus is found through
``MARGINALIA_CORPUS`` or ``.corpus`` at the repository root). Text files go through
``parse_text`` (decoding is not timed); Markdown and HTML files through ``load_path``.
Times are the median of 5 runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tui.model.document import BlockKind, Document
from tui.model.load import decode, load_path

ROOT = Path(__file__).resolve().parents[2]

# Reference heading counts from the corpus README, with the document title counted as one
# heading when the source marks it as one (setext, h1, centred title line, first pilcrow line).
EXPECTED: dict[str, tuple[int, str]] = {
    "01-git-revert-faulty-merge.txt": (2, "title + ADDENDUM"),
    "02-fhs-3.0.txt": (189, "title + 7 chapters + 181 numbered"),
    "03-developers-reference.txt": (283, "title + Appendix + 9 chapters + 272 numbered"),
    "04-zsh-manual.info.txt": (326, "Top + 26 chapters + 6 indices + 154 + 139"),
    "05-debian-policy-relationships.html": (11, "h1 + 8 h2 + 2 h3"),
    "06-sphinx-rst-primer.scraped.txt": (23, "23 pilcrow headings"),
    "07-tabulate-readme.md": (21, "title + 8 h2 + 12 h3"),
    "08-yt-dlp-readme.md": (99, "99 ATX headings"),
    "09-abs-guide-changelog.latin1.txt": (54, "title + 53 releases"),
    "10-maint-guide.ja.txt": (85, "title + 9 chapters + 69 + 6"),
}


def corpus_dir() -> Path:
    """The corpus folder (``MARGINALIA_CORPUS`` or ``.corpus`` in the repository)."""
    return Path(os.environ.get("MARGINALIA_CORPUS", ROOT / ".corpus"))


def headings_found(doc: Document) -> int:
    """Heading blocks, plus the title when it was taken out of the body as metadata."""
    heads = [b.text for b in doc.blocks if b.kind is BlockKind.HEADING]
    return len(heads) + int(bool(doc.meta.title) and doc.meta.title not in heads)


def timed(fn: Callable[[], Document], runs: int = 5) -> tuple[Document, float]:
    """The result of ``fn`` and its median wall time in milliseconds."""
    times = []
    doc = None
    for _ in range(runs):
        t0 = time.perf_counter()
        doc = fn()
        times.append((time.perf_counter() - t0) * 1000)
    assert doc is not None
    return doc, statistics.median(times)


def main() -> int:
    """Print one row per corpus file."""
    root = corpus_dir()
    if not root.is_dir():
        print(f"no corpus at {root}; build it first (see the corpus README)", file=sys.stderr)
        return 1
    from tui.model.formats.plaintext import parse_text

    print(f"{'file':40} {'expected':>8} {'found':>6} {'blocks':>7} {'ms':>8}  reference")
    for name, (expected, ref) in EXPECTED.items():
        path = root / name
        if not path.is_file():
            print(f"{name:40} {expected:>8} {'missing':>6}")
            continue
        try:
            if path.suffix == ".txt":
                text, _ = decode(path.read_bytes())
                text = text.replace("\r\n", "\n")
                doc, ms = timed(lambda text=text: parse_text(text))
            else:
                doc, ms = timed(lambda path=path: load_path(path))
        except Exception as exc:  # a parser that does not exist yet, or fails
            print(f"{name:40} {expected:>8} {'n/a':>6} {'n/a':>7} {'n/a':>8}  {ref} ({type(exc).__name__})")
            continue
        found = headings_found(doc)
        print(f"{name:40} {expected:>8} {found:>6} {len(doc.blocks):>7} {ms:>8.1f}  {ref}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
