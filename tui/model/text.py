"""Shared text helpers of the model: CJK ranges, word counts, reading time, dates.

Each is defined once here and used by the parsers, the document model, the command line and the
reading pane, so that (for example) a word count is the same wherever it is shown.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

# --------------------------------------------------------------------------- CJK

# Characters of Chinese, Japanese and Korean text, for regex classes: CJK radicals and
# ideographs, kana, bopomofo, Hangul syllables, CJK and full-width punctuation and forms. Text
# in these scripts is written without spaces between words, so a line break between two of
# them joins without a space.
CJK_RANGES = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
# The letters among them that count as a word each: ideographs, kana, bopomofo (Korean is
# written with spaces between words, so Hangul counts by words like Latin text).
CJK_LETTERS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
)
# CJK and full-width punctuation: it separates words as a space does.
CJK_PUNCTUATION = "\u3000-\u3004\u3008-\u3020\u3030\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"


@cache
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(f"[{CJK_LETTERS}]"), re.compile(f"[{CJK_PUNCTUATION}]")


def is_cjk(ch: str) -> bool:
    """True for a CJK character or CJK punctuation (one of :data:`CJK_RANGES`)."""
    return _cjk_any().match(ch) is not None


@cache
def _cjk_any() -> re.Pattern[str]:
    return re.compile(f"[{CJK_RANGES}]")


# --------------------------------------------------------------------------- words


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters between spaces, and each CJK character (ideograph or
    kana) as a word of its own, as reading-time and word-count tools count Chinese and Japanese.
    CJK punctuation separates words and is not counted."""
    if text.isascii():
        return len(text.split())
    letters, punctuation = _cjk_patterns()
    text = punctuation.sub(" ", text)
    spaced, cjk = letters.subn(" ", text)
    return len(spaced.split()) + cjk


def count_cjk(text: str) -> int:
    """How many CJK characters (ideographs and kana) ``text`` holds."""
    if text.isascii():
        return 0
    return len(_cjk_patterns()[0].findall(text))


# --------------------------------------------------------------------------- reading time

WORDS_PER_MINUTE = 230  # English prose, silent reading
CJK_PER_MINUTE = 500  # Chinese or Japanese characters


def reading_rate(words: int, cjk: int = 0) -> float:
    """Words (as :func:`count_words` counts them) read in a minute, for a text of ``words``
    words of which ``cjk`` are CJK characters: CJK characters are read about twice as fast as
    English words, so a Japanese book is not estimated to take twice as long as it does."""
    if words <= 0 or cjk <= 0:
        return float(WORDS_PER_MINUTE)
    share = min(cjk, words) / words
    return 1.0 / ((1.0 - share) / WORDS_PER_MINUTE + share / CJK_PER_MINUTE)


def time_left_label(words_left: int, per_minute: float = WORDS_PER_MINUTE) -> str:
    """The reading time for ``words_left`` words: "end", "< 1 min left", "12 min left",
    "2 h left" or "3 h 10 min left" (whole minutes, rounded).

    ``per_minute`` is the reading rate; :func:`reading_rate` gives one for a document with
    CJK text. Use this one function wherever a reading time is shown, so that every place
    agrees.
    """
    if words_left <= 0:
        return "end"
    minutes = round(words_left / max(per_minute, 1.0))
    if minutes < 1:
        return "< 1 min left"
    if minutes < 60:
        return f"{minutes} min left"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h left" if rest == 0 else f"{hours} h {rest} min left"


# --------------------------------------------------------------------------- dates

_MONTH_NAMES = [
    ("jan", "january", "janvier", "januar", "jänner", "enero", "gennaio"),
    ("feb", "february", "février", "fevrier", "februar", "febrero", "febbraio"),
    ("mar", "march", "mars", "märz", "maerz", "marzo"),
    ("apr", "april", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio"),
    ("jun", "june", "juin", "juni", "junio", "giugno"),
    ("jul", "july", "juillet", "juli", "julio", "luglio"),
    ("aug", "august", "août", "aout", "agosto"),
    ("sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre"),
    ("oct", "october", "octobre", "oktober", "octubre", "ottobre"),
    ("nov", "november", "novembre", "noviembre"),
    ("dec", "december", "décembre", "decembre", "dezember", "diciembre", "dicembre"),
]

_MONTHS = {m: i + 1 for i, names in enumerate(_MONTH_NAMES) for m in names}

MONTH_PATTERN = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    + "|".join(sorted({m for names in _MONTH_NAMES for m in names[1:] if len(m) > 3}, key=len, reverse=True))
    + r")\.?"
)

# Day before month: "12 March 2024", "12th of March, 2024", "12. März 2024", "12 de marzo de 2024".
DMY_PATTERN = rf"(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{MONTH_PATTERN},?\s+(?:de\s+)?(\d{{4}})"


@cache
def _date_forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The written date forms, compiled on first use (importing the model stays cheap)."""
    return (
        (re.compile(rf"{MONTH_PATTERN}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I), "mdy"),
        (re.compile(DMY_PATTERN, re.I), "dmy"),
        (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
        (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
        (re.compile(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日"), "ymd"),
        (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy_num"),
    )


def parse_date(text: str) -> date | None:
    """The first date found in ``text``, or None.

    Written forms: "March 12, 2024", "12 March 2024", "12th of March, 2024", "12. März 2024",
    "12 de marzo de 2024", ISO "2024-03-12" (also inside a timestamp "2024-03-12T10:00Z"),
    "2024/03/12", "2024年3月12日" and "12.03.2024"; month names in English, French, German,
    Spanish and Italian. Used for header fields, front matter, page metadata and date lines.
    """
    for rx, form in _date_forms():
        m = rx.search(text)
        if not m:
            continue
        try:
            if form == "mdy":
                return date(int(m.group(3)), _MONTHS[_month_key(m.group(1))], int(m.group(2)))
            if form == "dmy":
                return date(int(m.group(3)), _MONTHS[_month_key(m.group(2))], int(m.group(1)))
            if form == "ymd":
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except (ValueError, KeyError):
            continue
    return None


def _month_key(name: str) -> str:
    key = name.lower().rstrip(".")
    return key if key in _MONTHS else key[:3]
