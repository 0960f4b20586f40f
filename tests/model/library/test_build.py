"""Adding to the library: incremental re-indexing, skipped files counted, gone files dropped."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tui.model.library import Library, parse

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "text"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "news-article.txt", docs / "news.txt")
    shutil.copy(FIXTURES / "blog-post.txt", docs / "sub" / "blog.txt")
    (docs / "notes.md").write_text(
        "# Garden notes\n\nThe tomatoes ripened early this year.\n", encoding="utf-8"
    )
    return docs


def _lib(tmp_path: Path) -> Library:
    return Library.open(tmp_path / "data")


def test_adding_a_folder_indexes_every_document_once(tmp_path: Path, folder: Path) -> None:
    with _lib(tmp_path) as lib:
        report = lib.add([str(folder)])
        assert report.summary() == "indexed 3, skipped 0"
        assert report.blocks > 20
        again = lib.add([str(folder)])
        assert again.summary() == "indexed 0, unchanged 3, skipped 0"
        assert len(lib) == 3
        assert {d.title for d in lib.documents()} >= {"Garden notes"}


def test_only_changed_files_are_indexed_again_and_gone_ones_dropped(tmp_path: Path, folder: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.add([str(folder)])
        (folder / "notes.md").write_text("# Garden notes\n\nThe courgettes failed.\n", encoding="utf-8")
        (folder / "sub" / "blog.txt").unlink()
        news = folder / "news.txt"
        os.utime(news, ns=(news.stat().st_atime_ns, news.stat().st_mtime_ns + 10**9))  # touched, same text
        report = lib.add([str(folder)])
        assert report.summary() == "indexed 1, unchanged 1, removed 1, skipped 0"
        assert lib.search("courgettes").hits[0].text == "The courgettes failed."
        assert not lib.search("tomatoes ripened").hits
        assert len(lib) == 2


def test_unusable_files_are_skipped_and_counted(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 10)
    (folder / "archive.bin").write_bytes(b"\x00\x01\x02" * 1000)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "sub" / "back-up").symlink_to(folder)  # a folder loop
    (folder / "huge.txt").write_text("word " * 2000, encoding="utf-8")
    monkeypatch.setattr(parse, "MAX_BYTES", 5000)
    with _lib(tmp_path) as lib:
        report = lib.add([str(folder)], workers=1)
    assert report.summary() == ("indexed 3, skipped 7: 2 binary, 1 unreadable, 1 too large, 3 symlink loop")
    assert any("photo.jpg" in p for p in report.problems)


def test_a_file_deleted_or_rewritten_during_the_build_gives_no_error(tmp_path: Path, folder: Path) -> None:
    files = sorted(p for p in folder.rglob("*.*"))

    def meddle(done: int, total: int, path: str) -> None:
        if done == 1:
            files[1].unlink()  # the next file vanishes before it is read
            files[2].write_text("# Rewritten\n\nPlums instead.\n", encoding="utf-8")

    with _lib(tmp_path) as lib:
        report = lib.add([str(folder)], progress=meddle, workers=1)
        assert report.indexed == 2 and report.skipped["unreadable"] == 1
        hit = lib.search("plums").hits[0]
        assert hit.path == str(files[2].resolve()) and hit.text == "Plums instead."


def test_a_full_disk_keeps_the_documents_committed_before(tmp_path: Path, folder: Path) -> None:
    big = "\n\n".join(f"Paragraph {n} about the weather in spring and autumn." for n in range(3000))
    (folder / "sub" / "big.txt").write_text(big, encoding="utf-8")
    with _lib(tmp_path) as lib:
        lib.add([str(folder / "notes.md")])
        pages = lib.con.execute("PRAGMA page_count").fetchone()[0]
        lib.con.execute(f"PRAGMA max_page_count = {pages + 1}")
        report = lib.add([str(folder)])
        assert "disk is full" in report.error
        lib.con.execute("PRAGMA max_page_count = 1000000")
        assert [d.title for d in lib.documents()] == ["Garden notes"]
        assert lib.search("tomatoes").hits
        assert lib.add([str(folder)]).summary() == "indexed 3, unchanged 1, skipped 0"


def test_removing_forgets_documents_and_leaves_files(tmp_path: Path, folder: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.add([str(folder)])
        assert len(lib.remove([str(folder / "sub")])) == 1
        assert len(lib) == 2
        assert (folder / "sub" / "blog.txt").exists()
        assert lib.remove([str(tmp_path / "elsewhere")]) == []


def test_rebuild_indexes_everything_again_from_the_files(tmp_path: Path, folder: Path) -> None:
    with _lib(tmp_path) as lib:
        lib.add([str(folder)])
        before = [(h.path, h.block_id, h.score) for h in lib.search("tomatoes ripened").hits]
        report = lib.rebuild()
        assert report.indexed == 3
        assert [(h.path, h.block_id, h.score) for h in lib.search("tomatoes ripened").hits] == before
        check = lib.con.execute("INSERT INTO fts(fts) VALUES('integrity-check')")
        assert check is not None
