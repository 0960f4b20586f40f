"""HTML documents: main content only, converted into structured blocks, with metadata."""

from __future__ import annotations

import socket
from datetime import date

import pytest

from tui.model.document import BlockKind, Document
from tui.model.formats.html import parse_html
from tui.model.formats.markdown import parse_markdown


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def blocks(doc: Document) -> list[tuple[str, int, str]]:
    return [(b.kind.value, b.level, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


BLOG = page(
    """
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li></ul></nav>
<form action="/search"><input name="q"><button>Search the site</button></form></header>
<div class="wrapper"><div class="content">
<h1>Why slow reading matters</h1>
<p>Reading slowly is not a failure of attention. It is a way of giving a text the time it asks
for, and of noticing the arguments it makes rather than the words it uses.</p>
<h2>The case for margins</h2>
<p>Writers in the margin have always talked back to books. A note records a disagreement, a
question, or a connection to something else you read years ago.</p>
<h2>Tools that help</h2>
<p>A good reader shows an outline, lets you search, and keeps your notes next to the passage
they belong to, even when the text changes a little over the years.</p>
</div>
<aside class="sidebar"><h3>Recent posts</h3><ul><li><a href="/a">A post about tea</a></li></ul></aside>
</div>
<footer><h4>Subscribe</h4><p>All rights reserved, 2023.</p></footer>
<script>var tracking = "Tracking code";</script>""",
    head='<title>Why slow reading matters | The Quiet Blog</title><meta name="author" content="Ada Reader">'
    '<meta property="article:published_time" content="2023-04-05T10:00:00Z"><style>p{color:red}</style>',
)


# --------------------------------------------------------------------------- main content


@pytest.mark.parametrize("container", ['class="content"', 'class="x1"'], ids=["marked", "unmarked"])
def test_blog_article_without_chrome(container: str) -> None:
    # "unmarked": no element says it is the main content, so the extractor has to find it.
    doc = parse_html(BLOG.replace('class="content"', container))
    assert doc.meta.title == "Why slow reading matters"
    assert headings(doc) == [(2, "The case for margins"), (2, "Tools that help")]
    anchors = [b.anchor for b in doc.blocks if b.kind is BlockKind.HEADING]
    assert anchors == ["the-case-for-margins", "tools-that-help"]
    text = "\n".join(b.text for b in doc.blocks)
    for chrome in ("Home", "About us", "Search the site", "Recent posts", "Subscribe", "rights", "Tracking"):
        assert chrome not in text


def test_article_element_is_the_content() -> None:
    html = page(
        "<nav><a href='/'>Home</a> · <a href='/news'>News</a></nav>"
        "<article><h1>Tidal energy</h1><time datetime='2021-11-02'>2 Nov</time>"
        "<p>Tides are predictable years ahead.</p><h2>Costs</h2><p>They fall.</p></article>"
        "<footer>Contact us</footer>",
        head="<title>Site – Tidal energy</title>",
    )
    doc = parse_html(html)
    assert doc.meta.title == "Tidal energy"
    assert doc.meta.date == date(2021, 11, 2)
    assert blocks(doc) == [
        ("paragraph", 0, "2 Nov"),
        ("paragraph", 0, "Tides are predictable years ahead."),
        ("heading", 2, "Costs"),
        ("paragraph", 0, "They fall."),
    ]


def test_page_with_only_paragraphs() -> None:
    doc = parse_html(
        "<html><body><p>Just one paragraph.</p><p>And a second &lt;&lt; one &gt;&gt;.</p></body></html>"
    )
    assert blocks(doc) == [
        ("paragraph", 0, "Just one paragraph."),
        ("paragraph", 0, "And a second << one >>."),
    ]


def test_sphinx_like_page_keeps_body_headings_and_drops_sidebar() -> None:
    html = page(
        '<div class="related" role="navigation"><h3>Navigation</h3>'
        '<ul><li><a href="i.html">index</a></li></ul></div>'
        '<div class="document"><div class="body" role="main"><section id="intro">'
        '<h1><span class="section-number">1. </span>Intro<a class="headerlink" href="#intro">¶</a></h1>'
        "<p>Body text of the chapter, long enough to be the main part of this page.</p>"
        '<section id="more"><h2><span class="section-number">1.1. </span>More'
        '<a class="headerlink" href="#more">¶</a></h2><p>Even more text.</p></section></section></div></div>'
        '<div class="sphinxsidebar" role="navigation"><h3>Table of Contents</h3><h4>Next topic</h4>'
        '<h3 id="searchlabel">Quick search</h3><form><input type="text" name="q"></form></div>'
    )
    doc = parse_html(html)
    assert doc.meta.title == "1. Intro"
    assert headings(doc) == [(2, "1.1. More")]
    assert doc.sections[0].number == "1.1"
    assert all("¶" not in b.text for b in doc.blocks)


# --------------------------------------------------------------------------- conversion


def test_block_elements_become_blocks() -> None:
    html = page(
        "<main><h2>Title two</h2><p>Para <em>em</em> <strong>bold</strong> <code>x&lt;y</code> "
        "<a href='#title-two'>back</a>.</p>"
        "<ul><li>one<ul><li>one.a</li></ul></li><li>two</li></ul>"
        "<ol start='3'><li>three</li><li>four</li></ol>"
        "<pre class='language-python'>def f():\n    return 1\n</pre>"
        "<blockquote><p>first</p><p>second</p></blockquote>"
        "<hr><table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"
        "<figure><img src='cat.png' alt='A cat'><figcaption>The cat, asleep.</figcaption></figure>"
        "<dl><dt>Depends</dt><dd>Absolute dependency.</dd></dl></main>"
    )
    doc = parse_html(html)
    got = [(b.kind.value, b.level, b.marker, b.text) for b in doc.blocks]
    assert got == [
        ("heading", 2, "", "Title two"),
        ("paragraph", 0, "", "Para em bold x<y back."),
        ("list_item", 1, "•", "one"),
        ("list_item", 2, "•", "one.a"),
        ("list_item", 1, "•", "two"),
        ("list_item", 1, "3.", "three"),
        ("list_item", 1, "4.", "four"),
        ("code", 0, "", "def f():\n    return 1"),
        ("quote", 1, "", "first\nsecond"),
        ("rule", 0, "", ""),
        ("table", 0, "", "k\tv\na\t1"),
        ("figure", 0, "", "The cat, asleep."),
        ("paragraph", 0, "", "Depends"),
        ("paragraph", 1, "", "Absolute dependency."),
    ]
    para = doc.blocks[1]
    assert [(para.text[s.start : s.end], s.style.value, s.href) for s in para.inlines] == [
        ("em", "em", ""),
        ("bold", "strong", ""),
        ("x<y", "code", ""),
        ("back", "link", "#title-two"),
    ]
    assert doc.blocks[0].anchor == "title-two"
    code = doc.blocks[7]
    assert code.lang == "python"
    table = doc.blocks[10]
    assert table.rows == (("k", "v"), ("a", "1"))
    fig = doc.blocks[11]
    assert (fig.src, fig.alt) == ("cat.png", "A cat")
    dt = doc.blocks[12]
    assert [s.style.value for s in dt.inlines] == ["strong"]


def test_code_language_from_highlight_wrapper_and_whitespace_kept() -> None:
    html = page(
        '<main><div class="highlight-shell notranslate"><div class="highlight"><pre><span></span>'
        '<span class="gp">$ </span>ls   -l\n  indented\n</pre></div></div>'
        "<p>Some text long enough to count as the main content of this page.</p></main>"
    )
    code = parse_html(html).blocks[0]
    assert (code.kind, code.lang, code.text) == (BlockKind.CODE, "shell", "$ ls   -l\n  indented")


def test_spaces_between_inline_spans_are_kept() -> None:
    html = page(
        '<p>Use <code class="literal"><span class="pre">apt</span> <span class="pre">install</span></code>'
        " now, <em>then</em> <strong>read</strong>.</p>"
    )
    assert parse_html(html).blocks[0].text == "Use apt install now, then read."


def test_scripts_styles_and_forms_are_never_content() -> None:
    html = page(
        "<main><p>Visible words of the page body.</p><script>alert('x')</script>"
        "<style>.a{}</style><form><label>Name</label><input><button>Send</button></form>"
        "<noscript>Enable JS</noscript><p>More visible words.</p></main>"
    )
    assert [b.text for b in parse_html(html).blocks] == [
        "Visible words of the page body.",
        "More visible words.",
    ]


def test_metadata_from_meta_tags_and_json_ld() -> None:
    html = page(
        "<article><h2>Part</h2><p>Words and more words of the article.</p></article>",
        head='<meta property="og:title" content="The real title"><title>Short | Site name</title>'
        '<script type="application/ld+json">{"@type":"Article","author":{"name":"Bo Li"},'
        '"datePublished":"2020-02-29"}</script>',
    )
    doc = parse_html(html)
    assert (doc.meta.title, doc.meta.author, doc.meta.date) == ("The real title", "Bo Li", date(2020, 2, 29))
    no_meta = parse_html(page("<p>Text only.</p>", head="<title>Release notes — Project docs</title>"))
    assert no_meta.meta.title == "Release notes"


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access while parsing")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = page(
        '<p>A page with remote things <img src="http://example.invalid/a.png" alt="pic"></p>'
        '<p><img src="https://example.invalid/b.png" alt="Remote figure"></p>',
        head='<link rel="stylesheet" href="https://example.invalid/s.css">'
        '<script src="https://example.invalid/x.js"></script>',
    )
    doc = parse_html(html)
    assert [(b.kind.value, b.src) for b in doc.blocks] == [
        ("paragraph", ""),
        ("figure", "https://example.invalid/b.png"),
    ]


def test_broken_and_empty_html() -> None:
    assert parse_html("").is_empty
    doc = parse_html("<html><body><p>unclosed <b>bold <i>both</p><p>next")
    assert [b.text for b in doc.blocks] == ["unclosed bold both", "next"]


def test_html_table_inside_markdown_is_a_table() -> None:
    doc = parse_markdown("Before.\n\n<table>\n<tr><td>a</td><td>b</td></tr>\n</table>\n\nAfter.\n")
    assert [b.kind for b in doc.blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    assert doc.blocks[1].rows == (("a", "b"),)


def test_footnote_references_and_definitions_read_as_numbered_notes() -> None:
    html = page(
        '<main><p>A claim.<a class="footnote-reference" href="#fn1">1</a> More words here.</p>'
        '<dl class="footnote"><dt id="fn1">1</dt><dd><p>The source of the claim.</p></dd>'
        "<dt>Term</dt><dd>Its meaning.</dd></dl></main>"
    )
    doc = parse_html(html)
    assert blocks(doc) == [
        ("paragraph", 0, "A claim.[1] More words here."),
        ("paragraph", 0, "[1] The source of the claim."),
        ("paragraph", 0, "Term"),
        ("paragraph", 1, "Its meaning."),
    ]


def test_heading_anchor_is_the_id_that_in_page_links_use() -> None:
    html = page(
        '<main><p>See <a href="#s-usage">usage</a> and <a href="#install">install</a>.</p>'
        '<section id="usage-section"><span id="s-usage"></span><h2>Usage</h2><p>Text.</p></section>'
        '<h2 id="install">Install</h2><p>Text.</p><h2>Plain heading</h2></main>'
    )
    doc = parse_html(html)
    assert [b.anchor for b in doc.blocks if b.kind is BlockKind.HEADING] == [
        "s-usage",
        "install",
        "plain-heading",
    ]


def test_a_trailing_pilcrow_inside_a_link_is_dropped_with_its_span_end() -> None:
    html = page(
        '<main><h2><a href="/usage">Usage ¶</a></h2>'
        "<p>Body text of the page, long enough to be its main part.</p></main>"
    )
    heading = parse_html(html).blocks[0]
    assert heading.text == "Usage"
    assert [(heading.text[s.start : s.end], s.end) for s in heading.inlines] == [("Usage", 5)]
