"""Web page chrome in scraped or text-browser-dumped pages: navigation, share bars, tails.

Scraped news articles and blogs (related links, tags, comments, newsletter prompts, photo
credits), and documentation pages dumped by a text browser (breadcrumbs, search forms,
"On this page" lists before the article).
"""

from __future__ import annotations

import re

from tui.model.formats.plaintext.bylines import byline_name
from tui.model.formats.plaintext.shapes import BULLET, DATE_LINE, IMAGE, PILCROW, is_prose_line
from tui.model.formats.plaintext.state import Chunk, State

_LANG_PICKER = re.compile(r"^\s*(?:languages?|select (?:a )?language|choose (?:a )?language)\s*[:：]", re.I)

_LANG_NAMES = frozenset(
    [
        "english",
        "français",
        "francais",
        "español",
        "espanol",
        "deutsch",
        "italiano",
        "português",
        "русский",
        "中文",
        "简体",
        "繁體",
        "繁体",
        "日本語",
        "한국어",
        "العربية",
    ]
)

_CHROME_HEAD = re.compile(
    r"^\s*(?:you (?:might|may) also (?:like|enjoy)|related(?: (?:articles?|posts?|stories|content|reading))?"
    r"|read (?:more|next)|more (?:from|on|in) .{0,40}|recommended(?: for you)?"
    r"|share(?: this(?: (?:article|page|post|story))?)?"
    r"|back to top|top of page|print(?: this)?(?: (?:article|page))?|tags?|follow us|subscribe|comments?"
    r"|previous (?:article|post)|next (?:article|post)|leave a (?:reply|comment)|email|newsletter"
    r"|(?:copyright\s*)?©.{0,120}|copyright\s+\d{4}.{0,120}|all rights reserved\.?"
    r"|返回顶部|返回頂部|回到顶部|回到頂部|分享到?|打印|打印本页|列印)"
    r"\s*[:：»↑▲]*\s*$",
    re.I,
)

# Lines of page furniture inside an article: advertising labels, share and newsletter prompts,
# skip links, photo credits.
_CHROME_LINE = re.compile(
    r"[ \t]*(?:advertisements?|advertisement feature|sponsored(?: content)?|publicité|anzeige|publicidad"
    r"|story continues below(?: advertisement)?|continue reading(?: (?:below|the main story))?"
    r"|skip to (?:main )?(?:content|navigation|main menu|search)|skip navigation"
    r"|share (?:this|the) (?:article|page|post|story)|share this:?|partager cet article|artikel teilen"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the) .{0,40}?newsletters?[.!]?"
    r"|(?:photo(?:graph)?|image|picture|illustration|credit|foto|bild|crédit(?: photo)?)s?(?: credit)?"
    r" ?[:：] ?\S.{0,80})$",
    re.I,
)

# A line of page furniture standing alone between an article's paragraphs: a link to another
# article ("Read more: TITLE"), share and comment counters, a subscription prompt, a photo credit.
_LONE_CHROME = re.compile(
    r"[ \t]*(?:(?:read (?:more|next|also)|also read|related|see also|more on this|watch|listen)"
    r"[ \t]*[:：][ \t]*\S.{0,120}"
    r"|(?:share|shares|likes?|comments?|responses|replies)[ \t]*\(?\d[\d,.]*[kK]?\)?"
    r"|\d[\d,.]*[kK]?[ \t]+(?:comments?|shares|likes|responses|replies)"
    r"|(?:subscribe|sign up|register)(?: now| today| here| for free)?[.!]?"
    r"|(?:sign up|subscribe)(?: now)? (?:for|to) (?:our|the) [^.\n]{0,40}?newsletters?\b[^\n]{0,120}"
    r"|(?:getty images|reuters|afp|ap|epa|xinhua|shutterstock|alamy)(?: via getty images)?"
    r"|\((?:ap|afp|reuters|epa|getty images|xinhua)\b[^()\n]{0,60}\))[ \t]*$",
    re.I,
)

# A newsletter's pitch under its prompt ("Get the best of ... in your inbox every morning.").
_PITCH = re.compile(r"\b(?:inbox|newsletters?|e-?mails?|subscribe|sign up)\b", re.I)

# Where the article ends and the page's tail begins (related links, tags, comments).
_END_MARKER = re.compile(
    r"\n[ \t]*\n[ \t]*(?:related(?: (?:articles?|posts?|stories|content|reading|coverage))?"
    r"|more (?:stories|articles|news|from [^\n]{1,40})|most (?:popular|read|viewed|shared)"
    r"|you (?:might|may) also (?:like|enjoy)|recommended(?: for you)?|read (?:more|next)|see also:"
    r"|leave a (?:comment|reply)|\d+ (?:comments?|responses?|replies)|comments(?: \(\d+\))?"
    r"|(?:tags?|tagged|filed under|categories)[ \t]*:[^\n]{0,200}|like this:"
    r"|articles? similaires|à lire aussi|lire aussi|sur le même sujet|mehr zum thema|ähnliche artikel"
    r"|weitere artikel|artículos relacionados|te puede interesar"
    r"|相关文章|相關文章|相关阅读|相關閱讀|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀"
    r"|猜你喜欢|猜你喜歡|更多文章)[ \t]*(?=\n|$)",
    re.I,
)

_WEAK_END = re.compile(
    r"(?:related|comments|recommended|read more|read next|more from .*|see also:"
    r"|(?:tags?|tagged|filed under|categories)\s*:.*)$",
    re.I,
)

_TAGS = re.compile(r"^\s*(?:tags?|tagged|filed under|categories)\s*:\s*(\S.*)$", re.I)

_NAV_LABEL = re.compile(
    r"^\s*(?:navigation|site navigation|quick search|search|on this page|table of contents|contents"
    r"|previous topic|next topic|this page|show source|menu|skip to (?:main )?content)\s*$",
    re.I,
)

_SEARCH_FORM = re.compile(r"\[\s{3,}\]|\[(?:Go|Search|Submit)\]", re.I)

# A cookie or consent notice of a web page.
_CONSENT = re.compile(r"\bcookies?\b|\bconsent\b|privacy (?:policy|settings)|manage preferences", re.I)

# A breadcrumb trail from the site's home page ("Home > Foreign Policy > Asia-Pacific").
_BREADCRUMB = re.compile(
    r"^\s*(?:you are here:?\s*)?(?:home|homepage|首页|主页|首頁|accueil|startseite|inicio)"
    r"(?:\s*[>»›|/]\s*[^>»›|/]{1,60}){1,6}\s*[>»›]?\s*$",
    re.I,
)


