"""Markdown documents: the outline, the text and the styling a reader sees."""

from __future__ import annotations

from datetime import date

from tui.model.document import BlockKind, Document, InlineStyle
from tui.model.formats.markdown import parse_markdown


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def kinds(doc: Document) -> list[BlockKind]:
    return [b.kind for b in doc.blocks]


def spans(doc: Document, index: int) -> list[tuple[str, str, str]]:
    b = doc.blocks[index]
    return [(b.text[s.start : s.end], s.style.value, s.href) for s in b.inlines]


# --------------------------------------------------------------------------- headings


def test_atx_and_setext_headings_with_their_levels() -> None:
    doc = parse_markdown("Intro\n\n## Install\n\ntext\n\nUsage\n-----\n\nmore\n\n### Options ###\n")
    assert headings(doc) == [(2, "Install"), (2, "Usage"), (3, "Options")]


def test_comment_lines_inside_fences_are_code_not_headings() -> None:
    doc = parse_markdown("## Config\n\n```sh\n# install it\npip install x\n```\n\n    # indented\n    code\n")
    assert headings(doc) == [(2, "Config")]
    code = [b for b in doc.blocks if b.kind is BlockKind.CODE]
    assert [c.text for c in code] == ["# install it\npip install x", "# indented\ncode"]
    assert [c.lang for c in code] == ["sh", ""]


def test_raw_html_headings_count() -> None:
    doc = parse_markdown('<h1 align="center">\n  <b>Tool</b> name\n</h1>\n\n## Usage\n\nRun it.\n\n## More\n')
    assert doc.meta.title == "Tool name"
    assert headings(doc) == [(2, "Usage"), (2, "More")]
    doc = parse_markdown('Intro\n\n<h2 id="x">Raw <i>two</i></h2>\n\ntext\n')
    assert headings(doc) == [(2, "Raw two")]


def test_skipped_and_inverted_levels_still_nest() -> None:
    doc = parse_markdown("# A\n\n#### deep\n\n## B\n\n### b1\n\n# C\n")
    roots = doc.sections
    assert [s.title for s in roots] == ["A", "C"]
    assert [s.title for s in roots[0].children] == ["deep", "B"]
    assert [s.title for s in roots[0].children[1].children] == ["b1"]
    inverted = parse_markdown("### small\n\ntext\n\n# big\n\n## mid\n")
    assert [s.title for s in inverted.sections] == ["small", "big"]
    assert [s.title for s in inverted.sections[1].children] == ["mid"]


