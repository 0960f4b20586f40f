"""Benchmark the notes store: load and save times, and re-anchoring on large documents.

Run as a plain script: ``python tests/bench/bench_notes.py``. Prints medians (and p95) in
milliseconds for 10, 1,000 and 10,000 notes, and re-anchoring of 10,000 notes on an
unchanged and on an edited 10,000-block document.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.notes import anchor_for_block, anchor_for_span, reanchor
from tui.model.store import NotesStore

SYLLABLES = tuple(a + b for a in "kmnrstvbd" for b in "aeiou")


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    """Pseudo-words; drawn with Zipf-like weights, as words are in real text."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    return sorted(words)


def paragraphs(n: int, rng: random.Random) -> list[str]:
    """Distinct paragraphs of 30-90 words."""
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    cum = [0.0]
    for w in weights:
        cum.append(cum[-1] + w)
    cum = cum[1:]
    return [
        f"{i}. " + " ".join(rng.choices(vocab, cum_weights=cum, k=rng.randint(30, 90))) + "."
        for i in range(n)
    ]


def make_doc(paras: list[str]) -> Document:
    specs: list[BlockSpec] = []
    for i, p in enumerate(paras):
        if i % 25 == 0:
            specs.append(BlockSpec(BlockKind.HEADING, f"Section {i // 25}", level=2))
        specs.append(BlockSpec(BlockKind.PARAGRAPH, p))
    return build_document(specs, Metadata(title="Benchmark document"))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and p95 of ``repeat`` runs, in milliseconds."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, int(0.95 * len(runs)))]


def fill(store: NotesStore, doc: Document, count: int, rng: random.Random) -> None:
    blocks = [b.index for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    for i in range(count):
        bi = rng.choice(blocks)
        text = doc.blocks[bi].text
        if i % 2:
            s = rng.randrange(0, len(text) - 20)
            anchor = anchor_for_span(doc, bi, s, s + rng.randint(10, 20))
        else:
            anchor = anchor_for_block(doc, bi)
        store.add(anchor, f'Note {i}\nwith a second line and a "quote" or two.', ["bench"] if i % 3 else ())


def main() -> None:
    rng = random.Random(7)
    doc = make_doc(paragraphs(10_000, rng))
    print(f"document: {len(doc.blocks)} blocks, {sum(len(b.text) for b in doc.blocks):,} characters")
    print(f"{'notes':>7} {'file KB':>8} {'load ms (median/p95)':>22} {'save ms (median/p95)':>22}")
    for count in (10, 1_000, 10_000):
        with tempfile.TemporaryDirectory() as d:
            data = Path(d)
            store = NotesStore.open(data, doc)
            fill(store, doc, count, rng)
            store.save()
            repeat = 15 if count < 10_000 else 5

            def save(store: NotesStore = store) -> None:
                store.update(store.notes[0].id, body=f"edited {time.perf_counter()}")
                store.save()

            load = timed(lambda data=data: NotesStore.open(data, doc), repeat)
            saved = timed(save, repeat)
            size = store.path.stat().st_size / 1024
            timing = f"{load[0]:>11.1f} / {load[1]:<8.1f} {saved[0]:>11.1f} / {saved[1]:<8.1f}"
            print(f"{count:>7} {size:>8.0f} {timing}")

    with tempfile.TemporaryDirectory() as d:
        store = NotesStore.open(Path(d), doc)
        fill(store, doc, 10_000, rng)
        notes = store.notes
    unchanged = timed(lambda: reanchor(notes, doc), 5)
    # Edit every 20th paragraph (a word replaced), insert 100 and delete 100 paragraphs.
    paras = [b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    edited = []
    for i, p in enumerate(paras):
        if i % 100 == 50:
            continue  # deleted
        if i % 20 == 0:
            p = p.replace(" ", " new ", 1)
        edited.append(p)
        if i % 100 == 0:
            edited.append(f"Inserted paragraph {i} about nothing in particular at all.")
    edited_doc = make_doc(edited)
    placed = reanchor(notes, edited_doc)
    changed = timed(lambda: reanchor(notes, edited_doc), 3)
    counts = {s: sum(1 for p in placed if p.status == s) for s in ("ok", "moved", "orphan")}
    print(f"re-anchor 10,000 notes, unchanged document: {unchanged[0]:.1f} ms (p95 {unchanged[1]:.1f})")
    print(
        f"re-anchor 10,000 notes, edited document:    {changed[0]:.1f} ms (p95 {changed[1]:.1f}); "
        f"ok {counts['ok']}, moved {counts['moved']}, orphan {counts['orphan']}"
    )


if __name__ == "__main__":
    main()
