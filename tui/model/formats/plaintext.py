"""Plain-text parser: scraped web articles, hard-wrapped manuals, change logs, Info dumps.

The text is cut into blocks (runs of non-blank lines); each block is classified with general
rules: front matter (mail headers, bylines, dates, categories, language pickers), headings
(setext underlines, numbered, chapter, pilcrow, short title-like lines), lists, preformatted
content (ASCII art, code, tables) and prose, which is re-flowed into one paragraph.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document

# --------------------------------------------------------------------------- regexes

_UNDERLINE = re.compile(r"""^([=\-~*^"+#_.:'`])\1{2,}\s*$""")
_RULE = re.compile(r"^\s*(?:([-=_*~#])\s*\1(?:\s*\1)+|[\u2500-\u257f]{3,})\s*$")
# An Info node's navigation line (matched from the newline before it, for a fast literal scan).
_INFO_NAV_LINE = re.compile(r"\nFile: [^,\s\n]+,[ \t]+Node: [^,\n]+.*")
_MENU = re.compile(r"^\* Menu:\s*$")
# Page furniture of paginated text: a footer with a page number, a running header or footer made
# of columns ("RFC 9999   A Protocol   April 2020"), a man page's header and footer lines.
_PAGE_FOOTER = re.compile(r"^\S.*\S {3,}(?:\[Page \d+\]|-? ?(?:Page|PAGE|page) \d+(?: of \d+)? ?-?)$")
_COLUMNS = re.compile(r"\S {3,}\S")
_WIDE_GAP = re.compile(r"\S {8,}\S")
_MAN_HEADER = re.compile(r"^([\w.:+-]+\([0-9][a-zA-Z0-9]*\))\s{2,}.*?\s{2,}\1$")
# Boilerplate fences of e-text archives: "*** START OF THE PROJECT ... ***", "*** END OF ... ***".
_BOILER_FENCE = re.compile(r"^\*{3}\s*(START|END) OF\b.*\*{3}\s*$|^(End) of (?:the )?Project Gutenberg", re.I)
# A table-of-contents entry's page number, after dot leaders or a wide gap.
_TOC_LEADER = re.compile(r"(?:\. ?){3,}\s*\d+$|\S {2,}\d{1,4}$")
_OUTLINE_HEAD = re.compile(r"^(\*{1,4}) (\S.*)$")
_RULE_START = frozenset("=-~*^\"+#_.:'`")
_PAGE_HINT = re.compile(r"\[Page \d")
_FENCE_HINT = re.compile(r"\*\*\* ?(?:START|END|Start|End|start|end) OF", re.I)
_EMACS_MODE = re.compile(r"\s*-\*-.*-\*-\s*")
_PILCROW = re.compile(r"^(\S.*?)\s*¶\s*$")
_CHAPTER_WORD = (
    r"(?:Chapter|CHAPTER|Part|PART|Appendix|APPENDIX|Book|BOOK|Section|SECTION|Act|ACT|Scene|SCENE"
    r"|Letter|LETTER|Stave|STAVE|Canto|CANTO|Volume|VOLUME)"
)
_SPELLED = (
    r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve"
    r"|(?:[Tt]hir|[Ff]our|[Ff]if|[Ss]ix|[Ss]even|[Ee]igh|[Nn]ine)teen|[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_CHAPTER_NUM = rf"([0-9]+|[IVXLCDM]+|[A-Z]|{_SPELLED}|{_SPELLED.upper()})"
_CHAPTER = re.compile(rf"^{_CHAPTER_WORD}\s+{_CHAPTER_NUM}(?:[.:]|\s*[-—–])?\s+(\S.{{0,150}})$")
# A chapter label with no title on its line ("CHAPTER I.", "Chapter One"): the title may follow.
_CHAPTER_LABEL = re.compile(rf"^{_CHAPTER_WORD}\s+{_CHAPTER_NUM}[.:]?$")
# A roman-numbered title on its own line ("IV. Night Train").
_ROMAN_TITLE = re.compile(r"^([IVXLC]{1,7})\.\s+(\S.{0,80})$")
_CJK_CHAPTER = re.compile(r"^第\s*([0-9０-９一二三四五六七八九十百]+)\s*[章部編]\s*(\S.{0,150})$")
_NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)(\.?)\s+(\S.{0,150})$")
# Short words a title in capitals may keep in lower case ("Revised Versions of this License").
_MINOR_WORDS = frozenset(
    ["this", "that", "with", "from", "into", "than", "upon", "over", "under", "onto", "within", "about"]
)
# A licence's section title: "0. Definitions." alone on its line, or run in ahead of the body
# ("2. Grant of Copyright License. Subject to the terms ...").
_SEQ_HEAD = re.compile(r"(\d{1,2})\.\s+([A-Z][^.!?;:]{0,80}\.)(?:\s+(\S.*))?$")
_BULLET = re.compile(r"^(\s*)([*•◦▪‣□☆○●■◆►▸·+\-–]|o(?=  ))\s+(?=\S)")
_ORDERED = re.compile(r"^(\s*)(\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-z][.)]|#\.)\s+(?=\S)")
# Matches where _BULLET or _ORDERED does (one test instead of two).
_LIST_START = re.compile(
    r"\s*(?:[*•◦▪‣□☆○●■◆►▸·+\-–]|o(?=  )|\d{1,3}(?:\.\d{1,3})*[.)]|\(\d{1,3}\)|[a-z][.)]|#\.)\s+(?=\S)"
)
_CAPS = re.compile(r"^[A-Z][A-Z0-9 '’&/(),.:-]*[A-Z0-9)]$")
_SIGNATURE = re.compile(r"^([A-Z][a-z]{2,15})\s+\d")
_HEADER_FIELD = re.compile(r"^([A-Z][A-Za-z-]{1,30}(?: [A-Za-z-]{1,15}){0,2}):[ \t]+(\S.*)$")
_MAIL_KEYS = {"date", "from", "subject", "to", "cc", "author", "title", "message-id", "organization"}
_IMAGE = re.compile(r"^\s*(\S[^\n]{0,200}?\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif))\s*$", re.I)
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
# A row of navigation links: three or more short items set apart by wide gaps or bars.
_NAV_ITEM = r"[^\s|]{1,20}(?: [^\s|]{1,20}){0,2}"
_NAV_ROW = re.compile(rf"^\s*{_NAV_ITEM}(?:(?: {{2,}}| ?\| ?){_NAV_ITEM}){{2,}}\s*$")
_BACK_TOP = re.compile(r"^\s*(?:back to top|top of page|↑\s*top|top)\s*[↑▲]?\s*$", re.I)
_NAV_LABEL = re.compile(
    r"^\s*(?:navigation|site navigation|quick search|search|on this page|table of contents|contents"
    r"|previous topic|next topic|this page|show source|menu|skip to (?:main )?content)\s*$",
    re.I,
)
_SEARCH_FORM = re.compile(r"\[\s{3,}\]|\[(?:Go|Search|Submit)\]", re.I)
_TOC_LABEL = re.compile(r"^\s*(?:table of contents|contents|目次|目录|inhalt|índice|sommaire)\s*:?\s*$", re.I)
_BYLINE = re.compile(
    r"^\s*(?:[•·*\-–—]\s+|(?:[Bb]y|BY|[Pp]ar|[Vv]on|[Pp]or|[Dd]oor):?\s+|[Aa]uthors?:\s*|[Ww]ritten by\s+"
    r"|(?:作者|撰文|文)\s*[:：/／]\s*)"
    r"(\S.{0,90})$"
)
_NAME_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|und|et|y|e|en|&)\s)\s*")
# "Poems by Anne Reader", "A gardening blog by Tom Baker": a subtitle that names the author.
_SUB_BY = re.compile(r"^\s*\S.{0,60}?\s(?:by|par|von|por)\s+(\S.{0,60})$")
_NAME = re.compile(r"^[A-Z\u00c0-\u024f][\w.'’\-]*(?:\s+[A-Z\u00c0-\u024f][\w.'’\-]*){0,4}$")
_CJK_NAME = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff]{2,6}$")
_EMAIL = re.compile(r"\s*<[^>]*>")
# The top of a box: a rule of * or #, and under it a line framed by the same character.
_BOX_TOP = re.compile(r"([*#])\1{19,}[ \t]*\n[ \t]*\1")
# A section lettered like an appendix ("A. HISTORY OF THE SOFTWARE"): no document title.
_LETTERED = re.compile(r"[A-Z][.)] +[A-Z]")
# A title page's version line ("Version 2.0, January 2004").
_VERSION_LINE = re.compile(r"(version|revision|release|edition|draft)\s+(\d.{0,60})$", re.I)
# An e-mail address or a web address in a line (a signature, a link: not a title).
_ADDRESS = re.compile(r"[\w.+-]@[\w-]+\.\w|://|\bwww\.\w")
_SENTENCE_GAP = re.compile(r"[.!?:;]\s{2,}[A-Z\"'(]")
# "\S {2,}\S" written to start with its two spaces, so that a search skips ahead fast.
_COL_GAP = re.compile(r"  (?<=\S  ) *\S")
_ART_CHARS = re.compile(r"[-=_|/\\+*<>~^#.:'`o]")
# A line that looks like code or a shell command: it starts like code (a prompt, a bracket, a
# keyword), or somewhere it has a trailing ; { } or \, an option or operator between blanks, a
# call f(...) or an assignment. The second part needs one of _CODE_CHARS in the line.
_CODE_HEAD = re.compile(
    r"[ \t]*(?:\$ |# |>>> |\.\.\. |% |C:\\|<[a-zA-Z/!?]|[{}\[\]()]|def |class |import |from \S+ import"
    r"|if \(|for \(|#include|#!)"
)
_CODE_TAIL = re.compile(
    r"[;{}][ \t]*$|\\[ \t]*$|[ \t](?:--?[a-zA-Z][\w-]*|[<>|&]{1,2}|=>|->|:=|==|\+=)[ \t]|\w\(.*\)|=[ \t]*\S"
)
_CODE_CHARS = re.compile(r"[;{}\\<>|&=(-]")
_BOX = re.compile(r"[\u2500-\u257f]|^[ \t]*\+[-=+]{3,}\+?[ \t]*$|^[ \t]*\|.*\|[ \t]*$", re.M)
_OTHER = re.compile(r"[^\w\s]|[\d_]")
_BOX_CHAR = re.compile(r"[\u2500-\u257f]")
_ART_RUN = re.compile(r"[-=_|/\\+*<>~^#'`][-=_|/\\+*<>~^#'`]{2}")  # a leading class scans fast
_NOT_WORDY = re.compile(r"[^\W\d_]|\s")
_ALNUM = re.compile(r"[^\W_]")

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
_MON = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    + "|".join(sorted({m for names in _MONTH_NAMES for m in names[1:] if len(m) > 3}, key=len, reverse=True))
    + r")\.?"
)
# Day before month: "12 March 2024", "12th of March, 2024", "12. März 2024", "12 de marzo de 2024".
_DMY = rf"(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?{_MON},?\s+(?:de\s+)?(\d{{4}})"
_DATE_FORMS = (
    (re.compile(rf"{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I), "mdy"),
    (re.compile(_DMY, re.I), "dmy"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日"), "ymd"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy_num"),
)
_DATE_WORDS = (
    r"published|posted|updated|date|dated|released|last updated|publié|publiée|mis à jour|modifié"
    r"|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|aggiornato"
)
# A line that is only a date (with a label, a weekday, a time, and perhaps "by NAME").
_DATE_LINE = re.compile(
    rf"^\s*(?:(?:{_DATE_WORDS})\s*(?:on|le|am|el|il)?\s*[:：]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_DMY}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}年\s*\d{1,2}月\s*\d{1,2}日|\d{1,2}\.\d{1,2}\.\d{4})"
    r"(?:,?\s+(?:at|à|um|a las|alle|-|–)?\s*\d{1,2}(?:[:.]\d{2}|\s?h\s?\d{2})(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:Uhr|[A-Z]{2,4}|[+-]\d{4}))?)?"
    r"(?:\s+(?:by|par|von|por)\s+(?P<by>\S.{0,80}?))?\s*$",
    re.I,
)

# Signs that a short line is a sentence, not a heading.
_LEAD_CONJ = re.compile(r"(?:And|But|Yet|So|Or|Nor|Still|Even so)[ ,]+[a-z]")
_LEAD_COMMA = re.compile(r"[A-Z][a-z]+, [a-z]")
_PROSE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|do|does|did|not|never)\b"
)
# The heading over an article's notes.
_NOTES_LABEL = re.compile(
    r"(?:notes?|end ?notes|footnotes|references|sources|bibliography|works cited"
    r"|注释|注釋|脚注|腳註|参考文献|參考文獻|参考资料|參考資料)\s*[:：]?$",
    re.I,
)
# A cookie or consent notice of a web page.
_CONSENT = re.compile(r"\bcookies?\b|\bconsent\b|privacy (?:policy|settings)|manage preferences", re.I)
# A breadcrumb trail from the site's home page ("Home > Foreign Policy > Asia-Pacific").
_BREADCRUMB = re.compile(
    r"^\s*(?:you are here:?\s*)?(?:home|homepage|首页|主页|首頁|accueil|startseite|inicio)"
    r"(?:\s*[>»›|/]\s*[^>»›|/]{1,60}){1,6}\s*[>»›]?\s*$",
    re.I,
)
# A date and a byline on one line, set apart by a bar or a dot ("By Jane Doe | April 3, 2024").
_META_SEP = re.compile(r"\s+[|·•]\s+")
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$", re.I)
# A note's number at the start of its line ("[1] World Bank, 2023.").
_NOTE_MARK = re.compile(r"\s*\[\d{1,3}\]\s+\S")
# A comma and the clause it opens, in a sentence ("..., and the most often forgotten").
_CLAUSE = re.compile(r", (?:and|but|or|yet|so|which|who|where|when|while|because|though|then|not)\s")
_NBSP_END = re.compile(r"\u00a0[ \t\u00a0]*(?=\r?\n|$)")
# A caption that says it is one: a photo's source or kind ("(File photo)", "Photo: Xinhua").
_PHOTO_NOTE = re.compile(
    r"\b(?:photo|photograph|pictured|courtesy|credit|getty images|reuters|xinhua|afp|ap photo)\b"
    r"|资料图|資料圖|图片|圖片|图/|圖/|摄影|攝影",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)）]?(?:\s|$)")