def strip_web_tail(st: State) -> None:
    """Cut a scraped page's tail (related links, tags, share buttons, comments) after the
    end of the article."""
    text = st.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # The tail: the first end marker after the first fifth of the text.
    # (A page's tail is short next to a book: only the last 200 kB are searched.)
    start = text.rfind("\n", 0, max(len(text) // 5, len(text) - 200_000))
    late = len(text) * 3 // 5
    for m in _END_MARKER.finditer(text, max(start, 0)):
        # A marker that could also title a real section ("Comments", "Related", "Tags:")
        # ends the article only late in the text and when little prose follows it.
        if _WEAK_END.match(m.group().strip()):
            if m.start() < late:
                continue
            prose = sum(1 for x in text[m.end() : m.end() + 20_000].split("\n", 400) if x.count(" ") >= 9)
            if prose > 2:
                continue
        tail = text[m.start() :]
        for line in tail.split("\n", 40)[:40]:
            t = _TAGS.match(line)
            if t:
                st.extra.append(("Tags", t.group(1).strip()))
                break
        text = text[: m.start()] + "\n"
        st.web = True
        break
    st.text = text


def strip_chrome_lines(st: State) -> None:
    """Blank language pickers and a breadcrumb trail near the top, and a tail of short "related / share
    / back to top" lines."""
    lines = st.lines
    # Language pickers and a breadcrumb trail ("Home > Foreign Policy > Asia") near the top.
    for i in range(min(len(lines), 40)):
        ln = lines[i]
        if (
            ln
            and len(ln) < 120
            and (
                _LANG_PICKER.match(ln)
                or sum(w.lower() in _LANG_NAMES for w in ln.split()) >= 2
                or _BREADCRUMB.match(ln)
            )
        ):
            if _BREADCRUMB.match(ln):
                st.crumb = re.split(r"\s*[>»›|/]\s*", ln.strip().rstrip(">»› "))[-1].strip()
            lines[i] = ""
    # Trailing chrome: a "related / back to top / share" tail of short lines.
    tail: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if lines[i]:
            tail.append(i)
            if len(tail) >= 30:
                break
    cut = None
    for i in tail:
        ln = lines[i].strip()
        if len(ln) <= 160 and _CHROME_HEAD.match(ln):
            cut = i
        elif len(ln) > 100 or (len(ln.split()) >= 8 and ln[-1] in ".!?"):
            break
    if cut is not None:
        for i in range(cut, len(lines)):
            lines[i] = ""


def leading_nav(st: State) -> None:
    """Drop a leading run of site navigation (breadcrumbs, search forms, link lists)."""
    blocks = st.blocks
    signals = 0
    end = last = 0
    for i, b in enumerate(blocks[:40]):
        if any(is_prose_line(x) and len(x) > 60 for x in b.lines) or PILCROW.match(b.lines[0]):
            break
        if signals and any(DATE_LINE.match(x) or byline_name(x) for x in b.lines if len(x) < 120):
            end = last + 1  # an article's date or byline: its headline is above, not menus
            break
        for ln in b.lines:
            if _NAV_LABEL.match(ln) or _SEARCH_FORM.search(ln) or ln.rstrip().endswith("»"):
                signals += 1
                last = i
        if signals:
            end = i + 1
    if signals >= 2 and end < len(blocks):
        # Keep going over the link lists / labels that follow the last signal.
        while end < len(blocks) and end < 40:
            b = blocks[end]
            if PILCROW.match(b.lines[0]) or any(is_prose_line(x) and len(x) > 60 for x in b.lines):
                break
            if len(b.lines) == 1 and not BULLET.match(b.lines[0]):
                nxt = blocks[end + 1] if end + 1 < len(blocks) else None
                if nxt is None or not BULLET.match(nxt.lines[0]):
                    break
            end += 1
        st.web = True
        st.blocks = blocks[end:]


def strip_chrome_blocks(st: State) -> None:
    """Drop the furniture lines of a scraped page from short blocks: advertising labels,
    share and newsletter prompts (with the pitch under them), skip links, photo credits."""
    if not st.web:
        return
    blocks = st.blocks
    out: list[Chunk] = []
    pitch = False
    prev: Chunk | None = None
    for b in blocks:
        lines = b.lines
        under_image = prev is not None and len(prev.lines) == 1 and IMAGE.match(prev.lines[0]) is not None
        prev = b
        if under_image and len(lines) > 1:
            out.append(b)  # an image's caption with its credit
            pitch = False
            continue
        if (
            len(lines) == 1
            and not under_image
            and _LONE_CHROME.match(lines[0])
            and (lines[0][-1:] != "." or "newsletter" in lines[0].lower())
        ):
            st.web = True
            pitch = "newsletter" in lines[0].lower()
            continue
        if len(lines) > 4 or len(b.text) > 400:
            out.append(b)
            pitch = False
            continue
        if len(lines) == 1 and (t := _TAGS.match(lines[0])):
            st.extra.append(("Tags", t.group(1).strip()))
            continue
        keep = [k for k, x in enumerate(lines) if len(x) > 130 or not _CHROME_LINE.match(x)]
        if len(keep) == len(lines):
            if pitch and len(lines) == 1 and len(b.text) < 130 and _PITCH.search(b.text):
                pitch = False
                continue
            out.append(b)
            pitch = False
            continue
        st.web = True
        pitch = any("newsletter" in x.lower() for x in lines)
        if keep:
            out.append(Chunk([lines[k] for k in keep], b.start + keep[0], 1, 1, [b.indents[k] for k in keep]))
    st.blocks = out


def menu_block(lines: list[str]) -> bool:
    """A page's menu written one link a line ("Home", "About", "Topics", ...), perhaps with a
    cookie notice and its buttons: mostly lines of one to four short words, no sentence."""
    short = 0
    for x in lines:
        t = x.strip()
        if len(t) <= 30 and len(t.split()) <= 4 and t[-1:] not in ".,;:!?":
            short += 1
        elif not _CONSENT.search(t):
            return False
    return short >= 4 and short * 3 >= len(lines) * 2
