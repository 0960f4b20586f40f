"""Time to first screen and peak memory of the reader, each run as a whole process.

Every case runs ``python this_file --child FILE`` in a fresh process: interpreter start,
imports, decoding and parsing, building the app with its real start-up and rendering the
first screen (headless, 120x40). Reported: median and max over ``--runs`` runs of the time
from starting the process to the first drawn screen, the median whole-process time (which
also waits for background work such as the search index to finish before exiting), and the
peak resident memory of the child (its rusage from wait4, max over the runs).

    python tests/bench/bench_open.py [--runs 5] [--json]

Documents: the bundled article, ~1 MB and ~5 MB documents concatenated from the
development corpus's .txt files (``MARGINALIA_CORPUS`` or ./.corpus; synthetic text when
it is missing), and the corpus's Markdown and HTML files when present.
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

from benchdata import big_text, corpus_dir

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {"article": 0.4, "text-5mb": 1.0}
MEMORY_TARGET_MB = 250


def child(path: str) -> None:
    """Open ``path`` ("" for the bundled article) in the reader and exit after the first screen."""
    sys.path.insert(0, str(ROOT))
    from tui.app import ReaderApp, long_lived_allocation
    from tui.model.load import load_path
    from tui.widgets.article import Article

    drawn: list[int] = []
    render_line = Article.render_line

    def counting_render_line(self: Article, y: int):  # type: ignore[no-untyped-def]
        drawn.append(y)
        return render_line(self, y)

    Article.render_line = counting_render_line  # type: ignore[method-assign]

    class FirstScreenApp(ReaderApp):
        def on_mount(self) -> None:
            # The real start-up (state, position, background workers), then wait for the screen.
            # The check is queued first, so that work the app defers until after the first
            # screen (opening the notes, mounting the search bar) is not counted as before it.
            self.call_after_refresh(self._exit_when_drawn)
            super().on_mount()

        def _exit_when_drawn(self) -> None:
            article = self.query_one(Article)
            if drawn and (article.line_count > 0 or doc.is_empty):
                stamp = os.environ.get("MARGINALIA_BENCH_STAMP")
                if stamp:
                    Path(stamp).write_text(repr(time.time()))
                self.exit(0)
            else:
                self.call_after_refresh(self._exit_when_drawn)

    with long_lived_allocation():  # as the command line does
        doc = load_path(path or None)
    app = FirstScreenApp(doc, data_dir=tempfile.mkdtemp(prefix="marginalia-bench-"))
    app.run(headless=True, size=(120, 40))
    if app.return_code != 0 or not drawn:
        raise SystemExit(1)


def build_text(target_bytes: int, out: Path) -> Path:
    """Write a plain-text document of about ``target_bytes`` to ``out``."""
    out.write_bytes(big_text(target_bytes))
    return out


def cases(tmp: Path) -> list[tuple[str, str]]:
    """(name, path) of every document to measure; "" is the bundled article."""
    found = [("article", "")]
    found.append(("text-1mb", str(build_text(1_000_000, tmp / "doc-1mb.txt"))))
    found.append(("text-5mb", str(build_text(5_000_000, tmp / "doc-5mb.txt"))))
    corpus = corpus_dir()
    for pattern, label in (("*.md", "markdown"), ("*.html", "html")):
        for path in sorted(corpus.glob(pattern)):
            found.append((f"{label}:{path.stem[:18]}", str(path)))
    book = corpus / "04-zsh-manual.info.txt"
    if book.is_file():
        found.append(("text-book-1.8mb", str(book)))
    return found


def measure(path: str, runs: int) -> dict[str, float]:
    """First-screen time (process start to the first drawn screen) and whole-process time."""
    times: list[float] = []
    totals: list[float] = []
    peak = 0.0
    stamp = Path(tempfile.mkdtemp(prefix="marginalia-bench-")) / "first-screen"
    for _ in range(runs):
        stamp.unlink(missing_ok=True)
        # A file, not a pipe: a child writing much to stderr would block on a full pipe
        # while this process waits for it to exit.
        with tempfile.TemporaryFile() as errors:
            start = time.time()
            proc = subprocess.Popen(
                [sys.executable, __file__, "--child", path],
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env={**os.environ, "MARGINALIA_BENCH_STAMP": str(stamp)},
            )
            _, status, usage = os.wait4(proc.pid, 0)
            totals.append(time.time() - start)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                errors.seek(0)
                err = errors.read().decode(errors="replace")
                raise SystemExit(f"child failed for {path or 'article'}:\n{err[-2000:]}")
        if stamp.exists():
            times.append(float(stamp.read_text()) - start)
        peak = max(peak, usage.ru_maxrss / 1024)
    size = Path(path).stat().st_size if path else 0
    return {
        "bytes": size,
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "process_s": round(statistics.median(totals), 3),
        "peak_rss_mb": round(peak, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in cases(Path(tmp)):
            results[name] = measure(path, args.runs)
            if not args.json:
                r = results[name]
                target = TARGETS.get(name)
                verdict = "" if target is None else ("ok" if r["median_s"] <= target else "SLOW")
                print(
                    f"{name:28} {r['bytes'] / 1e6:7.2f} MB  median {r['median_s']:6.3f} s  "
                    f"max {r['max_s']:6.3f} s  (process {r['process_s']:5.2f} s)  "
                    f"peak RSS {r['peak_rss_mb']:6.1f} MB  {verdict}",
                    flush=True,
                )
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(
            f"targets: article <= {TARGETS['article']} s, 5 MB <= {TARGETS['text-5mb']} s, "
            f"memory <= {MEMORY_TARGET_MB} MB"
        )


if __name__ == "__main__":
    main()