_CJK_RANGES = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
# A line end a writer chose: after punctuation, or before a capital or a digit.
_CHOSEN_BREAK = re.compile(r"[.,;:!?)\"'”’»—]\n|\n(?=[ \t]*[A-Z0-9\u00c0-\u00de])")
_JOIN_TIGHT = re.compile(f"\n(?:(?<=[A-Za-z]-\n)(?=[A-Za-z])|(?<=[{_CJK_RANGES}]\n)(?=[{_CJK_RANGES}]))")


# --------------------------------------------------------------------------- helpers


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


def _width(s: str) -> int:
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _indent(line: str) -> int:
    if "\t" in line:
        line = line.expandtabs(8)
    return len(line) - len(line.lstrip(" \u00a0\u3000"))


def reflow(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph (no space between two CJK characters).

    A word broken after a hyphen ("Non-" / "Maintainer") is joined keeping the hyphen.
    """
    if len(lines) == 1:
        return lines[0].strip()
    parts = list(map(str.strip, lines))
    if "" in parts:
        parts = [p for p in parts if p]
    text = "\n".join(parts)
    if "-\n" in text or not text.isascii():
        text = _JOIN_TIGHT.sub("", text)
    return text.replace("\n", " ")


def _is_prose_line(s: str) -> bool:
    words = s.split()
    if len(words) < 4:
        return False
    other = len(_NOT_WORDY.sub("", s))
    return other <= 0.2 * len(s)


_LETTERS_SPACES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n\t"


def _looks_like_prose(text: str, n_lines: int) -> bool:
    """Mostly words (four or more a line on average), few digits and symbols."""
    if len(text.split()) < 4 * n_lines:
        return False
    if text.isascii():
        other = len(text.encode("ascii").translate(None, _LETTERS_SPACES))
    else:
        other = len(_OTHER.findall(text))
    return other <= 0.2 * len(text)


_ART_BYTES = b"-=_|/\\+*<>~^#.:'`o"
_ALNUM_BYTES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def _is_art_line(s: str) -> bool:
    t = s.strip()
    if len(t) < 3:
        return False
    if t.isascii():
        raw = t.encode("ascii")
        sym = len(raw) - len(raw.translate(None, _ART_BYTES))
        if sym < 3:
            return False
        alnum = len(raw) - len(raw.translate(None, _ALNUM_BYTES))
    else:
        sym = len(_ART_CHARS.findall(t))
        alnum = len(t) - len(_ALNUM.sub("", t))
    return sym >= 3 and sym >= alnum


def _is_code_line(s: str) -> bool:
    """A line that looks like code or a shell command."""
    return _CODE_HEAD.match(s) is not None or (
        _CODE_CHARS.search(s) is not None and _CODE_TAIL.search(s) is not None
    )


def _verse_breaks(lines: list[str], wrap: int) -> tuple[float, float]:
    """Of a block's line ends: the share a writer chose (after punctuation, or before a
    capital), and the share that came early (the next word would have fitted the width)."""
    n = len(lines)
    chosen = short = 0
    for k in range(n - 1):
        line = lines[k].rstrip()
        end = line[-1:]
        if end == "-":
            return 0.0, 0.0  # a word hyphenated across lines: hard-wrapped prose
        nxt = lines[k + 1].lstrip()
        head = nxt[:1]
        if end in ".,;:!?)\"'”’»—" or head.isupper() or head.isdigit():
            chosen += 1
        if len(line) + 1 + len(nxt.split(" ", 1)[0]) <= wrap - 4:
            short += 1
    words = sum(len(x.split()) for x in lines)
    if words < 1.5 * n:
        return 0.0, 0.0
    return chosen / (n - 1), short / (n - 1)


def _count_at_least(lines: list[str], pred: Callable[[str], object], need: int) -> bool:
    """True when ``pred`` holds for at least ``need`` of ``lines`` (stops as soon as it knows)."""
    if need <= 0:
        return True
    left = len(lines)
    for x in lines:
        left -= 1
        if pred(x):
            need -= 1
            if need == 0:
                return True
        elif need > left:
            return False
    return False


def _byline_name(line: str) -> str:
    """The author's name when ``line`` is a byline ("• Jane Doe", "By Jane Doe"), else ""."""
    m = _BYLINE.match(line)
    if not m:
        return ""
    name = _person(m.group(1))
    if name and (" " not in name or name.isupper()) and line.lstrip()[:1] in "•·*-–—":
        return ""  # "* INTRODUCTION": a bullet over one word or capitals is a label, not a byline
    return name


def _person(text: str) -> str:
    """``text`` when it is a person's name, or names joined by "and" / commas / semicolons
    (written "A, B and C"), else "". A news agency after the names ("A and B, Reuters") is left
    out."""
    name = text.strip()
    if (_NAME.match(name) and len(name.split()) <= 5) or _CJK_NAME.match(name):
        return name
    if "、" in name:
        parts = [p.strip() for p in name.split("、")]
        return name if 1 < len(parts) <= 6 and all(_CJK_NAME.match(p) for p in parts) else ""
    parts = _NAME_JOIN.split(name.replace("; ", ", "))
    if 1 < len(parts) <= 5 and all(_NAME.match(p) and len(p.split()) <= 4 for p in parts):
        if len(parts) > 2 and " " not in parts[-1] and all(" " in p for p in parts[:-1]):
            parts = parts[:-1]  # "Anna Schmidt and Tom Reyes, Reuters"
        elif len(parts) == 2 and ", " in name and " " not in parts[1] and " " in parts[0]:
            return parts[0]  # "Jane Doe, Reuters"
        if len(parts) > 4:
            return ""
        return _join_names(parts)
    return ""


def _join_names(names: list[str]) -> str:
    """Authors' names as written in a byline: "A", "A and B", "A, B and C" (Chinese or Japanese
    names with "、")."""
    if len(names) == 1:
        return names[0]
    if all(_CJK_NAME.match(n) for n in names):
        return "、".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _menu_block(lines: list[str]) -> bool:
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


