"""Plain-text rendering of blocks, shared by ``cat``, export and the reader."""

from __future__ import annotations

from tui.model.document import Block, BlockKind


def block_plain_text(b: Block) -> str:
    """A block as plain text the way ``marginalia cat`` prints it."""
    if b.kind is BlockKind.HEADING:
        return b.text
    if b.kind is BlockKind.FIGURE:
        label = b.alt or b.src
        return f"[Figure: {label}]" + (f"\n{b.text}" if b.text and b.text != label else "")
    if b.kind is BlockKind.LIST_ITEM:
        return f"{'  ' * max(b.level - 1, 0)}{b.marker or '•'} {b.text}"
    if b.kind is BlockKind.QUOTE:
        return "\n".join(f"> {line}" for line in b.text.split("\n"))
    if b.kind is BlockKind.CODE:
        return "\n".join(f"    {line}" for line in b.text.split("\n"))
    if b.kind is BlockKind.RULE:
        return "* * *"
    if b.kind is BlockKind.TABLE and b.rows:
        return "\n".join(" | ".join(r) for r in b.rows)
    return b.text
