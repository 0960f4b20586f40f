"""``marginalia search``: ranked hits as text and JSON, exit statuses, stdin and the corpus."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_hits_on_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "thucidides trap", "--json")
    assert code == 0
    hits = json.loads(out)
    first = hits[0]
    assert {"block", "section", "score", "text", "spans"} <= set(first)
    assert "so-called Thucydides trap" in first["text"]
    assert [first["text"][a:b] for a, b in first["spans"]] == ["Thucydides", "trap"]
    assert first["section"] == ["How to build resilience"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "resilience", "--limit", "2", "--json")
    assert code == 0 and len(json.loads(out)) == 2


def test_human_output_lists_rank_score_section_and_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "resilliance", "--limit", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1.") and "Why resilience is needed" in lines[0]
    assert lines[1].strip().startswith("Resilience refers to the ability")
    assert "\x1b[" not in out  # no colour codes when not printing to a terminal
    assert any(line.startswith("(3 of ") for line in lines)


def test_no_hits_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zqxjkv")
    assert code == 1 and out == "" and "zqxjkv" in err
    code, out, _ = run(capsys, "search", "zqxjkv", "--json")
    assert code == 1 and json.loads(out) == []


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "resilience", "/no/such/file.txt"),
        ("search", ""),
        ("search", "!china"),
        ("search", "resilience", "--limit", "0"),
    ],
)
def test_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse rejects a bad --limit itself
        code = int(exc.code or 0)
    assert code == 2
    assert capsys.readouterr().err


def test_reads_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = "# Title\n\n## Notes\n\nThe Ménard paragraph.\n\nSomething else entirely.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "search", "menard", "-", "--format", "markdown", "--json")
    assert code == 0
    (hit,) = json.loads(out)
    assert hit["text"] == "The Ménard paragraph." and hit["section"] == ["Notes"]


def test_windowed_snippets_on_a_book(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    code, out, _ = run(capsys, "search", "extendedglob", str(corpus / "04-zsh-manual.info.txt"), "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits and all(len(h["snippet"]) <= 200 for h in hits)
    for h in hits:
        for a, b in h["spans"]:
            assert h["text"][a:b].lower().startswith("extendedglob")


def test_listed_in_main_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "search QUERY" in out
