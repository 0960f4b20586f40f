"""The plain-text parser on the bundled article: metadata, figure, sections, no chrome."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


def article(article_path: Path) -> Document:
    return parse_text(article_path.read_text(encoding="utf-8"))


def test_article_metadata(article_path: Path) -> None:
    m = article(article_path).meta
    assert m.title == "Toward a Resilient China-U.S. Relationship"
    assert m.date == dt.date(2024, 4, 23)
    assert m.author == "Yuan Sha"
    assert m.affiliation == (
        "Associate Research Fellow, Department for American Studies, China Institute of International Studies"
    )
    assert m.category == "Foreign Policy"


def test_article_figure_takes_the_following_paragraph_as_caption(article_path: Path) -> None:
    doc = article(article_path)
    figs = [b for b in doc.blocks if b.kind is BlockKind.FIGURE]
    assert len(figs) == 1
    fig = figs[0]
    assert fig.src == "Blinken 2023 China trip.png"
    assert fig.alt == "Blinken 2023 China trip"
    assert fig.text.startswith("U.S. Secretary of State") and fig.text.endswith("(File photo)")
    assert not any(b.kind is BlockKind.PARAGRAPH and b.text.startswith("U.S. Secretary") for b in doc.blocks)


def test_article_sections_and_opening(article_path: Path) -> None:
    doc = article(article_path)
    assert [s.title for s in doc.sections] == ["Why resilience is needed", "How to build resilience"]
    assert all(s.level == 2 for s in doc.sections)
    first_heading = next(b.index for b in doc.blocks if b.kind is BlockKind.HEADING)
    opening = [b for b in doc.blocks[:first_heading] if b.kind is BlockKind.PARAGRAPH]
    assert len(opening) == 2 and opening[0].text.startswith("Since the San Francisco summit")
    assert doc.sections[-1].end == len(doc.blocks)


def test_article_has_no_chrome_and_no_repeated_title(article_path: Path) -> None:
    doc = article(article_path)
    text = "\n".join(b.text for b in doc.blocks) + repr(doc.meta)
    for chrome in ("Language :", "简体", "You might also like", "Back to Top"):
        assert chrome not in text
    assert all(b.text != doc.meta.title for b in doc.blocks)
    assert all(not b.text.startswith(("Apr 23", "•")) for b in doc.blocks)
