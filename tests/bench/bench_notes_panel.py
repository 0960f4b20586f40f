"""Benchmark the notes panel in the reader: opening it, and one note change while it is open.

Run as a plain script: ``python tests/bench/bench_notes_panel.py``. The reader runs headless
(``App.run_test``) on a 2,000-paragraph document with 100, 1,000 and 10,000 notes. Prints, in
milliseconds, the median (and p95) time to open the panel and to add, edit and delete one
note with the panel open, each until the screen has caught up.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from tui.app import ReaderApp
from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.notes import anchor_for_block, anchor_for_span
from tui.model.store import NotesStore
from tui.widgets.notes_panel import NotesPanel

PARAGRAPHS = 2_000
SIZE = (140, 40)
WORDS = ("river", "stone", "lantern", "orchard", "signal", "harbour", "meadow", "ledger", "copper")


def make_doc(rng: random.Random) -> Document:
    """Numbered sections of distinct paragraphs."""
    specs: list[BlockSpec] = []
    for i in range(PARAGRAPHS):
        if i % 20 == 0:
            specs.append(BlockSpec(BlockKind.HEADING, f"Section {i // 20 + 1}", level=2))
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60)))
        specs.append(BlockSpec(BlockKind.PARAGRAPH, f"{i}. {words}."))
    return build_document(specs, Metadata(title="Benchmark document", source="bench.txt"))


def random_anchor(doc: Document, rng: random.Random, i: int):  # type: ignore[no-untyped-def]
    """A block anchor or a span anchor on a random paragraph."""
    paragraphs = [b.index for b in doc.blocks if b.kind is BlockKind.PARAGRAPH]
    index = rng.choice(paragraphs)
    if i % 2:
        text = doc.blocks[index].text
        start = rng.randrange(0, len(text) - 20)
        return anchor_for_span(doc, index, start, start + rng.randint(8, 20))
    return anchor_for_block(doc, index)


async def saved(app: ReaderApp) -> None:
    """Wait (untimed) until the notes are saved, so a save does not overlap the next change."""
    for _ in range(1000):
        if not app.notes_save_pending:
            break
        await asyncio.sleep(0.02)
    await app.workers.wait_for_complete()


def stats(runs: list[float]) -> str:
    """``median / p95`` of runs in seconds, shown in milliseconds."""
    runs = sorted(r * 1000 for r in runs)
    p95 = runs[min(len(runs) - 1, int(0.95 * len(runs)))]
    return f"{statistics.median(runs):8.1f} / {p95:<7.1f}"


async def measure(doc: Document, count: int, rng: random.Random) -> dict[str, list[float]]:
    """Open / add / edit / delete timings for a document with ``count`` notes."""
    store = NotesStore.open(Path(os.environ["MARGINALIA_DATA_DIR"]), doc)
    for i in range(count):
        store.add(random_anchor(doc, rng, i), f"Note {i}\nwith a second line.", ["bench"] if i % 3 else ())
    store.save()
    repeat = 15 if count < 10_000 else 7
    times: dict[str, list[float]] = {"open": [], "add": [], "edit": [], "delete": []}
    app = ReaderApp(doc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.notes is not None and len(app.notes) == count
        panel = app.query_one(NotesPanel)
        for _ in range(3):
            t = time.perf_counter()
            await pilot.press("m")
            await pilot.pause()
            times["open"].append(time.perf_counter() - t)
            assert panel.display
            await pilot.press("m")  # close, change a note, open again
            await pilot.pause()
            notes = app.notes
            app._note_changed(notes.update(notes.notes[rng.randrange(len(notes))].id, body="changed"))
            await saved(app)
            await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        for i in range(repeat):
            notes = app.notes
            anchor = random_anchor(doc, rng, i)
            t = time.perf_counter()
            app._note_changed(notes.add(anchor, f"added {i}"))
            await pilot.pause()
            times["add"].append(time.perf_counter() - t)
            await saved(app)

            note_id = notes.notes[rng.randrange(len(notes))].id
            t = time.perf_counter()
            app._note_changed(notes.update(note_id, body=f"edited {i}"))
            await pilot.pause()
            times["edit"].append(time.perf_counter() - t)
            await saved(app)

            note_id = notes.notes[rng.randrange(len(notes))].id
            t = time.perf_counter()
            app._note_delete(NotesPanel.Delete(note_id))
            await pilot.pause()
            times["delete"].append(time.perf_counter() - t)
            await saved(app)
        app.exit(0)
    return times


def main() -> None:
    rng = random.Random(11)
    doc = make_doc(rng)
    print(f"document: {len(doc.blocks)} blocks; times in ms, median / p95")
    print(f"{'notes':>7}  {'open':>17}  {'add':>17}  {'edit':>17}  {'delete':>17}")
    for count in (100, 1_000, 10_000):
        with tempfile.TemporaryDirectory() as data:
            os.environ["MARGINALIA_DATA_DIR"] = data
            times = asyncio.run(measure(doc, count, rng))
        row = "  ".join(stats(times[k]) for k in ("open", "add", "edit", "delete"))
        print(f"{count:>7}  {row}", flush=True)


if __name__ == "__main__":
    main()
