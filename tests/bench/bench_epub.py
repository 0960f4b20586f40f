"""EPUB books: first screen, ``outline --json``, ``cat`` and whole-book parse time, and memory.

The book is a synthetic epic made at run time (see ``epubdata.py``: ~11 MB, ~2,000 XHTML
files; never committed), plus the development corpus's EPUB books when present
(``MARGINALIA_EPUB_CORPUS`` or ``.corpus/epub``). Every number is a median over ``--runs``
fresh processes; memory is the peak resident set of the child.

    python tests/bench/bench_epub.py [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_open import measure as measure_first_screen
from benchdata import corpus_dir
from epubdata import make_epic

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"first_screen_s": 0.5, "outline_json_s": 1.0, "peak_rss_mb": 300}


def _run(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of ``argv`` as a child process, and its peak RSS in MB (max over runs)."""
    times, peak = [], 0.0
    for _ in range(runs):
        start = time.time()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.time() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(argv)}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return round(statistics.median(times), 3), round(peak, 1)


def _cli(command: str, path: Path, runs: int, *extra: str) -> tuple[float, float]:
    return _run([sys.executable, "-m", "tui", command, *extra, str(path)], runs)


def _whole_parse(path: Path, runs: int) -> tuple[float, float]:
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from tui.model.formats.epub import load_epub; "
        f"load_epub({str(path)!r})"
    )
    return _run([sys.executable, "-c", code], runs)


def books(tmp: Path) -> list[tuple[str, Path]]:
    """(name, path) of the books to measure: the synthetic epic first."""
    found = [("epic-11mb-synthetic", make_epic(tmp / "epic.epub"))]
    shelf = Path(os.environ.get("MARGINALIA_EPUB_CORPUS", corpus_dir() / "epub"))
    for p in sorted(shelf.glob("*.epub")):
        found.append((p.stem[:24], p))
    return found


def measure(path: Path, runs: int) -> dict[str, float]:
    """All the numbers for one book."""
    first = measure_first_screen(str(path), runs)
    outline_s, outline_mb = _cli("outline", path, runs, "--json")
    cat_s, _ = _cli("cat", path, runs)
    parse_s, parse_mb = _whole_parse(path, runs)
    return {
        "mb": round(path.stat().st_size / 1e6, 2),
        "first_screen_s": first["median_s"],
        "first_screen_max_s": first["max_s"],
        "reader_peak_rss_mb": first["peak_rss_mb"],
        "outline_json_s": outline_s,
        "outline_peak_rss_mb": outline_mb,
        "cat_s": cat_s,
        "whole_parse_s": parse_s,
        "parse_peak_rss_mb": parse_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--only-epic", action="store_true", help="measure the synthetic epic alone")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        cases = books(Path(tmp))
        for name, path in cases[:1] if args.only_epic else cases:
            r = results[name] = measure(path, args.runs)
            if not args.json:
                print(
                    f"{name:24} {r['mb']:6.2f} MB  first screen {r['first_screen_s']:6.3f} s "
                    f"(max {r['first_screen_max_s']:.3f})  outline --json {r['outline_json_s']:6.3f} s  "
                    f"cat {r['cat_s']:6.3f} s  parse {r['whole_parse_s']:6.3f} s  "
                    f"RSS reader {r['reader_peak_rss_mb']:.0f} / outline {r['outline_peak_rss_mb']:.0f} MB",
                    flush=True,
                )
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("targets (epic): " + ", ".join(f"{k} <= {v}" for k, v in TARGETS.items()))


if __name__ == "__main__":
    main()