def test_heading_anchors_are_github_slugs_and_unique() -> None:
    doc = parse_markdown("See [usage](#usage-and-options).\n\n# Usage and Options:\n\n# Misc\n\n# Misc\n")
    anchors = [b.anchor for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert anchors == ["usage-and-options", "misc", "misc-1"]
    link = doc.blocks[0].inlines[0]
    assert link.href == "#" + anchors[0]


# --------------------------------------------------------------------------- title and metadata


def test_single_first_h1_is_the_title_and_not_repeated() -> None:
    doc = parse_markdown("My Project\n==========\n\nIt does things.\n\n## Install\n")
    assert doc.meta.title == "My Project"
    assert headings(doc) == [(2, "Install")]
    assert doc.blocks[0].text == "It does things."


def test_several_h1_sections_are_all_kept() -> None:
    doc = parse_markdown("# Install\n\nx\n\n# Usage\n\ny\n")
    assert doc.meta.title == ""
    assert headings(doc) == [(1, "Install"), (1, "Usage")]


def test_front_matter_is_metadata_not_text() -> None:
    src = (
        '---\ntitle: "Field notes"\nauthor: Ada\ndate: 2024-03-05\ntags: [a, b]\nlayout: post\n---\n\nBody.\n'
    )
    doc = parse_markdown(src)
    assert doc.meta.title == "Field notes"
    assert doc.meta.author == "Ada"
    assert doc.meta.date == date(2024, 3, 5)
    assert doc.meta.category == "a, b"
    assert ("layout", "post") in doc.meta.extra
    assert [b.text for b in doc.blocks] == ["Body."]


# --------------------------------------------------------------------------- inline styles


def test_inline_styles_are_spans_over_plain_text() -> None:
    doc = parse_markdown("Some *em*, **strong**, `code`, ~~gone~~ and [a link](https://x.org/a).\n")
    assert doc.blocks[0].text == "Some em, strong, code, gone and a link."
    assert spans(doc, 0) == [
        ("em", "em", ""),
        ("strong", "strong", ""),
        ("code", "code", ""),
        ("gone", "strike", ""),
        ("a link", "link", "https://x.org/a"),
    ]


def test_nested_styles_and_soft_breaks() -> None:
    doc = parse_markdown("a **bold *both*** b\nnext line  \nhard\n")
    b = doc.blocks[0]
    assert b.text == "a bold both b next line\nhard"
    styles = {(b.text[s.start : s.end], s.style) for s in b.inlines}
    assert ("bold both", InlineStyle.STRONG) in styles
    assert ("both", InlineStyle.EMPHASIS) in styles


# --------------------------------------------------------------------------- blocks


def test_lists_keep_markers_and_nesting() -> None:
    doc = parse_markdown("- one\n- two\n  - two.a\n\n3. three\n4. four\n")
    items = [(b.level, b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        (1, "•", "one"),
        (1, "•", "two"),
        (2, "•", "two.a"),
        (1, "3.", "three"),
        (1, "4.", "four"),
    ]


def test_list_item_with_two_paragraphs_is_one_item() -> None:
    doc = parse_markdown("1) first\n\n   more of first\n2) second\n")
    items = [(b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [("1)", "first\nmore of first"), ("2)", "second")]


def test_block_quote_joins_its_paragraphs_and_nests() -> None:
    doc = parse_markdown("> first *line*\n>\n> second\n>\n> > inner\n\nafter\n")
    quotes = [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.QUOTE]
    assert quotes == [(1, "first line\nsecond"), (2, "inner")]
    assert spans(doc, 0) == [("line", "em", "")]
    assert doc.blocks[-1].text == "after"


def test_table_rows_and_searchable_text() -> None:
    doc = parse_markdown("File|Description\n:---|:---\n[a](x.md)|the `a` file\nb|\n")
    (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.rows == (("File", "Description"), ("a", "the a file"), ("b", ""))
    assert "the a file" in table.text


def test_image_alone_is_a_figure_and_badges_in_text_stay_text() -> None:
    doc = parse_markdown(
        "![A cat on a mat](img/cat.png)\n\n"
        "[![build](https://ci/badge.svg)](https://ci) Works on Linux [![pypi](p.svg)](https://pypi)\n"
    )
    fig = doc.blocks[0]
    assert (fig.kind, fig.src, fig.alt) == (BlockKind.FIGURE, "img/cat.png", "A cat on a mat")
    para = doc.blocks[1]
    assert para.kind is BlockKind.PARAGRAPH
    assert para.text == "build Works on Linux pypi"
    assert spans(doc, 1)[0] == ("build", "link", "https://ci")


def test_thematic_break_is_a_rule() -> None:
    doc = parse_markdown("above\n\n---\n\nbelow\n")
    assert kinds(doc) == [BlockKind.PARAGRAPH, BlockKind.RULE, BlockKind.PARAGRAPH]


def test_html_comments_and_layout_tags_are_hidden_details_stay_readable() -> None:
    src = (
        "<!-- MANPAGE: BEGIN EXCLUDED -->\n"
        '<div align="center">\n\n'
        "Centred words.\n\n"
        "</div>\n\n"
        "<br>\n\n"
        "<details>\n<summary>Show the <b>secret</b></summary>\n\n"
        "Hidden *text* here.\n\n"
        "</details>\n"
    )
    doc = parse_markdown(src)
    texts = [b.text for b in doc.blocks]
    assert texts == ["Centred words.", "Show the secret", "Hidden text here."]
    assert not any("<" in t or "MANPAGE" in t for t in texts)


def test_footnotes_come_last_as_paragraphs() -> None:
    doc = parse_markdown("Claim.[^src]\n\nMore text.\n\n[^src]: A book, page 3.\n")
    assert [b.text for b in doc.blocks] == ["Claim.[1]", "More text.", "[1] A book, page 3."]


def test_empty_and_whitespace_documents() -> None:
    assert parse_markdown("").is_empty
    assert parse_markdown("\n\n   \n").is_empty


def test_table_code_and_list_document_snapshot() -> None:
    src = (
        "# Guide\n\n"
        "Intro with `code`.\n\n"
        "## Table\n\n"
        "| name | size |\n|------|-----:|\n| a    | 1    |\n| b    | 22   |\n\n"
        "## Code\n\n"
        "```python\ndef f():\n    return 1\n```\n\n"
        "## List\n\n"
        "- alpha\n  1. one\n  2. two\n- beta\n"
    )
    doc = parse_markdown(src)
    got = [(b.kind.value, b.level, b.marker, b.lang, b.text) for b in doc.blocks]
    assert got == [
        ("paragraph", 0, "", "", "Intro with code."),
        ("heading", 2, "", "", "Table"),
        ("table", 0, "", "", "name\tsize\na\t1\nb\t22"),
        ("heading", 2, "", "", "Code"),
        ("code", 0, "", "python", "def f():\n    return 1"),
        ("heading", 2, "", "", "List"),
        ("list_item", 1, "•", "", "alpha"),
        ("list_item", 2, "1.", "", "one"),
        ("list_item", 2, "2.", "", "two"),
        ("list_item", 1, "•", "", "beta"),
    ]
    assert doc.meta.title == "Guide"
    assert [s.title for s in doc.sections] == ["Table", "Code", "List"]


def test_item_whose_first_content_is_code_keeps_its_marker_before_the_code() -> None:
    doc = parse_markdown(
        "1. Install:\n\n   ```sh\n   pip x\n   ```\n2. ```\n   code first\n   ```\n3. - nested\n"
    )
    got = [(b.kind.value, b.marker, b.text) for b in doc.blocks]
    assert got == [
        ("list_item", "1.", "Install:"),
        ("code", "", "pip x"),
        ("list_item", "2.", ""),
        ("code", "", "code first"),
        ("list_item", "3.", ""),
        ("list_item", "•", "nested"),
    ]


def test_table_column_alignment_comes_from_the_delimiter_row() -> None:
    doc = parse_markdown("| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n")
    (table,) = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert table.align == ("left", "right", "center", "")
