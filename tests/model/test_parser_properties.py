"""Any text, in any format, parses without an exception into a well-formed document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model.document import Document
from tui.model.load import load_bytes, parse

# Lines that look like the structures the parsers look for, mixed with arbitrary text.
SHAPES = st.sampled_from(
    [
        "",
        "   ",
        "\u00a0\u00a0",
        "Title",
        "=====",
        "-----",
        "1. Introduction",
        "  0. Definitions.",
        "Chapter IV.",
        "CHAPTER I.",
        "第1章はじめに",
        "# heading",
        "```",
        "    indented code",
        "* item",
        "• Author Name",
        "Apr 23, 2024",
        "Language : English 简体 繁體",
        "picture.png",
        "You might also like",
        "Back to Top",
        "| a | b |",
        "|---|---|",
        "<h1>x</h1>",
        "<p>para</p>",
        "+----+----+",
        "Date: Tue, 1 Jan 2008",
        "\x1b[31mred\x1b[0m",
        "[bold]x[/bold]",
        "\t\ttabbed",
        "***",
    ]
)
LINES = st.lists(st.one_of(SHAPES, st.text(max_size=60)), max_size=40)


def check(doc: Document) -> None:
    ids = [b.id for b in doc.blocks]
    assert len(ids) == len(set(ids)), "block ids are unique"
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))
    for s in doc.flat_sections():
        assert 0 <= s.start < s.end <= len(doc.blocks)
        assert doc.blocks[s.start].id == s.id
        for child in s.children:
            assert s.start < child.start and child.end <= s.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES, st.sampled_from(["text", "markdown", "html"]))
def test_every_format_parses_any_lines(lines: list[str], fmt: str) -> None:
    check(parse("\n".join(lines), fmt))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.md", "a.html", "-"]))
def test_any_bytes_either_load_or_raise_load_error(data: bytes, name: str) -> None:
    from tui.model.load import LoadError

    try:
        doc = load_bytes(data, name)
    except LoadError as exc:
        assert "\n" not in str(exc)
    else:
        check(doc)
