"""The reading-state store: positions per document and settings in one TOML file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.model.state import Position, StateStore, document_identity


def test_round_trip_of_positions_and_settings(tmp_path: Path) -> None:
    path = tmp_path / "data" / "state.toml"
    store = StateStore(path).load()
    assert store.position("path:/x") is None
    store.set_position("path:/x", Position("p123", 7, 40), fingerprint="f1", title="Book")
    store.set_setting("theme", "nord")
    store.save()
    again = StateStore(path).load()
    pos = again.position("path:/x")
    assert pos is not None
    assert (pos.block_id, pos.block_index, pos.offset) == ("p123", 7, 40)
    assert pos.updated is not None
    assert again.setting("theme") == "nord"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["schema"] == 1
    assert not list(path.parent.glob(".state-*"))  # no temporary file left behind


def test_fingerprint_finds_a_moved_document(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.toml").load()
    store.set_position("path:/old/place.txt", Position("p1", 3), fingerprint="abc")
    store.save()
    again = StateStore(tmp_path / "state.toml").load()
    assert again.position("path:/new/place.txt") is None
    moved = again.position("path:/new/place.txt", fingerprint="abc")
    assert moved is not None and moved.block_index == 3


def test_broken_file_is_reported_and_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text("schema = [unclosed", encoding="utf-8")
    store = StateStore(path).load()
    assert store.error and "state.toml" in store.error
    assert store.position("anything") is None
    assert path.read_text(encoding="utf-8") == "schema = [unclosed"  # loading changes nothing
    store.set_position("k", Position("p1", 1))
    store.save()
    assert (tmp_path / "state.toml.broken").read_text(encoding="utf-8") == "schema = [unclosed"
    assert StateStore(path).load().position("k") is not None

    path.write_bytes(b"\xff\xfe not utf-8 [")
    second = StateStore(path).load()
    assert second.error
    second.save()
    assert (tmp_path / "state.toml.broken-2").read_bytes() == b"\xff\xfe not utf-8 ["


def test_newer_schema_is_not_overwritten_silently(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text("schema = 99\n", encoding="utf-8")
    store = StateStore(path).load()
    assert store.error and "schema" in store.error
    assert store.position("anything") is None
    store.set_setting("theme", "nord")
    store.save()
    assert (tmp_path / "state.toml.broken").read_text(encoding="utf-8") == "schema = 99\n"
    assert StateStore(path).load().setting("theme") == "nord"


def test_wrong_types_in_an_entry_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_text('[documents."path:/a"]\nblock_index = "many"\n', encoding="utf-8")
    store = StateStore(path).load()
    assert store.error is None
    assert store.position("path:/a") is None


def test_identity_is_stable_and_distinguishes_sources(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "doc.txt"
    f.write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert document_identity("doc.txt", "fp") == document_identity(str(f), "fp")
    assert document_identity("", "fp", "article.txt") == "bundled:article.txt"
    assert document_identity("-", "fp1") != document_identity("-", "fp2")
    assert document_identity("-", "fp1") == document_identity("-", "fp1")


def test_unchanged_position_does_not_mark_dirty(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.toml").load()
    store.set_position("k", Position("p1", 1, 2))
    store.save()
    assert not store.dirty
    store.set_position("k", Position("p1", 1, 2))
    assert not store.dirty
    store.set_position("k", Position("p1", 1, 3))
    assert store.dirty