def _reads_as_prose(t: str) -> bool:
    """A short line that reads as a sentence: it opens with a conjunction or a word set off
    by a comma, or it has an auxiliary verb or a negation."""
    return bool(_LEAD_CONJ.match(t) or _LEAD_COMMA.match(t) or _PROSE_WORD.search(t))


def _title_case(t: str) -> bool:
    """Three or more words, each word of four letters or more capitalised ("The Logic of
    Control"), no digits at the start."""
    words = t.split()
    if len(words) < 3 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or len(w) < 4 or not w[:1].isalpha() for w in words[1:])


def _headline_like(s: str) -> bool:
    """A line that can be an article's headline: title-like, up to 200 characters, and it may
    be a question however long."""
    t = s.strip()
    return _title_like(t, 200) or (t[-1:] in ("?", "？") and _title_like(t[:-1], 200))


def _title_like(s: str, max_len: int = 80) -> bool:
    """A short line that could be a title: no sentence-ending punctuation, few words."""
    t = s.strip()
    if not t or len(t) > max_len or t[-1] in ",;:。！，；：、" or "://" in t:
        return False
    if t[-1] in ".!?" and (len(t.split()) > 5 or t.endswith("..")):
        return False
    first = t[0]
    return first.isupper() or first.isdigit() or not first.isascii()


# --------------------------------------------------------------------------- blocks


@dataclass(slots=True)
class _Blk:
    lines: list[str]
    start: int
    blank_before: int = 1
    blank_after: int = 1
    indents: list[int] = field(default_factory=list)
    joined: str | None = None  # the lines joined by newlines, filled in on first use
    head_known: bool = False  # ``head`` holds the first pass's heading test of this block
    head: _Head | None = None

    @property
    def indent(self) -> int:
        return self.indents[0]

    @property
    def text(self) -> str:
        """The block's lines joined by newlines."""
        t = self.joined
        if t is None:
            t = self.joined = "\n".join(self.lines)
        return t


def _split_blocks(lines: list[str]) -> list[_Blk]:
    """Runs of non-blank lines (``lines`` are right-stripped: a blank line is "")."""
    blocks: list[_Blk] = []
    pos = 0
    i = 0
    end = len(lines)
    find = lines.index
    while i < end:
        try:
            j = find("", i)
        except ValueError:
            j = end
        if j > i:
            ls = lines[i:j]
            chunk = "\n".join(ls)
            if "\t" in chunk:
                indents = [len(x) - len(x.lstrip()) if "\t" not in x else _indent(x) for x in ls]
            else:
                indents = [len(x) - len(x.lstrip()) for x in ls]
            blocks.append(_Blk(ls, pos, 1, 1, indents, chunk))
            pos += len(ls) + 1
        i = j + 1
    return blocks


def _normalise_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "Node: " in text:
        text = _INFO_NAV_LINE.sub("\n", "\n" + text)[1:]
    return list(map(str.rstrip, text.split("\n")))


# --------------------------------------------------------------------------- the parser


@dataclass(slots=True)
class _Head:
    """A heading candidate found in a block."""

    text: str
    kind: str  # setext | numbered | chapter | pilcrow | bare | caps | centred | seq
    level: int = 0
    number: str = ""
    char: str = ""
    indent: int = 0
    rest: str = ""  # seq: the body run in after the title on the heading's line


