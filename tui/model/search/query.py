"""The query language: plain fuzzy words and fzf-style operators, parsed into parts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.model.search.fold import is_cjk, normalize, tokenize

__all__ = ["SYNTAX_HELP", "Part", "is_searchable", "parse_query", "typo_budget"]

SYNTAX_HELP = """\
Search syntax (plain words are fuzzy and may come in any order):
  word       fuzzy: typos are forgiven; the last word also matches as a prefix
  'word      exact word only
  !word      leave out blocks containing the word (or !"a phrase")
  "a phrase" these words next to each other, in this order
  ^word      blocks that start with the word
Case, accents and full/half width are ignored. Chinese, Japanese and Korean text
is matched by characters, so no spaces are needed."""


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a parsed query."""

    op: str  # "word" | "exact" | "phrase" | "start"
    tokens: tuple[str, ...]
    negated: bool = False
    prefix: bool = False  # the last token may be incomplete (still being typed)


_PART_RE = re.compile(r'([!^\']*)"([^"]*)("?)|(\S+)')


def parse_query(query: str) -> list[Part]:
    """Split a query into plain words and operator parts (see :data:`SYNTAX_HELP`)."""
    parts: list[Part] = []
    typing = bool(query) and not query[-1].isspace()
    matches = list(_PART_RE.finditer(query))
    for n, m in enumerate(matches):
        last = typing and n == len(matches) - 1
        if m.group(4) is None:
            ops, body, closed = m.group(1), m.group(2), m.group(3)
            toks = tuple(tokenize(normalize(body)))
            if toks:
                parts.append(
                    Part(
                        "start" if "^" in ops else "phrase",
                        toks,
                        negated="!" in ops,
                        prefix=last and not closed and not body[-1:].isspace(),
                    )
                )
            continue
        raw = m.group(4)
        ops = raw[: len(raw) - len(raw.lstrip("!^'"))]
        toks = tuple(tokenize(normalize(raw[len(ops) :])))
        if not toks:
            continue
        negated = "!" in ops
        if "^" in ops:
            parts.append(Part("start", toks, negated=negated, prefix=last and not negated))
        elif negated or "'" in ops:
            parts.append(Part("exact" if len(toks) == 1 else "phrase", toks, negated=negated))
        elif len(toks) > 1 and is_cjk(toks[0][0]) and all(is_cjk(t[0]) for t in toks):
            # A CJK run: each character pair is a word; they rank like a phrase when adjacent.
            parts.extend(Part("word", (t,)) for t in toks)
        else:
            for i, t in enumerate(toks):
                parts.append(Part("word", (t,), prefix=last and i == len(toks) - 1))
    return parts


def is_searchable(query: str) -> bool:
    """True when the query holds at least one word to look for (not only exclusions or operators)."""
    return any(not p.negated for p in parse_query(query))


def typo_budget(word: str) -> int:
    """How many edits a query word may be off by: none for short words, more for long ones."""
    n = len(word)
    if n < 4 or any(c.isdigit() for c in word) or is_cjk(word[0]):
        return 0
    return 1 if n < 8 else 2
