"""Body blocks: art and code keep their spaces, quotes, tables, lists, stable ids."""

from __future__ import annotations

from tui.model.document import BlockKind, Document
from tui.model.formats.plaintext import parse_text


def kinds(doc: Document) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


def headings(doc: Document) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.kind is BlockKind.HEADING]


def texts(doc: Document, kind: BlockKind) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is kind]


def test_empty_and_blank_input_give_an_empty_document() -> None:
    for text in ("", "\n\n", "   \n\u00a0\n"):
        doc = parse_text(text)
        assert doc.is_empty and doc.sections == ()


def test_ascii_art_and_indented_code_keep_every_space() -> None:
    art = " ---o---o---M---x\n               /\n       ---A---B"
    doc = parse_text(f"The history:\n\n{art}\n\nRun:\n\n    $ git revert -m 1 M\n    $ git log  --oneline\n")
    code = [b.text for b in doc.blocks if b.kind is BlockKind.CODE]
    assert code == [
        "---o---o---M---x\n              /\n      ---A---B",
        "$ git revert -m 1 M\n$ git log  --oneline",
    ]


def test_indented_prose_is_a_quote() -> None:
    doc = parse_text(
        "Alan wrote to the list about the problem and\nthen he said this:\n\n"
        "    I have a master branch.  We have a branch off of that that some\n"
        "    developers are doing work on.  They claim it is ready to merge.\n\nEnd.\n"
    )
    assert doc.blocks[1].kind is BlockKind.QUOTE
    assert doc.blocks[1].text.startswith("I have a master branch.")


def test_column_table_after_a_paragraph_keeps_its_spaces() -> None:
    doc = parse_text(
        "The following directories are required:\nDirectory Description\nbin       Essential binaries\n"
        "boot      Static files of the boot loader\ndev       Device files\n"
    )
    assert kinds(doc)[0] == ("paragraph", "The following directories are required:")
    assert doc.blocks[1].kind is BlockKind.TABLE
    assert "bin       Essential binaries" in doc.blocks[1].text


def test_box_drawing_is_preformatted() -> None:
    doc = parse_text("Output:\n\n╒══════╤═════╕\n│ a    │ b   │\n╘══════╧═════╛\n")
    assert doc.blocks[1].kind is BlockKind.CODE and "│ a    │ b   │" in doc.blocks[1].text


def test_list_items_with_markers_and_nesting() -> None:
    doc = parse_text(
        "Intro:\n\n* first item\n  continues here\n* second\n    - nested one\n\n"
        "• bullet\n\n1) numbered\n2) next\n"
    )
    items = [(b.level, b.marker, b.text) for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        (1, "*", "first item continues here"),
        (1, "*", "second"),
        (2, "-", "nested one"),
        (1, "•", "bullet"),
        (1, "1)", "numbered"),
        (1, "2)", "next"),
    ]


def test_stable_ids_editing_one_paragraph_changes_only_its_id() -> None:
    base = "Title line\n==========\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n"
    a = parse_text(base)
    b = parse_text(base.replace("Second paragraph.", "Second paragraph, edited."))
    assert len(a.blocks) == len(b.blocks) == 3
    changed = [x.id != y.id for x, y in zip(a.blocks, b.blocks, strict=True)]
    assert changed == [False, True, False]
    assert parse_text(base).blocks == a.blocks
