"""``marginalia outline``: title, metadata and the section tree, as text or JSON."""

from __future__ import annotations

import argparse
from typing import Any

from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    LoadError,
    add_document_args,
    fail,
    open_document,
    print_json,
)
from tui.model.document import Document, Section


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "outline",
        help="print the title, metadata and section tree",
        description="Print the document's title, metadata and section tree.",
    )
    add_document_args(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def section_json(s: Section) -> dict[str, Any]:
    """One outline node as JSON (children nested)."""
    return {
        "title": s.title,
        "level": s.level,
        "id": s.id,
        "number": s.number or None,
        "children": [section_json(c) for c in s.children],
    }


def outline_json(doc: Document) -> dict[str, Any]:
    """The document's metadata and outline as one JSON object."""
    m = doc.meta
    return {
        "title": m.title or None,
        "author": m.author or None,
        "date": m.date.isoformat() if m.date else None,
        "affiliation": m.affiliation or None,
        "category": m.category or None,
        "language": m.language or None,
        "format": m.format,
        "encoding": m.encoding,
        "source": m.source or None,
        "sections": [section_json(s) for s in doc.sections],
        "blocks": len(doc.blocks),
        "words": doc.word_count(),
    }


def run(args: argparse.Namespace) -> int:
    try:
        doc = open_document(args.file, args.format)
    except LoadError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    if args.json:
        print_json(outline_json(doc))
        return EXIT_OK
    m = doc.meta
    print(m.title or "(untitled)")
    for label, value in (
        ("Author", m.author),
        ("Affiliation", m.affiliation),
        ("Date", m.date.isoformat() if m.date else ""),
        ("Category", m.category),
    ):
        if value:
            print(f"{label}: {value}")
    print(f"Blocks: {len(doc.blocks)}  Words: {doc.word_count()}")
    if not doc.sections:
        print("(no sections)")
    for root in doc.sections:
        for s in root.walk():
            depth = len(doc.section_path(s.start)) - 1
            print(f"{'  ' * depth}{s.title}")
    return EXIT_OK
