"""build_document: block ids stay what they were (notes and reading positions point at them)."""

from __future__ import annotations

from dataclasses import fields

from tui.model.document import Block, BlockKind, BlockSpec, Inline, InlineStyle, Metadata, build_document


def test_block_ids_are_pinned() -> None:
    # Ids are saved in users' notes and state files: a change here orphans them.
    specs = [
        BlockSpec(BlockKind.PARAGRAPH, "Hello  world,\n  again."),
        BlockSpec(BlockKind.PARAGRAPH, "Hello world, again."),
        BlockSpec(BlockKind.HEADING, "Why resilience is needed\u00a0\u00a0", level=2),
        BlockSpec(BlockKind.CODE, "  x = 1\n\ty = 2 "),
        BlockSpec(BlockKind.PARAGRAPH, "中文\u3000文本"),
        BlockSpec(BlockKind.RULE, ""),
        BlockSpec(BlockKind.PARAGRAPH, "soft\u00adhyphen"),
    ]
    ids = [b.id for b in build_document(specs, Metadata()).blocks]
    assert ids == [
        "pb6941e9953",
        "pb6941e9953-2",
        "h25ff2559ed",
        "cc0450e14bb",
        "p5a999b558a",
        "r38d29bd8c7",
        "p794d432681",
    ]


def test_every_spec_field_reaches_its_block() -> None:
    spec = BlockSpec(
        BlockKind.FIGURE,
        "caption",
        level=3,
        marker="•",
        src="a.png",
        alt="alt text",
        lang="python",
        anchor="fig-a",
        rows=(("h1", "h2"), ("c1", "c2")),
        inlines=(Inline(0, 3, InlineStyle.EMPHASIS),),
        align=("left", "right"),
    )
    block = build_document([BlockSpec(BlockKind.PARAGRAPH, "first"), spec], Metadata()).blocks[1]
    expected = {
        "kind": BlockKind.FIGURE,
        "text": "caption",
        "index": 1,
        "level": 3,
        "marker": "•",
        "src": "a.png",
        "alt": "alt text",
        "lang": "python",
        "anchor": "fig-a",
        "rows": (("h1", "h2"), ("c1", "c2")),
        "inlines": (Inline(0, 3, InlineStyle.EMPHASIS),),
        "align": ("left", "right"),
    }
    got = {f.name: getattr(block, f.name) for f in fields(Block) if f.name != "id"}
    assert got == expected
