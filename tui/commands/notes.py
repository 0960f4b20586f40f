"""``marginalia notes``: list, add and export a document's notes without the UI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands import (
    EXIT_BAD_INPUT,
    EXIT_NONE,
    EXIT_OK,
    LoadError,
    add_data_dir_arg,
    add_document_args,
    fail,
    open_document,
    print_json,
)
from tui.commands.cat import document_text
from tui.model.document import Block, BlockKind, Document
from tui.model.load import FORMATS
from tui.model.notes import (
    CONTEXT_CHARS,
    Anchor,
    Placed,
    anchor_for_block,
    anchor_for_quote,
    current_quote,
)
from tui.model.paths import data_dir
from tui.model.render import block_plain_text
from tui.model.store import NotesStore, StoreError, source_of

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "notes",
        help="list, add or export a document's notes",
        description="List, add or export the notes kept for a document.",
    )
    sub = p.add_subparsers(dest="action", required=True, metavar="{list,add,export}")

    ls = sub.add_parser("list", help="list the notes in document order", description="List the notes.")
    add_document_args(ls)
    add_data_dir_arg(ls)
    ls.add_argument("--json", action="store_true", help="print a JSON array of notes")
    ls.set_defaults(func=run_list)

    add = sub.add_parser(
        "add",
        help="add a note to a block or a quoted passage",
        description="Add a note to a block (by id or index) or to the first occurrence of a quote.",
    )
    add_document_args(add)
    add_data_dir_arg(add)
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--block", metavar="ID", help="block id (as in `notes list --json`) or index")
    where.add_argument("--quote", metavar="TEXT", help="text of the document to attach the note to")
    add.add_argument("--text", required=True, metavar="BODY", help="the note itself")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag (repeatable)")
    add.set_defaults(func=run_add)

    ex = sub.add_parser(
        "export",
        help="export the notes as Markdown or W3C Web Annotation JSON",
        description="Export the notes as Markdown (by section, quote then note) or as W3C Web "
        "Annotation JSON whose positions are offsets in the text `marginalia cat` prints.",
    )
    ex.add_argument(
        "file", nargs="?", metavar="FILE", help="document ('-' for stdin; default: the bundled article)"
    )
    ex.add_argument("--doc-format", choices=FORMATS, help="parse the document as this format")
    ex.add_argument("--format", choices=("markdown", "json"), default="markdown", help="output format")
    ex.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of stdout")
    add_data_dir_arg(ex)
    ex.set_defaults(func=run_export)


# --------------------------------------------------------------------------- shared


def _open(args: argparse.Namespace, fmt: str | None) -> tuple[Document, NotesStore] | int:
    try:
        doc = open_document(args.file, fmt)
    except LoadError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    store = NotesStore.open(data_dir(args.data_dir), doc)
    if store.problem:
        return fail(store.problem, EXIT_BAD_INPUT)
    return doc, store


def section_title(doc: Document, index: int | None) -> str:
    """The section path of a block as ``Outer › Inner`` ("" before the first heading)."""
    if index is None:
        return ""
    return " › ".join(s.title for s in doc.section_path(index))


def note_json(doc: Document, p: Placed) -> dict[str, Any]:
    """One placed note as the JSON object of ``notes list --json``."""
    n = p.note
    b = doc.blocks[p.block_index] if p.block_index is not None else None
    return {
        "id": n.id,
        "status": p.status.value,
        "block": b.id if b else None,
        "block_index": p.block_index,
        "section": section_title(doc, p.block_index) or None,
        "start": p.start if b else None,
        "end": p.end if b else None,
        "quote": current_quote(p, doc),
        "text": n.body,
        "tags": list(n.tags),
        "created": n.created.isoformat(),
        "updated": n.updated.isoformat(),
    }


def _short(text: str, width: int) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


# --------------------------------------------------------------------------- list / add


def run_list(args: argparse.Namespace) -> int:
    opened = _open(args, args.format)
    if isinstance(opened, int):
        return opened
    doc, store = opened
    placed = store.placed(doc)
    if args.json:
        print_json([note_json(doc, p) for p in placed])
        return EXIT_OK
    if not placed:
        print(f"No notes for {doc.meta.title or 'this document'} ({store.path}).")
        return EXIT_OK
    for p in placed:
        where = section_title(doc, p.block_index) or ("(orphan)" if p.is_orphan else "")
        tags = f"  [{', '.join(p.note.tags)}]" if p.note.tags else ""
        print(f"{p.note.id}  {p.status.value:<6}  {_short(where, 50)}{tags}")
        print(f"    “{_short(current_quote(p, doc), 72)}”")
        print(f"    {_short(p.note.body, 72)}")
    return EXIT_OK


def _anchor_from_args(doc: Document, args: argparse.Namespace) -> Anchor | None:
    if args.quote is not None:
        return anchor_for_quote(doc, args.quote)
    ref = args.block.strip()
    if ref.lstrip("#").isdigit():
        i = int(ref.lstrip("#"))
        return anchor_for_block(doc, i) if 0 <= i < len(doc.blocks) else None
    b = doc.block(ref)
    return anchor_for_block(doc, b.index) if b else None


def run_add(args: argparse.Namespace) -> int:
    opened = _open(args, args.format)
    if isinstance(opened, int):
        return opened
    doc, store = opened
    anchor = _anchor_from_args(doc, args)
    if anchor is None:
        what = f"quote {args.quote!r}" if args.quote is not None else f"block {args.block!r}"
        return fail(f"{what} not found in {doc.meta.title or 'the document'}", EXIT_NONE)
    try:
        note = store.add(anchor, args.text, args.tag)
        store.save()
    except (ValueError, StoreError) as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    print(f"{note.id}  added to block {anchor.block_id} ({store.path})")
    return EXIT_OK


# --------------------------------------------------------------------------- export


def _map_in_block(b: Block, plain: str, pos: int) -> int | None:
    """The offset in ``block_plain_text(b)`` of character ``pos`` of ``b.text``, if known."""
    text = b.text
    if plain == text:
        return pos
    if b.kind is BlockKind.TABLE and text.replace("\t", " | ") == plain:
        return pos + 2 * text[:pos].count("\t")
    tl, pl = text.split("\n"), plain.split("\n")
    if len(tl) == len(pl) and all(p.endswith(t) for p, t in zip(pl, tl, strict=True)):
        t0 = p0 = 0
        for t, p in zip(tl, pl, strict=True):
            if pos <= t0 + len(t):
                return p0 + len(p) - len(t) + pos - t0
            t0 += len(t) + 1
            p0 += len(p) + 1
        return None
    if plain.endswith(text):
        return len(plain) - len(text) + pos
    i = plain.find(text)
    return i + pos if i >= 0 else None


def cat_positions(doc: Document) -> tuple[str, list[int], list[str]]:
    """The ``marginalia cat`` text, the offset where each block starts in it, and each block's text."""
    full = document_text(doc)
    plains = [block_plain_text(b) for b in doc.blocks]
    starts: list[int] = []
    pos = len(full) - 1 - sum(len(p) + 2 for p in plains) + 2  # end of the header part
    for p in plains:
        starts.append(pos)
        pos += len(p) + 2
    return full, starts, plains


