"""Front matter: mail headers, e-text header fields, an article's title, date and byline,
and a title page.

Mailed articles and howtos (``From:``/``Subject:`` blocks), e-texts, web articles (headline,
category, date, byline, affiliation) and standards or licences with a centred title page.
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.bylines import (
    byline_block,
    byline_name,
    date_and_byline,
    join_names,
    person_name,
)
from tui.model.formats.plaintext.chrome import menu_block
from tui.model.formats.plaintext.reflow import reflow
from tui.model.formats.plaintext.shapes import (
    CJK_NAME,
    COLUMNS,
    DATE_LINE,
    NAV_ROW,
    UNDERLINE,
    headline_like,
    title_like,
)
from tui.model.formats.plaintext.state import Chunk, State
from tui.model.text import parse_date

_HEADER_FIELD = re.compile(r"^([A-Z][A-Za-z-]{1,30}(?: [A-Za-z-]{1,15}){0,2}):[ \t]+(\S.*)$")

_MAIL_KEYS = {"date", "from", "subject", "to", "cc", "author", "title", "message-id", "organization"}

# "Poems by Anne Reader", "A gardening blog by Tom Baker": a subtitle that names the author.
_SUB_BY = re.compile(r"^\s*\S.{0,60}?\s(?:by|par|von|por)\s+(\S.{0,60})$")

_EMAIL = re.compile(r"\s*<[^>]*>")

# A title page's version line ("Version 2.0, January 2004").
_VERSION_LINE = re.compile(r"(version|revision|release|edition|draft)\s+(\d.{0,60})$", re.I)


def header_fields(st: State, lines: list[str]) -> None:
    """Metadata from "Key: value" lines (indented lines continue the value)."""
    fields: list[tuple[str, str]] = []
    for ln in lines:
        m = _HEADER_FIELD.match(ln)
        if m:
            fields.append((m.group(1), m.group(2).strip()))
        elif ln[:1] in " \t" and ln.strip() and fields:
            k, v = fields[-1]
            fields[-1] = (k, f"{v} {ln.strip()}")
    take_fields(st, fields)


def take_fields(st: State, fields: list[tuple[str, str]]) -> None:
    """Keep header fields as metadata: the date, the author and the title; every field in ``extra``."""
    for k, v in fields:
        lk = k.lower()
        if lk in ("date", "release date", "published", "posted") and "date" not in st.meta:
            d = parse_date(v)
            if d:
                st.meta["date"] = d
        elif lk in ("from", "author", "authors", "by") and "author" not in st.meta:
            st.meta["author"] = _EMAIL.sub("", v).strip()
        elif lk == "title":
            st.meta["title"] = v
        st.extra.append((k, v))


def mail_header(st: State) -> None:
    """A first block of mail header fields ("From:", "Date:", "Subject:") becomes metadata."""
    blocks = st.blocks
    if not blocks:
        return
    b = blocks[0]
    fields: list[tuple[str, str]] = []
    for ln in b.lines:
        m = _HEADER_FIELD.match(ln)
        if m:
            fields.append((m.group(1), m.group(2).strip()))
        elif ln[:1] in " \t" and fields:
            k, v = fields[-1]
            fields[-1] = (k, f"{v} {ln.strip()}")
        else:
            return
    keys = {k.lower() for k, _ in fields}
    if len(fields) < 2 or not keys & _MAIL_KEYS:
        return
    for k, v in fields:
        lk = k.lower()
        if lk == "date" and "date" not in st.meta:
            d = parse_date(v)
            if d:
                st.meta["date"] = d
        elif lk in ("from", "author") and "author" not in st.meta:
            st.meta["author"] = _EMAIL.sub("", v).strip()
        elif lk == "title":
            st.meta["title"] = v
        st.extra.append((k, v))
    st.blocks = blocks[1:]


def front_matter(st: State) -> None:
    """Title, category, date, byline and affiliation of a web article or a title page."""
    blocks = st.blocks
    split: list[Chunk] = []
    used = 0
    for b in blocks[:12]:
        if len(b.lines) > 3 and menu_block(b.lines):
            split.append(b)  # a site's menu (and cookie notice) over the headline
            used += 1
            continue
        if any(len(x) > 150 for x in b.lines) or (len(b.lines) > 3 and not byline_block(b)):
            break
        used += 1
        if len(b.lines) > 1 and any(DATE_LINE.match(x) or byline_name(x) for x in b.lines):
            for k, x in enumerate(b.lines):
                split.append(Chunk([x], b.start + k, int(k == 0), int(k == len(b.lines) - 1), [b.indents[k]]))
        else:
            split.append(b)
    blocks = split + blocks[used:]
    head = list(range(len(split)))
    drop: set[int] = set()
    date_i = byline_i = None
    authors: list[str] = []
    affiliations: list[str] = []
    known = str(st.meta.get("title", ""))  # from header fields
    for i in head:
        b = blocks[i]
        if len(b.lines) != 1:
            continue
        ln = b.lines[0]
        if ("|" in ln or "·" in ln or "•" in ln[2:]) and len(ln) < 160:
            ln = date_and_byline(ln)
        m = DATE_LINE.match(ln) if len(ln) < 120 else None
        if m and date_i is not None and i - 1 in drop:
            drop.add(i)  # a second date ("Updated ...") under the first
            continue
        if date_i is None and m:
            d = parse_date(ln)
            if d:
                date_i = i
                st.meta.setdefault("date", d)
                drop.add(i)
                by = person_name(m.group("by") or "")
                if by and byline_i is None:
                    byline_i = i
                    st.meta["author"] = by
                continue
        name = byline_name(ln)
        if not name and date_i == i - 1 and byline_i is None and i + 1 < len(blocks):
            # A bare name right under the date ("Apr 3, 2024" / "Jane Doe"): the byline.
            bare = person_name(ln)
            if bare and (" " in bare or CJK_NAME.match(bare)) and len(ln) < 80 and ln[-1:] not in ".!?":
                name = bare
        # One byline, or several in a row ("• Name" each, perhaps over an affiliation).
        if name and (byline_i is None or (authors and i - 1 in drop)):
            if byline_i is None:
                byline_i = i
            authors.append(name)
            drop.add(i)
            nxt = i + 1
            if nxt < len(blocks) and len(blocks[nxt].lines) == 1:
                aff = blocks[nxt].lines[0]
                if (
                    blocks[nxt].indent > 0
                    and not aff.rstrip().endswith(".")
                    and len(aff) < 200
                    and not byline_name(aff)
                ):
                    affiliations.append(aff.strip())
                    drop.add(nxt)
    if authors:
        st.meta["author"] = join_names(authors)
    if affiliations:
        st.meta["affiliation"] = "; ".join(affiliations)
    anchor = min(x for x in (date_i, byline_i) if x is not None) if drop else None
    if anchor is not None:
        # The title is the nearest short line above the date / byline.
        t = anchor - 1
        while t >= 0 and t in drop:
            t -= 1
        if t >= 0 and len(blocks[t].lines) <= 2 and headline_like(" ".join(blocks[t].lines)):
            up = t - 1
            if up >= 0 and len(blocks[up].lines) == 1:
                # A headline over a longer standfirst: the standfirst stays as the lead.
                hl = blocks[up].lines[0].strip()
                words = len(hl.split())
                lead = reflow(blocks[t].lines)
                if (
                    words >= 4
                    and title_like(hl)
                    and not NAV_ROW.match(hl)
                    and len(lead.split()) >= max(10, 1.3 * words)
                ):
                    t = up
            text = reflow(blocks[t].lines)
            if known:
                if " ".join(text.split()).casefold() == " ".join(known.split()).casefold():
                    drop.add(t)
            else:
                st.meta["title"] = text
                drop.add(t)
                top = t
                c = t - 1
                if c >= 0 and len(blocks[c].lines) == 1:
                    cat = blocks[c].lines[0].strip()
                    if len(cat) <= 40 and len(cat.split()) <= 4 and title_like(cat, 40):
                        st.meta["category"] = cat
                        drop.add(c)
                        top = c
                if "category" not in st.meta and st.crumb and title_like(st.crumb, 40):
                    st.meta["category"] = st.crumb  # the last step of the breadcrumb trail
                # Above the headline of an article: the site's masthead, menus and notices.
                drop.update(range(top))
                st.web = True
    if "title" not in st.meta and blocks:
        title_page(st, blocks, drop)
    st.blocks = [b for i, b in enumerate(blocks) if i not in drop]


def title_page(st: State, blocks: list[Chunk], drop: set[int]) -> None:
    """A title at the top: a centred block (after a columned header block, if any), or a
    title with an "... by NAME" subtitle."""
    for i, b in enumerate(blocks[:3]):
        if i in drop:
            return
        if len(b.lines) <= 4 and min(b.indents) >= 8 and title_like(b.lines[0]):
            # Under the title: its underline, a version line and a web address.
            title: list[str] = []
            notes: list[tuple[str, str]] = []
            for x in b.lines:
                t = x.strip()
                if title and (m := _VERSION_LINE.match(t)):
                    notes.append((m.group(1).capitalize(), m.group(2)))
                elif title and "://" in t and " " not in t:
                    notes.append(("URL", t))
                elif not (title and UNDERLINE.match(t)):
                    title.append(t)
            if len(title) <= 3 and all(len(t) <= 60 and "://" not in t for t in title):
                st.meta["title"] = " ".join(title)
                st.extra.extend(notes)
                drop.add(i)
                return
        if i == 0 and len(b.lines) == 2 and b.indents[0] == b.indents[1]:
            m = _SUB_BY.match(b.lines[1])
            name = person_name(m.group(1)) if m else ""
            if name and title_like(b.lines[0], 80) and b.lines[0].strip()[-1] not in ".!?":
                st.meta["title"] = b.lines[0].strip()
                st.meta.setdefault("author", name)
                drop.add(i)
                return
        # Only a header of columns ("Network Working Group      J. Smith") may come first.
        if sum(1 for x in b.lines if COLUMNS.search(x.strip())) * 2 < len(b.lines):
            return
