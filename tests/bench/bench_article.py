"""Cost of one drawn line of the reading pane, fresh and from its strip cache.

Each document is opened headless at ``--size`` (default 160x50). Page by page through the
first ``--lines`` visual lines, every line on screen is drawn twice with ``render_line``:
the first draw builds its strip (styles, highlights, syntax colours), the second comes from
the cache. Reported: the median and p95 of each, in microseconds, over every line drawn.

    python tests/bench/bench_article.py [--size 160x50] [--lines 3000] [--json]

Documents: the bundled article, the development corpus's Markdown files (code blocks and
tables; ``MARGINALIA_CORPUS`` or ./.corpus) and a ~1 MB plain text made from the corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchdata import big_text, corpus_dir

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.app import ReaderApp  # noqa: E402
from tui.model.load import load_path  # noqa: E402
from tui.widgets.article import Article  # noqa: E402


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


async def measure(path: str, size: tuple[int, int], limit: int) -> dict[str, float]:
    """Median and p95 microseconds of a fresh and of a cached drawn line of ``path``."""
    app = ReaderApp(load_path(path or None), data_dir=tempfile.mkdtemp(prefix="marginalia-bench-"))
    fresh: list[float] = []
    cached: list[float] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        article = app.query_one(Article)
        height = article.scrollable_content_region.height
        total = min(article.line_count, limit)
        clock = time.perf_counter_ns
        for top in range(height, max(total - height, height + 1), height):  # page 0 is drawn already
            article.scroll_to(y=top, animate=False, immediate=True)
            for times in (fresh, cached):
                for y in range(height):
                    t0 = clock()
                    article.render_line(y)
                    times.append((clock() - t0) / 1000)
    if not fresh:
        return {"lines": 0}
    return {
        "lines": len(fresh),
        "fresh_median_us": round(statistics.median(fresh), 1),
        "fresh_p95_us": round(_percentile(fresh, 0.95), 1),
        "cached_median_us": round(statistics.median(cached), 1),
        "cached_p95_us": round(_percentile(cached, 0.95), 1),
    }


def cases(tmp: Path) -> list[tuple[str, str]]:
    """(name, path) of every document to measure; "" is the bundled article."""
    found = [("article", "")]
    for path in sorted(corpus_dir().glob("*.md")):
        found.append((f"markdown:{path.stem[:18]}", str(path)))
    text = tmp / "doc-1mb.txt"
    text.write_bytes(big_text(1_000_000))
    found.append(("text-1mb", str(text)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="160x50", help="terminal COLSxROWS")
    parser.add_argument("--lines", type=int, default=3000, help="visual lines drawn per document")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    cols, rows = (int(n) for n in args.size.split("x"))
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in cases(Path(tmp)):
            r = results[name] = asyncio.run(measure(path, (cols, rows), args.lines))
            if not args.json and r["lines"]:
                print(
                    f"{name:28} {int(r['lines']):5} lines  fresh median {r['fresh_median_us']:7.1f} µs "
                    f"p95 {r['fresh_p95_us']:7.1f} µs   cached median {r['cached_median_us']:5.1f} µs "
                    f"p95 {r['cached_p95_us']:5.1f} µs",
                    flush=True,
                )
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