def annotation(
    doc: Document, p: Placed, source: str, cat: tuple[str, list[int], list[str]]
) -> dict[str, Any]:
    """One note as a W3C Web Annotation (positions in the ``marginalia cat`` text)."""
    n = p.note
    full, starts, plains = cat
    comment: dict[str, Any] = {
        "type": "TextualBody",
        "value": n.body,
        "format": "text/plain",
        "purpose": "commenting",
    }
    tags = [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in n.tags]
    a = n.anchor
    selectors: list[dict[str, Any]] = []
    if p.block_index is not None:
        b = doc.blocks[p.block_index]
        s = _map_in_block(b, plains[p.block_index], p.start)
        e = _map_in_block(b, plains[p.block_index], p.end)
        if s is not None and e is not None and s < e:
            s, e = starts[p.block_index] + s, starts[p.block_index] + e
            selectors = [
                {
                    "type": "TextQuoteSelector",
                    "exact": full[s:e],
                    "prefix": full[max(0, s - CONTEXT_CHARS) : s],
                    "suffix": full[e : e + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": s, "end": e},
            ]
    if not selectors:
        selectors = [{"type": "TextQuoteSelector", "exact": a.quote, "prefix": a.prefix, "suffix": a.suffix}]
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:marginalia:note:{n.id}",
        "type": "Annotation",
        "motivation": "commenting",
        "created": n.created.isoformat(),
        "modified": n.updated.isoformat(),
        "body": [comment, *tags] if tags else comment,
        "target": {"source": source, "selector": selectors},
        "marginalia:status": p.status.value,
    }


def _source_iri(doc: Document) -> str:
    src = source_of(doc)
    if src not in ("", "-"):
        return Path(src).as_uri()
    return f"urn:marginalia:document:{doc.fingerprint}"


def export_markdown(doc: Document, placed: list[Placed]) -> str:
    """Notes as Markdown: the title, a heading per section, each quote as a blockquote, then the note."""
    out = [f"# Notes on {doc.meta.title or 'an untitled document'}", ""]
    current: str | None = None
    orphans = [p for p in placed if p.is_orphan]
    for p in placed:
        if p.is_orphan:
            continue
        sec = section_title(doc, p.block_index)
        if sec != current:
            out += [f"## {sec or '(before the first section)'}", ""]
            current = sec
        out += _md_note(current_quote(p, doc), p)
    if orphans:
        out += ["## Orphaned notes (their text is no longer in the document)", ""]
        for p in orphans:
            out += _md_note(p.note.anchor.quote, p)
    return "\n".join(out).rstrip("\n") + "\n"


def _md_note(quote: str, p: Placed) -> list[str]:
    lines = [("> " + line).rstrip() for line in quote.split("\n")]
    lines += ["", p.note.body.rstrip("\n"), ""]
    if p.note.tags:
        lines += ["Tags: " + ", ".join(p.note.tags), ""]
    return lines


def run_export(args: argparse.Namespace) -> int:
    opened = _open(args, args.doc_format)
    if isinstance(opened, int):
        return opened
    doc, store = opened
    placed = store.placed(doc)
    if args.format == "json":
        import json

        cat = cat_positions(doc)
        src = _source_iri(doc)
        text = json.dumps([annotation(doc, p, src, cat) for p in placed], ensure_ascii=False, indent=2) + "\n"
    else:
        text = export_markdown(doc, placed)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return fail(f"{args.output}: cannot write ({exc.strerror or exc})", EXIT_BAD_INPUT)
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK
