"""The plain-text parser is an ordered list of named rules; the order is pinned here.

Changing the order changes what readers see (chrome must go before titles are looked for,
headings must be found before levels are fixed), so a change here is a deliberate one.
"""

from __future__ import annotations

from tui.model.formats.plaintext import parse_text
from tui.model.formats.plaintext.pipeline import RULES
from tui.model.formats.plaintext.state import State

ORDER = [
    "chrome.strip_web_tail",
    "lines.split_lines",
    "furniture.strip_page_furniture",
    "furniture.strip_boilerplate_fences",
    "furniture.strip_editor_settings",
    "furniture.unbox",
    "furniture.strip_man_header",
    "chrome.strip_chrome_lines",
    "lines.split_into_blocks",
    "front_matter.mail_header",
    "chrome.leading_nav",
    "front_matter.front_matter",
    "chrome.strip_chrome_blocks",
    "survey.survey_layout",
    "survey.find_explicit_headings",
    "survey.survey_labels",
    "emit.emit_blocks",
    "levels.demote_prose_heads",
    "levels.close_trailing_heading",
    "levels.fix_levels",
    "levels.seq_levels",
    "levels.drop_toc_duplicates",
    "metadata.title_from_first_heading",
]


def test_rule_order_is_pinned() -> None:
    names = [f"{r.__module__.rsplit('.', 1)[-1]}.{r.__name__}" for r in RULES]
    assert names == ORDER


def test_every_rule_has_a_docstring() -> None:
    assert all((r.__doc__ or "").strip() for r in RULES)


def test_rules_share_one_state_and_emit_in_order() -> None:
    st = State("Title\n=====\n\nFirst paragraph,\nwrapped.\n\n* an item\n")
    for rule in RULES:
        rule(st)
    assert st.meta["title"] == "Title"
    assert [(s.kind.value, s.text) for s in st.specs] == [
        ("paragraph", "First paragraph, wrapped."),
        ("list_item", "an item"),
    ]


def test_parse_text_runs_the_pipeline() -> None:
    doc = parse_text("Title\n=====\n\nFirst paragraph,\nwrapped.\n")
    assert doc.meta.title == "Title"
    assert [b.text for b in doc.blocks] == ["First paragraph, wrapped."]
