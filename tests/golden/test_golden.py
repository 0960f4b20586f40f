"""Golden tests: what the parsers make of every known document is pinned under tests/golden/.

A refactor must leave these files unchanged. A deliberate change of behaviour regenerates them
in its own commit: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/golden -q``.
Corpus files are skipped when the development corpus is not built.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import corpus_root
from tests.golden.dump import dump
from tui.model.document import Document
from tui.model.load import BUNDLED_NAME, bundled_path, load_path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = (
    "01-git-revert-faulty-merge.txt",
    "02-fhs-3.0.txt",
    "03-developers-reference.txt",
    "04-zsh-manual.info.txt",
    "05-debian-policy-relationships.html",
    "06-sphinx-rst-primer.scraped.txt",
    "07-tabulate-readme.md",
    "08-yt-dlp-readme.md",
    "09-abs-guide-changelog.latin1.txt",
    "10-maint-guide.ja.txt",
)


def _fixture_files() -> list[Path]:
    exts = {".txt", ".md", ".markdown", ".html", ".htm", ".epub"}
    return sorted(p for p in FIXTURES.rglob("*") if p.suffix in exts and p.is_file())


def cases() -> list[tuple[str, str]]:
    """(golden file name, source) for every pinned document; source is a path or 'corpus:NAME'."""
    out = [(f"article/{BUNDLED_NAME}", "article")]
    out += [(f"corpus/{name}", f"corpus:{name}") for name in CORPUS]
    for p in _fixture_files():
        rel = p.relative_to(FIXTURES)
        out.append((f"fixtures/{rel}", str(p)))
    return out


def _load(source: str) -> Document:
    if source == "article":
        path = bundled_path()
    elif source.startswith("corpus:"):
        path = corpus_root() / source.removeprefix("corpus:")
        if not path.is_file():
            pytest.skip(f"{path.name} not in the development corpus")
    else:
        path = Path(source)
    doc = load_path(path)
    return replace(doc, meta=replace(doc.meta, source=""))


@pytest.mark.parametrize(("golden", "source"), cases(), ids=[c[0] for c in cases()])
def test_parser_output_matches_golden(golden: str, source: str) -> None:
    target = HERE / (golden + ".golden")
    got = dump(_load(source), golden)
    if os.environ.get("UPDATE_GOLDEN") == "1":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(got, encoding="utf-8")
        return
    assert target.is_file(), f"no golden file {target.name}; run UPDATE_GOLDEN=1 pytest tests/golden"
    want = target.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(
            list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now", n=1))[:80]
        )
        pytest.fail(f"parser output of {golden} changed:\n{diff}")


def test_every_document_has_a_golden() -> None:
    """A new fixture needs its golden file (regenerate them), and no golden outlives its source."""
    expected = {g + ".golden" for g, _ in cases()}
    present = {str(p.relative_to(HERE)) for p in HERE.rglob("*.golden")}
    absent = {f"corpus/{n}.golden" for n in CORPUS if not (corpus_root() / n).is_file()}
    assert not (expected - present - absent), sorted(expected - present - absent)
    assert present <= expected, sorted(present - expected)
