"""The sub-commands on EPUB books: outline, cat, search and notes, and bad books (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.model.formats.epub.helpers import book
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def epub(tmp_path: Path) -> Path:
    chapters = {
        "one.xhtml": "<h1>Chapter One</h1><p>The heron stood in the shallow water.</p>",
        "two.xhtml": '<h1>Chapter Two</h1><p>A kingfisher flew <a href="one.xhtml">back</a>.</p>',
    }
    toc = '<li><a href="one.xhtml">One</a></li><li><a href="two.xhtml">Two</a></li>'
    return book(tmp_path / "birds", chapters, toc=toc, extra_meta="<dc:creator>A. Birder</dc:creator>")


def test_outline_json_of_a_book(capsys: pytest.CaptureFixture[str], epub: Path) -> None:
    code, out, _ = run(capsys, "outline", "--json", str(epub))
    data = json.loads(out)
    assert code == 0
    assert (data["title"], data["author"], data["format"]) == ("A Test Book", "A. Birder", "epub")
    assert [s["title"] for s in data["sections"]] == ["One", "Two"]


def test_cat_prints_the_chapters_in_spine_order(capsys: pytest.CaptureFixture[str], epub: Path) -> None:
    code, out, _ = run(capsys, "cat", str(epub))
    assert code == 0
    assert out.index("The heron stood") < out.index("A kingfisher flew back.")


def test_search_finds_words_in_any_chapter(capsys: pytest.CaptureFixture[str], epub: Path) -> None:
    code, out, _ = run(capsys, "search", "kingfisher", str(epub), "--json")
    assert code == 0
    assert "kingfisher" in json.dumps(json.loads(out), ensure_ascii=False)


def test_a_note_on_a_book_records_its_file(capsys: pytest.CaptureFixture[str], epub: Path) -> None:
    code, _, _ = run(capsys, "notes", "add", str(epub), "--quote", "shallow water", "--text", "Herons.")
    assert code == 0
    code, out, _ = run(capsys, "notes", "list", str(epub), "--json")
    (item,) = json.loads(out)
    assert item["quote"] == "shallow water" and item["status"] == "ok"
    notes_dir = Path(__import__("os").environ["MARGINALIA_DATA_DIR"]) / "notes"
    stored = "".join(p.read_text() for p in notes_dir.glob("*.toml"))
    assert 'part = "OEBPS/one.xhtml"' in stored


def test_a_skipped_file_is_reported_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = book(tmp_path / "b.epub", {"a.xhtml": "<p>Here.</p>"})
    import zipfile

    data = {}
    with zipfile.ZipFile(path) as z:
        data = {n: z.read(n) for n in z.namelist()}
    data["OEBPS/content.opf"] = data["OEBPS/content.opf"].replace(
        b"</spine>", b'<itemref idref="x"/></spine>'
    )
    with zipfile.ZipFile(path, "w") as z:
        for n, d in data.items():
            z.writestr(n, d)
    code, out, err = run(capsys, "cat", str(path))
    assert code == 0 and "Here." in out
    assert "skipped spine item 'x': not in the manifest" in err


def test_a_broken_book_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "broken.epub"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    for command in ("outline", "cat"):
        code, out, err = run(capsys, command, str(bad))
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith("marginalia: ") and "ZIP" in err
