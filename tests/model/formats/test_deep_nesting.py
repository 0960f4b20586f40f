"""Documents nested deeper than the parsers walk: every word still reaches the document."""

from __future__ import annotations

import re

import pytest

from tui.model.document import MAX_LEVEL, BlockKind, Document
from tui.model.formats.html import parse_html
from tui.model.formats.markdown import parse_markdown

WORD = re.compile(r"\bw\d+\b")


def words(doc: Document) -> set[str]:
    return set(WORD.findall("\n".join(b.text for b in doc.blocks)))


def expected(n: int) -> set[str]:
    return {f"w{i}" for i in range(n)}


def test_markdown_quotes_5000_deep_keep_every_line() -> None:
    n = 5000
    source = "".join(f"{'>' * (d + 1)} w{d}\n{'>' * (d + 1)}\n" for d in range(n)) + "\nafter\n"
    doc = parse_markdown(source)
    assert words(doc) == expected(n)
    assert doc.blocks[-1].text == "after"
    assert all(b.kind is BlockKind.QUOTE for b in doc.blocks[:-1])


def test_markdown_list_40_deep_keeps_every_item_each_on_its_own() -> None:
    n = 40
    doc = parse_markdown("".join(f"{'  ' * d}- w{d}\n" for d in range(n)) + "\nafter\n")
    assert words(doc) == expected(n)
    lines = "\n".join(b.text for b in doc.blocks[:-1]).split("\n")
    assert lines == [f"w{d}" for d in range(n)]
    assert doc.blocks[-1].text == "after"
    assert doc.blocks[-1].kind is BlockKind.PARAGRAPH
    levels = [b.level for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert levels[:12] == list(range(1, 13))  # real nesting first, flattened deeper down


def test_markdown_deep_list_inside_quotes_keeps_its_words_and_the_text_after() -> None:
    n = 60
    source = "".join(f"{'> ' * d}- w{d}\n" for d in range(n)) + "\nafter\n"
    doc = parse_markdown(source)
    assert words(doc) == expected(n)
    assert doc.blocks[-1].text == "after"


def _divs(n: int) -> str:
    return "<html><body>" + "".join(f"<div>w{i} " for i in range(n)) + "end" + "</div>" * n


@pytest.mark.parametrize("n", [300, 50_000])
def test_html_50000_nested_divs_keep_every_word_and_what_follows(n: int) -> None:
    doc = parse_html(_divs(n) + "<h2>Later</h2><p>after them</p></body></html>")
    text = "\n".join(b.text for b in doc.blocks)
    assert words(doc) == expected(n)
    assert "end" in text.split()
    assert [b.text for b in doc.blocks[-2:]] == ["Later", "after them"]


@pytest.mark.parametrize(
    ("open_", "close"),
    [
        ("<blockquote><p>{w}</p>", "</blockquote>"),
        ("<ul><li>{w}", "</li></ul>"),
        ("<b>{w} ", "</b>"),
        ("<table><tr><td>{w} ", "</td></tr></table>"),
        ("<section><h3>{w}</h3>", "</section>"),
    ],
)
def test_html_deep_structures_keep_every_word(open_: str, close: str) -> None:
    n = 3000
    body = "".join(open_.format(w=f"w{i}") for i in range(n)) + close * n
    doc = parse_html(f"<html><body><main>{body}<p>after</p></main></body></html>")
    assert words(doc) == expected(n)
    assert doc.blocks[-1].text == "after"


def test_html_fragment_in_markdown_nested_deep_keeps_its_words() -> None:
    n = 2000
    doc = parse_markdown(
        "# T\n\n<div>\n" + "".join(f"<div>w{i} " for i in range(n)) + "</div>" * n + "\n\nafter\n"
    )
    assert words(doc) == expected(n)
    assert doc.blocks[-1].text == "after"


def test_nesting_levels_stop_where_the_text_still_has_room() -> None:
    doc = parse_html(
        "<html><body><main>" + "<blockquote><p>q</p>" * 40 + "</blockquote>" * 40 + "</main></body></html>"
    )
    levels = [b.level for b in doc.blocks if b.kind is BlockKind.QUOTE]
    assert len(levels) == 40
    assert max(levels) == MAX_LEVEL
    assert levels[:MAX_LEVEL] == list(range(1, MAX_LEVEL + 1))
