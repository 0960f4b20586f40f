"""Text as search compares it: case, accents, width and kana folded; words and CJK pairs.

:func:`normalize` folds a text; :func:`normalize_with_offsets` also maps each folded character
back to the original, so match spans land on the text the reader sees. :func:`tokenize` cuts
folded text into words; runs of Chinese, Japanese or Korean script (written without spaces)
become overlapping character pairs.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_cjk", "normalize", "normalize_with_offsets", "tokenize", "tokenize_spans"]

# Scripts written without spaces (and Hangul, whose words carry particles): indexed by pairs.
_CJK = (
    "\u1100-\u11ff\u3005\u3006\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f"
)
_TOKEN_RE = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")
_CJK_RE = re.compile(f"[{_CJK}]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
_DIACRITICS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that do not decompose but readers expect to match their plain form.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae", "þ": "th"})

_char_cache: dict[str, str] = {}


def _norm_char(ch: str) -> str:
    out = _char_cache.get(ch)
    if out is None:
        d = _DIACRITICS.sub("", unicodedata.normalize("NFKD", ch))
        out = unicodedata.normalize("NFC", d.casefold().translate(_FOLD))
        if len(_char_cache) < 100_000:
            _char_cache[ch] = out
    return out


def normalize(text: str) -> str:
    """Text as search compares it: NFKC width folding, case folding, accents removed."""
    if text.isascii():
        return text.lower()
    return normalize_with_offsets(text)[0]


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Normalised text and, when lengths differ, the original offset of each normalised character.

    The offset list is None when every character maps to exactly one character (the common
    case), so normalised offsets are original offsets.
    """
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    offsets: list[int] | None = None
    pos = 0
    for m in _NON_ASCII_RE.finditer(text):
        a, b = m.span()
        if a > pos:
            parts.append(text[pos:a].lower())
            if offsets is not None:
                offsets.extend(range(pos, a))
        for i in range(a, b):
            out = _norm_char(text[i])
            if out and parts and parts[-1] and unicodedata.combining(out[0]):
                # A separate voicing mark (half-width kana) joins the character before it.
                joined = unicodedata.normalize("NFC", parts[-1][-1] + out)
                if len(joined) == 1:
                    parts[-1] = parts[-1][:-1] + joined
                    out = ""
            if len(out) != 1 and offsets is None:
                offsets = list(range(len("".join(parts))))
            parts.append(out)
            if offsets is not None:
                offsets.extend([i] * len(out))
        pos = b
    if pos < len(text):
        parts.append(text[pos:].lower())
        if offsets is not None:
            offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def is_cjk(ch: str) -> bool:
    """True for a character of a script written without spaces (Chinese, Japanese, Korean)."""
    return _CJK_RE.match(ch) is not None


def has_cjk(text: str) -> bool:
    """True when ``text`` holds any Chinese, Japanese or Korean character."""
    return _CJK_RE.search(text) is not None


def _expand_cjk(run: str) -> list[str]:
    """A CJK run as overlapping character pairs (a single character stays itself)."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenize(norm: str) -> list[str]:
    """The words of normalised text in order; CJK runs become overlapping character pairs."""
    words = _TOKEN_RE.findall(norm)
    if not _CJK_RE.search(norm):
        return words
    out: list[str] = []
    for w in words:
        if is_cjk(w[0]):
            out.extend(_expand_cjk(w))
        else:
            out.append(w)
    return out


def tokenize_spans(norm: str) -> list[tuple[int, int]]:
    """Start and end (in ``norm``) of each token that :func:`tokenize` returns, in the same order."""
    if not _CJK_RE.search(norm):
        return [m.span() for m in _TOKEN_RE.finditer(norm)]
    spans: list[tuple[int, int]] = []
    for m in _TOKEN_RE.finditer(norm):
        a, b = m.span()
        if b - a > 1 and is_cjk(norm[a]):
            spans.extend((i, i + 2) for i in range(a, b - 1))
        else:
            spans.append((a, b))
    return spans
