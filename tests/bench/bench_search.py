"""Search speed: index build time and per-keystroke latency at 1,000 / 10,000 / 100,000 paragraphs.

Run as a plain script (not collected by pytest):

    python tests/bench/bench_search.py            # a table
    python tests/bench/bench_search.py --json     # one JSON object per size and line

The paragraphs come from the development corpus (``MARGINALIA_CORPUS`` or ``.corpus/``),
parsed with the project's loaders, then repeated and shuffled with a fixed seed to reach each
size. Every query is timed at every prefix, as a reader types it, starting from a cold cache.
For comparison the same run times a full rapidfuzz scan (``partial_ratio`` over every
paragraph, the obvious alternative) on the complete queries and prints the ratio of medians.
"typing top-3" is a quality figure for the misspelled queries: the share of their prefixes of
five or more characters whose final answer (the complete query's best hit) is already among
the first three hits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui.model.document import BlockKind, BlockSpec, Metadata, build_document  # noqa: E402
from tui.model.load import load_path  # noqa: E402
from tui.model.search import SearchIndex  # noqa: E402

SIZES = (1_000, 10_000, 100_000)

MISSPELLED = (
    "extnded globing",
    "paramter expansion",
    "hierachy",
    "dependancies",
    "interactve shell",
    "revrt merge",
    "uploda package",
    "colum widths",
    "sjoberg",
)

QUERIES = (
    # single words
    "option",
    "substitution",
    "maintainer",
    "filesystem",
    "repository",
    "changelog",
    # misspelled words
    *MISSPELLED,
    # 2-4 word phrases, words in any order
    "shell builtin commands",
    "format selection",
    "source package upload",
    "revert a faulty merge",
    "local variables functions",
    "static data files",
    "file name generation",
    "output template examples",
    "merge commit history",
    # operators
    '"command line"',
    "^version",
    "debian !package",
    "'zsh options",
    '"pre-depends" field',
    "!python download video",
    # CJK
    "パッケージのビルド",
    "変更",
)


def corpus_dir() -> Path:
    return Path(os.environ.get("MARGINALIA_CORPUS", ROOT / ".corpus"))


def corpus_paragraphs() -> list[str]:
    """Every searchable block text of the development corpus."""
    root = corpus_dir()
    files = sorted(p for p in root.glob("[0-9][0-9]-*") if p.is_file())
    if not files:
        sys.exit(f"no development corpus in {root} (set MARGINALIA_CORPUS)")
    out: list[str] = []
    for f in files:
        doc = load_path(f)
        out.extend(b.text for b in doc.blocks if b.kind is not BlockKind.RULE and b.text.strip())
    return out


def make_texts(base: list[str], size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts: list[str] = []
    while len(texts) < size:
        chunk = base[:]
        rng.shuffle(chunk)
        texts.extend(chunk)
    return texts[:size]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p * (len(values) - 1)))]


def typing_top3(index: SearchIndex) -> float:
    """Share of the misspelled queries' prefixes (5+ characters) whose final answer is top-3."""
    good = total = 0
    for q in MISSPELLED:
        final = index.search(q, limit=1).hits
        if not final:
            continue
        want = final[0].text
        for i in range(5, len(q)):
            total += 1
            good += want in [h.text for h in index.search(q[:i], limit=3).hits]
    return good / total if total else 0.0


def bench(texts: list[str], scan_queries: int) -> dict[str, float]:
    doc = build_document([BlockSpec(BlockKind.PARAGRAPH, t) for t in texts], Metadata())
    t0 = time.perf_counter()
    index = SearchIndex.build(doc)
    build_ms = (time.perf_counter() - t0) * 1e3
    keystrokes: list[float] = []
    finals: list[float] = []
    for q in QUERIES:
        index.clear_cache()
        for i in range(1, len(q) + 1):
            t = time.perf_counter()
            index.search(q[:i])
            keystrokes.append((time.perf_counter() - t) * 1e3)
        finals.append(keystrokes[-1])
    scan: list[float] = []
    for q in QUERIES[:scan_queries]:
        t = time.perf_counter()
        process.extract(q, texts, scorer=fuzz.partial_ratio, limit=50)
        scan.append((time.perf_counter() - t) * 1e3)
    p50 = statistics.median(keystrokes)
    scan_p50 = statistics.median(scan)
    return {
        "paragraphs": len(texts),
        "vocabulary": index.vocabulary_size,
        "build_ms": round(build_ms, 1),
        "p50_ms": round(p50, 2),
        "p90_ms": round(pct(keystrokes, 0.90), 2),
        "p95_ms": round(pct(keystrokes, 0.95), 2),
        "max_ms": round(max(keystrokes), 2),
        "keystrokes": len(keystrokes),
        "full_query_p50_ms": round(statistics.median(finals), 2),
        "scan_p50_ms": round(scan_p50, 1),
        "scan_queries": len(scan),
        "scan_ratio": round(scan_p50 / statistics.median(finals), 1),
        "typing_top3": round(typing_top3(index), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="one JSON object per size and line")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated sizes")
    args = ap.parse_args()
    base = corpus_paragraphs()
    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.json:
        print(f"{len(QUERIES)} queries, every prefix timed; corpus: {len(base)} distinct paragraphs")
        print(
            f"{'paragraphs':>10} {'build ms':>9} {'p50 ms':>7} {'p90 ms':>7} {'p95 ms':>7} {'max ms':>7}"
            f" {'scan p50':>9} {'scan/ours':>9} {'typing top-3':>12}"
        )
    for size in sizes:
        row = bench(make_texts(base, size), scan_queries=len(QUERIES) if size <= 10_000 else 6)
        if args.json:
            print(json.dumps(row), flush=True)
        else:
            print(
                f"{row['paragraphs']:>10} {row['build_ms']:>9.0f} {row['p50_ms']:>7.2f} {row['p90_ms']:>7.2f}"
                f" {row['p95_ms']:>7.2f} {row['max_ms']:>7.1f} {row['scan_p50_ms']:>9.1f}"
                f" {row['scan_ratio']:>8.1f}x {row['typing_top3']:>12.3f}",
                flush=True,
            )
    if not args.json:
        print("scan = rapidfuzz partial_ratio over every paragraph (complete queries);")
        print("scan/ours = scan median / our median on complete queries")
        print("typing top-3 = share of misspelled queries' 5+ letter prefixes already finding their answer")


if __name__ == "__main__":
    main()
