"""Choosing the format of a document from its content and its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model.load import decode, detect_format, load_bytes

README = """Tool
====

A tool that does one thing. See [the docs](https://example.org/docs).

## Install

```sh
pip install tool
```

## Use

Run `tool --help` for the options.
"""

PAGE = "<!DOCTYPE html>\n<html><head><title>T</title></head><body><p>Hello</p></body></html>"

FRAGMENT = "<div>\n<h2>Notes</h2>\n<p>First.</p>\n<p>Second.</p>\n</div>\n"

PROSE = """A SHORT ESSAY

It was a bright cold day in April, and the clocks were striking thirteen.
# This line starts with a hash but it is not a heading of anything
The rest is prose, with a "quote" and an * asterisk here and there.
"""


@pytest.mark.parametrize("name", ["README", "-", "notes", "README.unknownext"])
def test_markdown_without_an_extension(name: str) -> None:
    assert detect_format(name, README) == "markdown"


@pytest.mark.parametrize("name", ["page.txt", "-", "saved", "page.md", "page.html"])
def test_a_whole_html_document_is_html_whatever_its_name(name: str) -> None:
    assert detect_format(name, PAGE) == "html"


def test_html_fragment_without_extension_and_extension_wins_for_markdown() -> None:
    assert detect_format("-", FRAGMENT) == "html"
    assert detect_format("README.md", '<p align="center"><img src="logo.png"></p>\n\n# Tool\n') == "markdown"
    assert detect_format("index.htm", "just words") == "html"


def test_markdown_readme_starting_with_centred_html_is_markdown() -> None:
    text = '<h1 align="center">Tool</h1>\n<p align="center">A tool.</p>\n</div>\n\n' + README
    assert detect_format("-", text) == "markdown"


def test_prose_stays_text() -> None:
    for name in ("essay.txt", "-", "essay"):
        assert detect_format(name, PROSE) == "text"


def test_txt_needs_unmistakable_markdown() -> None:
    light = "Title\n=====\n\nSome `code` and **bold** words.\n\n- item\n"
    assert detect_format("notes.txt", light) == "text"
    assert detect_format("notes.txt", README + "\n| a | b |\n|---|---|\n| 1 | 2 |\n") == "markdown"


def test_stdin_bytes_are_parsed_as_detected() -> None:
    doc = load_bytes(README.encode(), "-")
    assert doc.meta.format == "markdown"
    assert [s.title for s in doc.sections] == ["Install", "Use"]
    assert load_bytes(PAGE.encode("utf-16"), "-").meta.format == "html"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("01", "text"),
        ("02", "text"),
        ("03", "text"),
        ("04", "text"),
        ("05", "html"),
        ("06", "text"),
        ("07", "markdown"),
        ("08", "markdown"),
        ("09", "text"),
        ("10", "text"),
    ],
)
def test_corpus_formats_under_any_name(corpus: Path, prefix: str, expected: str) -> None:
    (path,) = corpus.glob(f"{prefix}-*")
    text, _ = decode(path.read_bytes())
    for name in (path.name, "-", "document", "document.txt" if expected != "markdown" else path.name):
        assert detect_format(name, text) == expected, name


def test_bundled_article_is_text(article_path: Path) -> None:
    text, _ = decode(article_path.read_bytes())
    assert detect_format(article_path.name, text) == "text"
    assert detect_format("-", text) == "text"


def test_front_matter_marks_markdown_on_stdin() -> None:
    text = "---\ntitle: Notes\ndate: 2023-05-06\n---\n\n# One\n\ntext\n\n## Two\n\nmore\n"
    assert detect_format("-", text) == "markdown"
    assert detect_format("notes", text) == "markdown"
    # A plain text that merely starts with a rule is not Markdown.
    assert detect_format("-", "---\nJust a line of text.\n---\n\nA paragraph.\n") == "text"
