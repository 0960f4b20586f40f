"""The document title from the first heading or line, and the metadata record.

Texts with no title page, header or byline: READMEs, notes, manuals that open with a heading.
"""

from __future__ import annotations

import re

from tui.model.document import BlockKind, Metadata
from tui.model.formats.plaintext.shapes import ADDRESS, title_like
from tui.model.formats.plaintext.state import State

# A section lettered like an appendix ("A. HISTORY OF THE SOFTWARE"): no document title.
_LETTERED = re.compile(r"[A-Z][.)] +[A-Z]")


def title_from_first_heading(st: State) -> None:
    """With no title yet: the first heading (unnumbered) or a short title-like first line becomes the
    title."""
    if st.meta.get("title"):
        return
    specs = st.specs
    # The first block is a heading, or a centred / short line standing alone at the very top.
    if not specs:
        return
    s0 = specs[0]
    if s0.kind is BlockKind.HEADING and not s0.number and not _LETTERED.match(s0.text):
        st.meta["title"] = s0.text
        del specs[0]
        return
    if (
        s0.kind is BlockKind.PARAGRAPH
        and len(s0.text) <= 80
        and title_like(s0.text)
        and len(specs) > 1
        and not s0.text.endswith(".")
        and not ADDRESS.search(s0.text)
    ):
        st.meta["title"] = s0.text
        del specs[0]


def metadata(st: State) -> Metadata:
    """The metadata record from what the rules found (a mail "Subject" when there is no title)."""
    m = st.meta
    title = str(m.get("title", ""))
    if not title:
        for k, v in st.extra:
            if k.lower() == "subject":
                title = v
    return Metadata(
        title=title,
        author=str(m.get("author", "")),
        date=m.get("date"),  # type: ignore[arg-type]
        affiliation=str(m.get("affiliation", "")),
        category=str(m.get("category", "")),
        extra=tuple(st.extra),
    )
