"""Line shapes the rules share: title-like, prose-like, code-like and art-like lines, widths.

Patterns used by more than one rule module live here too (bullets, numbered items, images,
rows of links, date lines); a pattern used by one module is compiled in that module.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from tui.model.text import DMY_PATTERN, MONTH_PATTERN

UNDERLINE = re.compile(r"""^([=\-~*^"+#_.:'`])\1{2,}\s*$""")

COLUMNS = re.compile(r"\S {3,}\S")

PILCROW = re.compile(r"^(\S.*?)\s*¶\s*$")

BULLET = re.compile(r"^(\s*)([*•◦▪‣□☆○●■◆►▸·+\-–]|o(?=  ))\s+(?=\S)")

ORDERED = re.compile(r"^(\s*)(\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-z][.)]|#\.)\s+(?=\S)")

# Matches where BULLET or ORDERED does (one test instead of two).
LIST_START = re.compile(
    r"\s*(?:[*•◦▪‣□☆○●■◆►▸·+\-–]|o(?=  )|\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-z][.)]|#\.)\s+(?=\S)"
)

IMAGE = re.compile(r"^\s*(\S[^\n]{0,200}?\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif))\s*$", re.I)

# A row of navigation links: three or more short items set apart by wide gaps or bars.
NAV_ITEM = r"[^\s|]{1,20}(?: [^\s|]{1,20}){0,2}"

NAV_ROW = re.compile(rf"^\s*{NAV_ITEM}(?:(?: {{2,}}| ?\| ?){NAV_ITEM}){{2,}}\s*$")

CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff]{2,6}$")

# An e-mail address or a web address in a line (a signature, a link: not a title).
ADDRESS = re.compile(r"[\w.+-]@[\w-]+\.\w|://|\bwww\.\w")

_ART_CHARS = re.compile(r"[-=_|/\\+*<>~^#.:'`o]")

# A line that looks like code or a shell command: it starts like code (a prompt, a bracket, a
# keyword), or somewhere it has a trailing ; { } or \, an option or operator between blanks, a
# call f(...) or an assignment. The second part needs one of CODE_CHARS in the line.
_CODE_HEAD = re.compile(
    r"[ \t]*(?:\$ |# |>>> |\.\.\. |% |C:\\|<[a-zA-Z/!?]|[{}\[\]()]|def |class |import |from \S+ import"
    r"|if \(|for \(|#include|#!)"
)

_CODE_TAIL = re.compile(
    r"[;{}][ \t]*$|\\[ \t]*$|[ \t](?:--?[a-zA-Z][\w-]*|[<>|&]{1,2}|=>|->|:=|==|\+=)[ \t]|\w\(.*\)|=[ \t]*\S"
)

CODE_CHARS = re.compile(r"[;{}\\<>|&=(-]")

_OTHER = re.compile(r"[^\w\s]|[\d_]")

_NOT_WORDY = re.compile(r"[^\W\d_]|\s")

_ALNUM = re.compile(r"[^\W_]")

DATE_WORDS = (
    r"published|posted|updated|date|dated|released|last updated|publié|publiée|mis à jour|modifié"
    r"|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato"
)

# A line that is only a date (with a label, a weekday, a time, and perhaps "by NAME").
DATE_LINE = re.compile(
    rf"^\s*(?:(?:{DATE_WORDS})\s*(?:on|le|am|el|il)?\s*[:：]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{MONTH_PATTERN}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{DMY_PATTERN}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:,?\s+(?:at|à|um|a las|alle|-|–)?\s*\d{1,2}(?:[:.]\d{2}|\s?h\s?\d{2})(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:Uhr|[A-Z]{2,4}|[+-]\d{4}))?)?"
    r"(?:\s+(?:by|par|von|por)\s+(?P<by>\S.{0,80}?))?\s*$",
    re.I,
)

# Signs that a short line is a sentence, not a heading.
LEAD_CONJ = re.compile(r"(?:And|But|Yet|So|Or|Nor|Still|Even so)[ ,]+[a-z]")

