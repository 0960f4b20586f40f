"""The Markdown and HTML documents of the development corpus: outline expected vs found."""

from __future__ import annotations

import re
from pathlib import Path

from tui.model.document import BlockKind, Document
from tui.model.load import load_path

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
CHROME = {"Navigation", "Table of Contents", "Previous topic", "Next topic", "This Page", "Quick search"}


def one(corpus: Path, prefix: str) -> Path:
    (path,) = corpus.glob(f"{prefix}-*")
    return path


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def atx_outside_fences(text: str) -> tuple[list[tuple[int, str]], list[str]]:
    """ATX heading lines outside code fences, and the '# ' lines inside fences (a plain scan)."""
    outside: list[tuple[int, str]] = []
    inside: list[str] = []
    fence = ""
    for line in text.splitlines():
        m = FENCE.match(line)
        if fence:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line[m.end() :].strip()
            ):
                fence = ""
            elif line.startswith("# "):
                inside.append(line)
            continue
        if m:
            fence = m.group(1)
            continue
        h = ATX.match(line)
        if h:
            outside.append((len(h.group(1)), h.group(2)))
    return outside, inside


def test_tabulate_readme_outline(corpus: Path) -> None:
    doc = load_path(one(corpus, "07"))
    assert doc.meta.format == "markdown"
    assert doc.meta.title == "python-tabulate"  # the setext title, shown once as the title
    found = headings(doc)
    assert [lvl for lvl, _ in found].count(2) == 8
    assert [lvl for lvl, _ in found].count(3) == 12
    assert len(found) == 20
    usage = next(s for s in doc.sections if s.title == "Library usage")
    assert len(usage.children) == 12
    # Output shown inside fences (tables drawn with dashes and pipes) is never a heading.
    assert not any(re.search(r"[|>]|^-|\d{3}", t) for _, t in found)
    code = [b for b in doc.blocks if b.kind is BlockKind.CODE]
    assert len(code) >= 74  # 54 fenced + 20 indented
    assert {b.lang for b in code} >= {"pycon", "shell", "python"}
    assert not any(b.kind is BlockKind.TABLE for b in doc.blocks)  # it has no Markdown table


def test_yt_dlp_readme_outline(corpus: Path) -> None:
    path = one(corpus, "08")
    doc = load_path(path)
    expected, in_fences = atx_outside_fences(path.read_text(encoding="utf-8"))
    assert len(expected) == 99
    assert len(in_fences) == 81
    found = headings(doc)
    assert found == [(lvl, t) for lvl, t in expected]
    found_texts = {t for _, t in found}
    assert not any(line[2:].strip() in found_texts for line in in_fences)
    # Levels skip (# then ####) and still nest under the nearest shallower heading.
    for root in doc.sections:
        for sec in root.walk():
            assert all(child.level > sec.level for child in sec.children)
    # The hand-written table of contents links to real heading anchors.
    anchors = {b.anchor for b in doc.blocks if b.kind is BlockKind.HEADING}
    toc_links = [
        s.href[1:]
        for b in doc.blocks
        if b.kind is BlockKind.LIST_ITEM
        for s in b.inlines
        if s.href.startswith("#")
    ]
    slugs = [a for a in toc_links if re.fullmatch(r"[a-z0-9][a-z0-9-]*", a)]
    assert len(slugs) >= 60
    # A few point at hand-placed <a id> marks rather than headings.
    assert sum(1 for a in slugs if a in anchors) >= 0.95 * len(slugs)
    # HTML comments and the centring <div> are hidden; the pipe tables are tables.
    assert not any("MANPAGE" in b.text or "<div" in b.text for b in doc.blocks)
    assert sum(1 for b in doc.blocks if b.kind is BlockKind.TABLE) == 4


def test_debian_policy_page_outline(corpus: Path) -> None:
    doc = load_path(one(corpus, "05"))
    assert doc.meta.format == "html"
    assert doc.meta.title == "7. Declaring relationships between packages"
    found = headings(doc)
    assert [t.split(" ")[0] for _, t in found] == [
        "7.1.",
        "7.2.",
        "7.3.",
        "7.4.",
        "7.5.",
        "7.6.",
        "7.6.1.",
        "7.6.2.",
        "7.7.",
        "7.8.",
    ]
    assert [lvl for lvl, _ in found] == [2, 2, 2, 2, 2, 2, 3, 3, 2, 2]
    assert not any(t in CHROME for _, t in found)
    text = "\n".join(b.text for b in doc.blocks)
    assert "¶" not in text
    assert "Quick search" not in text
    assert "The relations allowed are <<, <=, =, >= and >>" in text
    assert "default-mta | mail-transport-agent" in text  # inside a code block, spaces kept
    assert sum(1 for b in doc.blocks if b.kind is BlockKind.CODE) == 15


def test_debian_policy_in_page_links_reach_headings(corpus: Path) -> None:
    doc = load_path(one(corpus, "05"))
    anchors = {b.anchor for b in doc.blocks if b.kind is BlockKind.HEADING}
    to_sections = [s.href[1:] for b in doc.blocks for s in b.inlines if s.href.startswith("#s")]
    assert len(to_sections) >= 10
    assert all(target in anchors for target in to_sections)
