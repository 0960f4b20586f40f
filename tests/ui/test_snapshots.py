"""Snapshots pinning the reader's layout (pytest-textual-snapshot; update with --snapshot-update)."""

from __future__ import annotations

from tests.ui.helpers import sectioned_doc
from tui.app import ReaderApp
from tui.model.load import load_path


def test_article_at_100x30(snap_compare) -> None:
    assert snap_compare(ReaderApp(load_path(None)), terminal_size=(100, 30))


def test_article_at_140x40(snap_compare) -> None:
    assert snap_compare(ReaderApp(load_path(None)), terminal_size=(140, 40))


def test_article_narrow_without_outline(snap_compare) -> None:
    assert snap_compare(ReaderApp(load_path(None)), terminal_size=(60, 24), press=["o", "j", "j"])


def test_sections_after_jump_at_100x30(snap_compare) -> None:
    assert snap_compare(
        ReaderApp(sectioned_doc()),
        terminal_size=(100, 30),
        press=["right_square_bracket", "right_square_bracket"],
    )


def test_help_screen(snap_compare) -> None:
    assert snap_compare(ReaderApp(sectioned_doc()), terminal_size=(100, 30), press=["question_mark"])
