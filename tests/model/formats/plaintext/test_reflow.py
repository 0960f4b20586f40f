"""Re-flow: wrapped prose joins, CJK lines join without a space, verse keeps its lines."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text, reflow


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


def test_hard_wrapped_lines_are_reflowed() -> None:
    doc = parse_text("This is a paragraph\nthat was wrapped at\nnarrow width.\n\nSecond one.\n")
    assert kinds(doc) == [
        ("paragraph", "This is a paragraph that was wrapped at narrow width."),
        ("paragraph", "Second one."),
    ]


def test_cjk_lines_join_without_a_space() -> None:
    assert (
        reflow(["これはパッケ", "ージです。English", "words here"])
        == "これはパッケージです。English words here"
    )
    assert reflow(["Non-", "Maintainer Uploads"]) == "Non-Maintainer Uploads"


STANZA = (
    "The rain is on the roof,\nThe wind is at the door;\nI hear them both, and sleep\nAs I have slept before."
)


def test_a_stanza_keeps_its_lines_and_prose_is_reflowed() -> None:
    doc = parse_text(
        "The prose before the poem runs on and on, well past the middle of the line, and\n"
        "it wraps where the width runs out, not where the writer chose to end a phrase.\n\n" + STANZA + "\n"
    )
    texts = [b.text for b in doc.blocks]
    assert texts[0].startswith(
        "The prose before the poem runs on and on, well past the middle of the line, and it"
    )
    assert texts[1] == STANZA
