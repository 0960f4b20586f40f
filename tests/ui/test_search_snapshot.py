"""A snapshot pinning the search bar's layout with results (update with --snapshot-update)."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.app import ReaderApp
from tui.model.load import load_path


async def _wait_for_workers(pilot: Pilot[int]) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_search_bar_with_results(snap_compare) -> None:
    async def run_before(pilot: Pilot[int]) -> None:
        await _wait_for_workers(pilot)
        await pilot.press("slash", *"resilliance", "down")
        await _wait_for_workers(pilot)

    assert snap_compare(ReaderApp(load_path(None)), terminal_size=(100, 30), run_before=run_before)