_LEAD_COMMA = re.compile(r"[A-Z][a-z]+, [a-z]")

_PROSE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|do|does|did|not|never)\b"
)

# A note's number at the start of its line ("[1] World Bank, 2023.").
NOTE_MARK = re.compile(r"\s*\[\d{1,3}\]\s+\S")

_LETTERS_SPACES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n\t"

_ART_BYTES = b"-=_|/\\+*<>~^#.:'`o"

_ALNUM_BYTES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def display_width(s: str) -> int:
    """Terminal cells taken by ``s`` (wide CJK characters take two)."""
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def indent_width(line: str) -> int:
    """The indent of ``line`` in columns (tabs expanded; no-break and ideographic spaces count)."""
    if "\t" in line:
        line = line.expandtabs(8)
    return len(line) - len(line.lstrip(" \u00a0\u3000"))


def is_prose_line(s: str) -> bool:
    """A line of four words or more, mostly letters."""
    words = s.split()
    if len(words) < 4:
        return False
    other = len(_NOT_WORDY.sub("", s))
    return other <= 0.2 * len(s)


def looks_like_prose(text: str, n_lines: int) -> bool:
    """Mostly words (four or more a line on average), few digits and symbols."""
    if len(text.split()) < 4 * n_lines:
        return False
    if text.isascii():
        other = len(text.encode("ascii").translate(None, _LETTERS_SPACES))
    else:
        other = len(_OTHER.findall(text))
    return other <= 0.2 * len(text)


def is_art_line(s: str) -> bool:
    """A line of ASCII art: at least as many drawing symbols as letters and digits."""
    t = s.strip()
    if len(t) < 3:
        return False
    if t.isascii():
        raw = t.encode("ascii")
        sym = len(raw) - len(raw.translate(None, _ART_BYTES))
        if sym < 3:
            return False
        alnum = len(raw) - len(raw.translate(None, _ALNUM_BYTES))
    else:
        sym = len(_ART_CHARS.findall(t))
        alnum = len(t) - len(_ALNUM.sub("", t))
    return sym >= 3 and sym >= alnum


def is_code_line(s: str) -> bool:
    """A line that looks like code or a shell command."""
    return _CODE_HEAD.match(s) is not None or (
        CODE_CHARS.search(s) is not None and _CODE_TAIL.search(s) is not None
    )


def count_at_least(lines: list[str], pred: Callable[[str], object], need: int) -> bool:
    """True when ``pred`` holds for at least ``need`` of ``lines`` (stops as soon as it knows)."""
    if need <= 0:
        return True
    left = len(lines)
    for x in lines:
        left -= 1
        if pred(x):
            need -= 1
            if need == 0:
                return True
        elif need > left:
            return False
    return False


def reads_as_prose(t: str) -> bool:
    """A short line that reads as a sentence: it opens with a conjunction or a word set off
    by a comma, or it has an auxiliary verb or a negation."""
    return bool(LEAD_CONJ.match(t) or _LEAD_COMMA.match(t) or _PROSE_WORD.search(t))


def title_case(t: str) -> bool:
    """Three or more words, each word of four letters or more capitalised ("The Logic of
    Control"), no digits at the start."""
    words = t.split()
    if len(words) < 3 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or len(w) < 4 or not w[:1].isalpha() for w in words[1:])


def headline_like(s: str) -> bool:
    """A line that can be an article's headline: title-like, up to 200 characters, and it may
    be a question however long."""
    t = s.strip()
    return title_like(t, 200) or (t[-1:] in ("?", "？") and title_like(t[:-1], 200))


def title_like(s: str, max_len: int = 80) -> bool:
    """A short line that could be a title: no sentence-ending punctuation, few words."""
    t = s.strip()
    if not t or len(t) > max_len or t[-1] in ",;:。！，；：、" or "://" in t:
        return False
    if t[-1] in ".!?" and (len(t.split()) > 5 or t.endswith("..")):
        return False
    first = t[0]
    return first.isupper() or first.isdigit() or not first.isascii()
