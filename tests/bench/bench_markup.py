"""Parse times of Markdown and HTML documents: medians and p95 in milliseconds.

Run as a plain script: ``python tests/bench/bench_markup.py``. It measures the corpus markup files
(when the corpus is built) and a generated 200 KB Markdown file with hundreds of code blocks.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from tui.model.document import BlockKind, Document
from tui.model.load import decode, detect_format, parse

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("MARGINALIA_CORPUS", ROOT / ".corpus"))


def synthetic_markdown(target: int = 200_000, dense: bool = False) -> str:
    """A README-like document of about ``target`` characters with hundreds of fenced code blocks.

    ``dense`` packs a heading, a code block, a list and a table into every 300 characters: a
    worst case far denser than real documents.
    """
    prose = (
        "Some *emphasis*, `inline code` and a [link](#section-1) in a paragraph that runs on for a "
        "while, the way documentation explains an option before showing it in use. "
    )
    parts = ["Project\n=======\n\nA generated document for timing.\n"]
    size = 0
    i = 0
    while size < target:
        i += 1
        body = prose[:120] if dense else prose * 3 + "\n\n" + prose * 2
        part = (
            f"\n## Section {i}\n\n{body}\n\n"
            f"```python\n# comment {i}, not a heading\ndef f{i}(x):\n    return x * {i}\n```\n\n"
            "- item one\n- item two with **bold**\n  1. nested\n"
        )
        if dense or i % 5 == 0:
            part += f"\n| a | b |\n|---|---|\n| {i} | {i * 2} |\n"
        parts.append(part)
        size += len(part)
    return "".join(parts)


def timed(fn: Callable[[], Document], runs: int) -> tuple[float, float, Document]:
    fn()  # warm up imports and caches
    times = []
    doc = None
    for _ in range(runs):
        t = time.perf_counter()
        doc = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    assert doc is not None
    return statistics.median(times), p95, doc


def main() -> None:
    rows: list[tuple[str, int, str, Callable[[], Document]]] = []
    for prefix in ("05", "07", "08"):
        found = sorted(CORPUS.glob(f"{prefix}-*"))
        if found:
            text, _ = decode(found[0].read_bytes())
            fmt = detect_format(found[0].name, text)
            rows.append((found[0].name, len(text), fmt, lambda t=text, f=fmt: parse(t, f)))
    synth = synthetic_markdown()
    rows.append(("synthetic-200k.md", len(synth), "markdown", lambda: parse(synth, "markdown")))
    dense = synthetic_markdown(dense=True)
    rows.append(("synthetic-200k-dense.md", len(dense), "markdown", lambda: parse(dense, "markdown")))
    print(
        f"{'file':40} {'KB':>6} {'format':>8} {'blocks':>7} {'code':>5} {'heads':>5}"
        f" {'median ms':>10} {'p95 ms':>8}"
    )
    for name, size, fmt, fn in rows:
        med, p95, doc = timed(fn, 15)
        code = sum(1 for b in doc.blocks if b.kind is BlockKind.CODE)
        heads = sum(1 for b in doc.blocks if b.kind is BlockKind.HEADING)
        print(
            f"{name[:40]:40} {size / 1024:6.0f} {fmt:>8} {len(doc.blocks):7} {code:5} {heads:5}"
            f" {med:10.1f} {p95:8.1f}"
        )


if __name__ == "__main__":
    main()
