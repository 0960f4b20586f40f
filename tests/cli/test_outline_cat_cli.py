"""``marginalia outline``, ``cat``, ``--version`` and how bad input is reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main

CHROME = ("Language : English", "You might also like", "Back to Top")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_outline_json_of_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "outline", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "Toward a Resilient China-U.S. Relationship"
    assert data["author"] == "Yuan Sha"
    assert data["date"] == "2024-04-23"
    assert data["affiliation"] == (
        "Associate Research Fellow, Department for American Studies, China Institute of International Studies"
    )
    assert data["category"] == "Foreign Policy"
    assert [s["title"] for s in data["sections"]] == [
        "Why resilience is needed",
        "How to build resilience",
    ]
    for section in data["sections"]:
        assert {"title", "level", "id", "children"} <= set(section)
        assert section["children"] == []
    assert isinstance(data["blocks"], int) and data["blocks"] > 10


def test_outline_text_lists_metadata_and_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "outline")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Toward a Resilient China-U.S. Relationship"
    assert "Author: Yuan Sha" in lines
    assert "Date: 2024-04-23" in lines
    assert lines[-2:] == ["Why resilience is needed", "How to build resilience"]


def test_cat_prints_the_cleaned_text_in_reading_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cat")
    assert code == 0
    for chrome in CHROME:
        assert chrome not in out
    assert out.index("Why resilience is needed") < out.index("How to build resilience")
    assert out.index("(File photo)") < out.index("Since the San Francisco summit")
    assert "Thucydides trap" in out
    # Paragraphs are re-flowed: one line each, separated by blank lines.
    assert "\n\nSince the San Francisco summit in November, relations between China" in out


def test_nested_sections_are_indented_in_text_and_nested_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "manual.md"
    doc.write_text("# Manual\n\nIntro.\n\n## Install\n\nSteps.\n\n### On Linux\n\nMore.\n\n## Use\n\nText.\n")
    code, out, _ = run(capsys, "outline", str(doc), "--json")
    assert code == 0
    sections = json.loads(out)["sections"]
    assert [s["title"] for s in sections] == ["Install", "Use"]
    assert [c["title"] for c in sections[0]["children"]] == ["On Linux"]
    code, out, _ = run(capsys, "outline", str(doc))
    assert "  On Linux" in out.splitlines()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: p, "is a directory"),
        (
            lambda p: (
                (p / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8) and p / "img.png"
            ),
            "binary",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for command in ("outline", "cat"):
        code, out, err = run(capsys, command, str(path))
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_empty_file_has_no_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run(capsys, "outline", str(empty), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["sections"] == [] and data["blocks"] == 0 and data["title"] is None


def test_stdin_is_read_with_a_dash() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "outline", "-", "--json"],
        input=b"Title Here\n==========\n\nSome text.\n\nPart Two\n--------\n\nMore.\n",
        capture_output=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert data["title"] == "Title Here"
    assert [s["title"] for s in data["sections"]] == ["Part Two"]


def test_version_and_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"marginalia {__version__}"
    out = subprocess.run([sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True)
    for word in ("outline", "cat", "search", "notes", "--data-dir"):
        assert word in out.stdout


def test_a_closed_pipe_is_not_a_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.md"  # an outline far longer than a pipe buffer holds
    big.write_text("".join(f"## Heading {i}\n\nText {i}.\n\n" for i in range(20000)))
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "outline", str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `marginalia outline | head -c 10`
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err
    assert proc.returncode == 0


def test_a_dash_on_a_terminal_says_how_to_end_the_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(b"Typed by hand.\n")))
    code, out, err = run(capsys, "cat", "-")
    assert code == 0
    assert "Typed by hand." in out
    assert "Ctrl-D" in err
