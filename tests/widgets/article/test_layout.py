"""Laying blocks out: table columns, the lines of a block."""

from __future__ import annotations

from tui.model.document import Block, BlockKind
from tui.widgets.article.layout import column_alignment


def test_table_columns_align_as_given_else_numbers_right() -> None:
    rows = (("Name", "Size", "Note", "Mid"), ("a", "1,024", "x", "q"), ("b", "-3.5%", "", "r"))
    plain = Block("t1", BlockKind.TABLE, "", rows=rows)
    assert column_alignment(plain) == ["left", "right", "left", "left"]
    given = Block("t2", BlockKind.TABLE, "", rows=rows, align=("right", "left", "", "center"))
    assert column_alignment(given) == ["right", "left", "left", "center"]
