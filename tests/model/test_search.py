"""The search model: matching, ranking, operators, spans and snippets, on small built documents."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.model.document import BlockKind, BlockSpec, Document, Metadata, build_document
from tui.model.load import load_path
from tui.model.search import (
    SYNTAX_HELP,
    SearchIndex,
    SearchResult,
    is_searchable,
    normalize,
    normalize_with_offsets,
)

H, P = BlockKind.HEADING, BlockKind.PARAGRAPH


def make(*blocks: tuple[BlockKind, str] | BlockSpec) -> Document:
    specs = [b if isinstance(b, BlockSpec) else BlockSpec(b[0], b[1], level=1) for b in blocks]
    return build_document(specs, Metadata())


@pytest.fixture(scope="module")
def doc() -> Document:
    return make(
        (H, "Ancient history"),
        (P, "Thucydides wrote about the war between Athens and Sparta."),
        (P, "Graham Allison coined the phrase Thucydides trap for rising powers."),
        (H, "Modern relations"),
        (P, "The San Francisco summit in November eased tensions."),
        (P, "A summit was held in Paris; San Diego and Francisco were not invited."),
        (P, "Pierre Ménard, author of the Quixote, is a story by Borges."),
        (P, "Resilience is the ability to recover quickly from shocks."),
        (BlockKind.RULE, "* * *"),
        (P, "Trade tariffs and export controls tightened again this year."),
    )


@pytest.fixture(scope="module")
def index(doc: Document) -> SearchIndex:
    return SearchIndex.build(doc)


def top(index: SearchIndex, query: str) -> str:
    result = index.search(query)
    assert result.hits, f"no hits for {query!r}: {result.message}"
    return result.hits[0].text


def matched(hit_text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [hit_text[a:b] for a, b in spans]


def test_typo_in_a_word_still_finds_it(index: SearchIndex) -> None:
    assert top(index, "thucidides trap").startswith("Graham Allison")
    assert top(index, "resilliance").startswith("Resilience")


def test_words_in_any_order(index: SearchIndex) -> None:
    assert top(index, "trap thucydides").startswith("Graham Allison")


def test_accents_case_and_width_are_ignored(index: SearchIndex) -> None:
    hit = index.search("menard").hits[0]
    assert matched(hit.text, hit.spans) == ["Ménard"]
    assert top(index, "ＳＡＮ ＦＲＡＮＣＩＳＣＯ").startswith("The San Francisco")
    assert top(index, "RÉSILIENCE").startswith("Resilience")


def test_all_words_rank_above_some_and_phrase_above_scattered(index: SearchIndex) -> None:
    result = index.search("san fransisco summit")
    texts = [h.text for h in result.hits]
    assert texts[0].startswith("The San Francisco summit")
    assert texts[1].startswith("A summit was held")  # all three words, but scattered
    assert result.hits[0].score > result.hits[1].score


def test_last_word_is_a_prefix_while_typing(index: SearchIndex) -> None:
    assert top(index, "resil").startswith("Resilience")
    hit = index.search("spar").hits[0]
    assert matched(hit.text, hit.spans) == ["Spar"]  # the typed part is what gets highlighted
    # A finished word (followed by a space) is not expanded.
    assert not index.search("spar ").hits


def test_hits_carry_section_path_score_and_ids(doc: Document, index: SearchIndex) -> None:
    result = index.search("summit", limit=1)
    assert result.total == 2 and len(result.hits) == 1
    hit = result.hits[0]
    assert hit.section == ("Modern relations",)
    assert 0 < hit.score <= 100
    block = doc.blocks[hit.block_index]
    assert block.id == hit.block_id and block.text == hit.text


def test_scores_are_in_descending_order(index: SearchIndex) -> None:
    scores = [h.score for h in index.search("the").hits]
    assert len(scores) >= 4
    assert scores == sorted(scores, reverse=True)


def test_exact_operator_refuses_typos(index: SearchIndex) -> None:
    assert index.search("thucidides").hits
    assert not index.search("'thucidides").hits
    assert len(index.search("'thucydides").hits) == 2


def test_exclusion_removes_blocks(index: SearchIndex) -> None:
    texts = [h.text for h in index.search("thucydides !trap").hits]
    assert texts == ["Thucydides wrote about the war between Athens and Sparta."]


def test_quoted_phrase_needs_adjacent_words(index: SearchIndex) -> None:
    texts = [h.text for h in index.search('"san francisco"').hits]
    assert texts == ["The San Francisco summit in November eased tensions."]
    hit = index.search('"san francisco"').hits[0]
    assert matched(hit.text, hit.spans) == ["San Francisco"]
    assert [h.text for h in index.search('"francisco san"').hits] == []


def test_caret_means_block_starts_with(index: SearchIndex) -> None:
    texts = [h.text for h in index.search("^trade").hits]
    assert texts == ["Trade tariffs and export controls tightened again this year."]
    assert not index.search("^tariffs").hits


def test_rules_are_not_searchable() -> None:
    idx = SearchIndex.build(make((P, "Before the break."), (BlockKind.RULE, "x x x"), (P, "After it.")))
    assert not idx.search("'x").hits


@pytest.mark.parametrize("query", ["", "   ", "!trap", "!", "^", "'", '"', '""', "!!", "^'!"])
def test_empty_or_operator_only_queries_are_calm(index: SearchIndex, query: str) -> None:
    result = index.search(query)
    assert isinstance(result, SearchResult)
    assert result.hits == () and result.total == 0
    assert result.message
    assert not is_searchable(query)


def test_no_hits_has_a_message(index: SearchIndex) -> None:
    result = index.search("xylophone")
    assert result.hits == () and "xylophone" in result.message


def test_spans_survive_characters_that_change_length() -> None:
    text = "Ligatures: ﬁne ﬂowers… and Straße then Ménard again"
    idx = SearchIndex.build(make((P, text)))
    hit = idx.search("strasse menard").hits[0]
    assert matched(hit.text, hit.spans) == ["Straße", "Ménard"]
    norm, offsets = normalize_with_offsets(text)
    assert offsets is not None and len(offsets) == len(norm)
    assert "fine flowers... and strasse then menard" in norm


def test_decomposed_accents_match_and_highlight_whole_letters() -> None:
    text = "Cafe\u0301 society"  # "é" written as e + combining acute
    hit = SearchIndex.build(make((P, text))).search("café").hits[0]
    assert matched(hit.text, hit.spans) == ["Cafe\u0301"]


def test_normalize_folds_width_case_and_accents() -> None:
    assert normalize("ＡＢＣ Ｅｌｅｐｈａｎｔ") == "abc elephant"
    assert normalize("ÉCOLE Ølsen") == "ecole olsen"
    assert normalize("ｶﾞｲﾄﾞ") == "ガイド"  # half-width kana keep their voicing marks


def test_cjk_query_without_spaces() -> None:
    d = make(
        (H, "第6章パッケージのビルド"),
        (P, "まずはパッケージを完全にビルドしてください。"),
        (P, "ソースコードの変更について説明します。"),
    )
    idx = SearchIndex.build(d)
    hit = idx.search("パッケージのビルド").hits[0]
    assert hit.text == "第6章パッケージのビルド"
    assert matched(hit.text, hit.spans) == ["パッケージのビルド"]
    assert idx.search("変更").hits[0].text.startswith("ソースコード")
    # A single character finds the blocks that contain it.
    assert idx.search("章").hits[0].text == "第6章パッケージのビルド"


def test_figures_code_and_tables_are_searchable() -> None:
    d = make(
        BlockSpec(BlockKind.FIGURE, "A map of the harbour", alt="lighthouse drawing"),
        BlockSpec(BlockKind.CODE, "def frobnicate(x):\n    return x", lang="python"),
        BlockSpec(BlockKind.TABLE, "Name\tValue\nwidget\t42", rows=(("Name", "Value"), ("widget", "42"))),
    )
    idx = SearchIndex.build(d)
    assert top(idx, "harbour") == "A map of the harbour"
    lighthouse = idx.search("lighthouse").hits[0]  # found by its alt text; nothing to highlight
    assert lighthouse.text == "A map of the harbour" and lighthouse.spans == ()
    assert top(idx, "frobnicate").startswith("def frobnicate")
    assert top(idx, "widget").startswith("Name\tValue")


def test_snippet_is_windowed_in_a_huge_block() -> None:
    filler = "lorem ipsum dolor sit amet " * 4000  # about 108 KB
    text = filler + "the needle sits here\n\nin   the haystack " + filler
    idx = SearchIndex.build(make((P, text)))
    hit = idx.search("needle haystack").hits[0]
    assert len(hit.snippet) <= 200
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert [hit.snippet[a:b] for a, b in hit.snippet_spans] == ["needle", "haystack"]
    assert "\n" not in hit.snippet and "   " not in hit.snippet
    assert matched(hit.text, hit.spans) == ["needle", "haystack"]


def test_snippet_spans_match_the_block_spans_in_a_short_block(index: SearchIndex) -> None:
    hit = index.search("tariffs export").hits[0]
    assert hit.snippet == hit.text
    assert hit.snippet_spans == hit.spans


def test_in_document_order(index: SearchIndex) -> None:
    result = index.search("summit thucydides")
    ordered = [h.block_index for h in result.in_document_order()]
    assert ordered == sorted(ordered) and len(ordered) == len(result.hits)


def test_syntax_help_documents_every_operator() -> None:
    for op in ("'word", "!word", '"a phrase"', "^word"):
        assert op in SYNTAX_HELP


def test_empty_document() -> None:
    result = SearchIndex.build(make()).search("anything")
    assert result.hits == () and result.message


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab té!^'\"ﬁ章の-")), max_size=12))
def test_any_query_gives_valid_spans(query: str) -> None:
    idx = _fuzz_index()
    result = idx.search(query)
    for hit in result.hits:
        for a, b in hit.spans:
            assert 0 <= a < b <= len(hit.text)
        for a, b in hit.snippet_spans:
            assert 0 <= a < b <= len(hit.snippet)


_FUZZ: list[SearchIndex] = []


def _fuzz_index() -> SearchIndex:
    if not _FUZZ:
        _FUZZ.append(
            SearchIndex.build(
                make(
                    (H, "ab té"),
                    (P, "ta ba ab-té ﬁ ab\n\n  té"),
                    (P, "章の章 ab té ab"),
                    (P, "été à bâbord"),
                )
            )
        )
    return _FUZZ[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\u3000")), max_size=40))
def test_whitespace_collapse_keeps_every_visible_character_in_place(window: str) -> None:
    from tui.model.search.snippet import _collapse

    body, to_new = _collapse(window)
    assert "  " not in body and "\n" not in body and "\t" not in body
    for i, ch in enumerate(window):
        if not ch.isspace():
            assert body[to_new(i)] == ch
    assert to_new(len(window)) == len(body)


# --------------------------------------------------------------------------- typos while typing


@pytest.fixture(scope="module")
def article() -> tuple[Document, SearchIndex]:
    doc = load_path(None)
    return doc, SearchIndex.build(doc)


@pytest.mark.parametrize("n", range(5, len("resilliance") + 1))
def test_a_typo_in_the_word_being_typed_still_finds_it(article: tuple[Document, SearchIndex], n: int) -> None:
    doc, index = article
    query = "resilliance"[:n]
    wanted = {b.index for b in doc.blocks if "resilience" in b.text.lower()}
    result = index.search(query)
    found = [h.block_index for h in result.hits]
    assert wanted <= set(found), query
    assert all("resilien" in h.text.lower() for h in result.hits[:5]), query


@pytest.mark.parametrize("query", ["thucid", "thucidi"])
def test_a_half_typed_misspelled_name_ranks_its_paragraph_first(
    article: tuple[Document, SearchIndex], query: str
) -> None:
    hit = article[1].search(query).hits[0]
    assert "Thucydides" in hit.text
    assert matched(hit.text, hit.spans)[0].lower().startswith("thucyd")


def test_short_prefixes_are_not_fuzzy(index: SearchIndex) -> None:
    assert not index.search("spr").hits  # three letters: no typo allowed
    assert top(index, "sprt").startswith("Thucydides wrote")  # four: "spart" is one edit away


def test_exact_prefix_ranks_above_a_fuzzy_one() -> None:
    index = SearchIndex.build(make((P, "Trace amounts of metal."), (P, "Trade routes to the west.")))
    hits = index.search("trad").hits
    assert [h.text.split()[0] for h in hits] == ["Trade", "Trace"]
    assert hits[0].score > hits[1].score
