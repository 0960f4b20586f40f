"""``marginalia cat``: the cleaned text in reading order."""

from __future__ import annotations

import argparse
import sys

from tui.commands import EXIT_BAD_INPUT, EXIT_OK, LoadError, add_document_args, fail, open_document
from tui.model.document import Document
from tui.model.render import block_plain_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "cat",
        help="print the cleaned text in reading order",
        description="Print the document's cleaned text in reading order, one block per paragraph.",
    )
    add_document_args(p)
    p.set_defaults(func=run)


def document_text(doc: Document) -> str:
    """The whole document as plain text: metadata header, then blocks separated by blank lines."""
    parts: list[str] = []
    m = doc.meta
    head = [m.title] if m.title else []
    byline = " · ".join(x for x in (m.author, m.affiliation) if x)
    if byline:
        head.append(byline)
    if m.date:
        head.append(m.date.isoformat())
    if head:
        parts.append("\n".join(head))
    parts.extend(block_plain_text(b) for b in doc.blocks)
    return "\n\n".join(parts) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        doc = open_document(args.file, args.format)
    except LoadError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    sys.stdout.write(document_text(doc))
    return EXIT_OK
