"""``marginalia search``: ranked fuzzy search of a document's blocks, as text or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_NONE,
    EXIT_OK,
    LoadError,
    add_document_args,
    fail,
    library,
    open_document,
    print_json,
)
from tui.model.search import SYNTAX_HELP, Hit, SearchIndex, is_searchable

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "search",
        help="fuzzy-search the document and print ranked hits",
        description="Search the document's paragraphs, headings, code and tables; typos are "
        "forgiven and words may come in any order. Exit status: 0 with hits, 1 with none, "
        "2 on bad input.",
        epilog=SYNTAX_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", metavar="QUERY", help="words to look for (quote it for the shell)")
    add_document_args(p)
    p.add_argument("--limit", type=_positive_int, default=10, metavar="N", help="at most N hits (10)")
    p.add_argument("--json", action="store_true", help="print a JSON list of hits")
    library.add_search_args(p)
    p.set_defaults(func=run)


def hit_json(hit: Hit, rank: int) -> dict[str, Any]:
    """One hit as JSON: ``spans`` and ``snippet_spans`` are [start, end] offsets."""
    return {
        "rank": rank,
        "block": hit.block_id,
        "index": hit.block_index,
        "section": list(hit.section),
        "score": hit.score,
        "text": hit.text,
        "spans": [list(s) for s in hit.spans],
        "snippet": hit.snippet,
        "snippet_spans": [list(s) for s in hit.snippet_spans],
    }


def _emphasise(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    out: list[str] = []
    pos = 0
    for a, z in spans:
        out += [text[pos:a], _BOLD, text[a:z], _RESET]
        pos = z
    out.append(text[pos:])
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    if not is_searchable(args.query):
        return fail(f"nothing to search for in {args.query!r}: give at least one word (see --help)")
    if args.all:
        return library.run_search_all(args, _emphasise)
    try:
        doc = open_document(args.file, args.format)
    except LoadError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    result = SearchIndex.build(doc).search(args.query, limit=args.limit)
    if args.json:
        print_json([hit_json(h, i) for i, h in enumerate(result.hits, 1)])
        return EXIT_OK if result.hits else EXIT_NONE
    if not result.hits:
        print(result.message, file=sys.stderr)
        return EXIT_NONE
    colour = sys.stdout.isatty()
    width = len(str(len(result.hits)))
    for i, h in enumerate(result.hits, 1):
        where = " › ".join(h.section) or "(before the first heading)"
        print(f"{i:>{width}}. {h.score:5.1f}  {where}")
        snippet = _emphasise(h.snippet, h.snippet_spans) if colour else h.snippet
        print(f"{' ' * (width + 2)}{snippet}")
    shown = len(result.hits)
    if result.total > shown:
        print(f"({shown} of {result.total} matching blocks; --limit N shows more)")
    return EXIT_OK