class _Parser:
    def __init__(self, text: str) -> None:
        self.meta: dict[str, object] = {}
        self.extra: list[tuple[str, str]] = []
        self.specs: list[BlockSpec] = []
        self.man_page = False
        self.web = False
        self.pilcrow_mode = False
        self.outline_mode = False
        self.first_indent = 0
        self.labels: set[str] = set()
        self._wrap: int | None = None
        self._verse_doc: bool | None = None
        self._blocks: list[_Blk] = []
        self._tc_heads: int | None = None
        self.crumb = ""
        text = self.strip_web_chrome(text)
        self.lines = _normalise_lines(text)
        self.marked = self._marked_lines(text) if "\u00a0" in text else frozenset()
        if "\f" in text or _PAGE_HINT.search(text):
            self.strip_page_furniture(text)
        if _FENCE_HINT.search(text) or "Project Gutenberg" in text[-100_000:]:
            self.strip_boilerplate_fences()
        if "-*-" in text[:1000] or "Local Variables:" in text[-5000:]:
            self.strip_editor_settings()
        box = self._first_box(text)
        if box >= 0:
            self.unbox(text.count("\n", 0, box))
        self.strip_man_header()

    @staticmethod
    def _marked_lines(text: str) -> frozenset[str]:
        """The lines that end in a no-break space (stripped): a scraper writes a heading so when
        the page closed it with "&nbsp;"."""
        found: set[str] = set()
        for m in _NBSP_END.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            line = text[start : m.start()].strip()
            if line and len(found) < 10_000:
                found.add(line)
        return frozenset(found)

    # ------------------------------------------------------------ furniture of the file

    def strip_web_chrome(self, text: str) -> str:
        """Cut a scraped page's tail (related links, tags, share buttons, comments) after the
        end of the article."""
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
                    self.extra.append(("Tags", t.group(1).strip()))
                    break
            text = text[: m.start()] + "\n"
            self.web = True
            break
        return text

    def strip_page_furniture(self, text: str) -> None:
        """Blank page footers ("Smith   Informational   [Page 3]") and the running header or
        footer line next to each page break (a form feed or such a footer)."""
        lines = self.lines
        n = len(lines)
        breaks: list[int] = []
        if "\f" in text:
            raw = text.split("\n")
            if len(raw) == n:
                breaks.extend(i for i, x in enumerate(raw) if "\f" in x)
        if "age " in text:
            for i, ln in enumerate(lines):
                if ln and ("age " in ln) and _PAGE_FOOTER.match(ln):
                    lines[i] = ""
                    breaks.append(i)
        for i in breaks:
            for step in (1, -1):
                j = i + step
                while 0 <= j < n and not lines[j] and abs(j - i) <= 3:
                    j += step
                if not (0 <= j < n) or abs(j - i) > 3 or not lines[j]:
                    continue
                ln = lines[j]
                lone = (j + 1 >= n or not lines[j + 1]) and (j == 0 or not lines[j - 1])
                if lone and len(ln) <= 100 and _COLUMNS.search(ln.strip()):
                    lines[j] = ""

    def strip_chrome_blocks(self, blocks: list[_Blk]) -> list[_Blk]:
        """Drop the furniture lines of a scraped page from short blocks: advertising labels,
        share and newsletter prompts (with the pitch under them), skip links, photo credits."""
        out: list[_Blk] = []
        pitch = False
        prev: _Blk | None = None
        for b in blocks:
            lines = b.lines
            under_image = (
                prev is not None and len(prev.lines) == 1 and _IMAGE.match(prev.lines[0]) is not None
            )
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
                self.web = True
                pitch = "newsletter" in lines[0].lower()
                continue
            if len(lines) > 4 or len(b.text) > 400:
                out.append(b)
                pitch = False
                continue
            if len(lines) == 1 and (t := _TAGS.match(lines[0])):
                self.extra.append(("Tags", t.group(1).strip()))
                continue
            keep = [k for k, x in enumerate(lines) if len(x) > 130 or not _CHROME_LINE.match(x)]
            if len(keep) == len(lines):
                if pitch and len(lines) == 1 and len(b.text) < 130 and _PITCH.search(b.text):
                    pitch = False
                    continue
                out.append(b)
                pitch = False
                continue
            self.web = True
            pitch = any("newsletter" in x.lower() for x in lines)
            if keep:
                out.append(
                    _Blk([lines[k] for k in keep], b.start + keep[0], 1, 1, [b.indents[k] for k in keep])
                )
        return out

    def strip_boilerplate_fences(self) -> None:
        """Cut an e-text archive's header and licence around its "*** START / END OF" fences;
        the header's "Key: value" fields become metadata."""
        lines = self.lines
        start = end = None
        for i, ln in enumerate(lines):
            if ln[:3] in ("***", "End", "END") and (m := _BOILER_FENCE.match(ln)):
                if (m.group(1) or "").upper() == "START" and start is None and end is None:
                    start = i
                elif m.group(1) is None or m.group(1).upper() == "END":
                    end = i
                    break
        if start is None and end is None:
            return
        if start is not None:
            self._header_fields(lines[:start])
            lines[: start + 1] = [""] * (start + 1)
        if end is not None:
            lines[end:] = [""] * (len(lines) - end)

    def _header_fields(self, lines: list[str]) -> None:
        """Metadata from "Key: value" lines (indented lines continue the value)."""
        fields: list[tuple[str, str]] = []
        for ln in lines:
            m = _HEADER_FIELD.match(ln)
            if m:
                fields.append((m.group(1), m.group(2).strip()))
            elif ln[:1] in " \t" and ln.strip() and fields:
                k, v = fields[-1]
                fields[-1] = (k, f"{v} {ln.strip()}")
        self._take_fields(fields)

    def _take_fields(self, fields: list[tuple[str, str]]) -> None:
        for k, v in fields:
            lk = k.lower()
            if lk in ("date", "release date", "published", "posted") and "date" not in self.meta:
                d = parse_date(v)
                if d:
                    self.meta["date"] = d
            elif lk in ("from", "author", "authors", "by") and "author" not in self.meta:
                self.meta["author"] = _EMAIL.sub("", v).strip()
            elif lk == "title":
                self.meta["title"] = v
            self.extra.append((k, v))

    @staticmethod
    def _first_box(text: str) -> int:
        """Where the first box framed by ``*`` or ``#`` starts in ``text``, or -1."""
        first = -1
        for rule in ("*" * 20, "#" * 20):
            pos = text.find(rule)
            while pos >= 0 and (first < 0 or pos < first):
                if _BOX_TOP.match(text, pos):
                    first = pos
                    break
                pos = text.find(rule, text.find("\n", pos) + 1 or len(text))
        return first

    def unbox(self, i: int = 0) -> None:
        """Take the frame off each boxed passage from line ``i`` on (a rule of ``*`` or ``#``,
        lines that start and end with that character, a closing rule), so that its content reads
        like the text around it."""
        lines = self.lines
        n = len(lines)
        while i < n - 2:
            top = lines[i].strip()
            c = top[:1]
            if c not in ("*", "#") or len(top) < 20 or top != c * len(top):
                i += 1
                continue
            inner: list[str] = []
            j = i + 1
            while j < n:
                t = lines[j].strip()
                if t == top or (len(t) >= 20 and t == c * len(t)):
                    break
                if len(t) < 2 or t[0] != c or t[-1] != c:
                    j = n
                    break
                inner.append(t[1:-1].rstrip())
                j += 1
            if j >= n or not any(x.strip() for x in inner):
                i += 1
                continue
            cut = min(len(x) - len(x.lstrip()) for x in inner if x.strip())
            lines[i] = lines[j] = ""
            lines[i + 1 : j] = [x[cut:] for x in inner]
            i = j + 1

    def strip_editor_settings(self) -> None:
        """Drop an Emacs mode line marker ("-*- outline -*-") and a "Local Variables:" trailer."""
        lines = self.lines
        for i, ln in enumerate(lines[:5]):
            if "-*-" in ln and _EMACS_MODE.search(ln):
                lines[i] = _EMACS_MODE.sub(" ", ln).rstrip()
        n = len(lines)
        for i in range(n - 1, max(n - 60, -1), -1):
            if lines[i].strip().endswith("Local Variables:"):
                end = next((j for j in range(i + 1, n) if lines[j].strip().endswith("End:")), None)
                if end is not None:
                    lines[i : end + 1] = [""] * (end + 1 - i)
                break

    def strip_man_header(self) -> None:
        """A rendered man page's header and footer lines ("LS(1)   User Commands   LS(1)");
        the NAME section's line becomes the title."""
        lines = self.lines
        first = next((i for i, x in enumerate(lines[:20]) if x), None)
        if first is None or not lines[first].endswith(")"):
            return
        m = _MAN_HEADER.match(lines[first].strip())
        if not m:
            return
        self.man_page = True
        tag = m.group(1)
        for i, ln in enumerate(lines):
            if ln.endswith(tag) and (i == first or _COLUMNS.search(ln)):
                lines[i] = ""
        for i, ln in enumerate(lines[:200]):
            if ln.strip() == "NAME":
                body = []
                for x in lines[i + 1 :]:
                    if not x.strip():
                        break
                    body.append(x)
                if body:
                    self.meta["title"] = reflow(body)
                break

    # ------------------------------------------------------------ pre-passes

    def strip_chrome_lines(self) -> None:
        lines = self.lines
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
                    self.crumb = re.split(r"\s*[>»›|/]\s*", ln.strip().rstrip(">»› "))[-1].strip()
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

    def mail_header(self, blocks: list[_Blk]) -> list[_Blk]:
        if not blocks:
            return blocks
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
                return blocks
        keys = {k.lower() for k, _ in fields}
        if len(fields) < 2 or not keys & _MAIL_KEYS:
            return blocks
        for k, v in fields:
            lk = k.lower()
            if lk == "date" and "date" not in self.meta:
                d = parse_date(v)
                if d:
                    self.meta["date"] = d
            elif lk in ("from", "author") and "author" not in self.meta:
                self.meta["author"] = _EMAIL.sub("", v).strip()
            elif lk == "title":
                self.meta["title"] = v
            self.extra.append((k, v))
        return blocks[1:]

    def leading_nav(self, blocks: list[_Blk]) -> list[_Blk]:
        """Drop a leading run of site navigation (breadcrumbs, search forms, link lists)."""
        signals = 0
        end = last = 0
        for i, b in enumerate(blocks[:40]):
            if any(_is_prose_line(x) and len(x) > 60 for x in b.lines) or _PILCROW.match(b.lines[0]):
                break
            if signals and any(_DATE_LINE.match(x) or _byline_name(x) for x in b.lines if len(x) < 120):
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
                if _PILCROW.match(b.lines[0]) or any(_is_prose_line(x) and len(x) > 60 for x in b.lines):
                    break
                if len(b.lines) == 1 and not _BULLET.match(b.lines[0]):
                    nxt = blocks[end + 1] if end + 1 < len(blocks) else None
                    if nxt is None or not _BULLET.match(nxt.lines[0]):
                        break
                end += 1
            self.web = True
            return blocks[end:]
        return blocks

    def front_matter(self, blocks: list[_Blk]) -> list[_Blk]:
        """Title, category, date, byline and affiliation of a web article or a title page."""
        split: list[_Blk] = []
        used = 0
        for b in blocks[:12]:
            if len(b.lines) > 3 and _menu_block(b.lines):
                split.append(b)  # a site's menu (and cookie notice) over the headline
                used += 1
                continue
            if any(len(x) > 150 for x in b.lines) or (len(b.lines) > 3 and not self._byline_block(b)):
                break
            used += 1
            if len(b.lines) > 1 and any(_DATE_LINE.match(x) or _byline_name(x) for x in b.lines):
                for k, x in enumerate(b.lines):
                    split.append(
                        _Blk([x], b.start + k, int(k == 0), int(k == len(b.lines) - 1), [b.indents[k]])
                    )
            else:
                split.append(b)
        blocks = split + blocks[used:]
        head = list(range(len(split)))
        drop: set[int] = set()
        date_i = byline_i = None
        authors: list[str] = []
        affiliations: list[str] = []
        known = str(self.meta.get("title", ""))  # from header fields
        for i in head:
            b = blocks[i]
            if len(b.lines) != 1:
                continue
            ln = b.lines[0]
            if ("|" in ln or "·" in ln or "•" in ln[2:]) and len(ln) < 160:
                ln = self._date_and_byline(ln)
            m = _DATE_LINE.match(ln) if len(ln) < 120 else None
            if m and date_i is not None and i - 1 in drop:
                drop.add(i)  # a second date ("Updated ...") under the first
                continue
            if date_i is None and m:
                d = parse_date(ln)
                if d:
                    date_i = i
                    self.meta.setdefault("date", d)
                    drop.add(i)
                    by = _person(m.group("by") or "")
                    if by and byline_i is None:
                        byline_i = i
                        self.meta["author"] = by
                    continue
            name = _byline_name(ln)
            if not name and date_i == i - 1 and byline_i is None and i + 1 < len(blocks):
                # A bare name right under the date ("Apr 3, 2024" / "Jane Doe"): the byline.
                bare = _person(ln)
                if bare and (" " in bare or _CJK_NAME.match(bare)) and len(ln) < 80 and ln[-1:] not in ".!?":
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
                        and not _byline_name(aff)
                    ):
                        affiliations.append(aff.strip())
                        drop.add(nxt)
        if authors:
            self.meta["author"] = _join_names(authors)
        if affiliations:
            self.meta["affiliation"] = "; ".join(affiliations)
        anchor = min(x for x in (date_i, byline_i) if x is not None) if drop else None
        if anchor is not None:
            # The title is the nearest short line above the date / byline.
            t = anchor - 1
            while t >= 0 and t in drop:
                t -= 1
            if t >= 0 and len(blocks[t].lines) <= 2 and _headline_like(" ".join(blocks[t].lines)):
                up = t - 1
                if up >= 0 and len(blocks[up].lines) == 1:
                    # A headline over a longer standfirst: the standfirst stays as the lead.
                    hl = blocks[up].lines[0].strip()
                    words = len(hl.split())
                    lead = reflow(blocks[t].lines)
                    if (
                        words >= 4
                        and _title_like(hl)
                        and not _NAV_ROW.match(hl)
                        and len(lead.split()) >= max(10, 1.3 * words)
                    ):
                        t = up
                text = reflow(blocks[t].lines)
                if known:
                    if " ".join(text.split()).casefold() == " ".join(known.split()).casefold():
                        drop.add(t)
                else:
                    self.meta["title"] = text
                    drop.add(t)
                    top = t
                    c = t - 1
                    if c >= 0 and len(blocks[c].lines) == 1:
                        cat = blocks[c].lines[0].strip()
                        if len(cat) <= 40 and len(cat.split()) <= 4 and _title_like(cat, 40):
                            self.meta["category"] = cat
                            drop.add(c)
                            top = c
                    if "category" not in self.meta and self.crumb and _title_like(self.crumb, 40):
                        self.meta["category"] = self.crumb  # the last step of the breadcrumb trail
                    # Above the headline of an article: the site's masthead, menus and notices.
                    drop.update(range(top))
                    self.web = True
        if "title" not in self.meta and blocks:
            self._title_page(blocks, drop)
        return [b for i, b in enumerate(blocks) if i not in drop]

    @staticmethod
    def _date_and_byline(ln: str) -> str:
        """A line holding a date and perhaps a byline and a time, set apart by bars or dots
        ("By Jane Doe | April 3, 2024 | 10:30 AM"), as a date line "April 3, 2024 by Jane Doe";
        any other line as it is."""
        parts = _META_SEP.split(ln.strip())
        if len(parts) < 2:
            return ln
        when = who = ""
        for p in parts:
            if not when and _DATE_LINE.match(p):
                when = p
            elif not who and (name := _byline_name(p) or _person(p)):
                who = name
            elif not _TIME.match(p):
                return ln
        if not when:
            return ln
        return f"{when} by {who}" if who else when

    @staticmethod
    def _byline_block(b: _Blk) -> bool:
        """A block of several bylines (each "• Name", perhaps over an indented affiliation), with
        or without the date line above them."""
        lines = b.lines
        if len(lines) > 10:
            return False
        dated = False
        names = 0
        for k, x in enumerate(lines):
            if _byline_name(x):
                nxt = k + 1
                if nxt < len(lines) and not _byline_name(lines[nxt]) and b.indents[nxt] <= b.indents[k]:
                    return False  # a line under a name that is not its indented affiliation
                names += 1
            elif _DATE_LINE.match(x):
                dated = True
            elif k == 0 or not _byline_name(lines[k - 1]):
                return False
        return names >= 2 or (dated and names >= 1)

    def _title_page(self, blocks: list[_Blk], drop: set[int]) -> None:
        """A title at the top: a centred block (after a columned header block, if any), or a
        title with an "... by NAME" subtitle."""
        for i, b in enumerate(blocks[:3]):
            if i in drop:
                return
            if len(b.lines) <= 4 and min(b.indents) >= 8 and _title_like(b.lines[0]):
                # Under the title: its underline, a version line and a web address.
                title: list[str] = []
                notes: list[tuple[str, str]] = []
                for x in b.lines:
                    t = x.strip()
                    if title and (m := _VERSION_LINE.match(t)):
                        notes.append((m.group(1).capitalize(), m.group(2)))
                    elif title and "://" in t and " " not in t:
                        notes.append(("URL", t))
                    elif not (title and _UNDERLINE.match(t)):
                        title.append(t)
                if len(title) <= 3 and all(len(t) <= 60 and "://" not in t for t in title):
                    self.meta["title"] = " ".join(title)
                    self.extra.extend(notes)
                    drop.add(i)
                    return
            if i == 0 and len(b.lines) == 2 and b.indents[0] == b.indents[1]:
                m = _SUB_BY.match(b.lines[1])
                name = _person(m.group(1)) if m else ""
                if name and _title_like(b.lines[0], 80) and b.lines[0].strip()[-1] not in ".!?":
                    self.meta["title"] = b.lines[0].strip()
                    self.meta.setdefault("author", name)
                    drop.add(i)
                    return
            # Only a header of columns ("Network Working Group      J. Smith") may come first.
            if sum(1 for x in b.lines if _COLUMNS.search(x.strip())) * 2 < len(b.lines):
                return

    # ------------------------------------------------------------ classification

    def parse(self) -> Document:
        self.strip_chrome_lines()
        blocks = _split_blocks(self.lines)
        blocks = self.mail_header(blocks)
        blocks = self.leading_nav(blocks)
        blocks = self.front_matter(blocks)
        if self.web:
            blocks = self.strip_chrome_blocks(blocks)
        if not blocks:
            return build_document([], self.metadata())
        self.base = self._base_indent(blocks)
        self.label_bodies = not self.man_page and self._label_bodies(blocks)
        singles = [b.lines[0] for b in blocks if len(b.lines) == 1]
        self.pilcrow_mode = sum(1 for x in singles if "¶" in x and _PILCROW.match(x)) >= 3
        # Emacs outline style ("* Release 2.3" / "** Bug fixes"): star headings at the margin.
        stars = [x for x in singles if x[:2] in ("* ", "**") and _OUTLINE_HEAD.match(x)]
        self.outline_mode = len(stars) >= 3 and any(x[:2] == "**" for x in stars)
        self.underlined_numbers = False
        self.has_chapters = False
        self.seq = self._numbered_sequence(blocks)
        found: list[_Head] = []
        for b in blocks:
            h = b.head = self._explicit_head(b)
            b.head_known = True
            if h is not None and h.kind != "seq":
                found.append(h)
        explicit = len(found)
        self.underlined_numbers = sum(1 for h in found if h.char and h.number) >= 3
        self.has_chapters = sum(1 for h in found if h.kind == "chapter") >= 2
        self.bare_ok = explicit < 3 and not self.man_page
        self.signatures = self._heading_signatures(blocks) if self.bare_ok else set()
        self.first_indent = self._first_line_indent(blocks)
        self.labels = self._label_heads(blocks)
        self._blocks = blocks
        self._emit_all(blocks)
        if self.web and self.heads:
            self._demote_prose_heads()
        if (
            self.heads
            and self.heads[-1][0] == len(self.specs) - 1
            and self.heads[-1][1].kind in ("caps", "bare", "centred")
        ):
            # "THE END", a name signing a note: a short line closing the text heads nothing.
            idx, h = self.heads.pop()
            self.specs[idx] = BlockSpec(BlockKind.PARAGRAPH, h.text)
        self._fix_levels()
        if self.seq:
            self._seq_levels()
        self._drop_toc_duplicates()
        self._title_from_first_heading()
        return build_document(self.specs, self.metadata())

    def metadata(self) -> Metadata:
        m = self.meta
        title = str(m.get("title", ""))
        if not title:
            for k, v in self.extra:
                if k.lower() == "subject":
                    title = v
        return Metadata(
            title=title,
            author=str(m.get("author", "")),
            date=m.get("date"),  # type: ignore[arg-type]
            affiliation=str(m.get("affiliation", "")),
            category=str(m.get("category", "")),
            extra=tuple(self.extra),
        )

    @staticmethod
    def _base_indent(blocks: list[_Blk]) -> int:
        c: Counter[int] = Counter()
        for b in blocks:
            n = len(b.lines)
            if n < 2:
                continue
            ind = b.indents[0]
            # Lines of the same indent, 30 characters or more on average, not a list.
            if (
                b.indents[1] == ind
                and (n == 2 or b.indents[2] == ind)
                and (len(b.text) - n + 1) / n > 30
                and not _LIST_START.match(b.lines[0])
            ):
                c[ind] += n
        return c.most_common(1)[0][0] if c else 0

    def _label_bodies(self, blocks: list[_Blk]) -> bool:
        """Whether sections are labels in capitals at the margin over an indented body
        ("NAME" / "    json", "DESCRIPTION" / "    ...": help pages): three or more, and at
        least half of the terms with such a hanging body. The body of NAME becomes the title."""
        name: list[str] = []
        labels = terms = 0
        for b in blocks:
            ind = b.indents
            if ind[0] or len(ind) < 2 or min(ind[1:]) < 2:
                continue
            terms += 1
            term = b.lines[0]
            if term.isupper() and self._section_label(term):
                labels += 1
                if term == "NAME" and not name:
                    name = b.lines[1:]
            elif terms > 2 * labels + 10:
                return False  # a list of definitions
        if labels < 3 or 2 * labels < terms:
            return False
        if name and "title" not in self.meta:
            self.meta["title"] = reflow(name)
        return True

    def _first_line_indent(self, blocks: list[_Blk]) -> int:
        """The indent of paragraphs that indent only their first line, when the text has them."""
        base = self.base
        c: Counter[int] = Counter()
        for b in blocks:
            ind = b.indents
            if len(ind) > 1 and ind[0] >= base + 2 and ind[1] <= base and max(ind[1:]) <= base:
                c[ind[0]] += 1
        if not c:
            return 0
        ind, k = c.most_common(1)[0]
        return ind if k >= 2 else 0

    def _label_heads(self, blocks: list[_Blk]) -> set[str]:
        """Section labels outside an indented body ("Abstract", "Status of This Memo" at the
        margin, the body indented under them), when the text has two or more such labels."""
        base = self.base
        if base < 2:
            return set()
        seen: Counter[str] = Counter()
        found: list[str] = []
        # Only outside the run of numbered headings: front and back matter ("Note" or
        # "Rationale" labels between numbered sections are paragraph labels).
        heads = [k for k, b in enumerate(blocks) if b.head is not None]
        lo, hi = (heads[0], heads[-1]) if heads else (len(blocks), -1)
        for k, b in enumerate(blocks[:-1]):
            if len(b.lines) != 1 or b.indent >= base:
                continue
            t = b.lines[0].strip()
            seen[t] += 1
            nxt = blocks[k + 1]
            if (
                (k < lo or k > hi)
                and "," not in t
                and not any(c.isdigit() or c == "©" for c in t)
                and nxt.indent == base
                and _title_like(t, 60)
                and t[-1] not in ".!?,;:"
                and len(t.split()) <= 6
                and not _LIST_START.match(t)
                and not _NUMBERED.match(t)
                and b.head is None
            ):
                found.append(t)
        labels = {t for t in found if seen[t] == 1}
        return labels if len(labels) >= 2 else set()

    @staticmethod
    def _numbered_sequence(blocks: list[_Blk]) -> dict[int, _Head]:
        """Section titles of a licence-like text, by the start of their block: "0. Definitions."
        standing alone over its body, or "2. Grant of Copyright License. Subject to ..." run in
        ahead of it (a short title in capitals). Three or more, numbered 0 or 1, 2, 3 ... in
        order; they need not start at the margin."""
        found: dict[int, _Head] = {}
        run: dict[int, _Head] = {}
        expect = -1
        for k, b in enumerate(blocks):
            if b.indents[0] > 8:
                continue
            t = b.lines[0].lstrip()
            if not t[:1].isdigit():
                continue
            m = _SEQ_HEAD.match(t)
            if m is None:
                continue
            num = int(m.group(1))
            if num != expect and num > 1:
                continue
            title = m.group(2)[:-1]
            words = title.split()
            if not words or len(words) > 10:
                continue
            if any(w[:1].islower() and len(w) > 3 and w not in _MINOR_WORDS for w in words):
                continue  # a title is set in capitals ("Conveying Verbatim Copies"), a step is not
            run_in = m.group(3)
            if len(b.lines) == 1 and run_in is None:
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                if nxt is None or (nxt.indent <= b.indent and _SEQ_HEAD.match(nxt.lines[0].lstrip())):
                    continue  # a list of one-line items, not titles over their bodies
            elif run_in is None or len(words) > 8 or not run_in[:1].isupper() or len(b.lines) < 2:
                continue
            if num != expect:  # 0 or 1: a new run begins
                if len(run) >= 3:
                    found.update(run)
                run = {}
            num_s = m.group(1)
            run[b.start] = _Head(f"{num_s}. {title}", "seq", level=1, number=num_s, rest=run_in or "")
            expect = num + 1
        if len(run) >= 3:
            found.update(run)
        return found

    def _explicit_head(self, b: _Blk) -> _Head | None:
        """Setext, numbered, chapter or pilcrow heading at the start of a block."""
        if self.seq and b.start in self.seq:
            return self.seq[b.start]
        first = b.lines[0]
        if len(b.lines) >= 3 and first[:1] in _RULE_START and not self.pilcrow_mode:
            # A title between an overline and an underline of the same character.
            over = _UNDERLINE.match(first)
            under = _UNDERLINE.match(b.lines[2])
            t = b.lines[1].strip()
            if (
                over
                and under
                and over.group(1) == under.group(1)
                and t
                and not _UNDERLINE.match(t)
                and _width(t) <= len(first.strip()) + 2
                and len(t) <= 200
            ):
                return self._numbered_or(t, _Head(t, "setext", char="o" + over.group(1)))
        if len(b.lines) >= 2 and b.indents[1] == b.indents[0]:
            m = _UNDERLINE.match(b.lines[1].strip()) if b.lines[1] else None
            if m and not _UNDERLINE.match(first.strip()):
                t = first.strip()
                w = _width(t)
                u = len(b.lines[1].strip())
                if w >= 2 and max(3, w - 3) <= u <= w + 6 and len(t) <= 200:
                    return self._numbered_or(t, _Head(t, "setext", char=m.group(1)))
        if len(b.lines) > 2 or b.indent > self.base + 2:
            return None
        if len(b.lines) == 2:
            second = b.lines[1].strip()
            # A chapter label with its title on the next line ("CHAPTER I." / "The Beginning").
            m = _CHAPTER_LABEL.match(first.strip())
            if m and _title_like(second, 100) and second[-1:] not in ".!":
                return _Head(f"{first.strip()} {second}", "chapter", level=1, number=m.group(1))
            # A numbered heading wrapped onto a short second line.
            if len(second) > 40 or not _NUMBERED.match(first.strip()) or _ORDERED.match(b.lines[1]):
                return None
            t = f"{first.strip()} {second}"
        else:
            t = first.strip()
        if self.outline_mode and len(b.lines) == 1 and t[:1] == "*":
            m = _OUTLINE_HEAD.match(t)
            if m and t[-1] not in ".,;" and len(t) <= 150:
                return _Head(m.group(2), "outline", level=len(m.group(1)))
        if self.pilcrow_mode or "¶" in t:
            m = _PILCROW.match(t)
            return _Head(m.group(1), "pilcrow") if m else None
        h = self._numbered_or(t, None)
        return h

    def _cached_head(self, b: _Blk) -> _Head | None:
        """``_explicit_head(b)``, reusing the first pass's answer when it cannot have changed.

        The first pass runs before ``underlined_numbers`` and ``has_chapters`` are known; those
        flags only turn a bare numbered heading (no underline) back into None.
        """
        if not b.head_known:
            return self._explicit_head(b)
        h = b.head
        flags = self.underlined_numbers or self.has_chapters
        if flags and h is not None and h.kind == "numbered" and not h.char:
            return self._explicit_head(b)
        return h

    def _numbered_or(self, t: str, default: _Head | None) -> _Head | None:
        m = _CHAPTER.match(t) or _CJK_CHAPTER.match(t) or _CHAPTER_LABEL.match(t)
        if m is None and t[:1] in "IVXLC":
            m = _ROMAN_TITLE.match(t)
            if m and (t[-1] in ".;:," or len(t.split()) > 10 or not _title_like(m.group(2))):
                m = None
        if m:
            num = m.group(1)
            h = _Head(t, "chapter", level=1, number=num)
            if default is not None:
                h.char = default.char
            return h
        m = _NUMBERED.match(t)
        if m:
            num, dot, title = m.group(1), m.group(2), m.group(3)
            depth = num.count(".") + 1
            if len(title) > 120 or title[-1] in ",;" or (title[-1] == "." and len(title.split()) > 10):
                return default
            if depth == 1 and not (
                title[0].isupper() or not title[0].isascii() or title[0] in "/<\"'(`[" or title[0].isdigit()
            ):
                return default
            if default is None and depth == 1 and not dot:
                return None  # "16 Options" only counts when underlined
            if default is None:
                if self.underlined_numbers or title.endswith(":") or len(title.split()) > 14:
                    return None  # numbered lines are list items where headings are underlined
                if depth == 1 and (title[-1] in ".!?" or len(title.split()) > 8 or self.has_chapters):
                    return None
            h = _Head(t, "numbered", level=depth, number=num)
            if default is not None:
                h.char = default.char
            return h
        return default

    @staticmethod
    def _heading_signatures(blocks: list[_Blk]) -> set[tuple[str, int]]:
        """Recurring heading shapes such as "Version 6.6, ..." / "Release 2": word, number."""
        c: Counter[tuple[str, int]] = Counter()
        for b in blocks:
            if not b.blank_before or len(b.lines) > 3:
                continue
            first = b.lines[0].strip()
            m = _SIGNATURE.match(first)
            if m and len(first) <= 70 and _title_like(first.rstrip("."), 70):
                c[(m.group(1), b.indent)] += 1
        return {k for k, v in c.items() if v >= 5}

    def _signature_head(self, b: _Blk) -> _Head | None:
        if not self.signatures or not b.blank_before:
            return None
        first = b.lines[0].strip()
        m = _SIGNATURE.match(first)
        if m and (m.group(1), b.indent) in self.signatures and len(first) <= 70:
            return _Head(first, "signature")
        return None

    def _bare_head(self, b: _Blk, nxt: _Blk | None) -> _Head | None:
        if len(b.lines) != 1:
            return None
        t = b.lines[0].strip()
        if "  " in t and _NAV_ROW.match(t):
            return None
        if _BULLET.match(b.lines[0]) or _ORDERED.match(b.lines[0]) or _IMAGE.match(t):
            return None
        words = t.split()
        letters = [c for c in t if c.isalpha()]
        caps = (
            len(letters) >= 3
            and len(letters) >= 0.7 * len(t.replace(" ", ""))
            and _CAPS.match(t) is not None
            and (nxt is None or nxt.indent <= b.indent)
            and all(c.isupper() for c in letters if c.isascii())
            and t.isascii()
            and len(words) <= 6
            and t[-1] not in ".,;:"
            and b.indent <= self.base
        )
        if caps and b.blank_before and b.blank_after:
            return _Head(t, "caps", indent=b.indent)
        if not self.bare_ok or not (b.blank_before and b.blank_after):
            return None
        if ("@" in t or "/" in t or "www." in t) and _ADDRESS.search(t):
            return None  # a signature ("Jane Doe <jane@example.org>") or a link
        if not _title_like(t, 70) or len(words) > 10 or t[-1] in ".!" or (t[-1] == "?" and len(words) > 8):
            return None
        if len(words) >= 7 and ", " in t and _CLAUSE.search(t) and not _title_case(t):
            return None  # a sentence with a clause after its comma, though without a full stop
        if b.indent <= self.base:
            return _Head(t, "bare")
        if b.indent >= 8:
            return _Head(t, "centred")
        return None

    def _emit_all(self, blocks: list[_Blk]) -> None:
        specs = self.specs
        self.heads: list[tuple[int, _Head]] = []
        in_menu = False
        def_indent = -1
        toc = False
        i = 0
        n = len(blocks)
        while i < n:
            b = blocks[i]
            i += 1
            first = b.lines[0]
            if "* Menu:" in b.text:
                if _MENU.match(first):
                    in_menu = True
                    continue
                if any(_MENU.match(x) for x in b.lines[1:]):
                    k = next(k for k, x in enumerate(b.lines) if _MENU.match(x))
                    b = _Blk(b.lines[:k], b.start, b.blank_before, 0, b.indents[:k])
                    in_menu = True
                    first = b.lines[0]
            head = None if b.head_known and b.head is None else self._cached_head(b)
            if in_menu:
                if head is None or not head.char:
                    continue
                in_menu = False
            if head is not None and head.kind == "seq":
                self._add_head(head)
                if head.rest or len(b.lines) > 1:
                    # The body run in after the title: the heading's line, without the title.
                    ind = b.indents[1] if len(b.lines) > 1 else b.indent
                    lines = ([" " * ind + head.rest] if head.rest else []) + b.lines[1:]
                    nb = _Blk(lines, b.start, 0, b.blank_after, [ind] * bool(head.rest) + b.indents[1:])
                    nb.head_known = True
                    blocks.insert(i, nb)
                    n += 1
                toc = False
                def_indent = -1
                continue
            if head is not None and head.char:
                skip = len(head.char) + 1  # an overlined title takes three lines
                prev = specs[-1] if specs else None
                if len(b.lines) > skip and prev is not None and prev.text.endswith((":", "：")):
                    # An underlined title inside an example that "the following" introduces.
                    specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
                    continue
                if head.text.endswith(":") and not head.number:
                    # "In the ... section:" / "-----": a lead-in to what follows, not a title.
                    specs.append(BlockSpec(BlockKind.PARAGRAPH, head.text))
                    rest = b.lines[skip:]
                    if rest:
                        blocks.insert(i, _Blk(rest, b.start + skip, 0, b.blank_after, b.indents[skip:]))
                        n += 1
                    continue
                self._add_head(head)
                rest = b.lines[skip:]
                if rest:
                    nb = _Blk(rest, b.start + skip, 0, b.blank_after, b.indents[skip:])
                    blocks.insert(i, nb)
                    n += 1
                toc = False
                continue
            if len(b.lines) == 1 and _RULE.match(first):
                specs.append(BlockSpec(BlockKind.RULE, ""))
                continue
            if head is None and self.signatures:
                head = self._signature_head(b)
                if head is not None and len(b.lines) > 1:
                    blocks.insert(i, _Blk(b.lines[1:], b.start + 1, 0, b.blank_after, b.indents[1:]))
                    n += 1
            if head is None and self.labels and len(b.lines) == 1 and first.strip() in self.labels:
                head = _Head(first.strip(), "label", indent=b.indent)
            if head is None and not self.pilcrow_mode:
                head = self._bare_head(b, blocks[i] if i < n else None)
            if head is not None and head.kind == "chapter" and i < n and _CHAPTER_LABEL.match(head.text):
                # "CHAPTER III." / (blank) / "The Storm": the title stands in the next block.
                nxt = blocks[i]
                t = nxt.lines[0].strip()
                if (
                    len(nxt.lines) == 1
                    and _title_like(t, 100)
                    and t[-1] not in ".!"
                    and self._cached_head(nxt) is None
                ):
                    head = _Head(f"{head.text} {t}", head.kind, head.level, head.number)
                    i += 1
            if head is not None:
                if head.kind in ("bare", "caps", "centred") and _TOC_LABEL.match(head.text):
                    toc = True
                    specs.append(BlockSpec(BlockKind.PARAGRAPH, head.text))
                    continue
                self._add_head(head)
                toc = head.kind == "label" and _TOC_LABEL.match(head.text) is not None
                def_indent = -1
                continue
            if len(b.lines) == 1 and _TOC_LABEL.match(first):
                toc = True
                specs.append(BlockSpec(BlockKind.PARAGRAPH, first.strip()))
                continue
            if (
                toc
                and len(b.lines) > 1
                and (
                    not _LIST_START.match(first)
                    or _count_at_least(b.lines, _TOC_LEADER.search, -(-len(b.lines) // 2))
                )
            ):
                # A table of contents: its entries stay one a line.
                specs.append(BlockSpec(BlockKind.PARAGRAPH, "\n".join(" ".join(x.split()) for x in b.lines)))
                continue
            if toc and not all(
                _ORDERED.match(x) or _NUMBERED.match(x.strip()) or b.indents[k] > b.indent
                for k, x in enumerate(b.lines)
            ):
                toc = False
            # Figure: an image file name, captioned by the paragraph that follows.
            if len(b.lines) == 1 and "." in first:
                m = _IMAGE.match(first)
                if m:
                    src = m.group(1)
                    stem = src.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                    alt = " ".join(stem.replace("_", " ").replace("-", " ").split())
                    caption = ""
                    if i < n and len(blocks[i].lines) <= 6:
                        nxt = blocks[i]
                        cap = reflow(nxt.lines)
                        if (
                            len(cap) <= 600
                            and self._cached_head(nxt) is None
                            and not _BULLET.match(nxt.lines[0])
                            and not _IMAGE.match(nxt.lines[0])
                            and self._caption_like(nxt, cap)
                        ):
                            caption = cap
                            i += 1
                    specs.append(BlockSpec(BlockKind.FIGURE, caption or alt, src=src, alt=alt))
                    continue
            if self.web and len(b.lines) == 1 and "  " in first and _NAV_ROW.match(first):
                continue  # a row of links (share buttons, footer menu) of a scraped page
            def_indent = self._body(b, def_indent)

    def _demote_prose_heads(self) -> None:
        """Turn back into paragraphs the one-line paragraphs of an article taken for headings:
        a line that reads as a sentence ("And yet the talks go on", "The question has never
        been answered") when it opens with a conjunction, when it heads nothing (another heading
        follows it), or when the article's real headings share a style it lacks (closed by a
        no-break space, or set in Title Case)."""
        bare = [(k, idx, h) for k, (idx, h) in enumerate(self.heads) if h.kind == "bare"]
        if not bare:
            return
        marked = [h for _, _, h in bare if h.text in self.marked]
        unmarked = len(bare) - len(marked)
        by_mark = len(marked) >= 2 and len(marked) >= unmarked
        longest = max((len(h.text.split()) for h in marked), default=0)
        tc = sum(1 for _, _, h in bare if _title_case(h.text))
        by_case = tc >= 2 and tc > len(bare) - tc
        heading_at = {idx for idx, _ in self.heads}
        drop: set[int] = set()
        for k, idx, h in bare:
            t = h.text
            if _title_case(t) or t[-1:] in "?？" or len(t.split()) < 4:
                continue
            prose = _reads_as_prose(t)
            if (
                _LEAD_CONJ.match(t)
                or (prose and idx + 1 in heading_at)
                or (by_mark and t not in self.marked and (prose or len(t.split()) > longest))
                or (by_case and prose)
            ):
                self.specs[idx] = BlockSpec(BlockKind.PARAGRAPH, t)
                drop.add(k)
        if drop:
            self.heads = [x for k, x in enumerate(self.heads) if k not in drop]

    def _caption_like(self, b: _Blk, cap: str) -> bool:
        """Whether the block ``b`` under an image (its text ``cap``) is the image's caption, not
        the article's next paragraph or section heading."""
        if not _PHOTO_NOTE.search(cap) and (len(cap) > 320 or len(_SENTENCE_END.findall(cap)) >= 3):
            return False  # a paragraph of prose: the image has no caption
        if len(b.lines) != 1:
            return True
        t = b.lines[0].strip()
        if t in self.marked:
            return False  # a heading the page marked as such
        return not (_title_case(t) and self._title_case_heads() >= 3 and t[-1:] not in ".!")

    def _title_case_heads(self) -> int:
        """How many one-line blocks standing alone look like headings set in Title Case."""
        if self._tc_heads is None:
            self._tc_heads = sum(
                1
                for b in self._blocks
                if len(b.lines) == 1
                and b.indent <= self.base
                and _title_case(b.lines[0].strip())
                and _title_like(b.lines[0], 70)
                and b.lines[0].rstrip()[-1:] not in ".!"
                and not _IMAGE.match(b.lines[0])
            )
        return self._tc_heads

    def _add_head(self, h: _Head) -> None:
        self.heads.append((len(self.specs), h))
        text = h.text.strip()
        self.specs.append(
            BlockSpec(BlockKind.HEADING, text, level=h.level, number=h.number.replace("．", "."))
        )

    # ------------------------------------------------------------ body blocks

    def _body(self, b: _Blk, def_indent: int) -> int:
        specs = self.specs
        lines = b.lines
        base = self.base
        first = lines[0]
        joined = b.text
        # Box drawing: box characters, or "+---+" / "| ... |" lines.
        if (not joined.isascii() and _BOX_CHAR.search(joined)) or (
            ("|" in joined or "+" in joined) and _BOX.search(joined)
        ):
            specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
            return def_indent
        # ASCII art: the first line, or at least a third of the lines.
        if (" /" in joined or " \\" in joined or "|" in joined or _ART_RUN.search(joined)) and (
            _is_art_line(first) or _count_at_least(lines[1:], _is_art_line, -(-len(lines) // 3))
        ):
            specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
            return def_indent
        if _LIST_START.match(first) and self._numbered_notes(b):
            return def_indent
        if _LIST_START.match(first) and self._list(b):
            return def_indent
        # A table tail after an introducing paragraph (or a table on its own).
        t = self._table_start(b) if len(lines) > 1 and "  " in joined and _COL_GAP.search(joined) else None
        if t is not None:
            if t == 0 and not specs and all(_WIDE_GAP.search(x.strip()) for x in lines if _COLUMNS.search(x)):
                # A header set out in two far-apart columns at the top (authors, dates): layout.
                specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
                return def_indent
            if t > 0:
                self._prose(_Blk(lines[:t], b.start, indents=b.indents[:t]), def_indent)
            tb = _Blk(lines[t:], b.start + t, indents=b.indents[t:])
            specs.append(BlockSpec(BlockKind.TABLE, self._literal(tb)))
            return def_indent
        # Definition: a term at the margin with a hanging, indented body.
        if len(lines) >= 2 and b.indents[0] <= base and min(b.indents[1:]) > b.indents[0] + 1:
            term = first.strip()
            if (
                (self.man_page and b.indents[0] < base <= min(b.indents[1:]))
                or (self.label_bodies and b.indents[0] == 0 and term.isupper())
            ) and self._section_label(term):
                # A section label out in the margin over its body ("NAME" / "   ls - list ...").
                self._add_head(_Head(term, "label", indent=b.indents[0]))
                # Where labels sit at the margin, the blocks at their body's indent are paragraphs.
                body_indent = min(b.indents[1:]) if self.label_bodies else -1
                return self._body(_Blk(lines[1:], b.start + 1, 0, b.blank_after, b.indents[1:]), body_indent)
            if (len(term) <= 80 and not _is_prose_line(term)) or term.endswith(":"):
                specs.append(BlockSpec(BlockKind.PARAGRAPH, term))
                body = _Blk(lines[1:], b.start + 1, indents=b.indents[1:])
                self._prose(body, b.indents[1], as_def=True)
                return b.indents[1]
        return self._prose(b, def_indent)

    def _numbered_notes(self, b: _Blk) -> bool:
        """Notes numbered "1. ..." under a "Notes" / "References" / "注释" heading: one
        paragraph, a note a line (a wrapped note reflowed), not list items of the body."""
        specs = self.specs
        k = len(specs) - 1
        while k >= 0 and specs[k].kind is BlockKind.PARAGRAPH and specs[k].text[:1].isdigit():
            k -= 1  # notes set apart by blank lines, one block each
        if k < 0 or specs[k].kind is not BlockKind.HEADING or not _NOTES_LABEL.match(specs[k].text):
            return False
        notes: list[list[str]] = []
        for x in b.lines:
            m = _ORDERED.match(x)
            if m and m.group(2)[:1].isdigit():
                notes.append([x.strip()])
            elif notes and not _BULLET.match(x):
                notes[-1].append(x)
            else:
                return False
        specs.append(BlockSpec(BlockKind.PARAGRAPH, "\n".join(reflow(n) for n in notes)))
        return True

    def _first_line_indented(self, b: _Blk) -> bool:
        """A paragraph that indents its first line ("\tThe minutes of ..." / "true record ...")."""
        ind = self.first_indent
        if not ind or b.indent != ind:
            return False
        if len(b.lines) > 1:
            return max(b.indents[1:]) <= self.base
        return _is_prose_line(b.lines[0])

    def _section_label(self, term: str) -> bool:
        """A short title that can head a section of a man page."""
        if len(term) > 60 or len(term.split()) > 6 or term[-1] in ".,;:!?" or not _title_like(term, 60):
            return False
        if _LIST_START.match(term) or term[0] == "-":
            return False
        return sum(1 for c in term if c.isalpha()) >= 3

    def _prose(self, b: _Blk, def_indent: int, as_def: bool = False) -> int:
        lines = b.lines
        n = len(lines)
        rel = b.indent - self.base
        if not as_def and (
            (">>> " in lines[0] and lines[0].lstrip().startswith(">>> "))
            or (self.specs and self.specs[-1].text[-2:] == "::" and (n > 1 or rel >= 0))
        ):
            # An interactive session, or a literal block after "::" (reStructuredText).
            self.specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
            return def_indent
        if (
            self.first_indent
            and b.indent == self.first_indent
            and not as_def
            and self._first_line_indented(b)
        ):
            self.specs.append(BlockSpec(BlockKind.PARAGRAPH, reflow(lines)))
            return -1
        if rel >= 2 and not as_def and self.specs and n <= 12:
            # An indented command or example introduced by "... the following command:".
            prev = self.specs[-1]
            last = lines[-1].rstrip()
            if (
                prev.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
                and prev.text.endswith(":")
                and not any(x.rstrip()[-1] in ".!?\"”'»" for x in lines)
                and (n > 1 or not last.lstrip()[0].isupper() or _CODE_CHARS.search(last) is not None)
            ):
                self.specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
                return def_indent
        if rel >= 2 and not as_def:
            # Code when it is not prose and has several lines or a line of code, or when at
            # least half of its lines look like code.
            if not _looks_like_prose(b.text, n):
                code = n > 1 or _is_code_line(lines[0])
            else:
                code = _count_at_least(lines, _is_code_line, -(-n // 2))
            if code:
                self.specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
                return def_indent
            text = self._kept(b) if n > 1 and len(b.text) <= 65 * n and self._verse(b) else reflow(lines)
            if def_indent >= 0 and b.indent == def_indent:
                self.specs.append(BlockSpec(BlockKind.PARAGRAPH, text))
                return def_indent
            self.specs.append(BlockSpec(BlockKind.QUOTE, text, level=1))
            return def_indent
        if (
            n > 1
            and (len(set(b.indents)) > 2 or b.indents[1] < b.indents[0] - 1)
            and _count_at_least(lines, _is_code_line, -(-n // 2))
        ):
            self.specs.append(BlockSpec(BlockKind.CODE, self._literal(b)))
            return def_indent
        if n > 1 and lines[0].lstrip()[:1] == "[" and _NOTE_MARK.match(lines[0]):
            notes = self._notes(lines)
            if notes is not None:
                self.specs.append(BlockSpec(BlockKind.PARAGRAPH, notes))
                return -1
        text = self._kept(b) if n > 1 and len(b.text) <= 65 * n and self._verse(b) else reflow(lines)
        self.specs.append(BlockSpec(BlockKind.PARAGRAPH, text))
        return def_indent if as_def or b.indent > self.base else -1

    @staticmethod
    def _notes(lines: list[str]) -> str | None:
        """A list of notes ("[1] Source, 2023." one under another): each note on a line of its
        own (a wrapped note reflowed), or None when fewer than two lines start a note."""
        notes: list[list[str]] = []
        for x in lines:
            if _NOTE_MARK.match(x):
                notes.append([x])
            else:
                notes[-1].append(x)
        return "\n".join(reflow(x) for x in notes) if len(notes) >= 2 else None

    @staticmethod
    def _kept(b: _Blk) -> str:
        """The block's lines, stripped, one a line."""
        return "\n".join(x.strip() for x in b.lines)

    def _verse(self, b: _Blk) -> bool:
        """Short lines whose breaks are meant (verse, an address, a signature): the lines end a
        phrase or come before a capital, and are shorter than the text's wrapping width."""
        lines = b.lines
        n = len(lines)
        if n > 40 or len(b.text) > 65 * n or max(map(len, lines)) > 64 or _LIST_START.match(lines[0]):
            return False
        if not b.text.isascii():
            # Display width, roughly: a wide character takes 3 bytes in UTF-8 and 2 cells.
            if (len(b.text.encode()) + len(b.text)) // 2 > 65 * n:
                return False
            if max((len(x.encode()) + len(x)) // 2 for x in lines) > 64:
                return False
        if len(_CHOSEN_BREAK.findall(b.text)) < 0.3 * (n - 1):
            return False  # most lines run on into the next: wrapped prose
        chosen, short = _verse_breaks(lines, self._wrap_width())
        if n == 2:
            ok = chosen == 1.0 and short == 1.0
        else:
            ok = (chosen >= 0.75 and short >= 0.34) or (chosen >= 0.3 and short >= 0.67)
        return ok or (chosen >= 0.3 and self._verse_text())

    def _verse_text(self) -> bool:
        """Whether the text is verse throughout: most of its blocks of several lines break
        their lines by choice (then the lines set the wrapping width themselves)."""
        if self._verse_doc is None:
            total = chosen = 0
            for b in self._blocks:
                if len(b.lines) < 2:
                    continue
                total += 1
                n = len(b.lines)
                if (
                    len(b.text) <= 65 * n
                    and len(_CHOSEN_BREAK.findall(b.text)) >= 0.75 * (n - 1)
                    and max(map(len, b.lines)) <= 64
                    and _verse_breaks(b.lines, 0)[0] >= 0.75
                ):
                    chosen += 1
                if total >= 200:
                    break
            self._verse_doc = total >= 2 and chosen >= 0.6 * total
        return self._verse_doc

    def _wrap_width(self) -> int:
        """The width the text is wrapped at: a high percentile of its line lengths."""
        if self._wrap is None:
            step = max(1, len(self.lines) // 5000)
            sample = sorted(len(x) for x in self.lines[::step] if x)
            self._wrap = sample[int(len(sample) * 0.9)] if sample else 80
        return self._wrap

    @staticmethod
    def _literal(b: _Blk) -> str:
        lines = [x.expandtabs(8) if "\t" in x else x for x in b.lines]
        cut = min(b.indents) if b.indents else 0
        return "\n".join(x[cut:] for x in lines)

    def _table_start(self, b: _Blk) -> int | None:
        lines = b.lines
        if len(lines) < 2:
            return None
        col = ["  " in x and bool(_COL_GAP.search(x.strip())) and not _SENTENCE_GAP.search(x) for x in lines]
        ncol = sum(col)
        if ncol < 2:
            return None
        f = col.index(True)
        tail = len(lines) - f
        if ncol < 0.5 * tail:
            return None
        if f > 0:
            prev = lines[f - 1].strip()
            if len(prev) < 50 and prev[-1:] not in ".:," and b.indents[f - 1] == b.indents[f]:
                f -= 1
        if f > 0 and lines[f - 1].rstrip()[-1:] not in ".:;,!?)":
            return None
        return f

    def _list(self, b: _Blk) -> bool:
        items: list[tuple[int, str, list[str]]] = []
        for k, x in enumerate(b.lines):
            m = _BULLET.match(x) or _ORDERED.match(x)
            if m and not (m.group(2) in "*+-" and not any(c.isalnum() for c in x[m.end() :])):
                items.append((b.indents[k], m.group(2), [x[m.end() :]]))
            elif items:
                items[-1][2].append(x)
            else:
                return False
        indents = sorted({ind for ind, _, _ in items})
        for ind, marker, body in items:
            self.specs.append(
                BlockSpec(BlockKind.LIST_ITEM, reflow(body), level=indents.index(ind) + 1, marker=marker)
            )
        return True

    # ------------------------------------------------------------ headings: levels, TOC, title

    def _fix_levels(self) -> None:
        specs = self.specs
        char_depth: dict[str, int] = {}
        order: list[str] = []
        has_chapter = any(h.kind == "chapter" for _, h in self.heads)
        label_indents = sorted({h.indent for _, h in self.heads if h.kind in ("caps", "label")})
        for _, h in self.heads:
            if h.char and h.char not in order:
                order.append(h.char)
            if h.char and h.number and h.char not in char_depth:
                char_depth[h.char] = h.level if h.kind != "chapter" else 1
        seen_signature = False
        for idx, h in self.heads:
            seen_signature = seen_signature or h.kind == "signature"
            if h.kind in ("numbered", "chapter"):
                level = h.level
            elif h.kind == "setext":
                level = char_depth.get(h.char) or order.index(h.char) + 1
            elif h.kind == "outline":
                level = h.level
            elif h.kind == "bare" and seen_signature:
                level = 3  # a subsection of a release ("Bugfixes" under "Version 0.2")
            elif h.kind in ("caps", "label") and len(label_indents) > 1:
                level = 2 + label_indents.index(h.indent)
            elif h.kind == "pilcrow":
                level = 2
            elif h.kind == "seq":
                level = 1  # set below, from the heading over them
            else:
                level = 2 if h.kind != "centred" else 1
            if has_chapter and h.kind == "chapter":
                level = 1
            specs[idx].level = level

    def _seq_levels(self) -> None:
        """A licence's numbered section titles sit under the heading just before the first of
        them ("TERMS AND CONDITIONS" / "0. Definitions."), else beside the other headings."""
        heads = self.heads
        k = next((k for k, (_, h) in enumerate(heads) if h.kind == "seq"), -1)
        if k < 0:
            return
        specs = self.specs
        others = [specs[idx].level for idx, h in heads if h.kind != "seq"]
        level = min(others) if others else 1
        if k > 0:
            idx, prev = heads[k - 1]
            if prev.kind in ("bare", "caps", "label", "centred") and heads[k][0] - idx <= 2:
                level = specs[idx].level + 1
        for idx, h in heads:
            if h.kind == "seq":
                specs[idx].level = level

    def _drop_toc_duplicates(self) -> None:
        """A numbered heading repeated later (a table-of-contents copy) is not a heading."""
        last: dict[tuple[str, str], int] = {}
        keyed: list[tuple[int, tuple[str, str]]] = []
        for idx, h in self.heads:
            if not h.number:
                continue
            title = h.text
            m = _CHAPTER.match(title) or _CJK_CHAPTER.match(title) or _NUMBERED.match(title)
            rest = m.group(m.lastindex or 1) if m else title
            key = (h.number.strip("."), " ".join(rest.lower().split()))
            last[key] = idx
            keyed.append((idx, key))
        demote = {idx for idx, key in keyed if last[key] != idx}
        if not demote:
            return
        for idx in demote:
            s = self.specs[idx]
            self.specs[idx] = BlockSpec(BlockKind.LIST_ITEM, s.text, level=1)
        self.heads = [(i, h) for i, h in self.heads if i not in demote]

    def _title_from_first_heading(self) -> None:
        if self.meta.get("title"):
            return
        specs = self.specs
        # The first block is a heading, or a centred / short line standing alone at the very top.
        if not specs:
            return
        s0 = specs[0]
        if s0.kind is BlockKind.HEADING and not s0.number and not _LETTERED.match(s0.text):
            self.meta["title"] = s0.text
            del specs[0]
            return
        if (
            s0.kind is BlockKind.PARAGRAPH
            and len(s0.text) <= 80
            and _title_like(s0.text)
            and len(specs) > 1
            and not s0.text.endswith(".")
            and not _ADDRESS.search(s0.text)
        ):
            self.meta["title"] = s0.text
            del specs[0]


def parse_text(text: str) -> Document:
    """Parse plain text (already decoded, ``\\n`` newlines) into a :class:`Document`."""
    # Parsing allocates a few objects per line and creates no reference cycles: pausing the
    # cyclic garbage collector saves its repeated passes (a tenth of the time on a book).
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _Parser(text).parse()
    finally:
        if paused:
            gc.enable()
