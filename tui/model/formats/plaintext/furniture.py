"""File furniture: what a format or an archive wraps around the text, not the author's words.

Paginated text (RFCs, printed manuals: page footers and running headers), e-text archives
("*** START OF ..." fences and their licence), Emacs mode lines and trailers, boxed notices
framed by ``*`` or ``#`` (announcement boxes of change logs), and rendered man pages' header lines.
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.front_matter import header_fields
from tui.model.formats.plaintext.reflow import reflow
from tui.model.formats.plaintext.shapes import COLUMNS
from tui.model.formats.plaintext.state import State

# Page furniture of paginated text: a footer with a page number, a running header or footer made
# of columns ("RFC 9999   A Protocol   April 2020"), a man page's header and footer lines.
_PAGE_FOOTER = re.compile(r"^\S.*\S {3,}(?:\[Page \d+\]|-? ?(?:Page|PAGE|page) \d+(?: of \d+)? ?-?)$")

_MAN_HEADER = re.compile(r"^([\w.:+-]+\([0-9][a-zA-Z0-9]*\))\s{2,}.*?\s{2,}\1$")

# Boilerplate fences of e-text archives: "*** START OF THE PROJECT ... ***", "*** END OF ... ***".
_BOILER_FENCE = re.compile(r"^\*{3}\s*(START|END) OF\b.*\*{3}\s*$|^(End) of (?:the )?Project Gutenberg", re.I)

_PAGE_HINT = re.compile(r"\[Page \d")

_FENCE_HINT = re.compile(r"\*\*\* ?(?:START|END|Start|End|start|end) OF", re.I)

_EMACS_MODE = re.compile(r"\s*-\*-.*-\*-\s*")

# The top of a box: a rule of * or #, and under it a line framed by the same character.
_BOX_TOP = re.compile(r"([*#])\1{19,}[ \t]*\n[ \t]*\1")


def strip_page_furniture(st: State) -> None:
    """Blank page footers ("Smith   Informational   [Page 3]") and the running header or
    footer line next to each page break (a form feed or such a footer)."""
    text = st.text
    if "\f" not in text and not _PAGE_HINT.search(text):
        return
    lines = st.lines
    n = len(lines)
    breaks: list[int] = []
    if "\f" in text:
        raw = text.split("\n")
        if len(raw) == n:
            breaks.extend(i for i, x in enumerate(raw) if "\f" in x)
    if "age " in text:
        for i, ln in enumerate(lines):
            if ln and ("age " in ln) and _PAGE_FOOTER.match(ln):
                lines[i] = ""
                breaks.append(i)
    for i in breaks:
        for step in (1, -1):
            j = i + step
            while 0 <= j < n and not lines[j] and abs(j - i) <= 3:
                j += step
            if not (0 <= j < n) or abs(j - i) > 3 or not lines[j]:
                continue
            ln = lines[j]
            lone = (j + 1 >= n or not lines[j + 1]) and (j == 0 or not lines[j - 1])
            if lone and len(ln) <= 100 and COLUMNS.search(ln.strip()):
                lines[j] = ""


def strip_boilerplate_fences(st: State) -> None:
    """Cut an e-text archive's header and licence around its "*** START / END OF" fences;
    the header's "Key: value" fields become metadata."""
    if not (_FENCE_HINT.search(st.text) or "Project Gutenberg" in st.text[-100_000:]):
        return
    lines = st.lines
    start = end = None
    for i, ln in enumerate(lines):
        if ln[:3] in ("***", "End", "END") and (m := _BOILER_FENCE.match(ln)):
            if (m.group(1) or "").upper() == "START" and start is None and end is None:
                start = i
            elif m.group(1) is None or m.group(1).upper() == "END":
                end = i
                break
    if start is None and end is None:
        return
    if start is not None:
        header_fields(st, lines[:start])
        lines[: start + 1] = [""] * (start + 1)
    if end is not None:
        lines[end:] = [""] * (len(lines) - end)


def strip_editor_settings(st: State) -> None:
    """Drop an Emacs mode line marker ("-*- outline -*-") and a "Local Variables:" trailer."""
    if "-*-" not in st.text[:1000] and "Local Variables:" not in st.text[-5000:]:
        return
    lines = st.lines
    for i, ln in enumerate(lines[:5]):
        if "-*-" in ln and _EMACS_MODE.search(ln):
            lines[i] = _EMACS_MODE.sub(" ", ln).rstrip()
    n = len(lines)
    for i in range(n - 1, max(n - 60, -1), -1):
        if lines[i].strip().endswith("Local Variables:"):
            end = next((j for j in range(i + 1, n) if lines[j].strip().endswith("End:")), None)
            if end is not None:
                lines[i : end + 1] = [""] * (end + 1 - i)
            break


def first_box(text: str) -> int:
    """Where the first box framed by ``*`` or ``#`` starts in ``text``, or -1."""
    first = -1
    for rule in ("*" * 20, "#" * 20):
        pos = text.find(rule)
        while pos >= 0 and (first < 0 or pos < first):
            if _BOX_TOP.match(text, pos):
                first = pos
                break
            pos = text.find(rule, text.find("\n", pos) + 1 or len(text))
    return first


def unbox(st: State) -> None:
    """Take the frame off boxed passages (a notice framed by ``*`` or ``#``)."""
    box = first_box(st.text)
    if box >= 0:
        unbox_from(st, st.text.count("\n", 0, box))


def unbox_from(st: State, i: int = 0) -> None:
    """Take the frame off each boxed passage from line ``i`` on (a rule of ``*`` or ``#``,
    lines that start and end with that character, a closing rule), so that its content reads
    like the text around it."""
    lines = st.lines
    n = len(lines)
    while i < n - 2:
        top = lines[i].strip()
        c = top[:1]
        if c not in ("*", "#") or len(top) < 20 or top != c * len(top):
            i += 1
            continue
        inner: list[str] = []
        j = i + 1
        while j < n:
            t = lines[j].strip()
            if t == top or (len(t) >= 20 and t == c * len(t)):
                break
            if len(t) < 2 or t[0] != c or t[-1] != c:
                j = n
                break
            inner.append(t[1:-1].rstrip())
            j += 1
        if j >= n or not any(x.strip() for x in inner):
            i += 1
            continue
        cut = min(len(x) - len(x.lstrip()) for x in inner if x.strip())
        lines[i] = lines[j] = ""
        lines[i + 1 : j] = [x[cut:] for x in inner]
        i = j + 1


def strip_man_header(st: State) -> None:
    """A rendered man page's header and footer lines ("LS(1)   User Commands   LS(1)");
    the NAME section's line becomes the title."""
    lines = st.lines
    first = next((i for i, x in enumerate(lines[:20]) if x), None)
    if first is None or not lines[first].endswith(")"):
        return
    m = _MAN_HEADER.match(lines[first].strip())
    if not m:
        return
    st.man_page = True
    tag = m.group(1)
    for i, ln in enumerate(lines):
        if ln.endswith(tag) and (i == first or COLUMNS.search(ln)):
            lines[i] = ""
    for i, ln in enumerate(lines[:200]):
        if ln.strip() == "NAME":
            body = []
            for x in lines[i + 1 :]:
                if not x.strip():
                    break
                body.append(x)
            if body:
                st.meta["title"] = reflow(body)
            break
