"""Bylines and names: "By Jane Doe", "• A and B", a date and a byline on one line.

Web articles and blog posts, where the author's name sits under the headline.
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.shapes import CJK_NAME, DATE_LINE
from tui.model.formats.plaintext.state import Chunk

_BYLINE = re.compile(
    r"^\s*(?:[•·*\-–—]\s+|(?:[Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor):?\s+|[Aa]uthors?:\s*|[Ww]ritten by\s+"
    r"|(?:作者|撰文|文)\s*[:：/／]\s*)"
    r"(\S.{0,90})$"
)

_NAME_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|und|et|y|e|en|&)\s)\s*")

_NAME = re.compile(r"^[A-Z\u00c0-\u024f][\w.'’\-]*(?:\s+[A-Z\u00c0-\u024f][\w.'’\-]*){0,4}$")

# A date and a byline on one line, set apart by a bar or a dot ("By Jane Doe | April 3, 2024").
_META_SEP = re.compile(r"\s+[|·•]\s+")

_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$", re.I)


def byline_name(line: str) -> str:
    """The author's name when ``line`` is a byline ("• Jane Doe", "By Jane Doe"), else ""."""
    m = _BYLINE.match(line)
    if not m:
        return ""
    name = person_name(m.group(1))
    if name and (" " not in name or name.isupper()) and line.lstrip()[:1] in "•·*-–—":
        return ""  # "* INTRODUCTION": a bullet over one word or capitals is a label, not a byline
    return name


def person_name(text: str) -> str:
    """``text`` when it is a person's name, or names joined by "and" / commas / semicolons
    (written "A, B and C"), else "". A news agency after the names ("A and B, Reuters") is left
    out."""
    name = text.strip()
    if (_NAME.match(name) and len(name.split()) <= 5) or CJK_NAME.match(name):
        return name
    if "、" in name:
        parts = [p.strip() for p in name.split("、")]
        return name if 1 < len(parts) <= 6 and all(CJK_NAME.match(p) for p in parts) else ""
    parts = _NAME_JOIN.split(name.replace("; ", ", "))
    if 1 < len(parts) <= 5 and all(_NAME.match(p) and len(p.split()) <= 4 for p in parts):
        if len(parts) > 2 and " " not in parts[-1] and all(" " in p for p in parts[:-1]):
            parts = parts[:-1]  # "Anna Schmidt and Tom Reyes, Reuters"
        elif len(parts) == 2 and ", " in name and " " not in parts[1] and " " in parts[0]:
            return parts[0]  # "Jane Doe, Reuters"
        if len(parts) > 4:
            return ""
        return join_names(parts)
    return ""


def join_names(names: list[str]) -> str:
    """Authors' names as written in a byline: "A", "A and B", "A, B and C" (Chinese or Japanese
    names with "、")."""
    if len(names) == 1:
        return names[0]
    if all(CJK_NAME.match(n) for n in names):
        return "、".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def date_and_byline(ln: str) -> str:
    """A line holding a date and perhaps a byline and a time, set apart by bars or dots
    ("By Jane Doe | April 3, 2024 | 10:30 AM"), as a date line "April 3, 2024 by Jane Doe";
    any other line as it is."""
    parts = _META_SEP.split(ln.strip())
    if len(parts) < 2:
        return ln
    when = who = ""
    for p in parts:
        if not when and DATE_LINE.match(p):
            when = p
        elif not who and (name := byline_name(p) or person_name(p)):
            who = name
        elif not _TIME.match(p):
            return ln
    if not when:
        return ln
    return f"{when} by {who}" if who else when


def byline_block(b: Chunk) -> bool:
    """A block of several bylines (each "• Name", perhaps over an indented affiliation), with
    or without the date line above them."""
    lines = b.lines
    if len(lines) > 10:
        return False
    dated = False
    names = 0
    for k, x in enumerate(lines):
        if byline_name(x):
            nxt = k + 1
            if nxt < len(lines) and not byline_name(lines[nxt]) and b.indents[nxt] <= b.indents[k]:
                return False  # a line under a name that is not its indented affiliation
            names += 1
        elif DATE_LINE.match(x):
            dated = True
        elif k == 0 or not byline_name(lines[k - 1]):
            return False
    return names >= 2 or (dated and names >= 1)
