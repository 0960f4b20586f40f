"""HTML with an internal DOCTYPE subset: bounded entity expansion, no markup debris."""

from __future__ import annotations

import resource

from tui.model.formats.html import parse_html
from tui.model.formats.html_limits import ENTITY_CAP, EXPANSION_BUDGET, bound_depth, strip_internal_subset

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ELEMENT lolz (#PCDATA)>
 <!-- a comment with ]> in it -->
 <!ENTITY tricky "a ]> b">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY self "&self; again">
]>
<html><head><title>Laughs</title></head><body>
<p>Short: &lol1; and &tricky; and [&ext;] &amp; &copy;</p>
<p>Long: &lol9;</p>
<p>Loop: &self;</p>
<p>Second paragraph here.</p>
</body></html>
"""


def texts() -> list[str]:
    return [b.text for b in parse_html(LAUGHS).blocks]


def test_internal_subset_leaves_no_debris_and_expands_small_entities() -> None:
    blocks = texts()
    assert blocks[0] == "Short: " + "lol" * 10 + " and a ]> b and [] & ©"
    assert not any(t.startswith("]") or "<!ENTITY" in t for t in blocks)
    assert blocks[-1] == "Second paragraph here."
    assert blocks[2] == "Loop: again"


def test_billion_laughs_is_cut_not_expanded() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    long = texts()[1]
    assert long.startswith("Long: lollol")
    assert long.endswith("…")
    assert len(long) <= ENTITY_CAP + 10
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 50_000


def test_many_references_share_one_budget() -> None:
    page = '<!DOCTYPE html [<!ENTITY big "' + "x" * 900 + '">]><p>' + "&big; " * 5000 + "</p>"
    out = strip_internal_subset(page)
    assert len(out) < EXPANSION_BUDGET + 5000 * 8
    assert out.count("…") > 0
    assert out.startswith("<!DOCTYPE html><p>")


def test_pages_without_a_subset_are_untouched() -> None:
    for page in ("<!DOCTYPE html><p>a &lol; b</p>", "<p>[x]></p>", "<html><!DOCTYPE x [ <p>y</p>"):
        assert strip_internal_subset(page) == page


def test_an_unterminated_subset_changes_nothing() -> None:
    page = "<!DOCTYPE html [ <!ENTITY a 'b'> <p>text</p>"
    assert strip_internal_subset(page) == page


def test_bound_depth_keeps_text_and_closes_what_it_kept() -> None:
    src = "<div>" * 10 + "x" + "</div>" * 10 + "<p>after</p>"
    out = bound_depth(src, 3)
    assert out.count("<div>") == 3 and out.count("</div>") == 3
    assert "x" in out and out.endswith("<p>after</p>")
    script = "<div><div><script>if (a<b) { x = '<div>' }</script></div></div>"
    assert bound_depth(script, 1) == "<div> <script>if (a<b) { x = '<div>' }</script> </div>"
