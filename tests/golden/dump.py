"""A stable text form of a parsed document, for the golden tests.

One line per metadata field, per section of the outline and per block. Block text is written
as a JSON string so that newlines, tabs and trailing spaces stay visible and each block keeps
to one line. Documents whose full dump would be larger than :data:`FULL_LIMIT` characters keep
every block's kind, level, marker and id plus its length, a digest and the first characters of its text;
the outline and metadata are always written in full.
"""

from __future__ import annotations

import hashlib
import json

from tui.model.document import Block, Document, Section

FULL_LIMIT = 600_000
PREVIEW = 40


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _meta_lines(doc: Document) -> list[str]:
    m = doc.meta
    out = [
        f"title: {_q(m.title)}",
        f"author: {_q(m.author)}",
        f"date: {m.date.isoformat() if m.date else ''}",
        f"affiliation: {_q(m.affiliation)}",
        f"category: {_q(m.category)}",
        f"format: {m.format}",
        f"encoding: {m.encoding}",
    ]
    out += [f"extra: {_q(k)} = {_q(v)}" for k, v in m.extra]
    return out


def _section_lines(sections: tuple[Section, ...], depth: int = 0) -> list[str]:
    out = []
    for s in sections:
        num = f" [{s.number}]" if s.number else ""
        out.append(f"{'  ' * depth}- L{s.level}{num} {s.start}-{s.end} {s.id} {_q(s.title)}")
        out += _section_lines(s.children, depth + 1)
    return out


def _attrs(b: Block, digest: bool) -> str:
    parts = [b.kind.value]
    if b.level:
        parts.append(f"L{b.level}")
    for label, value in (("marker", b.marker), ("lang", b.lang), ("src", b.src), ("alt", b.alt)):
        if value:
            parts.append(f"{label}={_q(value)}")
    if b.anchor and not digest:  # the anchor follows from the text, which the digest pins
        parts.append(f"#{b.anchor}")
    if b.align:
        parts.append("align=" + ",".join(a or "-" for a in b.align))
    if b.rows and "\n".join("\t".join(r) for r in b.rows) != b.text:
        parts.append(f"rows={_q(json.dumps(b.rows, ensure_ascii=False))}")
    if b.inlines:
        spans = " ".join(
            f"{s.style.value}:{s.start}-{s.end}" + (f"<{s.href}>" if s.href else "") for s in b.inlines
        )
        parts.append(f"inl=[{spans}]")
    return " ".join(parts)


def _block_lines(doc: Document, digest: bool) -> list[str]:
    out = []
    for b in doc.blocks:
        head = f"{b.index} {b.id} {_attrs(b, digest)}"
        if digest:
            h = hashlib.blake2b(b.text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
            out.append(f"{head} len={len(b.text)} sha={h} {_q(b.text[:PREVIEW])}")
        else:
            out.append(f"{head} {_q(b.text)}")
    return out


def dump(doc: Document, name: str) -> str:
    """The golden text of ``doc`` (``name`` is written in the header instead of the path)."""
    head = [f"# {name}", "", *_meta_lines(doc), "", f"## sections ({len(doc.flat_sections())})"]
    head += _section_lines(doc.sections)
    full = _block_lines(doc, digest=False)
    digest = sum(len(line) + 1 for line in full) > FULL_LIMIT
    blocks = _block_lines(doc, digest=True) if digest else full
    mode = "digest of each block's text" if digest else "full text"
    head += ["", f"## blocks ({len(doc.blocks)}; {mode})"]
    return "\n".join(head + blocks) + "\n"
