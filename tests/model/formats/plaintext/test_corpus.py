"""The plain-text parser on the real documents of the development corpus (skipped without it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text
from tui.model.load import decode, load_path


def parse(corpus: Path, name: str) -> Document:
    path = corpus / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    text, _ = decode(path.read_bytes())
    return parse_text(text.replace("\r\n", "\n"))


def heads(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def test_01_mail_header_title_addendum_and_graphs(corpus: Path) -> None:
    doc = parse(corpus, "01-git-revert-faulty-merge.txt")
    assert doc.meta.title == "How to revert a faulty merge"
    assert doc.meta.author.startswith("Linus Torvalds")
    assert doc.meta.date is not None and doc.meta.date.isoformat() == "2008-12-19"
    assert heads(doc) == [(2, "ADDENDUM")]
    assert not any(b.text.startswith(("Date:", "Message-ID")) for b in doc.blocks)
    code = [b.text for b in doc.blocks if b.kind is BlockKind.CODE]
    graphs = [c for c in code if "---o---" in c or "---M---" in c]
    assert len(graphs) >= 12
    assert any("               /\n" in c or "              /\n" in c for c in graphs)  # spaces kept
    assert sum(b.kind is BlockKind.QUOTE for b in doc.blocks) >= 5


def test_02_fhs_numbered_headings(corpus: Path) -> None:
    doc = parse(corpus, "02-fhs-3.0.txt")
    hs = heads(doc)
    chapters = [t for lvl, t in hs if t.startswith("Chapter ")]
    numbered = [t for _, t in hs if re.match(r"\d+(\.\d+)+\. ", t)]
    assert len(chapters) == 7 and all(lvl == 1 for lvl, t in hs if t.startswith("Chapter "))
    assert 175 <= len(numbered) <= 185  # 181 in the file; none from the tables of contents
    assert (4, "3.7.4.1. Purpose") in hs
    assert (3, "3.7.5. /etc/X11 : Configuration for the X Window System (optional)") in hs
    assert len(hs) == len({t for _, t in hs}), "a table of contents produced duplicate headings"
    tables = [b for b in doc.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) >= 20  # 35 in the file; rows with one space between cells are missed
    assert any("bin       Essential command binaries" in t.text for t in tables)


def test_03_developers_reference_five_underline_levels(corpus: Path) -> None:
    doc = parse(corpus, "03-developers-reference.txt")
    hs = heads(doc)
    assert doc.meta.title == "Debian Developer's Reference"
    by_level = {lvl: sum(1 for x, _ in hs if x == lvl) for lvl in range(1, 6)}
    assert by_level[1] == 9  # 8 chapters and the appendix chapter
    assert 55 <= by_level[2] <= 61 and 150 <= by_level[3] <= 160
    assert 42 <= by_level[4] <= 48 and 10 <= by_level[5] <= 14
    assert (5, "6.6.3.1.1. string") in hs
    assert not any(t.startswith("1. Regenerate") for _, t in hs)


def test_04_zsh_info_book(corpus: Path) -> None:
    doc = parse(corpus, "04-zsh-manual.info.txt")
    hs = heads(doc)
    assert doc.meta.title == "The Z Shell Manual"
    assert (1, "16 Options") in hs and (2, "16.1 Specifying Options") in hs
    assert sum(1 for lvl, _ in hs if lvl == 1) == 32
    assert 150 <= sum(1 for lvl, _ in hs if lvl == 2) <= 158
    assert 135 <= sum(1 for lvl, _ in hs if lvl == 3) <= 143
    text = "\n".join(b.text for b in doc.blocks)
    assert "Node: " not in text and "* Menu:" not in text


def test_06_scraped_page_without_navigation(corpus: Path) -> None:
    doc = parse(corpus, "06-sphinx-rst-primer.scraped.txt")
    assert doc.meta.title == "reStructuredText Primer"
    titles = [t for _, t in heads(doc)]
    assert len(titles) == 22 and "External links" in titles and "Gotchas" in titles
    assert not any("¶" in t for t in titles)
    text = "\n".join(b.text for b in doc.blocks)
    assert "Quick search" not in text and "Site navigation" not in text
    assert "This is a heading" not in titles  # a markup example, not a heading


def test_09_latin1_change_log(corpus: Path) -> None:
    data = (corpus / "09-abs-guide-changelog.latin1.txt").read_bytes()
    text, _ = decode(data)
    assert "Güttler" in text and "Stéphane Chazelas" in text and "\ufffd" not in text
    doc = parse(corpus, "09-abs-guide-changelog.latin1.txt")
    versions = [t for _, t in heads(doc) if t.startswith("Version ")]
    assert len(versions) >= 50  # 53 release headings
    assert versions[0] == "Version 10, PublicDomain release." and versions[-1].startswith("Version 0.1")
    assert len(heads(doc)) <= 60
    assert sum(b.kind is BlockKind.LIST_ITEM for b in doc.blocks) >= 1200


def test_10_japanese_manual(corpus: Path) -> None:
    doc = parse(corpus, "10-maint-guide.ja.txt")
    hs = heads(doc)
    chapters = [t for lvl, t in hs if lvl == 1 and t.startswith("第")]
    assert len(chapters) == 9 and chapters[0] == "第1章まずは正攻法で始めよう"
    assert 66 <= sum(1 for lvl, _ in hs if lvl == 2) <= 72
    assert sum(1 for lvl, _ in hs if lvl == 3) >= 5
    body = "\n".join(b.text for b in doc.blocks if b.kind is BlockKind.PARAGRAPH)
    assert "パッケージ" in body
    cjk = "\u3040-\u30ff\u4e00-\u9fff"
    # Hard-wrapped Japanese must not get spaces where lines were joined.
    assert not re.search(f"[{cjk}] [、。）ー]", body)
    assert "パッケ ージ" not in body
    assert not any(b.text.strip("\u00a0 ") == "" for b in doc.blocks if b.kind is not BlockKind.RULE)


@pytest.mark.parametrize("name", ["05-debian-policy-relationships.html", "07-tabulate-readme.md"])
def test_other_formats_are_not_parsed_as_text(corpus: Path, name: str) -> None:
    path = corpus / name
    try:
        doc = load_path(path)
    except ImportError:
        pytest.skip("parser for this format not available")
    assert doc.meta.format != "text"
