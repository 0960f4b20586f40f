"""Shared text helpers of the model: dates written in prose."""

from __future__ import annotations

import re
from datetime import date

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

_DATE_FORMS = (
    (re.compile(rf"{MONTH_PATTERN}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I), "mdy"),
    (re.compile(DMY_PATTERN, re.I), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日"), "ymd"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy_num"),
)


def parse_date(text: str) -> date | None:
    """The first date found in ``text`` (several common written forms), or None."""
    for rx, form in _DATE_FORMS:
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
