"""``marginalia notes``: list, add and export from the command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tui.cli import main
from tui.commands import open_document
from tui.commands.cat import document_text

QUOTE = "building resilience is badly needed"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def notes_files(data: Path) -> list[Path]:
    return sorted((data / "notes").glob("*.toml")) if (data / "notes").is_dir() else []


def test_add_by_quote_then_list_json(capsys: pytest.CaptureFixture[str], _private_data_dir: Path) -> None:
    code, out, _ = run(
        capsys, "notes", "add", "--quote", QUOTE, "--text", "Key point.\nSee §2.", "--tag", "k"
    )
    assert code == 0 and out.split()[0].isalnum()
    code, out, _ = run(capsys, "notes", "list", "--json")
    assert code == 0
    (item,) = json.loads(out)
    assert item["quote"] == QUOTE and item["text"] == "Key point.\nSee §2."
    assert item["status"] == "ok" and item["tags"] == ["k"]
    assert item["block"] and item["section"]
    assert datetime.fromisoformat(item["created"]).tzinfo is not None
    assert datetime.fromisoformat(item["updated"]) >= datetime.fromisoformat(item["created"])
    code, out, _ = run(capsys, "notes", "list")
    assert code == 0 and QUOTE in out and "Key point." in out


def test_add_by_block_id_and_index(capsys: pytest.CaptureFixture[str]) -> None:
    doc = open_document(None)
    b = doc.blocks[5]
    assert run(capsys, "notes", "add", "--block", b.id, "--text", "by id")[0] == 0
    assert run(capsys, "notes", "add", "--block", "2", "--text", "by index")[0] == 0
    items = json.loads(run(capsys, "notes", "list", "--json")[1])
    assert [(i["block_index"], i["text"]) for i in items] == [(2, "by index"), (5, "by id")]
    assert items[1]["quote"] == b.text


def test_quote_not_in_the_document_exits_1_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], _private_data_dir: Path
) -> None:
    code, _, err = run(capsys, "notes", "add", "--quote", "words that are not there", "--text", "x")
    assert code == 1 and "not found" in err
    code, _, err = run(capsys, "notes", "add", "--block", "p000nothing", "--text", "x")
    assert code == 1 and "not found" in err
    assert notes_files(_private_data_dir) == []


def test_unreadable_document_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "notes", "list", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_broken_notes_file_exits_2_and_stays_byte_identical(
    capsys: pytest.CaptureFixture[str], _private_data_dir: Path
) -> None:
    assert run(capsys, "notes", "add", "--quote", QUOTE, "--text", "x")[0] == 0
    (path,) = notes_files(_private_data_dir)
    broken = path.read_bytes().replace(b"[[notes]]", b"[[notes]", 1)
    path.write_bytes(broken)
    for argv in (
        ("notes", "list"),
        ("notes", "list", "--json"),
        ("notes", "add", "--quote", QUOTE, "--text", "y"),
        ("notes", "export", "--format", "json"),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and str(path) in err and "line" in err
    assert path.read_bytes() == broken
    assert notes_files(_private_data_dir) == [path]


def test_export_json_is_web_annotation_with_positions_in_cat_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc_path = tmp_path / "doc.md"
    doc_path.write_text(
        "# Guide\n\nIntro paragraph with a memorable phrase inside.\n\n"
        "## Lists\n\n- first item about apples\n- second item about pears\n\n"
        "> a quoted line of wisdom\n> and its second line\n\n"
        "```\ncode line one\ncode line two\n```\n",
        encoding="utf-8",
    )
    for q in ("memorable phrase", "about pears", "second line", "code line two"):
        assert run(capsys, "notes", "add", str(doc_path), "--quote", q, "--text", f"on {q}")[0] == 0
    assert run(capsys, "notes", "add", str(doc_path), "--block", "1", "--text", "whole")[0] == 0
    code, out, _ = run(capsys, "notes", "export", str(doc_path), "--format", "json")
    assert code == 0
    annos = json.loads(out)
    text = document_text(open_document(str(doc_path)))
    assert len(annos) == 5
    for a in annos:
        assert a["@context"] == "http://www.w3.org/ns/anno.jsonld" and a["type"] == "Annotation"
        body = a["body"][0] if isinstance(a["body"], list) else a["body"]
        assert body["type"] == "TextualBody"
        assert a["target"]["source"] == doc_path.resolve().as_uri()
        quote, pos = a["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and pos["type"] == "TextPositionSelector"
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"] :].startswith(quote["suffix"])
        if body["value"].startswith("on "):
            assert quote["exact"] == body["value"][3:]


def test_export_markdown_sections_quotes_and_orphans(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc_path = tmp_path / "essay.md"
    original = (
        "# Essay\n\n## Rivers\n\nRivers carve valleys slowly over many thousands of years.\n\n"
        "## Mountains\n\nMountains rise where plates collide, pushing rock towards the sky.\n"
    )
    doc_path.write_text(original, encoding="utf-8")
    run(capsys, "notes", "add", str(doc_path), "--quote", "carve valleys", "--text", "river note")
    run(capsys, "notes", "add", str(doc_path), "--quote", "plates collide", "--text", "mountain note")
    # The author rewrites the mountains paragraph completely: that note becomes an orphan.
    doc_path.write_text(original.replace("Mountains rise where plates collide", "Peaks are old"), "utf-8")
    out_file = tmp_path / "notes.md"
    assert run(capsys, "notes", "export", str(doc_path), "-o", str(out_file))[0] == 0
    md = out_file.read_text("utf-8")
    assert md.startswith("# Notes on Essay\n")
    river = md.index("## Rivers\n")
    assert md.index("> carve valleys", river) < md.index("river note", river)
    orphans = md.index("## Orphaned notes")
    assert md.index("> plates collide") > orphans and md.index("mountain note") > orphans


def test_notes_follow_a_moved_and_edited_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first = tmp_path / "a" / "paper.md"
    first.parent.mkdir()
    body = "# Paper\n\nThe first finding is that soil retains water after rain.\n\nSecond paragraph here.\n"
    first.write_text(body, "utf-8")
    run(capsys, "notes", "add", str(first), "--quote", "soil retains water", "--text", "n")
    moved = tmp_path / "b" / "paper-v2.md"
    moved.parent.mkdir()
    edited = body.replace("# Paper\n\n", "# Paper\n\nA new preface paragraph.\n\n")
    moved.write_text(edited.replace("The first finding", "Our first finding"), "utf-8")
    (item,) = json.loads(run(capsys, "notes", "list", str(moved), "--json")[1])
    assert item["status"] == "moved" and item["quote"] == "soil retains water"
