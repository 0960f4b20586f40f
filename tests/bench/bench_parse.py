"""Plain-text parse times: decoding and ``parse_text`` per document, medians and p95 in ms.

Run as a plain script (not collected by pytest):

    python tests/bench/bench_parse.py [--runs 5]

Documents: the bundled article, every ``.txt`` file of the development corpus
(``MARGINALIA_CORPUS`` or ``.corpus/``) and a ~5 MB document made of the corpus's UTF-8 ``.txt``
files concatenated and repeated (synthetic text when the corpus is missing). For each one it
prints the decode time, the ``parse_text`` time (blocks, ids and sections included) and how
much of that is ``build_document``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchdata import big_text, corpus_texts  # noqa: E402

from tui.model import document as document_module  # noqa: E402
from tui.model.formats import plaintext  # noqa: E402
from tui.model.formats.plaintext import pipeline  # noqa: E402
from tui.model.load import bundled_path, decode  # noqa: E402

FIVE_MB = 5_000_000


def documents() -> list[tuple[str, bytes]]:
    """(name, bytes) of every document to measure."""
    docs = [("article", bundled_path().read_bytes())]
    docs += corpus_texts()
    docs.append(("text-5mb", big_text(FIVE_MB)))
    return docs


def prepare(data: bytes) -> str:
    """Decoded text with ``\\n`` newlines, as the loader hands it to a parser."""
    text, _ = decode(data)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall times in seconds of ``runs`` calls of ``fn``."""
    out: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def build_share(text: str, runs: int) -> float:
    """Median seconds spent in ``build_document`` during one ``parse_text`` call."""
    spent: list[float] = []
    original = pipeline.build_document

    def wrapped(*args: object, **kwargs: object) -> document_module.Document:
        start = time.perf_counter()
        doc = original(*args, **kwargs)  # type: ignore[arg-type]
        spent.append(time.perf_counter() - start)
        return doc

    pipeline.build_document = wrapped  # type: ignore[assignment]
    try:
        for _ in range(runs):
            plaintext.parse_text(text)
    finally:
        pipeline.build_document = original
    return statistics.median(spent)


def p95(xs: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    s = sorted(xs)
    return s[min(len(s) - 1, round(0.95 * (len(s) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per document (default 5)")
    args = parser.parse_args()
    runs = max(1, args.runs)
    header = f"{'document':<36} {'bytes':>9} {'blocks':>7} {'decode':>8} {'parse':>8} {'p95':>8} {'build':>8}"
    print(header)
    print("-" * len(header))
    for name, data in documents():
        text = prepare(data)
        dec = statistics.median(timed(lambda data=data: decode(data), runs))
        plaintext.parse_text(text)  # warm regex caches and imports
        times = timed(lambda text=text: plaintext.parse_text(text), runs)
        blocks = len(plaintext.parse_text(text).blocks)
        build = build_share(text, runs)
        print(
            f"{name[:36]:<36} {len(data):>9} {blocks:>7} {dec * 1000:>6.1f}ms "
            f"{statistics.median(times) * 1000:>6.1f}ms {p95(times) * 1000:>6.1f}ms {build * 1000:>6.1f}ms"
        )


if __name__ == "__main__":
    main()
