"""Plain-text parser: scraped web articles, hard-wrapped manuals, change logs, Info dumps, e-texts.

The text is cut into blocks (runs of non-blank lines); each block is classified with general
rules: front matter (mail headers, bylines, dates, categories, language pickers), headings
(setext underlines, numbered, chapter, pilcrow, short title-like lines), lists, preformatted
content (ASCII art, code, tables) and prose, which is re-flowed into one paragraph. The rules
and their order are listed in :mod:`.pipeline`.
"""

from __future__ import annotations

import gc

from tui.model.document import Document
from tui.model.formats.plaintext.reflow import reflow
from tui.model.text import parse_date

__all__ = ["parse_date", "parse_text", "reflow"]


def parse_text(text: str) -> Document:
    """Parse plain text (already decoded, ``\\n`` newlines) into a :class:`Document`."""
    from tui.model.formats.plaintext.pipeline import run

    # Parsing allocates a few objects per line and creates no reference cycles: pausing the
    # cyclic garbage collector saves its repeated passes (a tenth of the time on a book).
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return run(text)
    finally:
        if paused:
            gc.enable()
