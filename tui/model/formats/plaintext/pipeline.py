"""The plain-text parser's rules, in the order they run.

Each rule is a plain function of the shared :class:`~.state.State`. The list below is the whole
parser: read it top to bottom to see what happens to a text, and find each rule in the module
named before its dot. A test pins the order.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.model.document import Document, build_document
from tui.model.formats.plaintext import (
    chrome,
    emit,
    front_matter,
    furniture,
    levels,
    lines,
    metadata,
    survey,
)
from tui.model.formats.plaintext.state import State

Rule = Callable[[State], None]

RULES: tuple[Rule, ...] = (
    # The text and its lines: page chrome and file furniture go first.
    chrome.strip_web_tail,
    lines.split_lines,
    furniture.strip_page_furniture,
    furniture.strip_boilerplate_fences,
    furniture.strip_editor_settings,
    furniture.unbox,
    furniture.strip_man_header,
    chrome.strip_chrome_lines,
    # Blocks, and what stands above the text proper.
    lines.split_into_blocks,
    front_matter.mail_header,
    chrome.leading_nav,
    front_matter.front_matter,
    chrome.strip_chrome_blocks,
    # How this text marks its structure, then one pass that emits every block.
    survey.survey_layout,
    survey.find_explicit_headings,
    survey.survey_labels,
    emit.emit_blocks,
    # Post passes over the headings found.
    levels.demote_prose_heads,
    levels.close_trailing_heading,
    levels.fix_levels,
    levels.seq_levels,
    levels.drop_toc_duplicates,
    metadata.title_from_first_heading,
)


def run(text: str) -> Document:
    """Run every rule over ``text`` and build the document from the blocks they emitted."""
    st = State(text)
    for rule in RULES:
        rule(st)
    return build_document(st.specs, metadata.metadata(st))
