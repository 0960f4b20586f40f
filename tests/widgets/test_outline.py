"""The outline's labels."""

from __future__ import annotations

from tui.model.document import Section
from tui.widgets.outline import section_label


def test_outline_labels_show_a_number_once() -> None:
    def label(title: str, number: str) -> str:
        return section_label(Section("s", title, 1, 0, 1, number=number))

    assert label("Purpose", "3.7.4.1") == "3.7.4.1 Purpose"
    assert label("1.1. Purpose", "1.1") == "1.1. Purpose"
    assert label("Chapter 1. Introduction", "1") == "Chapter 1. Introduction"
    assert label("第1章まずは正攻法で始めよう", "1") == "第1章まずは正攻法で始めよう"
    assert label("Appendix 11", "1") == "1 Appendix 11"
