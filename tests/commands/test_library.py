"""``marginalia library`` and ``marginalia search --all`` from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.model.state import Position, StateStore, document_identity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "text"
QUOTE = "building resilience is badly needed"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def docs(tmp_path: Path, article_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    shutil.copy(article_path, d / "article.txt")
    shutil.copy(FIXTURES / "gutenberg-novel.txt", d / "novel.txt")
    (d / "blob.dat").write_bytes(b"\x00\xff" * 100)
    return d


def test_add_list_search_remove(capsys: pytest.CaptureFixture[str], docs: Path) -> None:
    code, out, _ = run(capsys, "library", "add", str(docs))
    assert (code, out) == (0, "indexed 2, skipped 1: 1 binary\n")
    code, out, _ = run(capsys, "library", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and {Path(d["path"]).name for d in listed} == {"article.txt", "novel.txt"}
    assert all(d["words"] > 100 and d["progress"] == 0 and d["notes"] == 0 for d in listed)
    assert set(listed[0]) >= {"path", "title", "format", "words", "progress", "notes", "last_opened"}

    code, out, _ = run(capsys, "search", "resilence badly neded", "--all", "--json", "--limit", "2")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2
    assert set(hits[0]) >= {"path", "title", "section", "block", "text", "score"}
    assert QUOTE in hits[0]["text"] and hits[0]["path"].endswith("article.txt")
    assert hits[0]["section"] and hits[0]["score"] >= hits[1]["score"]

    code, out, _ = run(capsys, "search", "resilience", "--all")
    assert code == 0 and "article.txt" in out

    code, out, _ = run(capsys, "library", "remove", str(docs / "article.txt"))
    assert (code, out) == (0, "removed 1 document from the library\n")
    code, out, err = run(capsys, "search", "resilience badly needed", "--all")
    assert code == 1 and "No matches" in err


def test_progress_and_notes_come_from_their_files_which_stay_untouched(
    capsys: pytest.CaptureFixture[str], docs: Path, _private_data_dir: Path
) -> None:
    article = docs / "article.txt"
    assert run(capsys, "notes", "add", str(article), "--quote", QUOTE, "--text", "Yes.")[0] == 0
    state = StateStore(_private_data_dir / "state.toml").load()
    state.set_position(document_identity(str(article), ""), Position("x", 20))
    state.save()
    before = {p: p.read_bytes() for p in _private_data_dir.rglob("*.toml")}
    run(capsys, "library", "add", str(docs))
    run(capsys, "library", "rebuild")
    out = run(capsys, "library", "list", "--json")[1]
    by_name = {Path(d["path"]).name: d for d in json.loads(out)}
    assert by_name["article.txt"]["notes"] == 1 and 0 < by_name["article.txt"]["progress"] < 1
    assert by_name["article.txt"]["last_opened"] is not None
    assert by_name["novel.txt"]["notes"] == 0
    run(capsys, "library", "remove", str(docs))
    assert {p: p.read_bytes() for p in _private_data_dir.rglob("*.toml")} == before


def test_messages_without_a_library(capsys: pytest.CaptureFixture[str], docs: Path) -> None:
    code, _, err = run(capsys, "search", "anything", "--all")
    assert code == 2 and "no library yet" in err
    assert run(capsys, "library", "list", "--json")[:2] == (0, "[]\n")
    code, _, err = run(capsys, "search", "anything", str(docs / "novel.txt"), "--all")
    assert code == 2 and "either FILE or --all" in err
